"""Indicators: linked to the initiatives of the partner territories, with their progress per period."""
from corridor.coordination.models import Initiative
from corridor.partnerships.forms import indicator_formset
from corridor.partnerships.models import Partnership


def test_indicators_offer_the_initiatives_around_the_partner_territories(partnership, world):
    vaud = Initiative.objects.create(title="Vaud–Pristina: return", lead_organisation=world["appartenances"],
                                     territory=world["vaud"], partner_territory=world["pristina"])
    Initiative.objects.create(title="Geneva housing", lead_organisation=world["geneva_cso"], territory=world["geneva"])
    formset = indicator_formset(None, partnership)
    assert formset.forms[0].fields["initiative"].choices == [("", "---------"), (vaud.pk, "Vaud–Pristina: return")]


def test_the_page_shows_each_period_with_its_progress(client, partnership, world):
    Partnership.objects.filter(pk=partnership.pk).update(is_public=True)
    page = client.get(f"/en/partnerships/{partnership.uuid}/").content.decode()
    assert "Returnees with a plan" in page and "25%" in page  # from 0 towards 40, at 10
