from corridor.learning import participation
from corridor.learning.models import Module

URL = "/api/v1/learning/modules/"


def test_published_modules_with_topics_case_studies_and_points(client, module, practices):
    listed = client.get(URL).json()
    assert [item["slug"] for item in listed["results"]] == ["welcome-services"]
    found = client.get(f"{URL}welcome-services/").json()
    first = found["topics"][0]
    assert (first["order"], first["slug"], first["phase"]) == (1, "01-arrival", "destination")
    assert [section["heading"] for section in first["sections"]] == ["", "Sessions and packs", "Involving diasporas"]
    assert first["case_studies"] == [str(practices["phone"].uuid)]
    assert [point["number"] for point in first["points_for_reflection"]] == [1, 2]
    assert first["points_for_reflection"][0]["translations"]["fr"]["guidance"] == "Pensez aux trois premières semaines."


def test_drafts_are_hidden_and_progress_is_ones_own(client, module, people):
    enrolment = participation.enrol(module, people["amina"])
    participation.answer(enrolment, module.reflection.questions.first(), "The bus lines.")
    assert client.get(f"{URL}welcome-services/progress/").status_code in (401, 403)
    client.force_login(people["amina"])
    assert client.get(f"{URL}welcome-services/progress/").json() == {
        "topics": 2, "topics_read": 0, "points": 3, "points_answered": 1, "complete": False}
    client.force_login(people["bruno"])
    assert client.get(f"{URL}welcome-services/progress/").status_code == 404
    Module.objects.filter(pk=module.pk).update(status=Module.Status.DRAFT)
    assert client.get(f"{URL}welcome-services/").status_code == 404
