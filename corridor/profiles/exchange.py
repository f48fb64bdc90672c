"""A profile's values as a spreadsheet (CSV or XLSX), one value per row:

    indicator, breakdown, value, source, source_url, accessed_on

`breakdown` is empty for the indicator's total, else a key of its dimension (a country code, female,
25-44…). An import checks every row first and writes nothing if one is wrong, listing each problem with
its row and column; otherwise the file replaces the profile's values. The export writes the same columns
(with the label and unit to read by, ignored on import) and a blank row for each indicator not reported,
so an exported file is also the form to fill in."""
import csv
import difflib
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from corridor.directory.importing import ImportFailed, ImportReport, RowError
from corridor.directory.organisation_import import read_sheet

from .dimensions import FixedDimension, UnknownKey
from .models import Indicator, Profile, ProfileTemplate, Source, Value

COLUMNS = ("indicator", "breakdown", "value", "source", "source_url", "accessed_on")
REQUIRED = ("indicator", "value", "source")
FOR_READERS = ("label", "unit")  # written by the export, not read
EXPORT_COLUMNS = ("indicator", "label", "breakdown", "value", "unit", "source", "source_url", "accessed_on")
MAX_ROWS = 5000
LARGEST = Decimal("1e15")
SEPARATORS = re.compile(r"[\s'’_\u00a0\u202f]")  # thousands separators: 1 234, 1'234 (Switzerland), 1_234
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,(\d{1,2}|\d{4,})$")  # 12,5 but not 1,234 (a thousand, or one and a bit?)


class BadNumber(ValueError):
    pass


def parse_number(text: str, *, percentage: bool = False) -> Decimal:
    """A number as people type it in a spreadsheet: "1234.5", "1 234", "1'234", "12,5", and "12.5%" for rates."""
    cleaned = SEPARATORS.sub("", text)
    if percentage and cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if DECIMAL_COMMA.match(cleaned):
        cleaned = cleaned.replace(",", ".")
    if not PLAIN_NUMBER.match(cleaned):
        raise BadNumber(_("“%(text)s” is not a number: write digits, with a point for decimals, like 1234.5.")
                        % {"text": text})
    return Decimal(cleaned)


@dataclass
class CheckedValue:
    row: int
    indicator: Indicator
    key: str
    value: Decimal
    source: tuple[str, str, date | None]


class ValueChecker:
    """Reads rows against a template, recording each problem with its row and column."""

    def __init__(self, template: ProfileTemplate, filename: str, errors: list):
        self.template, self.filename, self.errors = template, filename, errors
        self.indicators = {indicator.code: indicator for indicator in template.indicators.all()}
        self.seen: dict[tuple[int, str], int] = {}

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.filename, row, column, message))

    def check(self, number: int, values: dict) -> CheckedValue | None:
        """The value a row gives; None when the row is blank (not reported) or wrong."""
        values = {column: (values.get(column) or "").strip() for column in COLUMNS}
        code = values["indicator"]
        if not (values["value"] or values["source"] or values["source_url"] or values["accessed_on"]):
            return None  # an indicator listed but not reported, like the blank rows of an export
        problems = len(self.errors)
        indicator = self._indicator(number, code)
        key = self._key(number, indicator, values["breakdown"]) if indicator else None
        amount = self._value(number, indicator, values["value"])
        source = self._source(number, values)
        if len(self.errors) > problems:
            return None
        seen = self.seen.setdefault((indicator.pk, key), number)
        if seen != number:
            self.error(number, "breakdown" if key else "indicator",
                       _("Row %(row)d already gives this value.") % {"row": seen})
            return None
        return CheckedValue(number, indicator, key, amount, source)

    def _indicator(self, number: int, code: str) -> Indicator | None:
        if not code:
            self.error(number, "indicator", _("The indicator code is missing."))
            return None
        indicator = self.indicators.get(code.lower())
        if indicator is None:
            message = _("Unknown indicator code “%(code)s” in the template “%(template)s”.") % {
                "code": code, "template": self.template}
            close = difflib.get_close_matches(code.lower(), self.indicators, n=1)
            if close:
                message += " " + _("Did you mean “%(code)s”?") % {"code": close[0]}
            self.error(number, "indicator", message)
        return indicator

    def _key(self, number: int, indicator: Indicator, text: str) -> str | None:
        if not text:
            return ""
        if indicator.dimension is None:
            self.error(number, "breakdown", _("This indicator has no breakdown: leave the column empty."))
            return None
        try:
            return indicator.dimension.parse(text)
        except UnknownKey as unknown:
            self.error(number, "breakdown", str(unknown))
            return None

    def _value(self, number: int, indicator: Indicator | None, text: str) -> Decimal | None:
        if not text:
            self.error(number, "value", _("The value is missing."))
            return None
        percentage = indicator is not None and indicator.kind == Indicator.Kind.PERCENTAGE
        try:
            amount = parse_number(text, percentage=percentage)
        except BadNumber as bad:
            self.error(number, "value", str(bad))
            return None
        if amount < 0:
            self.error(number, "value", _("A value cannot be negative."))
        elif percentage and amount > 100:
            self.error(number, "value", _("A percentage is between 0 and 100."))
        elif amount >= LARGEST:
            self.error(number, "value", _("This number is too large."))
        return amount

    def _source(self, number: int, values: dict) -> tuple[str, str, date | None]:
        name, url, accessed = values["source"], values["source_url"], values["accessed_on"]
        if not name:
            self.error(number, "source", _("Every value needs its source: name where it comes from."))
        elif len(name) > Source._meta.get_field("name").max_length:
            self.error(number, "source", _("At most %(count)d characters.") % {
                "count": Source._meta.get_field("name").max_length})
        if url:
            url = url if "://" in url else f"https://{url}"
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                self.error(number, "source_url", _("“%(url)s” is not a web address.") % {"url": values["source_url"]})
        day = None
        if accessed:
            try:
                day = parse_date(accessed)
            except ValueError:
                day = None
            if day is None:
                self.error(number, "accessed_on", _("Not a date: write it like 2025-03-31."))
        return name, url, day


def import_values(profile: Profile, fileobj, filename: str) -> ImportReport:
    """Replace the profile's values with those of the file, or raise ImportFailed and write nothing."""
    filename = Path(filename).name
    header, lines, report = read_sheet(fileobj, filename, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS,
                                       also_known=FOR_READERS)
    errors = []
    checker = ValueChecker(profile.template, filename, errors)
    checked = []
    for number, cells in lines:
        row = checker.check(number, dict(zip(header, cells)))
        if row is not None:
            checked.append(row)
    if errors:
        raise ImportFailed(errors)
    replace_values(profile, checked)
    report.created[Value] = len(checked)
    return report


def replace_values(profile: Profile, checked: list[CheckedValue], indicators=None) -> None:
    """The checked values become the profile's values (of `indicators` only, when given)."""
    with transaction.atomic():
        stale = profile.values.all()
        if indicators is not None:
            stale = stale.filter(indicator__in=indicators)
        stale.delete()
        sources = {(source.name, source.url, source.accessed_on): source for source in profile.sources.all()}
        for row in checked:
            if row.source not in sources:
                name, url, accessed = row.source
                sources[row.source] = Source.objects.create(profile=profile, name=name, url=url, accessed_on=accessed)
        Value.objects.bulk_create([Value(profile=profile, indicator=row.indicator, breakdown_key=row.key,
                                         value=row.value, source=sources[row.source]) for row in checked])
        profile.sources.filter(values__isnull=True).delete()
        profile.save(update_fields=["updated_at"])


# Writing.

def plain_number(value: Decimal) -> str:
    """1234 or 12.5: plain digits that any spreadsheet reads back."""
    return format(value.normalize(), "f")


def export_rows(profile: Profile) -> list[list[str]]:
    """The header and a row per value; indicators not reported get a blank row to fill in."""
    values = {}
    for value in profile.values.select_related("source"):
        values.setdefault(value.indicator_id, []).append(value)
    rows = [list(EXPORT_COLUMNS)]
    for indicator in profile.template.indicators.select_related("section"):
        label, unit = indicator.translated("label")[0], indicator.translated("unit")[0]
        reported = sorted(values.get(indicator.pk, []), key=lambda value: (
            value.breakdown_key != "", indicator.dimension.sort_key(value.breakdown_key, value.value)
            if value.breakdown_key else ()))
        for value in reported:
            source = value.source
            rows.append([indicator.code, label, value.breakdown_key, plain_number(value.value), unit, source.name,
                         source.url, source.accessed_on.isoformat() if source.accessed_on else ""])
        if not reported:
            rows.extend([indicator.code, label, key, "", unit, "", "", ""] for key in _blank_keys(indicator))
    return rows


def blank_rows(template: ProfileTemplate) -> list[list[str]]:
    """The form to fill in for a template: every indicator, and every key of the short breakdowns."""
    rows = [list(EXPORT_COLUMNS)]
    for indicator in template.indicators.select_related("section"):
        label, unit = indicator.translated("label")[0], indicator.translated("unit")[0]
        rows.extend([indicator.code, label, key, "", unit, "", "", ""] for key in _blank_keys(indicator))
    return rows


def _blank_keys(indicator: Indicator) -> list[str]:
    dimension = indicator.dimension
    return [""] + (list(dimension.keys) if isinstance(dimension, FixedDimension) else [])


def to_csv(rows: list[list[str]]) -> str:
    """With a byte order mark, so that spreadsheet programs open it as UTF-8."""
    output = io.StringIO()
    output.write("\ufeff")
    csv.writer(output).writerows(rows)
    return output.getvalue()
