"""The consolidated report on the multilingual e-discussion of fixtures_report.py: what the analysis
finds there (counts, planted themes, places, initiatives), the background job, edits, publication
and candidate practices."""
import json

import pytest
from django.contrib.auth import get_user_model

from corridor.consultations import reporting
from corridor.consultations.models import Answer, CandidatePractice, Consultation, Contribution, Report
from corridor.library.models import GoodPractice

from .fixtures_report import e_discussion  # noqa: F401 (a fixture)

ANONYMOUS_NAMES = ("Karim Bennani", "Priya Natarajan", "Miguel Ortega", "Fernando Gómez", "John Perez")


@pytest.fixture
def data(e_discussion):  # noqa: F811
    return reporting.build_report_data(e_discussion)


@pytest.fixture
def organiser(db):
    return get_user_model().objects.create_user("organiser", "organiser@example.org", "pw-organiser-123")


@pytest.fixture
def ready_report(e_discussion, organiser):  # noqa: F811
    report = Report.objects.create(consultation=e_discussion, version=1, requested_by=organiser,
                                   parameters=reporting.default_parameters(e_discussion))
    return reporting.generate(report)


def rows(counts: list[dict]) -> dict:
    return {row["code"]: row["count"] for row in counts}


def test_overview_counts_published_contributions_only(data):
    overview = data["overview"]
    assert overview["contributions"] == 40
    assert overview["contributors"] == 38  # two people wrote twice
    assert overview["answers"] == 50
    assert rows(overview["by_language"]) == {"en": 15, "fr": 14, "es": 11}
    assert overview["by_country"][0] == {"code": "SN", "name": "Senegal", "count": 7}
    assert rows(overview["by_country"]) == {"SN": 7, "ES": 6, "EC": 4, "MA": 4, "DE": 3, "FR": 3, "PH": 3, "IT": 2,
                                            "ZW": 2, "BE": 1, "CH": 1, "GB": 1, "ML": 1, "MX": 1, "US": 1}
    assert rows(overview["by_organisation_kind"]) == {
        "local-authority": 18, "cso": 7, "migrant-association": 6, "academia": 3, "international": 2, "private": 2,
        "faith-based": 1, "trade-union": 1}
    assert overview["by_question"] == [{"number": 1, "answers": 13}, {"number": 2, "answers": 13},
                                       {"number": 3, "answers": 13}, {"number": 4, "answers": 11}]
    timeline = overview["over_time"]
    assert timeline["unit"] == "day"
    assert timeline["periods"][0] == {"start": "2024-03-04", "count": 2}
    assert {"start": "2024-03-09", "count": 0} in timeline["periods"]  # days without contributions are shown
    assert sum(period["count"] for period in timeline["periods"]) == 40
    assert [q["number"] for q in data["questions"]] == [1, 2, 3, 4]
    assert data["questions"][3]["languages"] == {"en": 5, "es": 4, "fr": 2}


def test_contributors_annex_groups_anonymous_people(data):
    contributors = data["contributors"]
    assert contributors["anonymous"] == {"contributors": 5, "contributions": 5}
    assert len(contributors["named"]) == 33
    awa = next(row for row in contributors["named"] if row["name"] == "Awa Diop")
    assert awa == {"name": "Awa Diop", "organisation": "Conseil régional de Louga",
                   "organisation_kind": "local-authority", "country": "SN", "contributions": 2}
    # Anonymous contributors are named nowhere in the report.
    dumped = json.dumps(data, ensure_ascii=False)
    assert not any(name in dumped for name in ANONYMOUS_NAMES)
    assert "Union des associations marocaines" not in dumped


def keyphrases(theme: dict) -> str:
    return " ".join(phrase for phrases in theme["keyphrases"].values() for phrase in phrases)


def test_planted_themes_are_found_across_languages(data):
    questions = {q["number"]: q for q in data["questions"]}
    for question in questions.values():
        assert 2 <= len(question["themes"]) <= 6
    diaspora = [theme for theme in questions[2]["themes"]
                if "diaspora" in keyphrases(theme) and "invest" in keyphrases(theme)]
    assert diaspora and set(diaspora[0]["languages"]) == {"en", "fr", "es"}
    cooperation, coordination = ([t for t in questions[1]["themes"] if code in t["concepts"]]
                                 for code in ("decentralised-cooperation", "coordination"))
    assert cooperation and coordination and cooperation[0] is not coordination[0]
    assert "twinning" in keyphrases(cooperation[0]) or "jumelage" in keyphrases(cooperation[0])
    returns = [t for t in questions[3]["themes"] if "return" in t["concepts"]]
    assert returns and len(set().union(*(t["languages"] for t in returns))) == 3
    courses = [t for t in questions[4]["themes"] if "language" in t["concepts"]]
    assert courses and set(courses[0]["languages"]) == {"en", "fr", "es"}
    assert "cours" in keyphrases(courses[0]) and "language" in keyphrases(courses[0])


def test_a_theme_has_excerpts_by_different_contributors_and_its_passages(data):
    published = set(Contribution.objects.filter(status="published").values_list("uuid", flat=True))
    for question in data["questions"]:
        for theme in question["themes"]:
            assert theme["label"] and theme["size"] == len(theme["passages"])
            assert sum(theme["languages"].values()) == theme["size"]
            assert 1 <= len(theme["excerpts"]) <= 3
            assert len({e["contribution"] for e in theme["excerpts"]}) == len(theme["excerpts"])
            for contribution, position, start, end in theme["passages"]:
                answer = Answer.objects.get(contribution__uuid=contribution, position=position)
                assert answer.question.number == question["number"] and answer.contribution.uuid in published
                assert 0 <= start < end <= len(answer.text)
    excerpts = [e for q in data["questions"] for t in q["themes"] for e in t["excerpts"]]
    named = next(e for e in excerpts if e["author"] == "Marco Bianchi")
    assert named["organisation"] == "Città metropolitana di Roma" and not named["anonymous"]
    assert all(e["author"] == "" and e["organisation"] == "" for e in excerpts if e["anonymous"])


def places(rows: list[dict]) -> dict:
    return {row["name"]: (row["kind"], row["country_code"]) for row in rows}


def test_planted_places_are_found_and_false_friends_are_not(data):
    found = places(data["overview"]["places"])
    assert {name: found.get(name) for name in (
        "Senegal", "Morocco", "Philippines", "Zimbabwe", "Dakar", "Louga", "Ziguinchor", "Tiznit", "Bignona",
        "Tangier", "Batangas", "Rome", "Madrid", "Munich", "Harare")} == {
        "Senegal": ("country", "SN"), "Morocco": ("country", "MA"), "Philippines": ("country", "PH"),
        "Zimbabwe": ("country", "ZW"), "Dakar": ("city", "SN"), "Louga": ("city", "SN"),
        "Ziguinchor": ("city", "SN"), "Tiznit": ("city", "MA"), "Bignona": ("city", "SN"),
        "Tangier": ("city", "MA"), "Batangas": ("city", "PH"), "Rome": ("city", "IT"), "Madrid": ("city", "ES"),
        "Munich": ("city", "DE"), "Harare": ("city", "ZW")}
    # Sentence-initial words, a town whose country nobody named, unpublished posts.
    assert not {"Nice", "Of", "Mobile", "Split", "Fatick", "Lima", "Peru", "Oslo", "Norway"} & set(found)
    louga = next(row for row in data["overview"]["places"] if row["name"] == "Louga")
    assert louga["mentions"] == 7 and len(louga["contributions"]) == 6
    assert round(louga["latitude"], 1) == 15.6 and round(louga["longitude"], 1) == -16.2
    assert "Tiznit" in places(data["questions"][1]["places"]) and "Tiznit" not in places(data["questions"][0]["places"])


def test_candidate_practices_include_the_planted_initiatives(data):
    practices = {p["actor"]: p for p in data["practices"]}
    assert {"Regional Council of Louga", "commune de Tiznit", "Ayuntamiento de Madrid", "city of Munich",
            "ville de Tanger", "Municipio de Quito"} <= set(practices)
    louga = practices["Regional Council of Louga"]
    assert louga["question"] == 3 and louga["language"] == "en" and louga["author"] == "Moussa Sow"
    assert [place["name"] for place in louga["places"]] == ["Louga"]
    assert louga["tags"] == {"category": ["reintegration"], "phase": ["return"], "target_group": ["returnees"]}
    assert practices["Ayuntamiento de Madrid"]["tags"]["category"] == ["language"]
    assert practices["commune de Tiznit"]["tags"]["target_group"] == ["diaspora"]
    scores = [p["score"] for p in data["practices"]]
    assert scores == sorted(scores, reverse=True)


def test_lessons_learned(data):
    lessons = " ".join(lesson["text"] for lesson in data["lessons"])
    assert "The main lesson learned is that language courses" in lessons
    assert "La lección aprendida es que la acogida" in lessons
    assert "La principale difficulté reste le logement" in lessons


def test_the_same_input_gives_the_same_report(e_discussion, data):  # noqa: F811
    again = reporting.build_report_data(e_discussion)
    assert json.dumps(again, sort_keys=True) == json.dumps(data, sort_keys=True)
    assert len(data["input_digest"]) == 64
    contribution = e_discussion.contributions.filter(status="published").first()
    contribution.status = Contribution.Status.REJECTED
    contribution.save()
    assert reporting.build_report_data(e_discussion)["input_digest"] != data["input_digest"]


def test_labels_are_written_in_the_language_asked_for(e_discussion, data):  # noqa: F811
    french = reporting.build_report_data(e_discussion, {"language": "fr", "max_themes": 2})
    assert french["parameters"] == {"language": "fr", "max_themes": 2}
    assert all(len(question["themes"]) <= 2 for question in french["questions"])
    for question in french["questions"]:
        for theme in question["themes"]:
            if theme["keyphrases"].get("fr"):
                assert theme["label"].lower().startswith(theme["keyphrases"]["fr"][0])


def test_requesting_a_report_runs_the_job(e_discussion, organiser,  # noqa: F811
                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = reporting.request_report(e_discussion, organiser)
    report.refresh_from_db()
    assert (report.version, report.status, report.requested_by) == (1, Report.Status.READY, organiser)
    assert report.parameters == {"language": "en", "max_themes": 6}
    assert report.generated_at and report.input_digest == report.data["input_digest"]
    assert report.data["overview"]["contributions"] == 40
    candidates = list(report.candidate_practices.select_related("contribution", "question"))
    assert [c.text for c in candidates] == [p["text"] for p in report.data["practices"]]
    louga = next(c for c in candidates if c.actor == "Regional Council of Louga")
    assert louga.contribution.author_name == "Moussa Sow" and louga.question.number == 3
    assert louga.status == CandidatePractice.Status.PROPOSED and louga.places[0]["name"] == "Louga"
    with django_capture_on_commit_callbacks(execute=True):
        assert reporting.request_report(e_discussion, organiser).version == 2


def test_a_failure_is_recorded_on_the_report(e_discussion, monkeypatch):  # noqa: F811
    def broken(consultation, parameters=None):
        raise RuntimeError("the analysis broke")

    monkeypatch.setattr(reporting, "build_report_data", broken)
    report = Report.objects.create(consultation=e_discussion, version=1)
    with pytest.raises(RuntimeError):
        reporting.generate(report)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and report.error == "RuntimeError: the analysis broke"


def test_generating_again_replaces_the_candidates(ready_report):
    count = ready_report.candidate_practices.count()
    assert count == len(ready_report.data["practices"]) > 0
    reporting.generate(ready_report)
    assert ready_report.candidate_practices.count() == count


def test_edits_are_applied_to_the_document(ready_report):
    question = ready_report.data["questions"][1]
    hidden = question["themes"][0]["excerpts"][0]["contribution"]
    reporting.save_edits(ready_report, {
        "introduction": "Forty contributions in three languages.", "conclusion": "Thanks to all.",
        "questions": {"2": {"summary": "Diaspora investment dominated.", "hidden_excerpts": [hidden],
                            "theme_labels": {"0": "Diaspora and investment"}}}})
    ready_report.refresh_from_db()
    document = reporting.document(ready_report)
    assert document["introduction"] == "Forty contributions in three languages."
    assert document["conclusion"] == "Thanks to all."
    second = document["questions"][1]
    assert second["summary"] == "Diaspora investment dominated."
    assert second["themes"][0]["label"] == "Diaspora and investment"
    assert [e["hidden"] for e in second["themes"][0]["excerpts"]] == [True] + [False] * (
        len(second["themes"][0]["excerpts"]) - 1)
    assert document["questions"][0]["summary"] == "" and document["questions"][0]["themes"][0]["label"] == \
        ready_report.data["questions"][0]["themes"][0]["label"]
    assert ready_report.data["questions"][1]["themes"][0]["label"] != "Diaspora and investment"  # data untouched


@pytest.mark.parametrize("edits, message", [
    ([], "Edits must be an object"),
    ({"preface": "x"}, "Edits must be an object"),
    ({"introduction": 3}, '"introduction" must be text'),
    ({"questions": []}, '"questions" must be an object'),
    ({"questions": {"9": {}}}, "no question 9"),
    ({"questions": {"1": {"title": "x"}}}, "may only have the keys"),
    ({"questions": {"1": {"summary": ["x"]}}}, "summary of question 1 must be text"),
    ({"questions": {"1": {"hidden_excerpts": ["not-quoted"]}}}, "must be contributions quoted in it"),
    ({"questions": {"1": {"theme_labels": {"7": "x"}}}}, "keyed by theme index"),
    ({"questions": {"1": {"theme_labels": {"0": 1}}}}, "keyed by theme index"),
])
def test_edits_of_a_wrong_shape_are_refused(ready_report, edits, message):
    with pytest.raises(ValueError, match=message):
        reporting.save_edits(ready_report, edits)
    ready_report.refresh_from_db()
    assert ready_report.edits == {}


def test_only_a_ready_report_is_published_and_it_consolidates_the_consultation(ready_report, organiser):
    queued = Report.objects.create(consultation=ready_report.consultation, version=2)
    with pytest.raises(ValueError):
        reporting.publish(queued, organiser)
    reporting.publish(ready_report, organiser)
    ready_report.refresh_from_db()
    assert ready_report.status == Report.Status.PUBLISHED and ready_report.published_by == organiser
    assert ready_report.published_at is not None
    assert Consultation.objects.get(pk=ready_report.consultation_id).status == Consultation.Status.CONSOLIDATED
    with pytest.raises(ValueError):
        reporting.publish(ready_report, organiser)  # already published


def test_accepting_a_candidate_makes_a_draft_good_practice(ready_report, organiser):
    candidate = ready_report.candidate_practices.get(actor="Regional Council of Louga")
    practice = reporting.accept_candidate(candidate, organiser)
    candidate.refresh_from_db()
    assert candidate.status == CandidatePractice.Status.ACCEPTED and candidate.practice == practice
    assert practice.status == GoodPractice.Status.DRAFT and practice.created_by == organiser
    assert practice.source_contribution == candidate.contribution
    assert practice.title == ("In 2012 the Regional Council of Louga set up a one-stop office for returning "
                              "migrants, with the support of our federation of Senegalese returnees.")[:119] \
        .rsplit(" ", 1)[0] + "…"
    assert practice.activities == candidate.text and practice.content_language == "en"
    assert (practice.country_code, practice.region) == ("SN", "Louga")
    assert practice.organisation_kind == "migrant-association"
    assert sorted((t.vocabulary, t.code) for t in practice.terms.all()) == [
        ("category", "reintegration"), ("phase", "return"), ("target_group", "returnees")]


def test_the_organiser_chooses_the_classification_or_dismisses(ready_report, organiser):
    madrid = ready_report.candidate_practices.get(actor="Ayuntamiento de Madrid")
    practice = reporting.accept_candidate(madrid, organiser, tags={"category": ["language"], "phase": ["destination"]})
    assert sorted((t.vocabulary, t.code) for t in practice.terms.all()) == [
        ("category", "language"), ("phase", "destination")]
    assert practice.country_code == "ES" and practice.content_language == "es"
    tanger = ready_report.candidate_practices.get(actor="ville de Tanger")
    reporting.dismiss_candidate(tanger)
    tanger.refresh_from_db()
    assert tanger.status == CandidatePractice.Status.DISMISSED and tanger.practice is None


def test_practice_titles_are_first_sentences_cut_at_a_word():
    assert reporting.practice_title("A short one. And more.") == "A short one."
    title = reporting.practice_title("word " * 60)
    assert len(title) <= 120 and title.endswith("word…")
