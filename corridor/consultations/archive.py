"""Archives of contributions, as JSON (a list of objects) or CSV (a header row), for discussions held
elsewhere or on another Corridor. Importing is all or nothing: every row is checked first and, if
any is wrong, nothing is written and each problem is reported with its row ("row 4, country: ...",
counted as a person counts them: CSV data starts on row 2). Rows already received, in the file or
before, are counted as duplicates. `export_archive` writes the same shape back."""
import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import partial
from pathlib import Path
from typing import IO

import nh3
import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from corridor.core.languages import is_language_code
from corridor.directory.models import Organisation

from . import intake
from .models import Consultation, Contribution
from .splitting import own_words, split_answers

COLUMNS = ("id", "author_name", "author_email", "anonymous", "organisation", "organisation_kind", "country",
           "language", "questions", "reply_to", "submitted_at", "body", "status")
_YES = {"true", "yes", "1"}
_NO = {"false", "no", "0", ""}
_STATUSES = {Contribution.Status.PUBLISHED.value, Contribution.Status.PENDING.value}
_MAX_LENGTHS = {"id": 255, "author_name": 200, "organisation": 255}
# Where a refusal by intake (named after Submission fields) shows in the archive.
_COLUMN_OF_FIELD = {"source_reference": "id", "organisation_name": "organisation", "country_code": "country",
                    "is_anonymous": "anonymous", "question_numbers": "questions"}


@dataclass(frozen=True)
class RowError:
    row: int  # 0 for the file as a whole
    field: str
    message: str

    def __str__(self):
        where = f"row {self.row}" if self.row else "file"
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class ArchiveResult:
    created: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass(eq=False)
class _Row:
    number: int
    reference: str
    reply_reference: str
    status: str
    submission: intake.Submission


class _Invalid(ValueError):
    """A value that cannot be read; the message is for the person who wrote the archive."""


def import_archive(consultation: Consultation, stream_or_path: str | Path | IO, format: str) -> ArchiveResult:
    """Import contributions into `consultation`, even closed (archives come after the discussion)."""
    result = ArchiveResult()
    try:
        records = _records(_read_text(stream_or_path), format, result.errors)
    except _Invalid as problem:
        result.errors.append(RowError(0, "", str(problem)))
        return result
    question_numbers = set(consultation.questions.values_list("number", flat=True))
    rows = []
    for number, record in records:
        row = _row(consultation, question_numbers, number, record, result.errors)
        if row is not None:
            rows.append(row)
    by_reference = _first_row_with_each_reference(rows, result.errors)
    stored = _stored_replied(consultation, rows, _references_in(records), result.errors)
    with transaction.atomic():
        received: dict[str, Contribution] = {}
        for row in _in_reply_order(rows, by_reference, result.errors):
            row.submission.reply_to = received.get(row.reply_reference) or stored.get(row.reply_reference)
            try:
                outcome = intake.receive(row.submission, accept_closed=True, status=row.status)
            except intake.Refused as refusal:
                result.errors.append(RowError(row.number, _COLUMN_OF_FIELD.get(refusal.field, refusal.field),
                                              str(refusal)))
                continue
            if row.reference:
                received.setdefault(row.reference, outcome.contribution)
            if outcome.created:
                result.created += 1
            else:
                result.duplicates += 1
        if result.errors:
            transaction.set_rollback(True)
    if result.errors:
        result.created = result.duplicates = 0
        result.errors.sort(key=lambda error: error.row)
    return result


def export_archive(consultation: Consultation) -> list[dict]:
    """The consultation's contributions (all but rejected ones) as import_archive reads them."""
    contributions = list(consultation.contributions.exclude(status=Contribution.Status.REJECTED)
                         .select_related("author", "organisation", "reply_to")
                         .prefetch_related("answers__question"))
    exported = {contribution.pk for contribution in contributions}
    numbers = list(consultation.questions.values_list("number", flat=True))
    return [{
        "id": _reference(contribution),
        "author_name": contribution.author_name or (contribution.author.get_full_name() if contribution.author else ""),
        "author_email": contribution.author_email or (contribution.author.email if contribution.author else ""),
        "anonymous": contribution.is_anonymous,
        "organisation": contribution.organisation.name if contribution.organisation else contribution.organisation_name,
        "organisation_kind": contribution.organisation_kind or (contribution.organisation.kind
                                                                if contribution.organisation else ""),
        "country": contribution.country_code,
        "language": contribution.language,
        "questions": ";".join(str(number) for number in _chosen_questions(contribution, numbers)),
        "reply_to": _reference(contribution.reply_to) if contribution.reply_to_id in exported else "",
        "submitted_at": contribution.submitted_at.isoformat(),
        "body": contribution.body,
        "status": contribution.status,
    } for contribution in contributions]


def _reference(contribution: Contribution) -> str:
    return contribution.source_reference or str(contribution.uuid)


def _chosen_questions(contribution: Contribution, numbers: list[int]) -> list[int]:
    """The questions an answer was given to although the text does not name them: those the
    contributor chose, which an import must be told again."""
    named = {number for number, _ in split_answers(own_words(contribution.body_text), numbers) if number}
    answered = (answer.question.number for answer in contribution.answers.all() if answer.question_id)
    return list(dict.fromkeys(number for number in answered if number not in named))


# Reading the file.

def _read_text(stream_or_path: str | Path | IO) -> str:
    if isinstance(stream_or_path, (str, Path)):
        content = Path(stream_or_path).read_bytes()
    else:
        content = stream_or_path.read()
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _Invalid(_("The file is not UTF-8 text; save it again as UTF-8."))
    return content


def _records(text: str, format: str, errors: list[RowError]) -> list[tuple[int, dict]]:
    """(row number, {column: value}) of each contribution in the file."""
    if format == "json":
        return _json_records(text)
    if format == "csv":
        return _csv_records(text, errors)
    raise ValueError(f"Unknown archive format {format!r}: json or csv.")


def _json_records(text: str) -> list[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Invalid(_("This is not valid JSON (line %(line)d, column %(column)d).") % {
            "line": error.lineno, "column": error.colno})
    if not isinstance(data, list):
        raise _Invalid(_("The file must hold a list of contributions."))
    return list(enumerate(data, start=1))


def _csv_records(text: str, errors: list[RowError]) -> list[tuple[int, dict]]:
    """The rows under the header; unknown columns are reported once, on the header row."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if reader.fieldnames is None:
            raise _Invalid(_("The file is empty."))
        reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
        errors.extend(RowError(1, name, _unknown_column()) for name in reader.fieldnames if name not in COLUMNS)
        if "body" not in reader.fieldnames:
            errors.append(RowError(1, "body", _("This column is required.")))
            return []
        return [(number, {name: value for name, value in record.items() if name in COLUMNS or name is None})
                for number, record in enumerate(reader, start=2)]
    except csv.Error as error:
        raise _Invalid(_("This is not valid CSV: %(error)s.") % {"error": error})


def _unknown_column() -> str:
    return _("Unknown column; the columns are %(columns)s.") % {"columns": ", ".join(COLUMNS)}


# Checking each row.

def _row(consultation: Consultation, question_numbers: set[int], number: int, record,
         errors: list[RowError]) -> _Row | None:
    """The row as a submission, or None after adding its problems to `errors`."""
    if not isinstance(record, dict):
        errors.append(RowError(number, "", _("Each contribution must be an object with named fields.")))
        return None
    problems = [RowError(number, "", _("This row has more values than there are columns.")) if name is None
                else RowError(number, name, _unknown_column()) for name in record if name not in COLUMNS]
    values = {}
    for column, read in {**_READERS, "questions": partial(_questions, known=question_numbers)}.items():
        try:
            value = read(record.get(column))
            if column in _MAX_LENGTHS and len(value) > _MAX_LENGTHS[column]:
                raise _Invalid(_("At most %(count)d characters.") % {"count": _MAX_LENGTHS[column]})
            values[column] = value
        except _Invalid as problem:
            problems.append(RowError(number, column, str(problem)))
    if problems:
        errors.extend(problems)
        return None
    submission = intake.Submission(
        consultation=consultation, body=values["body"], is_html=nh3.is_html(values["body"]),
        author_name=values["author_name"], author_email=values["author_email"], is_anonymous=values["anonymous"],
        organisation_name=values["organisation"], organisation_kind=values["organisation_kind"],
        country_code=values["country"], language=values["language"], question_numbers=values["questions"],
        channel=Contribution.Channel.IMPORT, source_reference=values["id"], submitted_at=values["submitted_at"])
    return _Row(number, values["id"], values["reply_to"], values["status"], submission)


def _first_row_with_each_reference(rows: list[_Row], errors: list[RowError]) -> dict[str, _Row]:
    """{id: row}; the same id on a row saying something else is an error, on the same row again a duplicate."""
    first_with: dict[str, _Row] = {}
    for row in rows:
        if not row.reference:
            continue
        earlier = first_with.setdefault(row.reference, row)
        if earlier is not row and (earlier.submission, earlier.reply_reference, earlier.status) != (
                row.submission, row.reply_reference, row.status):
            errors.append(RowError(row.number, "id", _("Row %(row)d already has the id “%(id)s”.") % {
                "row": earlier.number, "id": row.reference}))
    return first_with


def _references_in(records: list[tuple[int, dict]]) -> set[str]:
    """The ids the file gives, on valid rows or not: a reply to a wrong row is not a problem of its own."""
    return {str(record["id"]).strip() for _, record in records if isinstance(record, dict) and record.get("id")}


def _stored_replied(consultation: Consultation, rows: list[_Row], file_references: set[str],
                    errors: list[RowError]) -> dict[str, Contribution]:
    """{id: stored contribution} of those the rows reply to; a reply to an unknown id is an error."""
    wanted = {row.reply_reference for row in rows if row.reply_reference} - file_references
    stored = {contribution.source_reference: contribution
              for contribution in consultation.contributions.filter(source_reference__in=wanted)}
    errors.extend(RowError(row.number, "reply_to", _("No row and no stored contribution has the id “%(id)s”.") % {
        "id": row.reply_reference}) for row in rows if row.reply_reference in wanted - set(stored))
    return stored


def _in_reply_order(rows: list[_Row], by_reference: dict[str, _Row], errors: list[RowError]) -> list[_Row]:
    """The rows with each reply after the row it answers; replies that go round in a loop are errors."""
    ordered, placed = [], set()
    for row in rows:
        chain, current = [], row
        while current is not None and current.number not in placed:
            if current in chain:
                errors.append(RowError(row.number, "reply_to", _("The replies go round in a loop.")))
                break
            chain.append(current)
            current = by_reference.get(current.reply_reference)
        else:
            for member in reversed(chain):
                placed.add(member.number)
                ordered.append(member)
    return ordered


# Reading each value; JSON gives strings, numbers, booleans, lists or null, CSV only strings.

def _text(value) -> str:
    if isinstance(value, (dict, list)):
        raise _Invalid(_("Expected text."))
    return "" if value is None else str(value).strip()


def _body(value) -> str:
    body = _text(value)
    if not body:
        raise _Invalid(_("A contribution needs a text."))
    return body


def _email(value) -> str:
    address = _text(value)
    if address:
        try:
            validate_email(address)
        except ValidationError as invalid:
            raise _Invalid(invalid.messages[0])
    return address


def _yes_or_no(value) -> bool:
    if isinstance(value, bool):
        return value
    answer = _text(value).lower()
    if answer not in _YES | _NO:
        raise _Invalid(_("Write yes or no (or true/false, 1/0)."))
    return answer in _YES


def _organisation_kind(value) -> str:
    kind = _text(value)
    if not kind:
        return ""
    with translation.override("en"):
        known = {**{str(label).lower(): code for code, label in Organisation.Kind.choices},
                 **{code: code for code in Organisation.Kind.values}}
    if kind.lower() not in known:
        raise _Invalid(_("Unknown kind of organisation; use one of %(codes)s.") % {
            "codes": ", ".join(Organisation.Kind.values)})
    return known[kind.lower()]


def _country(value) -> str:
    name = _text(value)
    if not name:
        return ""
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        raise _Invalid(_("Unknown country; use its ISO 3166 code (CH, CHE) or its English name."))


def _language(value) -> str:
    code = _text(value).lower()
    if code and not is_language_code(code):
        raise _Invalid(_("Not a language code; use ISO 639 codes such as en, fr or es."))
    return code


def _questions(value, known: set[int]) -> list[int]:
    items = value if isinstance(value, list) else re.split(r"[;,\s]+", _text(value))
    try:
        numbers = [int(str(item).strip()) for item in items if str(item).strip()]
    except ValueError:
        raise _Invalid(_("Write question numbers separated by semicolons, like 1;3."))
    unknown = set(numbers) - known
    if unknown:
        raise _Invalid(_("This consultation has no question %(numbers)s.") % {
            "numbers": ", ".join(map(str, sorted(unknown)))})
    return numbers


def _moment(value) -> datetime | None:
    text = _text(value)
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)) is not None:
            moment = datetime.combine(day, time())
    except ValueError:
        moment = None
    if moment is None:
        raise _Invalid(_("Not a date; write it like 2013-07-15 or 2013-07-15T10:30:00+02:00."))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _status(value) -> str:
    status = _text(value).lower() or Contribution.Status.PENDING
    if status not in _STATUSES:
        raise _Invalid(_("Write published or pending."))
    return status


_READERS = {"id": _text, "author_name": _text, "author_email": _email, "anonymous": _yes_or_no, "organisation": _text,
            "organisation_kind": _organisation_kind, "country": _country, "language": _language, "reply_to": _text,
            "submitted_at": _moment, "body": _body, "status": _status}
