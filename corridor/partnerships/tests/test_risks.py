"""Each risk flag drawn from the Batangas–Rome lesson, and none on a partnership without those risks."""
from datetime import date

from corridor.partnerships import lifecycle, risks
from corridor.partnerships.models import Partnership


def found(partnership) -> list[tuple]:
    loaded = lifecycle.with_details(Partnership.objects.all()).get(pk=partnership.pk)
    return [(risk.code, risk.side.territory.name if risk.side else None) for risk in risks.risks(loaded)]


def explanations(partnership) -> list[str]:
    loaded = lifecycle.with_details(Partnership.objects.all()).get(pk=partnership.pk)
    return [risk.explanation for risk in risks.risks(loaded)]


def test_a_partnership_with_two_contacts_a_mandate_and_time_to_sign_has_no_risk(partnership):
    assert found(partnership) == []


def test_a_side_with_one_contact_person_depends_on_a_single_person(partnership, world):
    partnership.sides.get(territory=world["pristina"]).contacts.filter(name="Besnik Mala").delete()
    assert found(partnership) == [("single-person", "Pristina")]
    assert explanations(partnership)[0].startswith(
        "Only one contact person is recorded for Pristina (Vjosa Hoxha): if they leave their post, the partnership "
        "stops with them.")


def test_a_side_without_contact_person_is_flagged_too(partnership, world):
    partnership.sides.get(territory=world["lausanne"]).contacts.all().delete()
    assert found(partnership) == [("single-person", "Lausanne")]
    assert explanations(partnership)[0].startswith("No contact person is recorded for Lausanne.")


def test_every_stakeholder_held_by_the_same_person_depends_on_a_single_person(partnership):
    for side in partnership.sides.all():
        side.stakeholders.update(contact_person=" rosa  Dimaculangan ")
    partnership.sides.first().stakeholders.update(contact_person="Rosa Dimaculangan")
    assert found(partnership) == [("single-person", None)]
    assert "Every stakeholder has the same contact person, Rosa Dimaculangan" in explanations(partnership)[0]


def test_a_side_without_legal_mandate_or_resolution_is_flagged(partnership, world):
    partnership.sides.filter(territory=world["pristina"]).update(mandate=" ")
    assert found(partnership) == [("no-mandate", "Pristina")]
    assert explanations(partnership)[0].startswith(
        "No legal mandate or council resolution is recorded for Pristina.")


def test_a_term_of_office_ending_before_the_planned_signature_is_flagged(partnership, world):
    partnership.sides.filter(territory=world["lausanne"]).update(signatory_term_ends=date(2026, 11, 30))
    assert found(partnership) == [("term-ends", "Lausanne")]
    assert explanations(partnership)[0].startswith(
        "The term of office of Marie Fontaine (Lausanne) ends on Nov. 30, 2026, before the planned signature on "
        "Dec. 15, 2026.")


def test_the_term_of_office_matters_only_before_signature_and_with_a_planned_date(partnership, world):
    partnership.sides.filter(territory=world["lausanne"]).update(signatory_term_ends=date(2026, 11, 30))
    Partnership.objects.filter(pk=partnership.pk).update(stage=Partnership.Stage.IMPLEMENTATION)
    assert found(partnership) == []
    Partnership.objects.filter(pk=partnership.pk).update(stage=Partnership.Stage.DRAFTING,
                                                         planned_signature_date=None)
    assert found(partnership) == []
