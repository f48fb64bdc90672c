"""The pages participants use: who sees what, the discussion, the contribution form, following."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corridor.consultations import demo, intake, moderation
from corridor.consultations.models import Consultation, Contribution, Participant
from corridor.directory import demo as directory_demo

from .helpers import submit


@pytest.fixture
def discussion(consultation, users):
    """Two published contributions, one a reply, one anonymous, and one pending."""
    first = submit(consultation, "Question 1: Decentralised cooperation works when cities twin with the hometowns "
                                 "of their diaspora.", author_name="Marco Rossi", author_email="marco@example.org",
                   organisation_name="Comune di Esempio", country_code="IT", language="en")
    reply = submit(consultation, "Question 1: Estoy de acuerdo, los hermanamientos dan resultados.",
                   author_name="Lucía Paredes", author_email="lucia@example.org", reply_to=first, country_code="EC",
                   language="es")
    anonymous = submit(consultation, "Question 5: Les associations devraient se fédérer.",
                       author_name="Karim Secret", author_email="karim@example.org", is_anonymous=True, language="fr")
    pending = submit(consultation, "Question 2: Still waiting for the organisers.", author_name="Waiting Person",
                     author_email="wait@example.org", language="en")
    for contribution in (first, reply, anonymous):
        moderation.publish(contribution, users["vaud_admin"])
    return {"first": first, "reply": reply, "anonymous": anonymous, "pending": pending}


def detail(client, consultation, language="en", **query):
    return client.get(f"/{language}/consultations/{consultation.slug}/", query)


# Who sees what.

def test_drafts_are_invisible_to_the_public(client, consultation, users):
    consultation.status = Consultation.Status.DRAFT
    consultation.save()
    assert consultation.title not in client.get(reverse("consultations:list")).content.decode()
    assert detail(client, consultation).status_code == 404
    client.force_login(users["caritas"])
    assert detail(client, consultation).status_code == 404
    client.force_login(users["vaud_admin"])
    assert detail(client, consultation).status_code == 200
    assert consultation.title in client.get(reverse("consultations:list")).content.decode()


def test_invited_only_consultations(client, consultation, users):
    consultation.visibility = Consultation.Visibility.INVITED
    consultation.save()
    assert detail(client, consultation).status_code == 404
    client.force_login(users["caritas"])
    assert detail(client, consultation).status_code == 404
    Participant.objects.create(consultation=consultation, email=users["caritas"].email, invited=True)
    assert detail(client, consultation).status_code == 200


def test_signed_in_only_consultations(client, consultation, users):
    consultation.visibility = Consultation.Visibility.SIGNED_IN
    consultation.save()
    assert detail(client, consultation).status_code == 404
    client.force_login(users["geneva_member"])
    assert detail(client, consultation).status_code == 200


def test_list_puts_open_consultations_first(client, consultation):
    Consultation.objects.create(slug="closed-one", title="An older closed consultation", status="closed")
    body = client.get(reverse("consultations:list")).content.decode()
    assert body.index(consultation.title) < body.index("An older closed consultation")


# The consultation page.

def test_questions_in_the_readers_language(client, consultation):
    question = consultation.questions.get(number=1)
    question.translations = {"fr": {"text": "Comment les autorités locales coopèrent-elles ?"}}
    question.save()
    assert "Comment les autorités locales coopèrent-elles ?" in detail(client, consultation, "fr").content.decode()
    english = detail(client, consultation, "en").content.decode()
    assert question.text in english and "coopèrent" not in english
    assert consultation.mail_address in english


def test_discussion_is_threaded_and_protects_identities(client, consultation, discussion):
    body = detail(client, consultation).content.decode()
    first, reply = discussion["first"], discussion["reply"]
    # The reply sits inside its parent's thread.
    thread_start = body.index(f'id="c-{first.uuid}"')
    assert thread_start < body.index('class="replies"') < body.index(f'id="c-{reply.uuid}"')
    assert "Marco Rossi" in body and "Comune di Esempio" in body and "Italy" in body and "Ecuador" in body
    assert "Anonymous" in body and "Karim Secret" not in body
    assert "Still waiting for the organisers" not in body
    assert "@example.org" not in body


def test_filters_by_question_and_language(client, consultation, discussion):
    by_question = detail(client, consultation, question=5).content.decode()
    assert "se fédérer" in by_question and "hermanamientos" not in by_question
    by_language = client.get(f"/en/consultations/{consultation.slug}/", {"language": "es"}).content.decode()
    assert "hermanamientos" in by_language and "se fédérer" not in by_language


def test_contribution_permalink(client, consultation, discussion, users):
    url = reverse("consultations:contribution", args=[consultation.slug, discussion["first"].uuid])
    body = client.get(url).content.decode()
    assert "Decentralised cooperation" in body and "hermanamientos" in body  # with its replies
    pending_url = reverse("consultations:contribution", args=[consultation.slug, discussion["pending"].uuid])
    assert client.get(pending_url).status_code == 404
    client.force_login(users["vaud_admin"])
    assert client.get(pending_url).status_code == 200


def test_authors_see_their_own_pending_contribution(client, consultation, users):
    mine = submit(consultation, "Question 4: My own text.", author=users["caritas"], author_name="",
                  author_email=users["caritas"].email)
    client.force_login(users["caritas"])
    assert client.get(reverse("consultations:contribution", args=[consultation.slug, mine.uuid])).status_code == 200
    assert "My own text" in detail(client, consultation).content.decode()


def test_attachments_follow_the_contribution_rights(client, consultation, users):
    contribution = submit(consultation, "Question 3: See the plan attached.", attachments=[
        intake.IncomingAttachment("plan.pdf", "application/pdf", b"%PDF-1.4 plan")])
    document = contribution.attachments.get()
    url = reverse("consultations:attachment", args=[consultation.slug, contribution.uuid, document.pk])
    assert client.get(url).status_code == 404
    moderation.publish(contribution, users["vaud_admin"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"


# Contributing.

def visitor_form(**overrides):
    data = {"body": "Question 2: Les comités régionaux réunissent élus et associations.", "questions": ["2"],
            "language": "", "name": "Awa Diop", "email": "awa@example.org", "organisation_name": "Enda Test",
            "organisation_kind": "cso", "country": "SN", "website": ""}
    data.update(overrides)
    return data


def test_a_visitor_contributes_and_the_organisers_are_told_once(client, consultation, users, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    consultation.organisers.add(users["vaud_admin"], users["platform"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consultations:contribute", args=[consultation.slug]), visitor_form(
            is_anonymous="on", attachments=[SimpleUploadedFile("note.txt", b"Notes", content_type="text/plain")]))
    contribution = Contribution.objects.get(author_email="awa@example.org")
    assert response["Location"] == reverse("consultations:contributed", args=[consultation.slug, contribution.uuid])
    assert contribution.author_name == "Awa Diop" and contribution.is_anonymous
    assert contribution.organisation_name == "Enda Test" and contribution.organisation_kind == "cso"
    assert contribution.country_code == "SN" and contribution.channel == Contribution.Channel.WEB
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.attachments.get().filename == "note.txt"
    assert "awaits moderation" in client.get(response["Location"]).content.decode()
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].bcc) == sorted([users["vaud_admin"].email, users["platform"].email])
    assert users["vaud_admin"].email not in mailoutbox[0].to


def test_a_member_contributes_for_their_organisation(client, consultation, users, organisations):
    client.force_login(users["caritas"])
    url = reverse("consultations:contribute", args=[consultation.slug])
    form = client.get(url).content.decode()
    assert "Caritas Vaud" in form and "Centre de la Roseraie" not in form and 'name="email"' not in form
    client.post(url, {"body": "Question 4: Nous accompagnons les associations de migrants.", "questions": ["4"],
                      "organisation": organisations["caritas"].pk, "country": "CH", "website": ""})
    contribution = Contribution.objects.get(author=users["caritas"])
    assert contribution.organisation == organisations["caritas"]
    # Another organisation than one's own is refused.
    response = client.post(url, {"body": "Question 4: Autre texte.", "organisation": organisations["geneva_cso"].pk,
                                 "website": ""})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_errors_keep_what_was_typed(client, consultation):
    response = client.post(reverse("consultations:contribute", args=[consultation.slug]),
                           visitor_form(email="not-an-address"))
    body = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in body
    assert "Les comités régionaux réunissent élus et associations." in body
    assert 'value="Awa Diop"' in body and 'value="Enda Test"' in body
    assert '<option value="SN" selected>' in body
    assert not Contribution.objects.exists()


def test_a_refusal_from_intake_is_shown_on_the_form(client, consultation, monkeypatch):
    def refuse(submission):
        raise intake.Refused("Files of this kind are not accepted.")

    monkeypatch.setattr(intake, "receive", refuse)
    response = client.post(reverse("consultations:contribute", args=[consultation.slug]), visitor_form())
    body = response.content.decode()
    assert response.status_code == 200 and "Files of this kind are not accepted." in body
    assert "Les comités régionaux" in body


def test_a_duplicate_is_recognised(client, consultation):
    url = reverse("consultations:contribute", args=[consultation.slug])
    client.post(url, visitor_form())
    response = client.post(url, visitor_form(), follow=True)
    assert "We already have this contribution" in response.content.decode()
    assert Contribution.objects.count() == 1


def test_robots_filling_the_hidden_field_are_turned_away(client, consultation):
    client.post(reverse("consultations:contribute", args=[consultation.slug]), visitor_form(website="http://spam"))
    assert not Contribution.objects.exists()


def test_a_reply_is_attached_to_its_parent(client, consultation, discussion):
    parent = discussion["first"]
    url = reverse("consultations:reply", args=[consultation.slug, parent.uuid])
    assert re.search(r'value="1" id="[^"]+" checked', client.get(url).content.decode())  # the parent's question
    client.post(url, visitor_form(body="I agree with Marco.", email="other@example.org"))
    assert Contribution.objects.get(author_email="other@example.org").reply_to == parent


def test_closed_consultations_take_no_contribution(client, consultation):
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    response = client.post(reverse("consultations:contribute", args=[consultation.slug]), visitor_form())
    assert response.status_code == 302 and not Contribution.objects.exists()


def test_accounts_may_be_required(client, consultation):
    consultation.allow_anonymous = False
    consultation.save()
    response = client.get(reverse("consultations:contribute", args=[consultation.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Following.

def test_follow_unfollow_and_unsubscribe(client, consultation, users):
    client.force_login(users["caritas"])
    url = reverse("consultations:follow", args=[consultation.slug])
    client.post(url)
    participant = Participant.objects.get(consultation=consultation, email=users["caritas"].email)
    assert participant.notify and "Stop following" in detail(client, consultation).content.decode()
    client.post(url, {"action": "unfollow"})
    participant.refresh_from_db()
    assert not participant.notify
    client.post(url)
    client.logout()
    unsubscribe = reverse("consultations:unsubscribe", args=[participant.token])
    assert client.get(unsubscribe).status_code == 200
    participant.refresh_from_db()
    assert participant.notify  # looking at the page changes nothing
    client.post(unsubscribe)
    participant.refresh_from_db()
    assert not participant.notify


def test_following_needs_an_account(client, consultation):
    response = client.post(reverse("consultations:follow", args=[consultation.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Participant.objects.exists()


def test_members_without_email_cannot_follow(client, consultation):
    person = get_user_model().objects.create_user("no-mail", "", "pw")
    client.force_login(person)
    client.post(reverse("consultations:follow", args=[consultation.slug]))
    assert not Participant.objects.exists()


# The demo.

def test_the_demo_consultation_loads_once(client, db):
    directory_demo.load()
    consultation = demo.load()
    demo.load()
    contributions = consultation.contributions.all()
    assert contributions.count() == len(demo.CONTRIBUTIONS) == 10
    assert contributions.filter(status=Contribution.Status.PENDING).count() == 1
    assert set(contributions.values_list("detected_language", flat=True)) == {"en", "fr", "es"}
    santos = contributions.get(author_name="Maria Santos")
    assert [answer.question.number for answer in santos.answers.all()] == [4, 5]
    assert santos.links == ["https://example.org/resource-centre"]
    assert contributions.get(author_name="Marta Giménez").reply_to.author_name == "Daniel Okafor"
    body = detail(client, consultation, "fr").content.decode()
    assert "Promouvoir une approche territoriale" in body and "Karim" not in body
