"""The coverage matrix of a territory: how many active services and initiatives work in each cell of
phase × category × target group, among the records of the territory and of the territories inside it.

How records are counted (shown to readers on the page, so keep the two in step):
- A record classified under several phases, categories or groups counts once in every cell it covers.
  Totals over a whole territory count records, not cells, so nothing is counted twice there.
- A record with no target group is open to everyone: it counts under "Whole population" (the vocabulary's
  `everyone`), like the records classified so. A record with no phase or no category counts under "not
  given", shown only when there is such a record: incomplete classification stays visible.
- Services count when their status is active; those not verified for 12 months (ServiceQuerySet.stale)
  are counted apart, as they may no longer be offered.
- Initiatives count when in implementation or finalisation and not past their end date, in their own
  territory and in their partner territory (local-to-local cooperation works at both ends of a corridor).
  Their planned and actual beneficiaries are added up per cell.

Everything is read in a few flat queries (records, then their classification) and counted in Python, the
same way on SQLite and PostgreSQL; `Entry` is the light record that gaps.py and overlaps.py use too."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby, product
from operator import itemgetter

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.directory.models import Service, TaxonomyTerm
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.territories.models import Territory

from .models import Initiative

SERVICE, INITIATIVE = "service", "initiative"
NOT_GIVEN = ""
WHOLE_POPULATION = "everyone"
CLASSIFYING = (PHASE.code, CATEGORY.code, TARGET_GROUP.code)
# What a matrix can count in its cells; "records" is current services and active initiatives together.
MEASURES = {
    "records": _("Current services and active initiatives"),
    "services": _("Current services"),
    "stale": _("Services not verified for over a year"),
    "initiatives": _("Active initiatives"),
    "beneficiaries": _("Planned beneficiaries of the initiatives"),
}


@dataclass(slots=True)
class Entry:
    """A service or an initiative as the coordination calculations see it: where it works (territory
    paths), its classification (never empty: see the module's rules), and what each calculation needs.
    Records with the same classification share its sets, which keeps a large territory light."""

    kind: str
    pk: int
    places: tuple[str, ...]
    phases: frozenset[str]
    categories: frozenset[str]
    groups: frozenset[str]
    stale: bool = False
    planned: int = 0
    actual: int = 0
    start: date | None = None
    end: date | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    def cells(self):
        return product(self.phases, self.categories, self.groups)


@dataclass
class Cell:
    services: int = 0
    stale_services: int = 0
    initiatives: int = 0
    planned_beneficiaries: int = 0
    actual_beneficiaries: int = 0

    def add(self, kind: str, stale: bool, count: int, planned: int, actual: int) -> None:
        """Count `count` records of one kind (with their beneficiaries added up)."""
        if kind == SERVICE:
            if stale:
                self.stale_services += count
            else:
                self.services += count
        else:
            self.initiatives += count
            self.planned_beneficiaries += planned
            self.actual_beneficiaries += actual

    @property
    def records(self) -> int:
        return self.services + self.stale_services + self.initiatives

    def measure(self, name: str) -> int:
        """The number a matrix shows for one of MEASURES."""
        if name == "services":
            return self.services
        if name == "stale":
            return self.stale_services
        if name == "initiatives":
            return self.initiatives
        if name == "beneficiaries":
            return self.planned_beneficiaries
        return self.services + self.initiatives

    @property
    def state(self) -> str:
        """For the reader's eye: nothing, only entries that may be out of date, or current coverage."""
        if self.services or self.initiatives:
            return "covered"
        return "stale" if self.stale_services else "empty"


def phase_label(code: str):
    return PHASE.label(code) if code else _("Phase not given")


def category_label(code: str):
    return CATEGORY.label(code) if code else _("Category not given")


def group_label(code: str):
    return TARGET_GROUP.label(code)


def ancestor_paths(territory) -> list[str]:
    path = territory.path
    return [path[: i + 1] for i, character in enumerate(path[:-1]) if character == "/"]


def place_filter(territory, field: str = "territory", *, around: bool = False) -> Q:
    """Records of the territory and inside it; with `around`, also those of the territories containing
    it (a canton-wide service reaches the canton's towns). Written as `territory IN (subquery)` so that the
    database reads the records of those territories through its index instead of scanning them all."""
    places = Q(path__startswith=territory.path)
    if around:
        places |= Q(path__in=ancestor_paths(territory))
    return Q(**{f"{field}__in": Territory.objects.filter(places).values("pk")})


def _classifications(through, owner: str, owners) -> dict[int, tuple[frozenset, frozenset, frozenset]]:
    """(phases, categories, groups) of each of `owners` that has a term, with the module's defaults; records
    with the same terms share one tuple."""
    codes = {pk: (vocabulary, code) for pk, vocabulary, code in
             TaxonomyTerm.objects.filter(vocabulary__in=CLASSIFYING).values_list("pk", "vocabulary", "code")}
    links = through.objects.filter(**{f"{owner}__in": owners.values("pk"), "taxonomyterm_id__in": list(codes)}
                                   ).values_list(owner, "taxonomyterm_id").order_by(owner, "taxonomyterm_id")
    shared, found = {}, {}
    for owner_id, rows in groupby(links, key=itemgetter(0)):
        terms = tuple(map(itemgetter(1), rows))
        dimensions = shared.get(terms)
        if dimensions is None:
            dimensions = shared[terms] = _dimensions([codes[term_id] for term_id in terms])
        found[owner_id] = dimensions
    return found


def _dimensions(terms: list[tuple[str, str]]) -> tuple[frozenset, frozenset, frozenset]:
    def of(vocabulary, default):
        return frozenset(code for v, code in terms if v == vocabulary) or frozenset({default})

    return of(PHASE.code, NOT_GIVEN), of(CATEGORY.code, NOT_GIVEN), of(TARGET_GROUP.code, WHOLE_POPULATION)


UNCLASSIFIED = _dimensions([])


def _places() -> dict[int, tuple[str]]:
    """The place of a record of each territory, shared by all its records."""
    return {pk: (path,) for pk, path in Territory.objects.values_list("pk", "path")}


def load_services(where: Q, *, now=None) -> list[Entry]:
    """The active services matching `where` (a filter on Service)."""
    # Unordered, in the database: sorting by key would make it scan the whole table in key order.
    services = Service.objects.filter(where, status=Service.Status.ACTIVE).order_by()
    terms = _classifications(Service.terms.through, "service_id", services)
    stale = set(services.stale(now).values_list("pk", flat=True))
    places = _places()
    return [Entry(SERVICE, pk, places[territory], *terms.get(pk, UNCLASSIFIED), pk in stale)
            for pk, territory in sorted(services.values_list("pk", "territory_id"))]


def load_initiatives(where: Q, *, statuses=Initiative.ACTIVE_STATUSES, today=None) -> list[Entry]:
    """The initiatives matching `where` (a filter on Initiative) in one of `statuses`, not ended before `today`."""
    today = today or timezone.localdate()
    initiatives = Initiative.objects.filter(where, status__in=statuses).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)).order_by()
    terms = _classifications(Initiative.terms.through, "initiative_id", initiatives)
    places = _places()
    return [Entry(INITIATIVE, pk, places[territory] + (places[partner] if partner not in (None, territory) else ()),
                  *terms.get(pk, UNCLASSIFIED), planned=planned or 0, actual=actual or 0, start=start, end=end)
            for pk, territory, partner, planned, actual, start, end in sorted(initiatives.values_list(
                "pk", "territory_id", "partner_territory_id", "planned_beneficiaries", "actual_beneficiaries",
                "start_date", "end_date"))]


def initiative_filter(territory, *, around: bool = False) -> Q:
    return place_filter(territory, around=around) | place_filter(territory, "partner_territory", around=around)


def active_entries(territory, *, now=None) -> list[Entry]:
    """The active services and initiatives counted in the coverage of `territory`."""
    now = now or timezone.now()
    return (load_services(place_filter(territory), now=now)
            + load_initiatives(initiative_filter(territory), today=timezone.localdate(now)))


@dataclass
class Row:
    category: str
    label: str
    cells: list[tuple[str, Cell]]


@dataclass
class PhaseTable:
    phase: str
    label: str
    rows: list[Row]


@dataclass
class Coverage:
    territory: object
    cells: dict[tuple[str, str, str], Cell]
    total: Cell
    entries: list[Entry] = field(repr=False)

    def cell(self, phase: str, category: str, group: str) -> Cell:
        return self.cells.get((phase, category, group)) or Cell()

    def tables(self, phases=(), groups=()) -> list[PhaseTable]:
        """The matrix as tables, one per phase: categories down, target groups across, restricted to the
        `phases` and `groups` asked for (all when empty). Rows and sections for a phase or category "not
        given" appear only when a record is classified so."""
        used_phases = {phase for phase, _category, _group in self.cells}
        phase_codes = [code for code, _label in PHASE.terms] + ([NOT_GIVEN] if NOT_GIVEN in used_phases else [])
        group_codes = [code for code, _label in TARGET_GROUP.terms if not groups or code in groups]
        tables = []
        for phase in phase_codes:
            if phases and phase not in phases:
                continue
            categories = [code for code, _label in CATEGORY.terms]
            if any(p == phase and c == NOT_GIVEN for p, c, _g in self.cells):
                categories.append(NOT_GIVEN)
            rows = [Row(category, category_label(category),
                        [(group, self.cell(phase, category, group)) for group in group_codes])
                    for category in categories]
            tables.append(PhaseTable(phase, phase_label(phase), rows))
        return tables


def build(entries: list[Entry], territory=None) -> Coverage:
    # Records alike (same kind, freshness and classification) are counted together, cell by cell.
    alike = defaultdict(lambda: [0, 0, 0])
    for entry in entries:
        counts = alike[(entry.kind, entry.stale, entry.phases, entry.categories, entry.groups)]
        counts[0] += 1
        counts[1] += entry.planned
        counts[2] += entry.actual
    cells, total = defaultdict(Cell), Cell()
    for (kind, stale, phases, categories, groups), counts in alike.items():
        total.add(kind, stale, *counts)
        for cell in product(phases, categories, groups):
            cells[cell].add(kind, stale, *counts)
    return Coverage(territory, dict(cells), total, entries)


def coverage(territory, *, now=None) -> Coverage:
    return build(active_entries(territory, now=now), territory)


def in_cell(entries: list[Entry], phase: str, category: str, group: str) -> list[Entry]:
    """The records a cell counts: the drill-down behind each number of the matrix."""
    return [entry for entry in entries
            if phase in entry.phases and category in entry.categories and group in entry.groups]



def records(entries) -> dict[str, object]:
    """The services and initiatives behind `entries`, by entry key, for pages to show."""
    wanted = {SERVICE: set(), INITIATIVE: set()}
    for entry in entries:
        wanted[entry.kind].add(entry.pk)
    found = {}
    if wanted[SERVICE]:
        found.update((f"{SERVICE}:{service.pk}", service) for service in Service.objects.filter(
            pk__in=wanted[SERVICE]).select_related("organisation", "territory"))
    if wanted[INITIATIVE]:
        found.update((f"{INITIATIVE}:{initiative.pk}", initiative) for initiative in Initiative.objects.filter(
            pk__in=wanted[INITIATIVE]).select_related("lead_organisation", "territory"))
    return found
