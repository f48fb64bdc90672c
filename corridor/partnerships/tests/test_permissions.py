"""Rights enforced on the server: a territory's administrators write only their side; the shared part is
written by the administrators of any partner territory; others get 403; the public reads public partnerships."""
import pytest
from django.contrib.auth import get_user_model

from corridor.accounts.models import TerritoryAdministrator
from corridor.partnerships.models import Corridor, Partnership, PartnershipSide
from corridor.territories.models import Territory


@pytest.fixture
def outsider(world):
    """The administrator of a territory that is not a partner."""
    france = Territory.objects.create(name="France", kind="country", country_code="FR", slug="fr")
    user = get_user_model().objects.create_user("paris-admin", "admin@paris.example.org", "pw-paris-123")
    TerritoryAdministrator.objects.create(user=user, territory=france)
    return user


def side_data(side, **changes) -> dict:
    """The side page's form as the browser sends it, with `changes`."""
    data = {"side-authority": side.authority, "side-development_plan": side.development_plan,
            "side-plan_coherence": side.plan_coherence, "side-mandate": side.mandate, "side-mandate_date": "",
            "side-signatory_name": side.signatory_name, "side-signatory_title": side.signatory_title,
            "side-signatory_term_ends": side.signatory_term_ends.isoformat()}
    for prefix, rows in (("contacts", side.contacts.all()), ("stakeholders", side.stakeholders.all())):
        data.update({f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows)),
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    for index, contact in enumerate(side.contacts.all()):
        data.update({f"contacts-{index}-id": str(contact.pk), f"contacts-{index}-name": contact.name,
                     f"contacts-{index}-function": contact.function})
    for index, stakeholder in enumerate(side.stakeholders.all()):
        data.update({f"stakeholders-{index}-id": str(stakeholder.pk),
                     f"stakeholders-{index}-organisation": str(stakeholder.organisation_id),
                     f"stakeholders-{index}-role": stakeholder.role,
                     f"stakeholders-{index}-contact_person": stakeholder.contact_person})
    data.update({f"side-{name}": value for name, value in changes.items()})
    return data


def test_a_territory_admin_edits_its_own_side(client, partnership, world):
    lausanne = partnership.sides.get(territory=world["lausanne"])
    client.force_login(world["vaud_admin"])  # Vaud contains Lausanne
    response = client.post(f"/en/partnerships/{partnership.uuid}/sides/{lausanne.pk}/",
                           side_data(lausanne, mandate="Municipal decision 2026/7"))
    assert response.status_code == 302
    lausanne.refresh_from_db()
    assert lausanne.mandate == "Municipal decision 2026/7"


def test_a_territory_admin_cannot_edit_the_other_side(client, partnership, world):
    pristina = partnership.sides.get(territory=world["pristina"])
    client.force_login(world["vaud_admin"])
    assert client.get(f"/en/partnerships/{partnership.uuid}/sides/{pristina.pk}/").status_code == 403
    response = client.post(f"/en/partnerships/{partnership.uuid}/sides/{pristina.pk}/",
                           side_data(pristina, mandate="Forged resolution"))
    assert response.status_code == 403
    pristina.refresh_from_db()
    assert pristina.mandate == "Council resolution 14/2025"
    client.force_login(world["pristina_admin"])
    lausanne = partnership.sides.get(territory=world["lausanne"])
    assert client.post(f"/en/partnerships/{partnership.uuid}/sides/{lausanne.pk}/",
                       side_data(lausanne, mandate="")).status_code == 403
    assert client.get(f"/en/partnerships/{partnership.uuid}/sides/{pristina.pk}/").status_code == 200


def test_shared_fields_are_written_by_any_partner_admin_only(client, partnership, world, outsider):
    client.force_login(world["pristina_admin"])
    assert client.get(f"/en/partnerships/{partnership.uuid}/edit/").status_code == 200
    assert client.get(f"/en/partnerships/{partnership.uuid}/indicators/").status_code == 200
    for user in (outsider, world["geneva_admin"], world["caritas"]):
        client.force_login(user)
        assert client.get(f"/en/partnerships/{partnership.uuid}/edit/").status_code == 403
        assert client.post(f"/en/partnerships/{partnership.uuid}/agreement/final/").status_code == 403
        assert client.post(f"/en/partnerships/{partnership.uuid}/stage/",
                           {"stage": "mission", "started_on": "2026-01-01"}).status_code == 403
    partnership.refresh_from_db()
    assert not partnership.is_final and partnership.stage == "drafting"


def test_the_shared_page_saves_for_a_partner_admin(client, partnership, world):
    client.force_login(world["pristina_admin"])
    page = client.get(f"/en/partnerships/{partnership.uuid}/edit/")
    form = page.context["editor"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"aim": "A new shared aim.", "sdg_text": "17.17, 10.7", "sectors": ["governance", "education"],
                 "agreement_languages": ["en", "fr"], "start_date": "2026-01-01", "end_date": "2028-12-31",
                 "planned_signature_date": "2026-12-15", "actions-TOTAL_FORMS": "0", "actions-INITIAL_FORMS": "0",
                 "actions-MIN_NUM_FORMS": "0", "actions-MAX_NUM_FORMS": "1000"})
    response = client.post(f"/en/partnerships/{partnership.uuid}/edit/", data)
    assert response.status_code == 302, response.context["editor"].form.errors
    partnership.refresh_from_db()
    assert partnership.aim == "A new shared aim." and partnership.sdg_targets == ["10.7", "17.17"]


def test_the_public_reads_public_partnerships_only(client, partnership, world, outsider):
    assert client.get(f"/en/partnerships/{partnership.uuid}/").status_code == 404
    assert client.get(f"/en/partnerships/{partnership.uuid}/agreement-en.docx").status_code == 404
    assert partnership.title not in client.get("/en/partnerships/").content.decode()
    client.force_login(outsider)
    assert client.get(f"/en/partnerships/{partnership.uuid}/").status_code == 403
    client.logout()
    Partnership.objects.filter(pk=partnership.pk).update(is_public=True)
    assert client.get(f"/en/partnerships/{partnership.uuid}/").status_code == 200
    assert partnership.title in client.get("/en/partnerships/").content.decode()
    assert client.get(f"/en/partnerships/{partnership.uuid}/edit/").status_code == 302  # to sign in


def test_a_partner_admin_reads_its_private_partnership(client, partnership, world):
    client.force_login(world["pristina_admin"])
    page = client.get(f"/en/partnerships/{partnership.uuid}/")
    assert page.status_code == 200
    # Only its own side offers an edit link.
    pristina = partnership.sides.get(territory=world["pristina"])
    lausanne = partnership.sides.get(territory=world["lausanne"])
    assert f"/sides/{pristina.pk}/" in page.content.decode() and f"/sides/{lausanne.pk}/" not in page.content.decode()


def test_corridors_are_edited_by_the_administrators_of_either_end(client, corridor, world, outsider):
    for user, expected in ((world["vaud_admin"], 200), (world["pristina_admin"], 200), (outsider, 403),
                           (world["geneva_admin"], 403), (world["caritas"], 403)):
        client.force_login(user)
        assert client.get(f"/en/partnerships/corridors/{corridor.uuid}/edit/").status_code == expected
        assert client.get(f"/en/partnerships/corridors/{corridor.uuid}/import/").status_code == expected
    client.force_login(outsider)
    assert client.post(f"/en/partnerships/corridors/{corridor.uuid}/draft/").status_code == 403
    assert not Partnership.objects.exists()
    client.logout()
    assert client.get(f"/en/partnerships/corridors/{corridor.uuid}/").status_code == 200


def test_a_new_corridor_needs_an_end_the_creator_administers(client, world, outsider):
    client.force_login(outsider)
    data = {"origin": world["pristina"].pk, "destination": world["lausanne"].pk, "content_language": "en",
            "figures-TOTAL_FORMS": "0", "figures-INITIAL_FORMS": "0", "figures-MIN_NUM_FORMS": "0",
            "figures-MAX_NUM_FORMS": "1000"}
    page = client.post("/en/partnerships/corridors/new/", data)
    assert page.status_code == 200 and "Choose a corridor with one end in a territory you administer." in \
        page.content.decode()
    client.force_login(world["vaud_admin"])
    assert client.post("/en/partnerships/corridors/new/", data).status_code == 302
    assert Corridor.objects.get().created_by == world["vaud_admin"]


def test_sectors_of_interest_are_recorded_by_the_territory_admins(client, world):
    client.force_login(world["geneva_admin"])
    assert client.post("/en/partnerships/interests/?territory=ch/vaud/lausanne/",
                       {"sectors": ["health"]}).status_code == 403
    client.force_login(world["vaud_admin"])
    assert client.post("/en/partnerships/interests/?territory=ch/vaud/lausanne/",
                       {"sectors": ["health", "housing"]}).status_code == 302
    assert world["lausanne"].cooperation_interest.sectors == ["health", "housing"]


def test_a_side_is_added_by_a_partner_admin(client, partnership, world):
    client.force_login(world["pristina_admin"])
    response = client.post(f"/en/partnerships/{partnership.uuid}/sides/add/", {"territory": world["geneva"].pk})
    assert response.status_code == 302
    assert PartnershipSide.objects.filter(partnership=partnership, territory=world["geneva"]).exists()
    # Geneva's administrators now write its side, and only theirs.
    geneva = partnership.sides.get(territory=world["geneva"])
    client.force_login(world["geneva_admin"])
    assert client.get(f"/en/partnerships/{partnership.uuid}/sides/{geneva.pk}/").status_code == 200
    lausanne = partnership.sides.get(territory=world["lausanne"])
    assert client.get(f"/en/partnerships/{partnership.uuid}/sides/{lausanne.pk}/").status_code == 403
