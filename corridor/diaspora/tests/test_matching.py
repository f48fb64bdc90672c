"""Matching on a known fixture: every score below is worked out by hand from the weights (skills 40, kind 20,
sector 15, origin 15 inside / 10 covering / 5 same country, language 10; skills counted only when wanted)."""
from fractions import Fraction

import pytest

from corridor.diaspora import matching
from corridor.diaspora.matching import Opening, Person, Place

SN = Place("sn/", "SN", "Senegal")
SEDHIOU = Place("sn/sedhiou/", "SN", "Sédhiou")
GOUDOMP = Place("sn/sedhiou/goudomp/", "SN", "Goudomp")
DAKAR = Place("sn/dakar/", "SN", "Dakar")
PRISTINA = Place("xk/pristina/", "XK", "Pristina")

AWA = Person("awa", skills=frozenset({"health"}), skill_tags=frozenset({"sage-femme"}), sectors=frozenset({"health"}),
             kinds=frozenset({"philanthropy", "skills-transfer"}), origins=(SEDHIOU,), languages=frozenset({"fr", "es"}))
MOUSSA = Person("moussa", skills=frozenset({"it", "data"}), skill_tags=frozenset({"qgis"}),
                sectors=frozenset({"data", "education"}), kinds=frozenset({"skills-transfer", "volunteering"}),
                origins=(SEDHIOU,), languages=frozenset({"fr", "wo"}))
FATOU = Person("fatou", skills=frozenset({"finance"}), sectors=frozenset({"agriculture"}),
               kinds=frozenset({"investment"}), origins=(GOUDOMP,), languages=frozenset({"fr", "wo"}))
IBRAHIMA = Person("ibrahima", skills=frozenset({"engineering", "it"}), kinds=frozenset({"volunteering"}),
                  origins=(SN,), languages=frozenset({"fr", "it"}))

MATERNITY = Opening("maternity", "philanthropy", "health", SEDHIOU, skills=frozenset({"health"}),
                    skill_tags=frozenset({"sage-femme"}), languages=frozenset({"fr"}))
MIDWIVES = Opening("midwives", "skills-transfer", "health", GOUDOMP, skills=frozenset({"health", "teaching"}),
                   languages=frozenset({"fr", "wo"}))
CASHEW = Opening("cashew", "investment", "agriculture", GOUDOMP, skills=frozenset({"agriculture", "finance"}),
                 languages=frozenset({"wo"}))
BOREHOLES = Opening("boreholes", "philanthropy", "water", DAKAR, languages=frozenset({"fr"}))
NATIONAL_HOSPITALS = Opening("hospitals", "philanthropy", "health", SN, languages=frozenset({"fr"}))
PRISTINA_CLINIC = Opening("pristina", "philanthropy", "health", PRISTINA, languages=frozenset({"sq"}))
CADASTRE = Opening("cadastre", "skills-transfer", "data", SEDHIOU, skills=frozenset({"data", "it"}),
                   skill_tags=frozenset({"qgis"}), languages=frozenset({"fr"}))


def points(match) -> dict:
    return {reason.criterion: reason.points for reason in match.reasons}


def test_every_criterion_met_scores_100():
    match = matching.score(AWA, MATERNITY)
    assert match.score == 100
    assert points(match) == {"skills": 40, "kind": 20, "sector": 15, "origin": 15, "language": 10}
    skills = match.reasons[0]
    assert skills.matched == (("skill", "health"), ("tag", "sage-femme")) and skills.wanted == 2


def test_half_the_skills_and_a_project_inside_the_origin():
    match = matching.score(AWA, MIDWIVES)  # Goudomp lies inside Sédhiou; 1 of the 2 skills wanted
    assert points(match) == {"skills": 20, "kind": 20, "sector": 15, "origin": 15, "language": 10}
    assert match.score == 80


def test_a_money_project_is_scored_on_the_criteria_it_has():
    # No skills wanted: 60 points possible. Dakar is in the country of Sédhiou (5).
    match = matching.score(AWA, BOREHOLES)
    assert [reason.criterion for reason in match.reasons] == ["kind", "sector", "origin", "language"]
    assert points(match) == {"kind": 20, "sector": 0, "origin": 5, "language": 10}
    assert match.score == 58  # 35 / 60 = 58.3 %
    # A national project covers the person's region: 10 for the origin, 55 / 60 = 91.7 %.
    covering = matching.score(AWA, NATIONAL_HOSPITALS)
    assert points(covering)["origin"] == 10 and covering.reasons[2].how == "covers"
    assert covering.score == 92


def test_fractions_of_skills_round_half_up_in_the_score():
    match = matching.score(IBRAHIMA, CADASTRE)  # 1 of 3 wanted (it): 40/3; inside Senegal: 15; French: 10
    assert points(match) == {"skills": Fraction(40, 3), "kind": 0, "sector": 0, "origin": 15, "language": 10}
    assert match.score == 38  # 38.33


def test_projects_suggested_to_a_person_best_first_ties_in_the_order_given():
    ranked = matching.suggest_openings(AWA, [MATERNITY, MIDWIVES, CASHEW, BOREHOLES, NATIONAL_HOSPITALS,
                                             PRISTINA_CLINIC])
    assert [(match.opening.key, match.score) for match in ranked] == [
        ("maternity", 100), ("hospitals", 92), ("midwives", 80), ("boreholes", 58), ("pristina", 58)]
    # The cashew unit scores 15 (only the origin): below the threshold of 30, not suggested.
    assert matching.score(AWA, CASHEW).score == 15
    assert [m.opening.key for m in matching.suggest_openings(AWA, [PRISTINA_CLINIC, BOREHOLES])] == [
        "pristina", "boreholes"]
    assert len(matching.suggest_openings(AWA, [MATERNITY, MIDWIVES, NATIONAL_HOSPITALS], limit=2)) == 2


def test_people_proposed_for_a_project_best_first():
    ranked = matching.suggest_people(CADASTRE, [AWA, FATOU, IBRAHIMA, MOUSSA])
    assert [(match.person.key, match.score) for match in ranked] == [("moussa", 100), ("awa", 45), ("ibrahima", 38)]
    # Fatou: only a covering origin (10) and French (10): 20, not proposed.
    assert matching.score(FATOU, CADASTRE).score == 20


def test_a_person_without_interests_matches_nothing():
    nobody = Person("nobody", languages=frozenset({"fr"}))
    assert matching.suggest_openings(nobody, [MATERNITY, BOREHOLES, CADASTRE]) == []


@pytest.mark.parametrize("person, opening, criterion, text", [
    (AWA, MIDWIVES, "skills", "1 of the 2 skills wanted: Medicine, nursing and public health"),
    (AWA, CASHEW, "skills", "None of the 2 skills wanted"),
    (AWA, MATERNITY, "kind", "Interested in this kind of engagement: Philanthropy"),
    (AWA, MATERNITY, "sector", "Interested in this sector: Health"),
    (AWA, MIDWIVES, "origin", "In Sédhiou, a territory of origin"),
    (AWA, NATIONAL_HOSPITALS, "origin", "Covers Sédhiou, a territory of origin"),
    (AWA, BOREHOLES, "origin", "In the country of Sédhiou, a territory of origin"),
    (AWA, PRISTINA_CLINIC, "origin", "Not from this country"),
    (MOUSSA, MIDWIVES, "language", "Speaks French and Wolof"),
])
def test_each_reason_is_explained(person, opening, criterion, text):
    reason = next(r for r in matching.score(person, opening).reasons if r.criterion == criterion)
    assert matching.explain(reason) == text


def test_suggestions_from_the_database(projects, awa, moussa):
    public = [projects["maternity"], projects["cashew"], projects["cadastre"]]
    assert [(project.title, match.score) for project, match in matching.suggested_projects(awa, public)] == [
        ("Maternité régionale", 100), ("Cadastre numérique", 45)]
    assert [(profile.display_name, match.score) for profile, match in
            matching.matched_profiles(projects["cadastre"], [awa, moussa])] == [("Moussa D.", 100), ("Awa S.", 45)]
