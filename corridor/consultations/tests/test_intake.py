import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from corridor.consultations import intake
from corridor.consultations.intake import IncomingAttachment, Refused, Submission, receive
from corridor.consultations.models import Answer, Attachment, Consultation, Contribution, Participant

SPANISH_POST = (
    "Respuestas - Semana 1\n\n"
    "Pregunta 1: Se deberían coordinar y unir esfuerzos entre autoridades para evitar redundar en acciones "
    "relacionadas al ámbito migratorio y de desarrollo.\n\n"
    "Pregunta 3: Entre las estrategias que se puede tomar, está el desarrollo de programas que generan "
    "capacidades y oportunidades de empleo para las personas más vulnerables a la migración.")
FRENCH_POST = ("La mise en place de mécanismes de codéveloppement, décentralisés et concertés, entre les migrants "
               "et les autorités locales est un moyen excellent de développement territorial.")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def submission(consultation, body=FRENCH_POST, **fields):
    fields = {"author_name": "Ayad Zarouali", "author_email": "ayad@example.org", **fields}
    return Submission(consultation=consultation, body=body, **fields)


def nothing_written():
    return not (Contribution.objects.exists() or Answer.objects.exists() or Attachment.objects.exists()
                or Participant.objects.exists())


@pytest.mark.django_db
def test_html_is_sanitised_and_its_text_kept(consultation):
    body = ('<p onclick="steal()">Nous avons vécu cela <strong>au Nord du Maroc</strong>.<script>alert(1)</script></p>'
            '<ul><li>Articulation des acteurs</li><li>Intermédiation</li></ul>'
            '<p><a href="https://www.grdr.org/forum" target="_blank">Actes du forum</a> '
            '<a href="javascript:steal()">ici</a></p><img src="x" onerror="steal()">')

    contribution = receive(submission(consultation, body, is_html=True)).contribution

    assert "script" not in contribution.body and "alert" not in contribution.body
    assert "onclick" not in contribution.body and "onerror" not in contribution.body and "<img" not in contribution.body
    assert "javascript" not in contribution.body and "target" not in contribution.body
    assert '<a href="https://www.grdr.org/forum" rel="noopener nofollow">Actes du forum</a>' in contribution.body
    assert contribution.body_text == ("Nous avons vécu cela au Nord du Maroc.\n\n"
                                      "- Articulation des acteurs\n- Intermédiation\n\nActes du forum ici")


@pytest.mark.django_db
def test_plain_text_becomes_escaped_paragraphs(consultation):
    body = "Première ligne <b>pas du HTML</b>\ndeuxième ligne\n\nSecond paragraphe & fin."

    contribution = receive(submission(consultation, body)).contribution

    assert contribution.body == ("<p>Première ligne &lt;b&gt;pas du HTML&lt;/b&gt;<br>deuxième ligne</p>"
                                 "<p>Second paragraphe &amp; fin.</p>")
    assert contribution.body_text == body


@pytest.mark.django_db
def test_links_are_the_explicit_ones_and_those_found_in_the_text_once_each(consultation):
    body = ('<p>Voir <a href="https://labourmigration.eu/">LINET</a> et http://citiesofmigration.ca. '
            'Aussi https://labourmigration.eu/ (encore).</p>')

    contribution = receive(submission(consultation, body, is_html=True,
                                      links=["https://www.unaoc.org/ibis", "https://labourmigration.eu/"])).contribution

    assert contribution.links == ["https://www.unaoc.org/ibis", "https://labourmigration.eu/",
                                  "http://citiesofmigration.ca"]


@pytest.mark.django_db
def test_language_is_detected_and_the_contributors_choice_wins(consultation):
    detected = receive(submission(consultation)).contribution
    chosen = receive(submission(consultation, author_email="other@example.org", language="ES")).contribution

    assert (detected.language, detected.detected_language) == ("fr", "fr")
    assert detected.language_confidence > 0.9
    assert (chosen.language, chosen.detected_language) == ("es", "fr")


@pytest.mark.django_db
def test_a_post_answering_several_questions_becomes_one_answer_each(consultation):
    contribution = receive(submission(consultation, SPANISH_POST, author_name="Marv", author_email="")).contribution

    answers = list(contribution.answers.select_related("question"))
    assert [(answer.position, answer.question.number) for answer in answers] == [(0, 1), (1, 3)]
    assert answers[0].text.startswith("Respuestas - Semana 1\n\nSe deberían coordinar")
    assert answers[1].text.startswith("Entre las estrategias") and "Pregunta 1" not in answers[1].text
    assert contribution.language == "es"


@pytest.mark.django_db
def test_text_naming_no_question_answers_each_chosen_question(consultation):
    contribution = receive(submission(consultation, question_numbers=[2, 4, 99])).contribution

    assert [(a.question.number, a.text) for a in contribution.answers.all()] == [(2, FRENCH_POST), (4, FRENCH_POST)]


@pytest.mark.django_db
def test_without_a_chosen_question_the_answer_has_none(consultation):
    contribution = receive(submission(consultation)).contribution

    assert [(a.question, a.text) for a in contribution.answers.all()] == [(None, FRENCH_POST)]


@pytest.mark.django_db
def test_a_number_that_is_no_question_goes_to_the_single_chosen_question(consultation):
    body = "Question 9: Les régions de Kayes et du Gorgol ont créé des espaces de concertation.\n\n" \
           "Question 1: La coopération décentralisée reste le cadre le plus adapté."

    contribution = receive(submission(consultation, body, question_numbers=[5])).contribution

    assert [a.question.number for a in contribution.answers.all()] == [5, 1]


@pytest.mark.django_db
def test_the_same_post_twice_is_stored_once(consultation):
    first = receive(submission(consultation))
    second = receive(submission(consultation))

    assert first.created and not second.created
    assert second.contribution == first.contribution
    assert Contribution.objects.count() == 1 and Answer.objects.count() == 1 and Participant.objects.count() == 1


@pytest.mark.django_db
def test_the_same_words_with_other_spacing_case_quotes_and_signature_are_a_duplicate(consultation):
    first = receive(submission(consultation)).contribution
    resent = ("> Le 12 juillet, JMDI a écrit : première question de la semaine ?\n\n"
              + FRENCH_POST.upper().replace(" ", "  \n", 3)
              + "\n-- \nAyad Zarouali\nCoordinateur projet")

    outcome = receive(submission(consultation, resent, author_email="AYAD@example.org", channel="email"))

    assert not outcome.created and outcome.contribution == first
    assert Contribution.objects.count() == 1


@pytest.mark.django_db
def test_another_author_with_the_same_words_is_not_a_duplicate(consultation):
    receive(submission(consultation))

    assert receive(submission(consultation, author_email="someone.else@example.org")).created
    assert Contribution.objects.count() == 2


@pytest.mark.django_db
def test_the_same_source_reference_is_a_duplicate_even_with_other_words(consultation):
    first = receive(submission(consultation, source_reference="<m4d-1@groups.dev-nets.org>")).contribution

    outcome = receive(submission(consultation, "Un autre texte, arrivé avec le même identifiant de message.",
                                 source_reference="<m4d-1@groups.dev-nets.org>"))

    assert not outcome.created and outcome.contribution == first
    assert Contribution.objects.count() == 1


@pytest.mark.django_db
def test_losing_a_race_on_the_unique_constraint_returns_the_stored_contribution(consultation, monkeypatch):
    first = receive(submission(consultation)).contribution
    looked_up = []
    stored_duplicate = intake._stored_duplicate

    def not_yet_visible(*args):  # the other writer commits between our look-up and our insert
        looked_up.append(args)
        return None if len(looked_up) == 1 else stored_duplicate(*args)

    monkeypatch.setattr(intake, "_stored_duplicate", not_yet_visible)
    outcome = receive(submission(consultation, question_numbers=[1]))

    assert len(looked_up) == 2
    assert not outcome.created and outcome.contribution == first
    assert Contribution.objects.count() == 1 and Answer.objects.count() == 1


@pytest.mark.django_db
def test_premoderated_contributions_wait_and_others_are_published(consultation):
    assert receive(submission(consultation)).contribution.status == Contribution.Status.PENDING

    consultation.premoderation = False
    outcome = receive(submission(consultation, author_email="marco@example.org"))

    assert outcome.contribution.status == Contribution.Status.PUBLISHED


@pytest.mark.django_db
def test_a_closed_consultation_refuses_unless_an_archive_is_imported(consultation):
    consultation.status = Consultation.Status.CLOSED

    with pytest.raises(Refused, match="not accepting contributions"):
        receive(submission(consultation))
    assert nothing_written()

    outcome = receive(submission(consultation), accept_closed=True, status=Contribution.Status.PUBLISHED)
    assert outcome.created and outcome.contribution.status == Contribution.Status.PUBLISHED


@pytest.mark.django_db
def test_a_consultation_past_its_closing_date_refuses(consultation):
    consultation.closes_at = timezone.now() - timedelta(minutes=1)

    with pytest.raises(Refused):
        receive(submission(consultation))
    assert nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize("body, is_html", [("   \n\n ", False), ("<script>alert(1)</script><p> </p>", True),
                                           ("> only a quote of someone else\n-- \nsignature", False)])
def test_an_empty_contribution_is_refused(consultation, body, is_html):
    with pytest.raises(Refused, match="empty"):
        receive(submission(consultation, body, is_html=is_html))
    assert nothing_written()


@pytest.mark.django_db
def test_a_reply_to_another_consultations_contribution_is_refused(consultation):
    other = Consultation.objects.create(slug="other", title="Other", status=Consultation.Status.OPEN)
    elsewhere = receive(submission(other)).contribution

    with pytest.raises(Refused, match="same consultation"):
        receive(submission(consultation, "Je réponds à une contribution d'une autre consultation.",
                           reply_to=elsewhere))
    assert consultation.contributions.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("fields, message", [
    ({"author_email": "not an address"}, "E-mail: Enter a valid email address."),
    ({"language": "klingon"}, "“klingon” is not a language code."),
    ({"country_code": "XX"}, "“XX” is not a country code."),
    ({"organisation_kind": "club"}, "Kind of organisation: Value 'club' is not a valid choice."),
    ({"author_name": "x" * 201}, "Name: Ensure this value has at most 200 characters (it has 201)."),
])
def test_invalid_details_are_refused_with_a_clear_message(consultation, fields, message):
    with pytest.raises(Refused) as refusal:
        receive(submission(consultation, **fields))

    assert str(refusal.value) == message
    assert nothing_written()


def zipped(name: str, content: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_attachment_is_stored_under_a_safe_name_with_its_original_name_kept(consultation):
    attachment = IncomingAttachment("C:\\Users\\ayad\\Rapport Targa.pdf", "application/octet-stream", PDF)

    stored = receive(submission(consultation, attachments=[attachment])).contribution.attachments.get()

    assert (stored.filename, stored.content_type, stored.size) == ("Rapport Targa.pdf", "application/pdf", len(PDF))
    assert stored.file.name.endswith(".pdf") and "Targa" not in stored.file.name
    with stored.file.open("rb") as file:
        assert file.read() == PDF


@pytest.mark.django_db
@pytest.mark.parametrize("filename, content, content_type", [
    ("notes.docx", zipped("word/document.xml", "<w:document/>"),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("chiffres.xlsx", zipped("xl/workbook.xml", "<workbook/>"),
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("compte-rendu.odt", zipped("mimetype", "application/vnd.oasis.opendocument.text"),
     "application/vnd.oasis.opendocument.text"),
    ("ancien.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "application/msword"),
    ("chiffres.csv", "commune;migrants\nFiguig;1200\n".encode(), "text/csv"),
    ("notes.txt", "Réunion du 15 juillet à Tiznit.\n".encode(), "text/plain"),
    ("carte.png", b"\x89PNG\r\n\x1a\n" + bytes(20), "image/png"),
    ("photo.JPG", b"\xff\xd8\xff\xe0" + bytes(20), "image/jpeg"),
])
def test_accepted_kinds_are_recognised_by_their_content(consultation, filename, content, content_type):
    attachment = IncomingAttachment(filename, "application/octet-stream", content)

    stored = receive(submission(consultation, attachments=[attachment])).contribution.attachments.get()

    assert (stored.filename, stored.content_type, stored.size) == (filename, content_type, len(content))


@pytest.mark.django_db
def test_a_too_large_attachment_is_refused_and_nothing_is_written(consultation, settings):
    settings.CONSULTATIONS_MAX_ATTACHMENT_BYTES = len(PDF) - 1

    with pytest.raises(Refused, match="“rapport.pdf” is too large"):
        receive(submission(consultation, attachments=[IncomingAttachment("rapport.pdf", "application/pdf", PDF)]))
    assert nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize("attachment, message", [
    (IncomingAttachment("setup.exe", "application/pdf", b"MZ\x90\x00\x03\x00\x00\x00"), "not a kind of file we accept"),
    (IncomingAttachment("page.pdf", "application/pdf", b"<html><script>alert(1)</script></html>"),
     "does not match its name"),
    (IncomingAttachment("rapport.pdf.html", "text/html", PDF), "does not match its name"),
    (IncomingAttachment("archive.zip", "application/zip", b"PK\x03\x04garbage"), "not a kind of file we accept"),
    (IncomingAttachment("vide.txt", "text/plain", b""), "is empty"),
])
def test_an_attachment_of_another_type_is_refused_and_nothing_is_written(consultation, attachment, message):
    good = IncomingAttachment("rapport.pdf", "application/pdf", PDF)

    with pytest.raises(Refused, match=message):
        receive(submission(consultation, attachments=[good, attachment]))
    assert nothing_written()


@pytest.mark.django_db
def test_the_author_becomes_a_participant(consultation):
    receive(submission(consultation, author_email="Ayad@Example.org"))

    participant = consultation.participants.get()
    assert (participant.email, participant.name, participant.language, participant.user) == (
        "Ayad@Example.org", "Ayad Zarouali", "fr", None)


@pytest.mark.django_db
def test_a_member_is_linked_to_the_participant_invited_by_e_mail(consultation, users):
    member = users["caritas"]
    invited = Participant.objects.create(consultation=consultation, email="STAFF@caritas.example.org", invited=True)

    receive(submission(consultation, author=member, author_name="", author_email=member.email))

    invited.refresh_from_db()
    assert consultation.participants.count() == 1 and invited.user == member


@pytest.mark.django_db
def test_an_anonymous_post_without_e_mail_records_no_participant(consultation):
    contribution = receive(submission(consultation, author_name="", author_email="", is_anonymous=True)).contribution

    assert contribution.display_author == "Anonymous"
    assert not Participant.objects.exists()
