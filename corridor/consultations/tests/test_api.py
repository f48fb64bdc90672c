"""The consultations API: reading what one may read, contributing with a write-scoped token."""
import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from corridor.accounts.models import ApiToken
from corridor.accounts.tests.clients import bearer
from corridor.consultations import moderation
from corridor.consultations.models import Consultation, Contribution

from .helpers import submit

CONSULTATIONS = "/api/v1/consultations/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def published(consultation, users):
    named = submit(consultation, "Question 1: Twinning with hometowns works.", author_name="Marco Rossi",
                   author_email="marco@example.org", country_code="IT", language="en")
    hidden = submit(consultation, "Question 4: Les associations se fédèrent.", author_name="Karim Secret",
                    author_email="karim@example.org", is_anonymous=True, language="fr")
    submit(consultation, "Question 2: Not yet moderated.", author_email="wait@example.org")
    for contribution in (named, hidden):
        moderation.publish(contribution, users["vaud_admin"])
    return {"named": named, "hidden": hidden}


def test_consultations_readable_by_the_requester(api, consultation, users):
    draft = Consultation.objects.create(slug="draft-one", title="Draft", territory=consultation.territory)
    response = api.get(CONSULTATIONS)
    assert [item["slug"] for item in response.json()["results"]] == ["m4d"]
    assert api.get(f"{CONSULTATIONS}draft-one/").status_code == 404
    item = api.get(f"{CONSULTATIONS}m4d/").json()
    assert item["mail_address"] == consultation.mail_address and item["accepting"] is True
    assert [question["number"] for question in item["questions"]] == [1, 2, 3, 4, 5]
    assert [question["round"] for question in item["questions"]] == [1, 1, 1, 2, 2]
    assert [round_["title"] for round_ in item["rounds"]] == ["Week 1", "Week 2"]
    organiser = bearer(users["vaud_admin"], ApiToken.Scope.READ)
    assert organiser.get(f"{CONSULTATIONS}{draft.slug}/").status_code == 200


def test_published_contributions_reveal_no_address_nor_anonymous_names(api, consultation, published):
    response = api.get(f"{CONSULTATIONS}m4d/contributions/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "@example.org" not in text and "Karim Secret" not in text and "Not yet moderated" not in text
    by_uuid = {item["uuid"]: item for item in response.json()["results"]}
    named = by_uuid[str(published["named"].uuid)]
    assert named["author"] == "Marco Rossi" and named["country"] == "IT" and named["language"] == "en"
    assert named["answers"] == [{"question": 1, "text": "Twinning with hometowns works."}]
    assert named["url"].endswith(f"/consultations/m4d/contributions/{published['named'].uuid}/")
    assert by_uuid[str(published["hidden"].uuid)]["author"] == "Anonymous"
    only_french = api.get(f"{CONSULTATIONS}m4d/contributions/", {"language": "fr"}).json()["results"]
    assert [item["uuid"] for item in only_french] == [str(published["hidden"].uuid)]
    only_question_1 = api.get(f"{CONSULTATIONS}m4d/contributions/", {"question": 1}).json()["results"]
    assert [item["uuid"] for item in only_question_1] == [str(published["named"].uuid)]


def test_contributing_with_a_write_token(consultation, users, organisations, mailoutbox,
                                         django_capture_on_commit_callbacks):
    consultation.organisers.add(users["vaud_admin"])
    client = bearer(users["caritas"])
    payload = {"body": "Question 4: We run a mentoring programme with the diaspora.\n\nQuestion 5: Councils.",
               "organisation": str(organisations["caritas"].uuid), "country": "ch"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{CONSULTATIONS}m4d/contributions/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] is True and body["status"] == "pending"
    assert [answer["question"] for answer in body["answers"]] == [4, 5]
    contribution = Contribution.objects.get(uuid=body["uuid"])
    assert contribution.channel == Contribution.Channel.API and contribution.author == users["caritas"]
    assert contribution.organisation == organisations["caritas"] and contribution.country_code == "CH"
    assert len(mailoutbox) == 1  # the organisers are told
    again = client.post(f"{CONSULTATIONS}m4d/contributions/", payload, format="json")
    assert again.status_code == 200 and again.json()["created"] is False and again.json()["uuid"] == body["uuid"]
    assert Contribution.objects.count() == 1


def test_contributing_needs_a_write_token(api, consultation, users):
    payload = {"body": "Question 1: Text."}
    assert api.post(f"{CONSULTATIONS}m4d/contributions/", payload, format="json").status_code == 401
    read_only = bearer(users["caritas"], ApiToken.Scope.READ)
    assert read_only.post(f"{CONSULTATIONS}m4d/contributions/", payload, format="json").status_code == 403
    assert not Contribution.objects.exists()


def test_refusals_and_invalid_contributions_answer_400(consultation, users, organisations):
    client = bearer(users["caritas"])
    url = f"{CONSULTATIONS}m4d/contributions/"
    refused = client.post(url, {"body": "> Only quoting someone else."}, format="json")  # nothing of one's own
    assert refused.status_code == 400 and refused.json() == {"detail": "The contribution is empty."}
    not_mine = client.post(url, {"body": "Text", "organisation": str(organisations["geneva_cso"].uuid)},
                           format="json")
    assert not_mine.status_code == 400 and "organisation" in not_mine.json()
    assert client.post(url, {"body": "Text", "country": "ZZ"}, format="json").status_code == 400
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    assert client.post(url, {"body": "Text"}, format="json").status_code == 403
    assert not Contribution.objects.exists()


def test_a_reply_through_the_api(consultation, users, published):
    client = bearer(users["caritas"])
    response = client.post(f"{CONSULTATIONS}m4d/contributions/",
                           {"body": "I agree.", "reply_to": str(published["named"].uuid)}, format="json")
    assert response.status_code == 201 and response.json()["reply_to"] == str(published["named"].uuid)


def test_the_schema_documents_the_endpoints(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(path), "--validate", "--fail-on-warn")
    schema = path.read_text()
    assert "/api/v1/consultations/{slug}/contributions/" in schema
