import mailbox
import smtplib
import socket
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from corridor.consultations import mail
from corridor.consultations.intake import Submission, receive
from corridor.consultations.models import Consultation, Contribution

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
FRENCH_ANSWERS = (
    "Bonjour à toutes et à tous,\n\n"
    "Question 1 : La coopération décentralisée est aujourd’hui acceptée par tous comme un instrument majeur de la "
    "solidarité entre les peuples au travers des partenariats établis entre autorités locales et régionales.\n\n"
    "Question 2 : Au Sénégal, il existe depuis longtemps un ministère en charge de la migration, mais il n’a pas "
    "encore établi une relation formelle avec les autorités locales.\n\n"
    "Bien cordialement,\nMamadou Sene\n\n"
    "Le 8 juil. 2013 à 09:00, JMDI <m4d@consult.localhost> a écrit :\n"
    "> Comment les autorités locales et régionales peuvent-elles mettre à profit les cadres de coopération ?\n")


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.CONSULTATIONS_MAIL_DOMAIN = "consult.localhost"


def message(body=FRENCH_ANSWERS, *, to="m4d@consult.localhost", message_id="<sene-week1@example.sn>",
            subject="Contribution Mamadou Sene - Semaine 1", sender="Mamadou Sene <mamadou.sene@example.sn>",
            attachments=()) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = to
    email["Subject"] = subject
    email["Date"] = "Mon, 15 Jul 2013 10:30:00 +0000"
    email["Message-ID"] = message_id
    email.set_content(body)
    email.add_alternative(f"<p>{body}</p>", subtype="html")
    for filename, content in attachments:
        email.add_attachment(content, maintype="application", subtype="octet-stream", filename=filename)
    return email


def parsed(email: EmailMessage) -> EmailMessage:
    return message_from_bytes(email.as_bytes(), policy=policy.default)


@pytest.mark.django_db
@pytest.mark.parametrize("address, found", [
    ("m4d@consult.localhost", True),
    ("M4D@Consult.Localhost", True),
    ("m4d+week2@consult.localhost", True),
    ("JMDI facilitation <m4d@consult.localhost>", True),
    ("m4d@groups.dev-nets.org", False),
    ("unknown@consult.localhost", False),
    ("+week2@consult.localhost", False),
    ("not an address", False),
])
def test_consultation_for_address(consultation, address, found):
    assert mail.consultation_for_address(address) == (consultation if found else None)


@pytest.mark.django_db
def test_points_for_reflection_cannot_be_reached_by_mail(consultation):
    consultation.kind = Consultation.Kind.REFLECTION
    consultation.save()
    assert mail.consultation_for_address(f"{consultation.slug}@{settings.CONSULTATIONS_MAIL_DOMAIN}") is None


@pytest.mark.django_db
def test_a_message_becomes_a_submission(consultation):
    submission = mail.submission_from_message(parsed(message(attachments=[("plan local.pdf", PDF)])), consultation)

    assert (submission.author_name, submission.author_email) == ("Mamadou Sene", "mamadou.sene@example.sn")
    assert submission.subject == "Contribution Mamadou Sene - Semaine 1"
    assert list(submission.question_numbers) == [1, 2, 3]  # the questions of week 1
    assert submission.submitted_at == datetime(2013, 7, 15, 10, 30, tzinfo=timezone.utc)
    assert submission.source_reference == "<sene-week1@example.sn>"
    assert submission.channel == Contribution.Channel.EMAIL and not submission.is_html
    assert submission.body.endswith("Bien cordialement,\nMamadou Sene")  # the quoted question is left out
    assert [(a.filename, a.content) for a in submission.attachments] == [("plan local.pdf", PDF)]


@pytest.mark.django_db
def test_a_latin_1_message_is_decoded(consultation):
    raw = ("From: =?iso-8859-1?q?Andr=E9?= <andre@example.org>\r\nTo: m4d@consult.localhost\r\n"
           "Subject: =?iso-8859-1?q?R=E9ponse_=E0_la_question_4?=\r\nMessage-ID: <latin@example.org>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"iso-8859-1\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
           "Les coop=E9ratives de migrants ont financ=E9 l'=E9cole.\r\n").encode("ascii")

    submission = mail.submission_from_message(message_from_bytes(raw, policy=policy.default), consultation)

    assert submission.author_name == "André"
    assert list(submission.question_numbers) == [4]
    assert submission.body == "Les coopératives de migrants ont financé l'école."


@pytest.mark.django_db
def test_an_unknown_charset_keeps_what_can_be_read(consultation):
    raw = (b"From: a@example.org\r\nTo: m4d@consult.localhost\r\nContent-Type: text/plain; charset=x-martian\r\n\r\n"
           b"Migrants organise themselves in hometown associations.\r\n")

    submission = mail.submission_from_message(message_from_bytes(raw, policy=policy.default), consultation)

    assert submission.body == "Migrants organise themselves in hometown associations."


@pytest.mark.django_db
def test_an_html_only_message_loses_its_quoted_part(consultation):
    email = EmailMessage()
    email["From"] = "marco.grandi@example.it"
    email["Subject"] = "Re: Question 3"
    email.set_content("<p>Milano is building a platform with Paris and Dakar.</p><div>On Monday JMDI wrote:"
                      "<blockquote><p>What strategies can RLAs adopt?</p></blockquote></div>", subtype="html")

    submission = mail.submission_from_message(parsed(email), consultation)

    assert submission.is_html and "What strategies" not in submission.body and "Milano" in submission.body
    assert list(submission.question_numbers) == [3]


@pytest.mark.django_db
def test_in_reply_to_and_references_find_the_contribution_answered(consultation):
    parent = receive(Submission(consultation=consultation, body=FRENCH_ANSWERS, author_email="mamadou@example.sn",
                                source_reference="<parent@example.sn>")).contribution
    reply = message("I agree with Mamadou Sene about the ministry.", message_id="<reply@example.org>")
    reply["References"] = "<parent@example.sn> <unknown@example.org>"

    assert mail.submission_from_message(parsed(reply), consultation).reply_to == parent
    assert mail.submission_from_message(parsed(message("Unrelated.")), consultation).reply_to is None


def test_quoted_replies_and_earlier_messages_are_left_out():
    text = ("Je rejoins Daniel.\n\nOn Mon, 8 Jul 2013, Daniel Naujoks <dn@example.org> wrote:\n\n"
            "> Local actors have to overcome their perception.\n\nEt j'ajoute un point.\n\n"
            "-----Original Message-----\nFrom: JMDI\nSubject: Week 2")
    outlook = "Merci pour cette discussion.\n\n________________________________\nDe : JMDI\nObjet : Semaine 2"

    assert mail.without_quoted_reply(text) == "Je rejoins Daniel.\n\nEt j'ajoute un point."
    assert mail.without_quoted_reply(outlook) == "Merci pour cette discussion."


# A real SMTP conversation with the endpoint, in its own thread.

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(consultation):
    port = free_port()
    controller = mail.serve("127.0.0.1", port)
    yield lambda: smtplib.SMTP("127.0.0.1", port, timeout=10)
    controller.stop()


@pytest.mark.django_db(transaction=True)
def test_a_message_sent_by_smtp_becomes_a_contribution_with_its_answers(consultation, users, smtp, mailoutbox):
    with smtp() as client:
        client.send_message(message(attachments=[("plan-local.pdf", PDF)]))

    contribution = consultation.contributions.get()
    assert contribution.language == "fr" and contribution.channel == Contribution.Channel.EMAIL
    assert (contribution.author_email, contribution.status) == ("mamadou.sene@example.sn", Contribution.Status.PENDING)
    assert "a écrit" not in contribution.body_text
    answers = list(contribution.answers.select_related("question"))
    assert [answer.question.number for answer in answers] == [1, 2]
    assert answers[1].text.startswith("Au Sénégal")
    assert [attachment.filename for attachment in contribution.attachments.all()] == ["plan-local.pdf"]
    [awaits_moderation] = mailoutbox  # the organisers, administrators of Vaud, are told
    assert awaits_moderation.bcc == ["admin@vd.example.org"]
    assert "/en/consultations/m4d/organise/moderation/" in awaits_moderation.body


@pytest.mark.django_db(transaction=True)
def test_the_same_message_sent_twice_is_stored_once(consultation, smtp):
    with smtp() as client:
        client.send_message(message())
        client.send_message(message())

    assert consultation.contributions.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_unknown_recipient_is_refused(consultation, smtp):
    with smtp() as client, pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        client.send_message(message(to="unknown@consult.localhost"))

    assert refused.value.recipients["unknown@consult.localhost"] == (550, b"5.1.1 No such consultation")
    assert not Contribution.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_closed_consultation_is_refused(consultation, smtp):
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)

    with smtp() as client, pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        client.send_message(message())

    assert refused.value.recipients["m4d@consult.localhost"][0] == 550
    assert b"not accepting contributions" in refused.value.recipients["m4d@consult.localhost"][1]


@pytest.mark.django_db(transaction=True)
def test_a_refused_attachment_bounces_with_the_reason(consultation, smtp):
    with smtp() as client, pytest.raises(smtplib.SMTPDataError) as refused:
        client.send_message(message(attachments=[("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00")]))

    assert refused.value.smtp_code == 550
    assert b"setup.exe is not a kind of file we accept" in refused.value.smtp_error
    assert not Contribution.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_storing_asks_the_sender_to_try_again(consultation, smtp, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(mail.intake, "receive", broken)
    with smtp() as client, pytest.raises(smtplib.SMTPDataError) as failure:
        client.send_message(message())

    assert failure.value.smtp_code == 451  # temporary: the sending server keeps the message and retries


# Importing messages from files.

@pytest.mark.django_db
def test_import_mail_reads_eml_files_and_mbox_archives(consultation, tmp_path):
    eml = tmp_path / "sene.eml"
    eml.write_bytes(message().as_bytes())
    archive = mailbox.mbox(tmp_path / "m4d.mbox")
    archive.add(message("Pregunta 4: Las asociaciones de migrantes deben participar en la planificación local.",
                        sender="Patricio Sinaluisa <patricio@example.ec>", message_id="<rimhuch@example.ec>"))
    archive.add(message(FRENCH_ANSWERS, to="JMDI <m4d+week1@consult.localhost>"))  # the .eml once more
    archive.add(message("Migrants should be heard on all topics, not only integration.",
                        to="list@groups.dev-nets.org", sender="dn@example.org", message_id="<dn@example.org>"))
    archive.close()
    out, err = StringIO(), StringIO()

    call_command("import_mail", str(eml), str(tmp_path / "m4d.mbox"), stdout=out, stderr=err)

    assert out.getvalue().strip() == "2 added, 1 duplicates, 1 refused."
    assert "m4d.mbox (message 3): refused: none of its recipients" in err.getvalue()
    assert set(consultation.contributions.values_list("source_reference", flat=True)) == {
        "<sene-week1@example.sn>", "<rimhuch@example.ec>"}
    assert consultation.contributions.get(source_reference="<rimhuch@example.ec>").answers.get().question.number == 4

    out = StringIO()
    call_command("import_mail", str(tmp_path / "m4d.mbox"), consultation="m4d", stdout=out, stderr=StringIO())

    assert out.getvalue().strip() == "1 added, 2 duplicates, 0 refused."


@pytest.mark.django_db
def test_import_mail_into_a_closed_consultation_must_be_asked_for(consultation, tmp_path):
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    eml = tmp_path / "sene.eml"
    eml.write_bytes(message().as_bytes())
    err = StringIO()

    call_command("import_mail", str(eml), stdout=StringIO(), stderr=err)
    assert "not accepting contributions" in err.getvalue() and not Contribution.objects.exists()

    call_command("import_mail", str(eml), accept_closed=True, stdout=StringIO(), stderr=StringIO())
    assert consultation.contributions.count() == 1
