"""E-mails about a consultation: to whom, in which language, with which links, revealing nothing."""
from corridor.accounts.models import Profile
from corridor.consultations import notifications
from corridor.consultations.models import Participant, Report

from .helpers import submit


def test_followers_are_written_to_one_by_one_in_their_language(consultation, mailoutbox):
    french = Participant.objects.create(consultation=consultation, email="fr@example.org", language="fr")
    Participant.objects.create(consultation=consultation, email="es@example.org", language="es")
    Participant.objects.create(consultation=consultation, email="stopped@example.org", notify=False)
    assert notifications.consultation_opened(consultation) == 2
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"fr@example.org", "es@example.org"}
    message = by_address["fr@example.org"]
    assert "http://127.0.0.1:8000/fr/consultations/m4d/" in message.body
    unsubscribe = f"http://127.0.0.1:8000/fr/consultations/unsubscribe/{french.token}/"
    assert unsubscribe in message.body and message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert consultation.mail_address in message.body
    assert "es@example.org" not in message.body and not message.bcc


def test_links_start_with_the_configured_address(consultation, mailoutbox, settings):
    settings.CORRIDOR_BASE_URL = "https://corridor.example.org/"
    Participant.objects.create(consultation=consultation, email="someone@example.org")
    notifications.consultation_opened(consultation)
    assert "https://corridor.example.org/en/consultations/m4d/" in mailoutbox[0].body


def test_report_published_links_to_the_public_report(consultation, users, mailoutbox):
    Participant.objects.create(consultation=consultation, email="someone@example.org")
    report = Report.objects.create(consultation=consultation, version=1, status=Report.Status.PUBLISHED)
    notifications.report_published(report)
    assert "/en/consultations/m4d/report/" in mailoutbox[0].body


def test_a_contributor_who_stopped_e_mails_is_not_told_of_moderation(consultation, mailoutbox):
    contribution = submit(consultation, "Question 1: Some text.", author_email="quiet@example.org")
    Participant.objects.filter(email="quiet@example.org").update(notify=False)
    assert notifications.contribution_published(contribution) == 0
    contribution.author_email = ""
    assert notifications.contribution_published(contribution) == 0  # no address, nobody to tell
    assert mailoutbox == []


def test_members_are_written_to_at_their_account_address_in_their_language(consultation, users, mailoutbox):
    Profile.objects.create(user=users["caritas"], language="es")
    contribution = submit(consultation, "Question 2: Texto de un miembro.", author=users["caritas"], author_name="",
                          author_email="")
    notifications.contribution_published(contribution)
    assert mailoutbox[0].to == [users["caritas"].email]
    assert f"/es/consultations/m4d/contributions/{contribution.uuid}/" in mailoutbox[0].body


def test_organisers_get_a_single_e_mail_per_contribution_without_the_authors_identity(consultation, users,
                                                                                      mailoutbox):
    consultation.organisers.add(users["vaud_admin"], users["platform"])
    consultation.created_by = users["vaud_admin"]
    consultation.save()
    contribution = submit(consultation, "Question 3: Anonymous idea.", author_name="Hidden Name",
                          author_email="hidden@example.org", is_anonymous=True)
    assert notifications.contribution_awaits_moderation(contribution) == 1
    message = mailoutbox[0]
    assert sorted(message.bcc) == sorted([users["vaud_admin"].email, users["platform"].email])
    assert message.to == [message.from_email]
    assert "Anonymous idea" in message.body and "/en/consultations/m4d/organise/moderation/" in message.body
    assert "Hidden Name" not in message.body and "hidden@example.org" not in message.body


def test_without_named_organisers_the_territory_administrators_are_told(consultation, users, mailoutbox):
    contribution = submit(consultation, "Question 1: Text.")
    notifications.contribution_awaits_moderation(contribution)
    assert mailoutbox[0].bcc == [users["vaud_admin"].email]


def test_follow_and_unsubscribe(consultation, users):
    participant = notifications.follow(consultation, users["caritas"])
    assert notifications.follower(consultation, users["caritas"]) == participant
    assert notifications.unsubscribe(participant.token) == participant
    assert notifications.follower(consultation, users["caritas"]) is None
    assert notifications.unsubscribe("not-a-token") is None
    # Following again turns e-mails back on, without a second record.
    notifications.follow(consultation, users["caritas"])
    assert consultation.participants.get().notify
