"""Initiatives as a spreadsheet (CSV export; CSV or XLSX import), one initiative per row, with the columns
of COLUMNS. Lists in a cell are separated by semicolons, the parts of an item by vertical bars:

    phases, categories, target_groups   codes or labels (any interface language): "destination; return"
    partners                            organisation | role: "Caritas Vaud | implementing; EPER | funding"
    fundings                            donor | amount | currency | from | to:
                                        "Canton | 120000 | CHF | 2025-01-01 | 2025-12-31"

Organisations are named by their name (or uuid) in the directory; a donor that is not in the directory is
kept by name. Territories are named by path (as exported: ch/vaud/lausanne), slug or name; the initiative's
territory must be inside the importer's, the partner territory may be anywhere.

An import checks every row first and writes nothing if one is wrong, listing each problem with its row and
column. A row with the `id` of an initiative, or with the title of one in the same territory, updates it;
other rows create initiatives. Columns left out of the file are left unchanged; the partners and fundings
given replace the initiative's. Results and indicators are edited on the initiative's page and exported in
the IATI file."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from corridor.core.languages import is_language_code
from corridor.directory.importing import ImportFailed, ImportReport, RowError, TerritoryLookup
from corridor.directory.models import Organisation
from corridor.directory.organisation_import import _choices_by_word, read_sheet
from corridor.directory.search import normalise
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.profiles.exchange import BadNumber, parse_number, plain_number, to_csv
from corridor.territories.models import Territory

from . import initiatives
from .models import Funding, Initiative, InitiativePartner

COLUMNS = ("id", "title", "description", "content_language", "lead_organisation", "territory", "partner_territory",
           "status", "start_date", "end_date", "budget", "currency", "planned_beneficiaries", "actual_beneficiaries",
           "phases", "categories", "target_groups", "partners", "fundings", "website")
TERM_COLUMNS = {"phases": PHASE, "categories": CATEGORY, "target_groups": TARGET_GROUP}
MAX_ROWS = 5000
LARGEST = Decimal("1e12")


# Export.

def _items(parts_list) -> str:
    return "; ".join(" | ".join(str(part) for part in parts) for parts in parts_list)


def _plain(value) -> str:
    return "" if value is None else plain_number(Decimal(value))


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def export_rows(queryset) -> list[list[str]]:
    rows = [list(COLUMNS)]
    for initiative in initiatives.with_details(queryset).order_by("territory__path", "title", "pk").iterator(
            chunk_size=500):
        codes = initiatives.term_codes(initiative)
        rows.append([
            str(initiative.uuid), initiative.title, initiative.description, initiative.content_language,
            initiative.lead_organisation.name, initiative.territory.path.rstrip("/"),
            initiative.partner_territory.path.rstrip("/") if initiative.partner_territory_id else "",
            initiative.status, _day(initiative.start_date), _day(initiative.end_date), _plain(initiative.budget),
            initiative.currency, _plain(initiative.planned_beneficiaries), _plain(initiative.actual_beneficiaries),
            *("; ".join(codes[vocabulary.code]) for vocabulary in TERM_COLUMNS.values()),
            _items((partner.organisation.name, partner.role) for partner in initiative.partners.all()),
            _items((funding.donor_label, plain_number(funding.amount), funding.currency,
                    *([_day(funding.period_start), _day(funding.period_end)]
                      if funding.period_start or funding.period_end else []))
                   for funding in initiative.fundings.all()),
            initiative.website,
        ])
    return rows


def export_csv(queryset) -> str:
    return to_csv(export_rows(queryset))


# Import.

def _split(text: str) -> list[list[str]]:
    """Items separated by semicolons or line breaks, parts by vertical bars."""
    items = [item.strip() for item in text.replace("\n", ";").split(";")]
    return [[part.strip() for part in item.split("|")] for item in items if item]


def _vocabulary_words(vocabulary) -> dict[str, str]:
    """A term by its code or its label in any interface language."""
    words = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in vocabulary.terms:
                words[normalise(str(label))] = code
    words.update({normalise(code): code for code, _label in vocabulary.terms})
    return words


@dataclass
class _Row:
    number: int
    initiative: Initiative
    terms: dict[str, list[str]] = field(default_factory=dict)
    partners: list[tuple[Organisation, str]] | None = None
    fundings: list[Funding] | None = None


class _InitiativeRows:
    """Turns rows into checked initiatives, recording each problem with its row and column."""

    def __init__(self, filename: str, territory: Territory, errors: list):
        self.filename, self.root, self.errors = filename, territory, errors
        self.lookup = TerritoryLookup(territory)
        self.existing = {initiative.uuid: initiative for initiative in
                         Initiative.objects.filter(territory__path__startswith=territory.path)}
        self.by_title = {(initiative.territory_id, initiative.title.casefold()): initiative
                         for initiative in self.existing.values()}
        self.organisations_by_name: dict[str, list[Organisation]] = {}
        self.organisations_by_uuid: dict[str, Organisation] = {}
        for organisation in Organisation.objects.select_related("territory"):
            self.organisations_by_name.setdefault(normalise(organisation.name), []).append(organisation)
            self.organisations_by_uuid[str(organisation.uuid)] = organisation
        self.statuses = _choices_by_word(Initiative.Status)
        self.roles = _choices_by_word(InitiativePartner.Role)
        self.terms = {column: _vocabulary_words(vocabulary) for column, vocabulary in TERM_COLUMNS.items()}
        self.seen: dict[object, int] = {}
        self._everywhere: dict[str, list[Territory]] | None = None

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.filename, row, column, message))

    # Values of a cell.

    def organisation(self, number: int, column: str, text: str, *, required=True) -> Organisation | None:
        found = self.organisations_by_uuid.get(text.strip().lower())
        if found is not None:
            return found
        candidates = self.organisations_by_name.get(normalise(text), [])
        if len(candidates) > 1:  # the same name elsewhere: prefer the importer's territory
            candidates = [o for o in candidates if o.territory.path.startswith(self.root.path)] or candidates
        if len(candidates) == 1:
            return candidates[0]
        if required:
            self.error(number, column, _("There is no organisation “%(name)s” in the directory: add it first.")
                       % {"name": text} if not candidates else
                       _("Several organisations are called “%(name)s”: give the uuid of the one you mean.")
                       % {"name": text})
        return None

    def territory(self, number: int, column: str, text: str, *, inside: bool) -> Territory | None:
        found = self.lookup.matches(text) if inside else self.anywhere(text)
        if len(found) == 1:
            return found[0]
        if found:
            self.error(number, column, _("“%(text)s” names several territories (%(paths)s): write the path "
                                         "instead.") % {"text": text, "paths": ", ".join(t.path for t in found)})
        elif inside:
            self.error(number, column, _("There is no territory “%(text)s” in %(root)s.")
                       % {"text": text, "root": self.root})
        else:
            self.error(number, column, _("There is no territory “%(text)s”.") % {"text": text})
        return None

    def anywhere(self, text: str) -> list[Territory]:
        """Territories of any country, by path, slug or name (a partner territory is often abroad)."""
        if self._everywhere is None:
            self._everywhere = {}
            for territory in Territory.objects.order_by("path"):
                self._everywhere[territory.path] = [territory]
                for word in {normalise(w) for w in (territory.slug, territory.name,
                                                    *territory.name_translations.values())} - {""}:
                    self._everywhere.setdefault(word, []).append(territory)
        return self._everywhere.get(text.strip().strip("/") + "/") or self._everywhere.get(normalise(text), [])

    def day(self, number: int, column: str, text: str) -> date | None:
        if not text:
            return None
        try:
            found = parse_date(text)
        except ValueError:
            found = None
        if found is None:
            self.error(number, column, _("Not a date: write it like 2025-03-31."))
        return found

    def amount(self, number: int, column: str, text: str, *, whole=False) -> Decimal | None:
        if not text:
            return None
        try:
            value = parse_number(text)
        except BadNumber as bad:
            self.error(number, column, str(bad))
            return None
        if value < 0:
            self.error(number, column, _("This cannot be negative."))
        elif value >= LARGEST:
            self.error(number, column, _("This number is too large."))
        elif whole and value != value.to_integral_value():
            self.error(number, column, _("Give a whole number."))
        else:
            return value
        return None

    def currency(self, number: int, column: str, text: str) -> str | None:
        if initiatives.is_currency(text):
            return text.upper()
        self.error(number, column, _("“%(code)s” is not an ISO 4217 currency code (like EUR, CHF, XOF).")
                   % {"code": text})
        return None

    def codes(self, number: int, column: str, text: str) -> list[str]:
        words, codes = self.terms[column], []
        for (word, *_rest) in _split(text):
            code = words.get(normalise(word))
            if code is None:
                self.error(number, column, _("“%(text)s” is not one of: %(options)s.") % {
                    "text": word, "options": ", ".join(code for code, _label in TERM_COLUMNS[column].terms)})
            elif code not in codes:
                codes.append(code)
        return codes

    def partners(self, number: int, text: str) -> list[tuple[Organisation, str]]:
        partners = []
        for parts in _split(text):
            if len(parts) != 2:
                self.error(number, "partners", _("Write each partner as “organisation | role”, like "
                                                 "“Caritas Vaud | implementing”."))
                continue
            organisation = self.organisation(number, "partners", parts[0])
            role = self.roles.get(parts[1].casefold())
            if role is None:
                self.error(number, "partners", _("“%(text)s” is not one of: %(options)s.") % {
                    "text": parts[1], "options": ", ".join(InitiativePartner.Role.values)})
            if organisation is not None and role is not None:
                if (organisation, role) in partners:
                    self.error(number, "partners", _("%(name)s is named twice as %(role)s.")
                               % {"name": organisation.name, "role": role})
                partners.append((organisation, role))
        return partners

    def fundings(self, number: int, text: str, default_currency: str) -> list[Funding]:
        fundings = []
        for parts in _split(text):
            if not 2 <= len(parts) <= 5 or not parts[0]:
                self.error(number, "fundings", _("Write each funding as “donor | amount | currency | from | to” "
                                                 "(currency and dates may be left out)."))
                continue
            donor = self.organisation(number, "fundings", parts[0], required=False)
            amount = self.amount(number, "fundings", parts[1])
            if amount is None and parts[1] == "":
                self.error(number, "fundings", _("The amount of the funding from “%(donor)s” is missing.")
                           % {"donor": parts[0]})
            currency = self.currency(number, "fundings", parts[2]) if len(parts) > 2 and parts[2] else default_currency
            start = self.day(number, "fundings", parts[3]) if len(parts) > 3 else None
            end = self.day(number, "fundings", parts[4]) if len(parts) > 4 else None
            if start and end and end < start:
                self.error(number, "fundings", _("The funding from “%(donor)s” ends before it starts.")
                           % {"donor": parts[0]})
            fundings.append(Funding(donor=donor, donor_name="" if donor else parts[0][:255], amount=amount,
                                    currency=currency, period_start=start, period_end=end))
        return fundings

    # A whole row.

    def existing_initiative(self, number: int, values: dict) -> Initiative | None:
        identifier = values.get("id", "")
        if identifier:
            try:
                found = self.existing.get(UUID(identifier))
            except ValueError:
                found = None
            if found is None:
                self.error(number, "id", _("There is no initiative with this id in %(root)s: leave the id empty to "
                                           "create one.") % {"root": self.root})
            return found
        return None

    def row(self, number: int, values: dict) -> _Row | None:
        problems = len(self.errors)
        initiative = self.existing_initiative(number, values)
        if len(self.errors) > problems:
            return None
        title = values.get("title", initiative.title if initiative else "")
        if not title:
            self.error(number, "title", _("The title is missing."))
            return None
        if "territory" in values or initiative is None:
            territory = (self.territory(number, "territory", values["territory"], inside=True)
                         if values.get("territory") else self.root)
            if territory is None:
                return None
        else:
            territory = initiative.territory
        initiative = initiative or self.by_title.get((territory.pk, title.casefold())) or Initiative(
            territory=territory, content_language=(translation.get_language() or settings.LANGUAGE_CODE).split("-")[0])
        key = initiative.pk or (territory.pk, title.casefold())
        if key in self.seen:
            self.error(number, "title", _("Row %(row)d is about the same initiative.") % {"row": self.seen[key]})
            return None
        self.seen[key] = number
        initiative.title, initiative.territory = title, territory
        self.fill(number, initiative, values)
        row = _Row(number, initiative)
        for column, vocabulary in TERM_COLUMNS.items():
            if column in values:
                row.terms[vocabulary.code] = self.codes(number, column, values[column])
        if initiative.pk is None and not values.get("categories"):
            self.error(number, "categories", _("Say what the initiative does: give at least one category."))
        if "partners" in values:
            row.partners = self.partners(number, values["partners"])
        if "fundings" in values:
            row.fundings = self.fundings(number, values["fundings"], initiative.currency)
        return row

    def fill(self, number: int, initiative: Initiative, values: dict) -> None:
        """Copy the row's plain values onto the initiative, checking each."""
        if "description" in values:
            initiative.description = values["description"]
        if values.get("content_language"):
            if is_language_code(values["content_language"]):
                initiative.content_language = values["content_language"].lower()
            else:
                self.error(number, "content_language", _("“%s” is not an ISO 639 language code.")
                           % values["content_language"])
        if values.get("lead_organisation"):
            lead = self.organisation(number, "lead_organisation", values["lead_organisation"])
            if lead is not None:
                initiative.lead_organisation = lead
        elif initiative.pk is None:
            self.error(number, "lead_organisation", _("Name the organisation that leads the initiative."))
        if "partner_territory" in values:
            initiative.partner_territory = self.territory(
                number, "partner_territory", values["partner_territory"], inside=False) \
                if values["partner_territory"] else None
            if initiative.partner_territory_id and initiative.partner_territory_id == initiative.territory.pk:
                self.error(number, "partner_territory", _("The partner territory is the other end of the corridor: "
                                                          "another territory than the initiative's."))
        if values.get("status"):
            initiative.status = self.statuses.get(values["status"].casefold()) or initiative.status
            if values["status"].casefold() not in self.statuses:
                self.error(number, "status", _("“%(text)s” is not one of: %(options)s.") % {
                    "text": values["status"], "options": ", ".join(Initiative.Status.values)})
        for column in ("start_date", "end_date"):
            if column in values:
                setattr(initiative, column, self.day(number, column, values[column]))
        if initiative.start_date and initiative.end_date and initiative.end_date < initiative.start_date:
            self.error(number, "end_date", _("The end is before the start."))
        if "budget" in values:
            initiative.budget = self.amount(number, "budget", values["budget"])
        if values.get("currency"):
            initiative.currency = self.currency(number, "currency", values["currency"]) or initiative.currency
        for column in ("planned_beneficiaries", "actual_beneficiaries"):
            if column in values:
                count = self.amount(number, column, values[column], whole=True)
                setattr(initiative, column, int(count) if count is not None else None)
        if "website" in values:
            website = values["website"]
            initiative.website = website if not website or "://" in website else f"https://{website}"
            if initiative.website:
                try:
                    URLValidator(schemes=["http", "https"])(initiative.website)
                except ValidationError:
                    self.error(number, "website", _("“%(url)s” is not a web address.") % {"url": website})
        try:
            initiative.full_clean(exclude=["lead_organisation", "territory", "partner_territory", "website",
                                           "created_by"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    self.error(number, column, message)


def import_initiatives(fileobj, filename: str, *, territory: Territory, user=None) -> ImportReport:
    """Create or update the initiatives of a spreadsheet inside `territory`, all or none."""
    filename = Path(filename).name
    header, lines, report = read_sheet(fileobj, filename, columns=COLUMNS, required=["title"], max_rows=MAX_ROWS)
    errors = []
    checker = _InitiativeRows(filename, territory, errors)
    rows = []
    for number, cells in lines:
        row = checker.row(number, {column: cell for column, cell in zip(header, cells) if column in COLUMNS})
        if row is not None:
            rows.append(row)
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for row in rows:
            _save(row, user, report)
    return report


def _save(row: _Row, user, report: ImportReport) -> None:
    initiative = row.initiative
    (report.updated if initiative.pk else report.created)[Initiative] += 1
    if initiative.pk is None:
        initiative.created_by = user
    initiative.save()
    if row.terms:
        initiatives.set_terms(initiative, row.terms)
    if row.partners is not None:
        initiative.partners.all().delete()
        InitiativePartner.objects.bulk_create(InitiativePartner(initiative=initiative, organisation=organisation,
                                                                role=role) for organisation, role in row.partners)
        report.created[InitiativePartner] += len(row.partners)
    if row.fundings is not None:
        initiative.fundings.all().delete()
        for funding in row.fundings:
            funding.initiative = initiative
        Funding.objects.bulk_create(row.fundings)
        report.created[Funding] += len(row.fundings)
