"""Import good practices from a file: CSV or XLSX (a header row, one practice per row) or JSON (a list
of objects with the same keys). All or nothing: every row is checked first and, if one is wrong,
nothing is written and each problem is listed with its row and column (CSV rows are counted as a
spreadsheet shows them, the header being row 1; JSON records from 1).

Columns: those of COLUMNS. Lists (phases, categories, target_groups, sectors, sdg_targets,
organisations, territories, initiatives) are separated by semicolons in a cell, or are JSON arrays.
Translations: a column `<field>:<language>` ("title:fr", "outputs:es") in a table, or
`"translations": {"fr": {"title": …}}` in JSON. Every practice must fill the template (template.py:
title, country, objectives, activities, outputs with a figure); it enters the library with the status
of its `status` column (draft unless said), its translations with the same status.

Who imports: territory administrators and platform administrators. Organisations are named as in the
directory and territories by path ("ch/vaud") or name; a territory administrator may name only those
of their territories, and each practice must name at least one, so that its reviewers are known."""
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from corridor.accounts import permissions
from corridor.coordination.models import Initiative
from corridor.core.languages import is_language_code
from corridor.directory.importing import ImportFailed, ImportReport, RowError, TerritoryLookup
from corridor.directory.models import Organisation, TaxonomyTerm
from corridor.directory.organisation_import import read_table
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.territories.models import Territory

from . import template
from .models import GoodPractice
from .vocabularies import SECTOR, is_sdg_target, sdg_sort_key

TEXT_COLUMNS = ("title", "website", "region", *template.TEXT_FIELDS, "period", "sources")
LIST_COLUMNS = ("phases", "categories", "target_groups", "sectors", "sdg_targets", "organisations", "territories",
                "initiatives")
COLUMNS = ("title", "language", "organisation_kind", "website", "country", "region", *template.TEXT_FIELDS,
           "period", "sources", *LIST_COLUMNS, "status")
REQUIRED_COLUMNS = ("title", "country", "objectives", "activities", "outputs")
TERM_COLUMNS = {"phases": PHASE, "categories": CATEGORY, "target_groups": TARGET_GROUP}
SUFFIXES = (".csv", ".xlsx", ".json")
MAX_ROWS = 2000
MAX_BYTES = 20_000_000
# Model fields whose column has another name.
FIELD_OF_COLUMN = {"country": "country_code", "language": "content_language"}


@dataclass
class CheckedPractice:
    practice: GoodPractice
    terms: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    territories: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)


def import_practices(fileobj, filename: str, *, user) -> ImportReport:
    """Create the practices of a file, all or none."""
    filename = Path(filename).name
    records = _records(fileobj, filename)
    errors: list[RowError] = []
    checker = _Checker(filename, user, errors)
    checked = [result for number, record in records if (result := checker.check(number, record)) is not None]
    if errors:
        raise ImportFailed(errors)
    report = ImportReport()
    with transaction.atomic():
        for item in checked:
            item.practice.save()
            item.practice.terms.set(item.terms)
            item.practice.organisations.set(item.organisations)
            item.practice.territories.set(item.territories)
            item.practice.initiatives.set(item.initiatives)
            report.created[GoodPractice] += 1
    return report


def _records(fileobj, filename: str) -> list[tuple[int, dict]]:
    """(row number, {column: value}) of each record that is not blank."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFailed([RowError(filename, None, "", _("Upload a .csv, .xlsx or .json file."))])
    if suffix == ".json":
        try:
            data = json.loads(fileobj.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ImportFailed([RowError(filename, None, "", _("This is not readable JSON: %(error)s")
                                         % {"error": error})]) from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ImportFailed([RowError(filename, None, "", _("The file should hold a list of objects, one per "
                                                               "practice."))])
        records = [(number, _flatten_translations(item)) for number, item in enumerate(data, 1)]
    else:
        table = read_table(fileobj, filename)
        if not table:
            raise ImportFailed([RowError(filename, None, "", _("The file is empty."))])
        header = [cell.strip().lower().replace(" ", "_") for cell in table[0]]
        records = [(number, dict(zip(header, cells))) for number, cells in enumerate(table[1:], 2) if any(cells)]
    if len(records) > MAX_ROWS:
        raise ImportFailed([RowError(filename, None, "", _("At most %d practices can be imported at once.")
                                     % MAX_ROWS)])
    if not records:
        raise ImportFailed([RowError(filename, None, "", _("The file holds no practice."))])
    columns = set().union(*(record.keys() for _number, record in records))
    problems = [RowError(filename, 1 if suffix != ".json" else None, column, _("Unknown column. The columns are: "
                                                                                "%(columns)s, and <field>:<language> "
                                                                                "for translations.")
                         % {"columns": ", ".join(COLUMNS)})
                for column in sorted(columns) if column and not _is_known(column)]
    problems += [RowError(filename, None, column, _("This column is required."))
                 for column in REQUIRED_COLUMNS if column not in columns]
    if problems:
        raise ImportFailed(problems)
    return records


def _is_known(column: str) -> bool:
    name, _colon, language = column.partition(":")
    return column in COLUMNS or (bool(language) and name in template.TRANSLATED_FIELDS)


def _flatten_translations(item: dict) -> dict:
    """A JSON record with its translations as `<field>:<language>` keys, like a table's columns."""
    record = {key: value for key, value in item.items() if key != "translations"}
    translations = item.get("translations") or {}
    if isinstance(translations, dict):
        for language, texts in translations.items():
            for name, text in (texts.items() if isinstance(texts, dict) else ()):
                record[f"{name}:{language}"] = text
    else:
        record["translations"] = translations  # reported as an unknown shape by the checker
    return record


class _Checker:
    """Turns records into unsaved practices, recording each problem with its row and column."""

    def __init__(self, filename: str, user, errors: list):
        self.filename, self.user, self.errors = filename, user, errors
        self.platform = permissions.is_platform_admin(user)
        self.terms = {(term.vocabulary, term.code): term for term in TaxonomyTerm.objects.all()}
        organisations = Organisation.objects.all() if self.platform else permissions.editable_organisations(user)
        self.organisations = {}
        for organisation in organisations:
            self.organisations.setdefault(organisation.name.casefold(), []).append(organisation)
        if self.platform:
            roots = Territory.objects.filter(parent=None)
        else:
            paths = permissions.administered_paths(user)
            roots = [t for t in Territory.objects.filter(path__in=paths)
                     if not any(t.path != path and t.path.startswith(path) for path in paths)]
        self.lookups = [TerritoryLookup(root) for root in roots]
        self.existing = {(title.casefold(), country) for title, country in
                         GoodPractice.objects.values_list("title", "country_code")}

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.filename, row, column, message))

    def text(self, number: int, record: dict, column: str) -> str:
        value = record.get(column)
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)):
            self.error(number, column, _("Write this as text."))
            return ""
        return str(value).strip()

    def codes(self, number: int, record: dict, column: str) -> list[str]:
        value = record.get(column)
        if isinstance(value, list):
            return [str(item).strip() for item in value if str(item).strip()]
        return [code.strip() for code in self.text(number, record, column).split(";") if code.strip()]

    def check(self, number: int, record: dict) -> CheckedPractice | None:
        before = len(self.errors)
        values = {column: self.text(number, record, column) for column in TEXT_COLUMNS}
        practice = GoodPractice(**{name: values[name] for name in TEXT_COLUMNS}, created_by=self.user)
        for name in TEXT_COLUMNS:
            limit = GoodPractice._meta.get_field(name).max_length
            if limit and len(values[name]) > limit:
                self.error(number, name, _("At most %(limit)d characters.") % {"limit": limit})
        if values["website"]:
            try:
                URLValidator()(values["website"])
            except ValidationError:
                self.error(number, "website", _("Not a web address: write it in full, like https://example.org."))
        practice.content_language = self.language(number, record)
        practice.country_code = self.country(number, record)
        practice.organisation_kind = self.kind(number, record)
        practice.status = self.status(number, record)
        practice.sectors = self.sectors(number, record)
        practice.sdg_targets = self.sdg_targets(number, record)
        country_unknown = bool(self.text(number, record, "country")) and not practice.country_code
        for name, message in template.problems(practice).items():
            if not (name == "country_code" and country_unknown):  # already reported
                self.error(number, {"country_code": "country"}.get(name, name), message)
        self.translations(number, record, practice)
        key = (practice.title.casefold(), practice.country_code)
        if practice.title and key in self.existing:
            self.error(number, "title", _("A practice with this title and country is already in the library "
                                          "(or earlier in the file)."))
        self.existing.add(key)
        checked = CheckedPractice(practice, terms=self.tags(number, record),
                                  organisations=self.linked_organisations(number, record),
                                  territories=self.linked_territories(number, record),
                                  initiatives=self.linked_initiatives(number, record))
        if not self.platform and not (checked.organisations or checked.territories):
            self.error(number, "territories", _("Name at least one of your territories or organisations, so that "
                                                "the practice has reviewers."))
        return checked if len(self.errors) == before else None

    def language(self, number, record) -> str:
        code = self.text(number, record, "language").lower() or "en"
        if not is_language_code(code):
            self.error(number, "language", _("“%(code)s” is not a language code like en, fr, es or ar.")
                       % {"code": code})
        return code

    def country(self, number, record) -> str:
        text = self.text(number, record, "country")
        if not text:
            return ""
        if text.upper() == "XK":
            return "XK"
        try:
            return pycountry.countries.lookup(text).alpha_2
        except LookupError:
            self.error(number, "country", _("Unknown country “%(text)s”: write its ISO code, like CH or TN.")
                       % {"text": text})
            return ""

    def kind(self, number, record) -> str:
        code = self.text(number, record, "organisation_kind")
        if code and code not in Organisation.Kind.values:
            self.error(number, "organisation_kind", _("Unknown type “%(code)s”; the types are: %(codes)s.")
                       % {"code": code, "codes": ", ".join(Organisation.Kind.values)})
            return ""
        return code

    def status(self, number, record) -> str:
        code = self.text(number, record, "status") or GoodPractice.Status.DRAFT
        if code not in GoodPractice.Status.values:
            self.error(number, "status", _("The status is one of: %(codes)s.")
                       % {"codes": ", ".join(GoodPractice.Status.values)})
            return GoodPractice.Status.DRAFT
        return code

    def sectors(self, number, record) -> list[str]:
        codes = self.codes(number, record, "sectors")
        for code in codes:
            if code not in dict(SECTOR.terms):
                self.error(number, "sectors", _("Unknown sector “%(code)s”; the sectors are: %(codes)s.")
                           % {"code": code, "codes": ", ".join(dict(SECTOR.terms))})
        return [code for code in dict.fromkeys(codes) if code in dict(SECTOR.terms)]

    def sdg_targets(self, number, record) -> list[str]:
        codes = [code.lower() for code in self.codes(number, record, "sdg_targets")]
        for code in codes:
            if not is_sdg_target(code):
                self.error(number, "sdg_targets", _("“%(code)s” is not an SDG target; write it like 10.7 or 17.b.")
                           % {"code": code})
        return sorted({code for code in codes if is_sdg_target(code)}, key=sdg_sort_key)

    def tags(self, number, record) -> list:
        terms = []
        for column, vocabulary in TERM_COLUMNS.items():
            for code in self.codes(number, record, column):
                term = self.terms.get((vocabulary.code, code))
                if term is None:
                    self.error(number, column, _("Unknown code “%(code)s”; the codes are: %(codes)s.")
                               % {"code": code, "codes": ", ".join(dict(vocabulary.terms))})
                else:
                    terms.append(term)
        return terms

    def translations(self, number: int, record: dict, practice: GoodPractice) -> None:
        texts_by_language: dict[str, dict] = {}
        for column in record:
            name, _colon, language = column.partition(":")
            if not language:
                continue
            language = language.lower()
            if not is_language_code(language) or language == practice.content_language:
                self.error(number, column, _("Translations go in another language than the practice's, given by "
                                             "its code: title:fr, outputs:ar."))
                continue
            text = self.text(number, record, column)
            if text:
                texts_by_language.setdefault(language, {})[name] = text
        for language, texts in texts_by_language.items():
            for name, message in template.translation_problems(texts).items():
                self.error(number, f"{name}:{language}", message)
        practice.translations = texts_by_language
        practice.translation_status = dict.fromkeys(texts_by_language, practice.status)

    def linked_organisations(self, number, record) -> list:
        found = []
        for name in self.codes(number, record, "organisations"):
            matches = self.organisations.get(name.casefold(), [])
            if len(matches) == 1:
                found.append(matches[0])
            elif matches:
                self.error(number, "organisations", _("Several organisations are called “%(name)s”.")
                           % {"name": name})
            else:
                self.error(number, "organisations", _("No organisation “%(name)s” that you may link to.")
                           % {"name": name})
        return found

    def linked_territories(self, number, record) -> list:
        found = []
        for text in self.codes(number, record, "territories"):
            matches = {t.pk: t for lookup in self.lookups for t in lookup.matches(text)}
            if len(matches) == 1:
                found.extend(matches.values())
            elif matches:
                self.error(number, "territories", _("Several territories are called “%(name)s”: give its path, "
                                                    "like ch/vaud.") % {"name": text})
            else:
                self.error(number, "territories", _("No territory “%(name)s” that you administer.") % {"name": text})
        return found

    def linked_initiatives(self, number, record) -> list:
        found = []
        for text in self.codes(number, record, "initiatives"):
            query = Q(title=text) | Q(uuid=text) if _is_uuid(text) else Q(title=text)
            matches = list(Initiative.objects.filter(query)[:2])
            if len(matches) == 1:
                found.append(matches[0])
            else:
                self.error(number, "initiatives", _("No single initiative has the id or title “%(text)s”.")
                           % {"text": text})
        return found


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
