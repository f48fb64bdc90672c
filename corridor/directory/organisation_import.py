"""Import organisations from a spreadsheet a territory administrator fills in (CSV or XLSX), one
organisation per row, with the columns of COLUMNS. Every row is checked before anything is written;
an organisation with the same name in the same territory is updated rather than created again."""
import csv
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from corridor.core.languages import is_language_code

from .importing import ImportFailed, ImportReport, RowError, TerritoryLookup
from .models import Organisation

COLUMNS = ("name", "kind", "association_level", "territory", "email", "website", "phone", "languages",
           "description", "content_language")
MAX_ROWS = 20000
XLSX_UNPACKED_LIMIT = 100 * 1024 * 1024  # an .xlsx is a zip: refuse one that would unpack to more
CHANGE_REASON = "Spreadsheet import"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed into a spreadsheet cell becomes a number
    return str(value).strip()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what spreadsheet programs save "CSV" as on Windows


def read_table(fileobj, filename: str) -> list[list[str]]:
    """The rows of the first sheet of an .xlsx or of a .csv file (comma, semicolon or tab separated)."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            with zipfile.ZipFile(fileobj) as archive:
                if sum(i.file_size for i in archive.infolist()) > XLSX_UNPACKED_LIMIT:
                    raise ImportFailed([RowError(filename, None, "", _("The spreadsheet is too big."))])
            fileobj.seek(0)
            workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise ImportFailed([RowError(filename, None, "", _("This is not a readable .xlsx spreadsheet."))]) from None
        try:
            return [[_cell_text(value) for value in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    if suffix == ".csv":
        text = _decode(fileobj.read())
        try:  # spreadsheet programs in much of Europe write semicolons
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    raise ImportFailed([RowError(filename, None, "", _("Upload a .csv or .xlsx file."))])


def read_sheet(fileobj, filename: str, *, columns, required, max_rows: int, also_known=()):
    """A spreadsheet to import, checked before any of its rows: not empty, every required column named in the
    first row, at most `max_rows` rows. Returns the header (lower case, "_" for spaces), the rows that are not
    blank with their line numbers (spreadsheets often end with blank lines), and a report that warns of the
    columns not used."""
    table = read_table(fileobj, filename)
    if not table:
        raise ImportFailed([RowError(filename, None, "", _("The file is empty."))])
    header = [cell.strip().lower().replace(" ", "_") for cell in table[0]]
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportFailed([RowError(filename, 1, column, _("The first row should name the columns; this one is "
                                                            "missing. The columns are: %s.") % ", ".join(columns))
                            for column in missing])
    if len(table) - 1 > max_rows:
        raise ImportFailed([RowError(filename, None, "", _("At most %d rows can be imported at once.") % max_rows)])
    report = ImportReport()
    unknown = [column for column in header if column and column not in columns and column not in also_known]
    if unknown:
        report.warnings.append(_("These columns were not used: %s.") % ", ".join(unknown))
    return header, [(number, cells) for number, cells in enumerate(table[1:], 2) if any(cells)], report


def _choices_by_word(choices) -> dict:
    """A choice by its code or its label in any interface language ("cso", "ONG / OSC"...)."""
    words = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in choices.choices:
                words[str(label).casefold()] = code
    words.update({code.casefold(): code for code in choices.values})
    return words


class _OrganisationRows:
    """Turns rows into checked organisations, recording each problem with its row and column."""

    def __init__(self, filename: str, territory, errors: list):
        self.filename, self.root, self.errors = filename, territory, errors
        self.lookup = TerritoryLookup(territory)
        self.kinds = _choices_by_word(Organisation.Kind)
        self.levels = _choices_by_word(Organisation.AssociationLevel)
        self.existing = {(org.territory_id, org.name.casefold()): org
                         for org in Organisation.objects.filter(territory__path__startswith=territory.path)}
        self.seen = {}

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.filename, row, column, message))

    def territory(self, number: int, text: str):
        if not text:
            return self.root
        found = self.lookup.matches(text)
        if len(found) == 1:
            return found[0]
        if found:
            self.error(number, "territory", _("“%(text)s” names several territories (%(paths)s): write the path "
                                              "instead.") % {"text": text, "paths": ", ".join(t.path for t in found)})
        else:
            self.error(number, "territory", _("There is no territory “%(text)s” in %(root)s.") % {
                "text": text, "root": self.root})
        return None

    def choice(self, number: int, column: str, text: str, words: dict, choices) -> str | None:
        code = words.get(text.casefold())
        if code is None:
            self.error(number, column, _("“%(text)s” is not one of: %(options)s.") % {
                "text": text, "options": ", ".join(str(label) for label in choices.labels)})
        return code

    def organisation(self, number: int, values: dict) -> Organisation | None:
        """The organisation a row describes, filled in and checked; None when it cannot be built."""
        name = values.get("name", "")
        if not name:
            self.error(number, "name", _("The name is missing."))
            return None
        territory = self.territory(number, values.get("territory", ""))
        if territory is None:
            return None
        key = (territory.pk, name.casefold())
        if key in self.seen:
            self.error(number, "name", _("Row %(row)d has the same name in the same territory.") % {
                "row": self.seen[key]})
            return None
        self.seen[key] = number
        organisation = self.existing.get(key) or Organisation(territory=territory, name=name)
        organisation.name = name
        if values.get("kind"):
            organisation.kind = self.choice(number, "kind", values["kind"], self.kinds, Organisation.Kind)
        elif organisation.pk is None:
            self.error(number, "kind", _("Say what kind of actor this is: %s.") %
                       ", ".join(str(label) for label in Organisation.Kind.labels))
        if "association_level" in values:
            level = values["association_level"]
            organisation.association_level = level and self.choice(
                number, "association_level", level, self.levels, Organisation.AssociationLevel) or ""
        for column in ("email", "phone", "description"):
            if column in values:
                setattr(organisation, column, values[column])
        website = values.get("website")
        if website is not None:
            organisation.website = website if not website or "://" in website else f"https://{website}"
        if values.get("languages"):
            codes = [code.strip().lower() for code in values["languages"].replace(";", ",").split(",") if code.strip()]
            unknown = [code for code in codes if not is_language_code(code)]
            if unknown:
                self.error(number, "languages", _("Not ISO 639 language codes: %s (write them like fr, ar, ti).") %
                           ", ".join(unknown))
            organisation.languages = codes
        language = values.get("content_language") or (organisation.content_language if organisation.pk else
                                                       (get_language() or settings.LANGUAGE_CODE).split("-")[0])
        if not is_language_code(language):
            self.error(number, "content_language", _("“%s” is not an ISO 639 language code.") % language)
        organisation.content_language = language.lower()
        try:
            organisation.full_clean(exclude=["kind", "association_level", "languages", "territory"],
                                    validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.error(number, field, message)
        return organisation


def import_organisations(fileobj, filename: str, *, territory, user=None) -> ImportReport:
    """Create or update the organisations of a spreadsheet, all or none. Territories are found by
    path, slug or name inside `territory`; a row without one belongs to `territory` itself."""
    filename = Path(filename).name
    header, lines, report = read_sheet(fileobj, filename, columns=COLUMNS, required=["name"], max_rows=MAX_ROWS)
    errors = []
    rows = _OrganisationRows(filename, territory, errors)
    organisations = []
    for number, cells in lines:
        values = {column: cell for column, cell in zip(header, cells) if column in COLUMNS}
        organisation = rows.organisation(number, values)
        if organisation is not None:
            organisations.append(organisation)
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for organisation in organisations:
            counter = report.updated if organisation.pk else report.created
            organisation._history_user = user
            organisation._change_reason = CHANGE_REASON
            organisation.save()
            counter[Organisation] += 1
    return report
