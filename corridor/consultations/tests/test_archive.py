import csv
import io
import json
from datetime import datetime, timezone

import pytest
from django.core.management import CommandError, call_command
from django.utils.timezone import localtime

from corridor.consultations.archive import COLUMNS, RowError, export_archive, import_archive
from corridor.consultations.intake import Submission, receive
from corridor.consultations.models import Consultation, Contribution, Participant, Question

MARV = ("Pregunta 1: Se deberían coordinar y unir esfuerzos entre autoridades para evitar redundar en acciones.\n\n"
        "Pregunta 3: Entre las estrategias, el desarrollo de programas que generan oportunidades de empleo.")
HOWARD = ("Let us spend some time thinking about the relationship between immigrant integration and development: "
          "labour market integration is a powerful and fundamental means for development.")
CARMEN = ("En relación con los factores relacionados con las migraciones, un tema muy importante es cómo la "
          "degradación ambiental afecta a las migraciones y a la generación de pobreza.")


def rows(*extra):
    """An archive of the M4D discussion; Howard's reply comes before the post it answers."""
    return [
        {"id": "m4d-2", "author_name": "Howard Duncan", "author_email": "howard@metropolis.example.org",
         "anonymous": "no", "organisation": "Metropolis Project", "organisation_kind": "Academia",
         "country": "Canada", "questions": "4", "reply_to": "m4d-1", "submitted_at": "2013-07-22T09:15:00+02:00",
         "body": HOWARD, "status": "published"},
        {"id": "m4d-1", "author_name": "Marv", "anonymous": "false", "country": "ECU", "language": "es",
         "questions": "", "submitted_at": "2013-07-10", "body": MARV, "status": "Published"},
        {"id": "m4d-3", "author_name": "Carmen Miguel Juan", "author_email": "carmen@example.es", "anonymous": "yes",
         "organisation": "Alianza por la Solidaridad", "organisation_kind": "cso", "country": "es",
         "questions": "2;5", "body": CARMEN},
        *extra,
    ]


def as_csv(records) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def as_json(records) -> io.BytesIO:
    return io.BytesIO(json.dumps(records).encode())


@pytest.fixture
def closed(consultation):
    """Archives are imported once the discussion is over."""
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    return consultation


@pytest.mark.django_db
def test_a_json_archive_is_imported(closed):
    result = import_archive(closed, as_json(rows()), "json")

    assert (result.created, result.duplicates, result.errors) == (3, 0, [])
    howard, marv, carmen = (closed.contributions.get(source_reference=reference)
                            for reference in ("m4d-2", "m4d-1", "m4d-3"))
    assert howard.reply_to == marv and howard.channel == Contribution.Channel.IMPORT
    assert (howard.organisation_name, howard.organisation_kind, howard.country_code) == (
        "Metropolis Project", "academia", "CA")
    assert howard.submitted_at == datetime(2013, 7, 22, 7, 15, tzinfo=timezone.utc)
    assert [(a.question.number, a.text) for a in howard.answers.all()] == [(4, HOWARD)]
    assert (marv.country_code, marv.language, marv.status) == ("EC", "es", Contribution.Status.PUBLISHED)
    assert localtime(marv.submitted_at).isoformat() == "2013-07-10T00:00:00+02:00"  # the site's time zone
    assert [a.question.number for a in marv.answers.all()] == [1, 3]
    assert (carmen.is_anonymous, carmen.organisation_kind, carmen.country_code, carmen.status) == (
        True, "cso", "ES", Contribution.Status.PENDING)
    assert [a.question.number for a in carmen.answers.all()] == [2, 5]
    assert set(Participant.objects.values_list("email", flat=True)) == {"howard@metropolis.example.org",
                                                                       "carmen@example.es"}


@pytest.mark.django_db
def test_a_csv_archive_with_a_body_on_several_lines_is_imported(closed, tmp_path):
    path = tmp_path / "m4d.csv"
    path.write_text(as_csv(rows()), encoding="utf-8-sig")  # as spreadsheets save it, with a byte order mark

    result = import_archive(closed, path, "csv")

    assert (result.created, result.duplicates, result.errors) == (3, 0, [])
    marv = closed.contributions.get(source_reference="m4d-1")
    assert marv.body_text == MARV and len(marv.answers.all()) == 2


@pytest.mark.django_db
def test_invalid_rows_are_reported_by_row_and_column_and_nothing_is_written(closed):
    archive = as_csv(rows(
        {"id": "bad-1", "anonymous": "maybe", "country": "Atlantis", "questions": "1;9", "body": CARMEN + " (bis)"},
        {"id": "bad-2", "author_email": "not-an-address", "organisation_kind": "club", "language": "xx-yy",
         "submitted_at": "15/07/2013", "status": "rejected", "body": ""},
        {"id": "ok", "reply_to": "bad-1", "body": "Une réponse à une ligne fausse n'est pas une erreur de plus."},
    ))

    result = import_archive(closed, io.StringIO(archive), "csv")

    assert (result.created, result.duplicates) == (0, 0)
    assert [(error.row, error.field) for error in result.errors] == [
        (5, "anonymous"), (5, "country"), (5, "questions"),
        (6, "author_email"), (6, "organisation_kind"), (6, "language"), (6, "submitted_at"), (6, "body"),
        (6, "status"),
    ]
    assert result.errors[2] == RowError(5, "questions", "This consultation has no question 9.")
    assert str(result.errors[1]) == ("row 5, country: Unknown country; use its ISO 3166 code (CH, CHE) or its "
                                     "English name.")
    assert not Contribution.objects.exists() and not Participant.objects.exists()


@pytest.mark.django_db
def test_a_single_bad_row_among_good_ones_writes_nothing(closed):
    result = import_archive(closed, as_json(rows({"id": "m4d-4", "country": "Narnia", "body": "Texte."})), "json")

    assert result.errors == [RowError(4, "country", "Unknown country; use its ISO 3166 code (CH, CHE) or its "
                                                    "English name.")]
    assert result.created == 0 and not Contribution.objects.exists()


@pytest.mark.django_db
def test_a_row_that_intake_refuses_writes_nothing(closed):
    result = import_archive(closed, as_json(rows({"id": "m4d-4", "body": "<script>alert(1)</script>"})), "json")

    assert result.errors == [RowError(4, "body", "The contribution is empty.")]
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_problems_with_the_file_itself(closed):
    assert import_archive(closed, io.StringIO("{not json"), "json").errors == [
        RowError(0, "", "This is not valid JSON (line 1, column 2).")]
    assert import_archive(closed, io.StringIO('{"body": "x"}'), "json").errors == [
        RowError(0, "", "The file must hold a list of contributions.")]
    assert import_archive(closed, io.BytesIO("body\nr\xe9ponse".encode("latin-1")), "csv").errors == [
        RowError(0, "", "The file is not UTF-8 text; save it again as UTF-8.")]
    assert [(e.row, e.field) for e in import_archive(closed, io.StringIO("texte,autor\nx,y\n"), "csv").errors] == [
        (1, "texte"), (1, "autor"), (1, "body")]
    assert [(e.row, e.field) for e in import_archive(closed, as_json(["text", {"body": "x", "texte": "y"}]),
                                                     "json").errors] == [(1, ""), (2, "texte")]


@pytest.mark.django_db
def test_duplicates_in_the_file_and_already_stored_are_counted(closed):
    same_words_again = {**rows()[2], "id": "m4d-3-resent"}
    same_row_again = rows()[1]

    first = import_archive(closed, as_json(rows(same_words_again, same_row_again)), "json")
    again = import_archive(closed, as_json(rows()), "json")

    assert (first.created, first.duplicates, first.errors) == (3, 2, [])
    assert (again.created, again.duplicates, again.errors) == (0, 3, [])
    assert closed.contributions.count() == 3


@pytest.mark.django_db
def test_one_id_for_two_different_contributions_is_an_error(closed):
    result = import_archive(closed, as_json(rows({"id": "m4d-1", "body": "Un autre texte."})), "json")

    assert result.errors == [RowError(4, "id", "Row 2 already has the id “m4d-1”.")]


@pytest.mark.django_db
def test_a_reply_may_answer_a_stored_contribution_but_not_an_unknown_one_nor_go_round_in_a_loop(closed):
    import_archive(closed, as_json(rows()), "json")
    follow_up = {"id": "m4d-5", "reply_to": "m4d-3", "body": "Totalmente de acuerdo con Carmen."}
    lost = {"id": "m4d-6", "reply_to": "m4d-404", "body": "¿A quién respondo?"}
    loop = [{"id": "a", "reply_to": "b", "body": "Premier."}, {"id": "b", "reply_to": "a", "body": "Second."}]

    assert import_archive(closed, as_json([follow_up]), "json").created == 1
    assert closed.contributions.get(source_reference="m4d-5").reply_to.source_reference == "m4d-3"
    assert import_archive(closed, as_json([lost]), "json").errors == [
        RowError(1, "reply_to", "No row and no stored contribution has the id “m4d-404”.")]
    assert [(e.row, e.field) for e in import_archive(closed, as_json(loop), "json").errors] == [
        (1, "reply_to"), (2, "reply_to")]


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["json", "csv"])
def test_an_exported_archive_imports_into_another_consultation_as_the_same_contributions(
        consultation, users, organisations, format):
    member = users["caritas"]
    marv = receive(Submission(consultation=consultation, body=MARV, author=member, author_email=member.email,
                              organisation=organisations["caritas"], organisation_kind="cso", country_code="CH",
                              question_numbers=[2])).contribution
    receive(Submission(consultation=consultation, body=HOWARD, author_name="Howard Duncan", is_anonymous=True,
                       author_email="howard@metropolis.example.org", question_numbers=[4, 5], reply_to=marv,
                       source_reference="<howard@metropolis.example.org>"))
    receive(Submission(consultation=consultation, author_name="Carmen", language="es", question_numbers=[5],
                       body=f"Saludos a todos.\n\nQuestion 9: {CARMEN}\n\nPregunta 1: Totalmente de acuerdo."))
    receive(Submission(consultation=consultation, body="Spam spam spam spam spam spam.", author_name="Spammer"))
    consultation.contributions.filter(author_name="Spammer").update(status=Contribution.Status.REJECTED)
    consultation.contributions.filter(pk=marv.pk).update(status=Contribution.Status.PUBLISHED)
    copy = Consultation.objects.create(slug="m4d-copy", title="Copy", status=Consultation.Status.CLOSED,
                                       languages=consultation.languages)
    Question.objects.bulk_create(Question(consultation=copy, number=q.number, text=q.text)
                                 for q in consultation.questions.all())
    exported = export_archive(consultation)
    archive = as_json(exported) if format == "json" else io.StringIO(as_csv(exported))

    result = import_archive(copy, archive, format)

    assert (result.created, result.errors) == (3, [])
    assert contributions_of(copy) == contributions_of(consultation)


def contributions_of(consultation):
    return [(c.author_name, c.author_email, c.is_anonymous,
             c.organisation.name if c.organisation else c.organisation_name, c.organisation_kind, c.country_code,
             c.language, c.body, c.body_text, c.status, c.submitted_at,
             c.reply_to.body_text if c.reply_to else None,
             [(a.question.number if a.question else None, a.text) for a in c.answers.all()])
            for c in consultation.contributions.exclude(status=Contribution.Status.REJECTED).order_by("submitted_at")]


@pytest.mark.django_db
def test_the_command_imports_and_reports(closed, tmp_path):
    path = tmp_path / "m4d.json"
    path.write_text(json.dumps(rows()))
    out = io.StringIO()

    call_command("import_contributions", str(path), consultation="m4d", stdout=out)

    assert out.getvalue().strip() == "3 added, 0 duplicates."


@pytest.mark.django_db
def test_the_command_lists_row_errors_and_fails(closed, tmp_path):
    path = tmp_path / "m4d.csv"
    path.write_text(as_csv(rows({"id": "m4d-4", "country": "Narnia", "anonymous": "perhaps", "body": "x"})))
    stderr = io.StringIO()

    # The command exits with status 1 from the command line (CommandError); called here, it raises.
    with pytest.raises(CommandError, match=r"2 problem\(s\); nothing was imported\."):
        call_command("import_contributions", str(path), consultation="m4d", stderr=stderr)

    errors = stderr.getvalue()
    assert "row 5, anonymous: Write yes or no (or true/false, 1/0)." in errors
    assert "row 5, country: Unknown country" in errors
    assert not Contribution.objects.exists()
