"""Organisers publish, reject and correct contributions; nobody else can."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from corridor.consultations import moderation
from corridor.consultations.models import Consultation, Contribution, Question

from .helpers import submit


@pytest.fixture
def pending(consultation):
    return submit(consultation, "Question 1: Les communes devraient coopérer entre elles.\n\n"
                                "Question 3: Le plan local de Louga cite la diaspora.", language="fr")


def test_organisers_publish_and_the_author_is_told(pending, users, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.publish(pending, users["vaud_admin"]) is True
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.PUBLISHED
    assert pending.moderated_by == users["vaud_admin"] and pending.moderated_at is not None
    assert [message.to for message in mailoutbox] == [["awa@example.org"]]
    assert str(pending.uuid) in mailoutbox[0].body
    # Publishing again changes nothing and tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.publish(pending, users["vaud_admin"]) is False
    assert len(mailoutbox) == 1


def test_only_organisers_moderate(pending, users):
    for person in (users["geneva_admin"], users["caritas"]):
        with pytest.raises(PermissionDenied):
            moderation.publish(pending, person)
        with pytest.raises(PermissionDenied):
            moderation.reject(pending, person, "Off topic")
        with pytest.raises(PermissionDenied):
            moderation.correct_language(pending, "es", person)
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.PENDING and pending.language == "fr"


def test_rejecting_needs_a_reason_which_the_author_receives(pending, users, mailoutbox,
                                                            django_capture_on_commit_callbacks):
    with pytest.raises(ValueError):
        moderation.reject(pending, users["vaud_admin"], "   ")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(pending, users["vaud_admin"], "Please answer the questions of this week.")
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.REJECTED
    assert pending.rejection_reason == "Please answer the questions of this week."
    assert "Please answer the questions of this week." in mailoutbox[0].body


def test_language_correction_keeps_the_detected_language(pending, users):
    detected = pending.detected_language
    moderation.correct_language(pending, "es", users["vaud_admin"])
    pending.refresh_from_db()
    assert pending.language == "es" and pending.detected_language == detected
    with pytest.raises(ValueError):
        moderation.correct_language(pending, "xx-nonsense", users["vaud_admin"])


def test_answers_are_reassigned_within_the_consultation(pending, consultation, users):
    answer = pending.answers.get(question__number=3)
    moderation.reassign_answer(answer, consultation.questions.get(number=4), users["vaud_admin"])
    answer.refresh_from_db()
    assert answer.question.number == 4
    moderation.reassign_answer(answer, None, users["vaud_admin"])
    answer.refresh_from_db()
    assert answer.question is None
    other = Consultation.objects.create(slug="other", title="Other", status="open")
    with pytest.raises(ValueError):
        moderation.reassign_answer(answer, Question.objects.create(consultation=other, number=1, text="?"),
                                   users["vaud_admin"])


def test_opening_closing_and_reopening(consultation, users):
    consultation.status = Consultation.Status.DRAFT
    consultation.save()
    moderation.change_status(consultation, Consultation.Status.OPEN, users["vaud_admin"])
    moderation.change_status(consultation, Consultation.Status.CLOSED, users["vaud_admin"])
    moderation.change_status(consultation, Consultation.Status.OPEN, users["vaud_admin"])
    with pytest.raises(ValueError):
        moderation.change_status(consultation, Consultation.Status.CONSOLIDATED, users["vaud_admin"])
    with pytest.raises(PermissionDenied):
        moderation.change_status(consultation, Consultation.Status.CLOSED, users["geneva_admin"])


# The moderation queue.

def test_the_queue_lists_pending_contributions_oldest_first_to_organisers_only(client, consultation, pending, users):
    later = submit(consultation, "Question 2: A national platform of local governments helps.", author_name="Ana",
                   author_email="ana@example.org", is_anonymous=True)
    url = reverse("consultations:moderation", args=[consultation.slug])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(users["geneva_admin"])
    assert client.get(url).status_code == 403
    client.force_login(users["vaud_admin"])
    body = client.get(url).content.decode()
    assert body.index(str(pending.uuid)) < body.index(str(later.uuid))
    # Organisers see who wrote an anonymous contribution, and its address.
    assert "Ana" in body and "ana@example.org" in body


def test_publish_and_reject_from_the_queue(client, consultation, pending, users, mailoutbox,
                                           django_capture_on_commit_callbacks):
    client.force_login(users["vaud_admin"])
    reject = reverse("consultations:reject", args=[consultation.slug, pending.uuid])
    response = client.post(reject, {"reason": ""}, follow=True)
    assert "Give the reason" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultations:publish", args=[consultation.slug, pending.uuid]))
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.PUBLISHED and len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reject, {"reason": "Duplicate of an e-mail."})
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.REJECTED and "Duplicate of an e-mail." in mailoutbox[1].body


def test_bulk_publish(client, consultation, pending, users):
    other = submit(consultation, "Question 5: Migrant associations should federate.", author_email="b@example.org")
    client.force_login(users["vaud_admin"])
    client.post(reverse("consultations:publish-selected", args=[consultation.slug]),
                {"contributions": [str(pending.uuid), str(other.uuid)]})
    assert set(consultation.contributions.values_list("status", flat=True)) == {Contribution.Status.PUBLISHED}


def test_non_organisers_cannot_post_decisions(client, consultation, pending, users):
    client.force_login(users["caritas"])
    answer = pending.answers.first()
    for url, data in [
        (reverse("consultations:publish", args=[consultation.slug, pending.uuid]), {}),
        (reverse("consultations:reject", args=[consultation.slug, pending.uuid]), {"reason": "No"}),
        (reverse("consultations:correct-language", args=[consultation.slug, pending.uuid]), {"language": "es"}),
        (reverse("consultations:reassign-answer", args=[consultation.slug, answer.pk]), {"question": ""}),
        (reverse("consultations:publish-selected", args=[consultation.slug]), {"contributions": [str(pending.uuid)]}),
    ]:
        assert client.post(url, data).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.PENDING and pending.language == "fr"


def test_language_and_question_corrections_from_the_queue(client, consultation, pending, users):
    client.force_login(users["vaud_admin"])
    client.post(reverse("consultations:correct-language", args=[consultation.slug, pending.uuid]), {"language": "es"})
    answer = pending.answers.get(question__number=1)
    question = consultation.questions.get(number=2)
    response = client.post(reverse("consultations:reassign-answer", args=[consultation.slug, answer.pk]),
                           {"question": question.pk})
    assert response["Location"].endswith(f"#c-{pending.uuid}")
    pending.refresh_from_db()
    answer.refresh_from_db()
    assert pending.language == "es" and answer.question == question
