"""Corridors: listing them by territory, their figures as series over time, the spreadsheet of figures
(CSV or XLSX, all-or-nothing with row-level errors) and their charts.

The spreadsheet has one figure per row:

    year, figure, value, source, source_url

`figure` is `diaspora` (people of the territory of origin living in the territory of destination),
`flow` (people who arrived during the year) or `remittances` (sent home during the year, in US dollars, the
unit of the World Bank's bilateral estimates). Every value needs its source. A file replaces the figures of
the years and kinds it gives and leaves the others as they are."""
import difflib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from corridor.consultations import charts as chart_drawing
from corridor.directory.importing import ImportFailed, ImportReport, RowError
from corridor.directory.organisation_import import read_sheet
from corridor.profiles.exchange import BadNumber, parse_number, plain_number

from .models import Corridor, CorridorFigure

COLUMNS = ("year", "figure", "value", "source", "source_url")
REQUIRED = ("year", "figure", "value", "source")
MAX_ROWS = 2000
FIRST_YEAR = 1950
LARGEST = Decimal("1e15")
KINDS = tuple(CorridorFigure.Kind.values)
MILLION = Decimal(1_000_000)


def corridors_of(territory) -> QuerySet:
    """The corridors with an end in `territory` or inside it (all of them without a territory)."""
    corridors = Corridor.objects.select_related("origin", "destination")
    if territory is None:
        return corridors
    return corridors.filter(Q(origin__path__startswith=territory.path)
                            | Q(destination__path__startswith=territory.path))


@dataclass(frozen=True)
class Series:
    kind: str
    label: str
    points: list  # [(year, value)], oldest first


def series(corridor: Corridor) -> list[Series]:
    """A series per kind of figure that has values, in the order of CorridorFigure.Kind."""
    points: dict[str, list] = {kind: [] for kind in KINDS}
    for figure in corridor.figures.order_by("year"):
        points[figure.kind].append((figure.year, figure.value))
    return [Series(kind, str(CorridorFigure.Kind(kind).label), values) for kind, values in points.items() if values]


# The spreadsheet of figures.

def export_rows(corridor: Corridor) -> list[list[str]]:
    rows = [list(COLUMNS)]
    for figure in corridor.figures.order_by("year", "kind"):
        rows.append([str(figure.year), figure.kind, plain_number(figure.value), figure.source, figure.source_url])
    return rows


@dataclass(frozen=True)
class CheckedFigure:
    row: int
    year: int
    kind: str
    value: Decimal
    source: str
    source_url: str


class _FigureRows:
    """Reads rows, recording each problem with its row and column."""

    def __init__(self, filename: str):
        self.filename, self.errors = filename, []
        self.seen: dict[tuple[int, str], int] = {}
        self.last_year = timezone.localdate().year

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.filename, row, column, message))

    def check(self, number: int, values: dict) -> CheckedFigure | None:
        values = {column: (values.get(column) or "").strip() for column in COLUMNS}
        problems = len(self.errors)
        year = self._year(number, values["year"])
        kind = self._kind(number, values["figure"])
        value = self._value(number, values["value"])
        source, url = self._source(number, values["source"], values["source_url"])
        if len(self.errors) > problems:
            return None
        seen = self.seen.setdefault((year, kind), number)
        if seen != number:
            self.error(number, "figure", _("Row %(row)d already gives this figure for %(year)d.") % {
                "row": seen, "year": year})
            return None
        return CheckedFigure(number, year, kind, value, source, url)

    def _year(self, number: int, text: str) -> int | None:
        if not text.isdigit() or not FIRST_YEAR <= int(text) <= self.last_year:
            self.error(number, "year", _("Give a year between %(first)d and %(last)d, like 2024.") % {
                "first": FIRST_YEAR, "last": self.last_year})
            return None
        return int(text)

    def _kind(self, number: int, text: str) -> str | None:
        kind = text.lower()
        if kind in KINDS:
            return kind
        message = _("Unknown figure “%(figure)s”: write diaspora, flow or remittances.") % {"figure": text}
        close = difflib.get_close_matches(kind, KINDS, n=1)
        if close and text:
            message += " " + _("Did you mean “%(code)s”?") % {"code": close[0]}
        self.error(number, "figure", message)
        return None

    def _value(self, number: int, text: str) -> Decimal | None:
        if not text:
            self.error(number, "value", _("The value is missing."))
            return None
        try:
            value = parse_number(text)
        except BadNumber as bad:
            self.error(number, "value", str(bad))
            return None
        if value < 0:
            self.error(number, "value", _("A value cannot be negative."))
        elif value >= LARGEST:
            self.error(number, "value", _("This number is too large."))
        return value

    def _source(self, number: int, name: str, url: str) -> tuple[str, str]:
        limit = CorridorFigure._meta.get_field("source").max_length
        if not name:
            self.error(number, "source", _("Every value needs its source: name where it comes from."))
        elif len(name) > limit:
            self.error(number, "source", _("At most %(count)d characters.") % {"count": limit})
        if url:
            url = url if "://" in url else f"https://{url}"
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                self.error(number, "source_url", _("“%(url)s” is not a web address.") % {"url": url})
        return name, url


def import_figures(corridor: Corridor, fileobj, filename: str) -> ImportReport:
    """Write the figures of the file (replacing those of the same year and kind), or raise ImportFailed
    and write nothing."""
    filename = Path(filename).name
    header, lines, report = read_sheet(fileobj, filename, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)
    rows = _FigureRows(filename)
    checked = [figure for number, cells in lines
               for figure in [rows.check(number, dict(zip(header, cells)))] if figure is not None]
    if rows.errors:
        raise ImportFailed(rows.errors)
    with transaction.atomic():
        for figure in checked:
            _written, created = CorridorFigure.objects.update_or_create(
                corridor=corridor, year=figure.year, kind=figure.kind,
                defaults={"value": figure.value, "source": figure.source, "source_url": figure.source_url})
            (report.created if created else report.updated)[CorridorFigure] += 1
        corridor.save(update_fields=["updated_at"])
    return report


def latest(corridor: Corridor) -> dict[str, CorridorFigure]:
    """The most recent figure of each kind."""
    found = {}
    for figure in corridor.figures.all():
        if figure.kind not in found or figure.year > found[figure.kind].year:
            found[figure.kind] = figure
    return found


def by_year(corridor: Corridor) -> list[tuple[int, list]]:
    """(year, [the figure of each kind, or None]) for every year with a figure, latest first."""
    years: dict[int, dict] = {}
    for figure in corridor.figures.all():
        years.setdefault(figure.year, {})[figure.kind] = figure
    return [(year, [years[year].get(kind) for kind in KINDS]) for year in sorted(years, reverse=True)]


def charts(corridor: Corridor, rtl: bool = False) -> list[tuple[str, str]]:
    """(title, SVG) of a column chart per series: people, or remittances in millions of US dollars."""
    drawn = []
    for one in series(corridor):
        remittances = one.kind == CorridorFigure.Kind.REMITTANCES
        title = _("Remittances sent home (millions of US dollars)") if remittances else one.label
        columns = [(str(year), (value / MILLION).quantize(Decimal("0.1")) if remittances else int(value))
                   for year, value in one.points]
        drawn.append((title, mark_safe(chart_drawing.column_chart(
            columns, title=title, description="; ".join(f"{year}: {value}" for year, value in columns), rtl=rtl))))
    return drawn
