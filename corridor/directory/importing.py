"""What every import shares: row-level errors, the all-or-nothing failure, the summary of what was
written, and finding the territories a file names inside the importer's own territory."""
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from corridor.territories.models import Territory

from .search import normalise


@dataclass(frozen=True)
class RowError:
    source: str  # the file or table ("services.csv"), or where inside a JSON record ("service_at_locations[0]")
    row: int | None  # line in the file (the header is line 1) or number of the JSON record; None: whole file
    field: str
    message: str


class ImportFailed(Exception):
    """Nothing was written; `errors` says why, row by row."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s) found, nothing was imported")


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)  # model class -> count
    updated: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)

    def rows(self):
        """(what, created, updated) for display, biggest first."""
        models = sorted(set(self.created) | set(self.updated), key=lambda m: -(self.created[m] + self.updated[m]))
        return [(m._meta.verbose_name_plural, self.created[m], self.updated[m]) for m in models]

    def __str__(self):
        parts = [f"{what}: {created} created, {updated} updated" for what, created, updated in self.rows()]
        return "; ".join(parts) or "nothing to import"


class TerritoryLookup:
    """The territories inside `root` (root included), found by path, slug or name in any language."""

    def __init__(self, root: Territory):
        self.root = root
        self._by_path = {}
        self._by_word = defaultdict(list)
        for territory in root.subtree().order_by("path"):
            self._by_path[territory.path] = territory
            words = {normalise(w) for w in (territory.slug, territory.name, *territory.name_translations.values())}
            for word in words - {""}:
                self._by_word[word].append(territory)

    def by_path(self, path: str) -> Territory | None:
        return self._by_path.get(path.strip().strip("/") + "/") if path.strip() else None

    def matches(self, text: str) -> list[Territory]:
        found = self.by_path(text)
        return [found] if found else self._by_word.get(normalise(text), [])

    def deepest(self, *texts: str) -> Territory | None:
        """The most precise territory named by the first text that names one ("Geneva" the city
        rather than the canton of the same name)."""
        for text in texts:
            found = self.matches(text) if text else []
            if found:
                return max(found, key=lambda t: t.path.count("/"))
        return None
