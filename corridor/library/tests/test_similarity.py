"""Similar practices on a fixture whose answer is known: two practices on language courses (one in
French with an English translation), two on returnees' businesses, one on health."""
import pytest

from corridor.library import similarity
from corridor.library.models import GoodPractice


@pytest.fixture
def practices(make_practice):
    return {
        "courses_en": make_practice(
            "Language courses for newcomers", objectives="Newcomers learn the local language quickly.",
            activities="Volunteer teachers give evening language courses in small groups.",
            outputs="120 learners a year.", terms=[("category", "language"), ("phase", "destination")],
            sectors=["education"]),
        "courses_fr": make_practice(
            "Des cours de langue du soir", content_language="fr",
            objectives="Les nouveaux arrivants apprennent vite la langue.",
            activities="Des enseignants bénévoles donnent des cours de langue le soir en petits groupes.",
            outputs="80 apprenants par an.", terms=[("category", "language"), ("phase", "destination")],
            sectors=["education"], translations={"en": {"title": "Evening language courses"}}),
        "business": make_practice(
            "Business start-up support for returnees", objectives="Returnees invest their savings in a business.",
            activities="Advisers help returnees write a business plan and find credit.",
            outputs="45 businesses created.", terms=[("category", "business"), ("phase", "return")],
            sectors=["local-economic-development"]),
        "remittances": make_practice(
            "Remittances invested in local businesses", objectives="Channel remittances into local businesses.",
            activities="A fund matches the diaspora's investments in small businesses back home.",
            outputs="30 businesses funded.", terms=[("category", "business"), ("phase", "return")],
            sectors=["local-economic-development", "finance"]),
        "health": make_practice(
            "A health centre open to everyone", objectives="Care without conditions of status.",
            activities="Nurses see patients without an appointment.", outputs="2,000 consultations.",
            terms=[("category", "health")], sectors=["health"]),
    }


def titles(ranked):
    return [practice.title for practice, _score in ranked]


def test_the_most_similar_practice_comes_first(practices):
    assert titles(similarity.similar(practices["courses_en"]))[0] == "Des cours de langue du soir"
    assert titles(similarity.similar(practices["business"]))[0] == "Remittances invested in local businesses"
    assert titles(similarity.similar(practices["remittances"]))[0] == "Business start-up support for returnees"


def test_scores_are_ordered_and_unrelated_practices_score_low(practices):
    ranked = similarity.similar(practices["courses_en"], limit=4)
    scores = [score for _practice, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[0] <= 1
    assert "A health centre open to everyone" not in titles(ranked[:2])


def test_a_draft_is_compared_with_the_published_practices(practices, make_practice):
    draft = make_practice("Night classes in the local language", status=GoodPractice.Status.DRAFT,
                          activities="Volunteer teachers give language courses at night.",
                          terms=[("category", "language")], sectors=["education"])
    ranked = titles(similarity.similar(draft))
    assert draft.title not in ranked
    assert set(ranked[:2]) == {"Language courses for newcomers", "Des cours de langue du soir"}


def test_a_change_is_seen_at_once(practices):
    health = practices["health"]
    assert titles(similarity.similar(practices["courses_en"]))[0] == "Des cours de langue du soir"
    health.activities = "Volunteer teachers give evening language courses in small groups to newcomers."
    health.save()
    health.terms.add(*practices["courses_en"].terms.all())
    assert "A health centre open to everyone" in titles(similarity.similar(practices["courses_en"]))[:2]


def test_a_library_with_one_practice_has_no_similar_practice(make_practice):
    assert similarity.similar(make_practice()) == []
