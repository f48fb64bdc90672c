"""The checklist of the minimum elements of an agreement, on a complete partnership and on partnerships that
lack one element or several; marking final is refused while anything is missing."""
import pytest

from corridor.partnerships import agreement, lifecycle
from corridor.partnerships.models import Partnership

from .conftest import complete_partnership


def loaded(partnership) -> Partnership:
    return lifecycle.with_details(Partnership.objects.all()).get(pk=partnership.pk)


def test_a_complete_partnership_has_every_element_in_the_guidelines_order(partnership, users):
    checklist = agreement.checklist(loaded(partnership))
    assert [element.code for element in checklist] == [
        "authorities", "aim", "actions", "results", "stakeholders", "monitoring", "coherence", "sdgs", "timeline",
        "budget", "management", "governance"]
    assert all(element.done for element in checklist)
    assert agreement.is_complete(loaded(partnership))
    agreement.finalise(loaded(partnership), users["vaud_admin"])
    partnership.refresh_from_db()
    assert partnership.is_final and partnership.finalised_by == users["vaud_admin"]


@pytest.mark.parametrize("change, code, gap", [
    ({"aim": "  "}, "aim", "Write the aim of the partnership."),
    ({"expected_results": ""}, "results", "Write the expected results."),
    ({"sdg_targets": []}, "sdgs", "Name at least one SDG target."),
    ({"end_date": None}, "timeline", "Give the start and the end of the partnership."),
    ({"budget": None}, "budget", "Give the budget."),
    ({"management": ""}, "management", "Describe the management system."),
    ({"governance": ""}, "governance", "Describe the governance system."),
    ({"monitoring": ""}, "monitoring", "Describe the monitoring and evaluation system."),
])
def test_a_missing_shared_element_is_named_with_where_to_write_it(world, change, code, gap):
    partnership = complete_partnership(world, **change)
    missing = agreement.missing(loaded(partnership))
    assert [(element.code, [g.text for g in element.gaps]) for element in missing] == [(code, [gap])]
    assert missing[0].gaps[0].place == agreement.SHARED


def test_elements_of_a_side_name_the_side_that_lacks_them(world):
    partnership = complete_partnership(world)
    pristina = partnership.sides.get(territory=world["pristina"])
    pristina.authority = ""
    pristina.plan_coherence = ""
    pristina.save()
    pristina.stakeholders.all().delete()
    missing = {element.code: element.gaps for element in agreement.missing(loaded(partnership))}
    assert set(missing) == {"authorities", "stakeholders", "coherence"}
    assert [(gap.text, gap.place, gap.side.territory.name) for gap in missing["authorities"]] == [
        ("Describe the authority of Pristina.", agreement.SIDE, "Pristina")]
    assert missing["stakeholders"][0].text == "Name at least one stakeholder of Pristina."
    assert missing["coherence"][0].text == ("Name the development plan of Pristina and how the partnership "
                                            "serves it.")


def test_actions_must_exist_and_be_measurable(world):
    partnership = complete_partnership(world)
    partnership.actions.create(description="Coaching of businesses", measure="")
    missing = agreement.missing(loaded(partnership))
    assert [(e.code, [g.text for g in e.gaps]) for e in missing] == [
        ("actions", ["Say how the action “Coaching of businesses” is measured."])]
    partnership.actions.all().delete()
    assert [g.text for g in agreement.missing(loaded(partnership))[0].gaps] == ["List at least one action."]


def test_monitoring_needs_an_indicator_with_a_target(world):
    partnership = complete_partnership(world)
    partnership.indicators.get().periods.update(target=None)
    [element] = agreement.missing(loaded(partnership))
    assert element.code == "monitoring"
    assert [(gap.text, gap.place) for gap in element.gaps] == [
        ("Give at least one indicator a target for a period.", agreement.INDICATORS)]


def test_a_new_partnership_lacks_everything_and_cannot_be_final(world, users):
    partnership = lifecycle.create_partnership(title="Lausanne–Pristina", territories=[world["lausanne"],
                                                                                      world["pristina"]],
                                               user=users["vaud_admin"])
    assert len(agreement.missing(loaded(partnership))) == 12
    with pytest.raises(agreement.Incomplete) as refused:
        agreement.finalise(loaded(partnership), users["vaud_admin"])
    assert [element.code for element in refused.value.elements][:3] == ["authorities", "aim", "actions"]
    partnership.refresh_from_db()
    assert not partnership.is_final


def test_a_final_agreement_that_loses_an_element_is_a_draft_again(partnership, users):
    agreement.finalise(loaded(partnership), users["vaud_admin"])
    Partnership.objects.filter(pk=partnership.pk).update(budget=None)
    assert agreement.recheck(loaded(partnership)) is True
    partnership.refresh_from_db()
    assert not partnership.is_final
