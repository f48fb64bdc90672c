"""The template: required fields, the figures rule, translations, and the form that applies them."""
import pytest

from corridor.library import template
from corridor.library.forms import PracticeForm
from corridor.library.models import GoodPractice


@pytest.mark.parametrize("text", [
    "320 people trained", "Information in 12 languages", "Over 1,400 signatories", "45% of the participants",
    "١٢٠ مشاركا في السنة", "2 provinces and 1 municipality since 2015",
])
def test_outputs_with_a_figure(text):
    assert template.has_figure(text)


@pytest.mark.parametrize("text", ["", "Many people were reached.", "Since 2014", "From 2014 to 2016",
                                  "Une dizaine de bénévoles"])
def test_outputs_without_a_figure(text):
    assert not template.has_figure(text)


def test_an_empty_practice_lacks_every_required_field():
    problems = template.problems(GoodPractice(title=""))
    assert set(problems) == {"title", "country_code", "objectives", "activities", "outputs"}
    assert problems["title"] == "This field is required before the practice can be reviewed."


def test_a_complete_practice_has_no_problem():
    practice = GoodPractice(title="Welcome desk", country_code="CH", objectives="Welcome newcomers.",
                            activities="An information desk.", outputs="320 people welcomed.")
    assert template.problems(practice) == {}


def test_outputs_must_state_a_figure_and_the_country_must_exist():
    practice = GoodPractice(title="Welcome desk", country_code="ZZ", objectives="Welcome newcomers.",
                            activities="An information desk.", outputs="Many people were welcomed in 2024.")
    problems = template.problems(practice)
    assert set(problems) == {"outputs", "country_code"}
    assert "at least one figure" in problems["outputs"]
    assert problems["country_code"] == "“ZZ” is not an ISO 3166 country code."


def test_kosovo_is_a_country():
    assert template.is_country_code("XK")


def test_a_translation_needs_a_title_and_figures_in_its_outputs():
    assert template.translation_problems({"title": "Guichet d'accueil", "outputs": "320 personnes"}) == {}
    problems = template.translation_problems({"outputs": "Beaucoup de personnes accueillies"})
    assert set(problems) == {"title", "outputs"}


FORM_DATA = {"title": "Guichet d'accueil", "content_language": "fr", "country_code": "", "objectives": "",
             "activities": "Un guichet d'information.", "outputs": "Beaucoup de monde", "sdg_text": ""}


def test_a_draft_is_saved_incomplete_and_keeps_what_was_typed(users):
    form = PracticeForm(FORM_DATA, instance=GoodPractice(), user=users["caritas"])
    assert form.is_valid(), form.errors
    practice = form.save(users["caritas"])
    assert practice.status == GoodPractice.Status.DRAFT and practice.created_by == users["caritas"]
    assert practice.activities == "Un guichet d'information."


def test_submitting_applies_the_template_to_the_form(users):
    form = PracticeForm(FORM_DATA, instance=GoodPractice(), user=users["caritas"], complete=True)
    assert not form.is_valid()
    assert set(form.errors) == {"country_code", "objectives", "outputs"}
    assert form["activities"].value() == "Un guichet d'information."  # nothing typed is lost


def test_sdg_targets_are_checked_and_sorted(users):
    form = PracticeForm({**FORM_DATA, "sdg_text": "17.b, 10.7; 8.8 10.7"}, instance=GoodPractice(),
                        user=users["caritas"])
    assert form.is_valid(), form.errors
    assert form.save(users["caritas"]).sdg_targets == ["8.8", "10.7", "17.b"]
    wrong = PracticeForm({**FORM_DATA, "sdg_text": "10.7, 18.1, migration"}, instance=GoodPractice(),
                         user=users["caritas"])
    assert not wrong.is_valid()
    assert "18.1, migration" in wrong.errors["sdg_text"][0]


def test_a_member_links_the_practice_to_their_organisation_by_default(users, organisations):
    form = PracticeForm(instance=GoodPractice(), user=users["caritas"])
    assert form["organisations"].value() == [organisations["caritas"].pk]
    assert list(form.fields["organisations"].queryset) == [organisations["caritas"]]


def test_editing_keeps_tags_the_form_does_not_show(make_practice, users):
    practice = make_practice(terms=[("channel", "phone"), ("category", "information")])
    data = {**FORM_DATA, "country_code": "CH", "objectives": "x", "outputs": "3 desks", "categories": ["housing"]}
    form = PracticeForm(data, instance=practice, user=users["platform"])
    assert form.is_valid(), form.errors
    form.save(users["platform"])
    assert sorted((t.vocabulary, t.code) for t in practice.terms.all()) == [("category", "housing"),
                                                                            ("channel", "phone")]
