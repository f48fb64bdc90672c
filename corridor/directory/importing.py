"""What every import shares: row-level errors, the all-or-nothing failure, the summary of what was
written, finding the territories a file names inside the importer's own territory, and writing
many rows fast."""
import gc
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import itemgetter

from django.db import connection, connections, models, router
from django.utils import timezone

from corridor.core.public_cache import content_changed
from corridor.territories.models import Territory

from .search import normalise

LOOKUP_CHUNK = 900  # values per IN (...) query, under SQLite's default limit on parameters
ERRORS_SHOWN = 500  # on the import page; the total is said, so that a very wrong file keeps the page readable


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

    def shown(self) -> dict:
        """What the import page (directory/exchange/_import.html) lists: the first problems and their total."""
        return {"errors": self.errors[:ERRORS_SHOWN], "error_count": len(self.errors)}


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)  # model class -> count
    updated: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)

    def rows(self):
        """(what, created, updated) for display, biggest first."""
        written = sorted(set(self.created) | set(self.updated), key=lambda m: -(self.created[m] + self.updated[m]))
        return [(m._meta.verbose_name_plural, self.created[m], self.updated[m]) for m in written]

    def __str__(self):
        parts = [f"{what}: {created} created, {updated} updated" for what, created, updated in self.rows()]
        return "; ".join(parts) or "nothing to import"


class TerritoryLookup:
    """The territories inside `root` (root included), found by path, slug or name in any language."""

    def __init__(self, root: Territory):
        self.root = root
        self.by_id = {}
        self._matches = {}
        self._by_path = {}
        self._by_word = defaultdict(list)
        for territory in root.subtree().order_by("path"):
            self.by_id[territory.pk] = territory
            self._by_path[territory.path] = territory
            words = {normalise(w) for w in (territory.slug, territory.name, *territory.name_translations.values())}
            for word in words - {""}:
                self._by_word[word].append(territory)

    def by_path(self, path: str) -> Territory | None:
        return self._by_path.get(path.strip().strip("/") + "/") if path.strip() else None

    def matches(self, text: str) -> list[Territory]:
        if text not in self._matches:  # an import names the same few cities again and again
            found = self.by_path(text)
            self._matches[text] = [found] if found else self._by_word.get(normalise(text), [])
        return self._matches[text]

    def deepest(self, *texts: str) -> Territory | None:
        """The most precise territory named by the first text that names one ("Geneva" the city
        rather than the canton of the same name)."""
        for text in texts:
            found = self.matches(text) if text else []
            if found:
                return max(found, key=lambda t: t.path.count("/"))
        return None


# Writing many rows. Django's bulk_create prepares every value through the ORM and compiles one
# statement per few dozen rows, which at a hundred thousand services costs far more than the
# database work; these helpers send plain rows with the driver's executemany instead. Rows are
# dicts keyed by column (attname); values are converted only for the types the driver cannot take.
_PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.FloatField, models.BooleanField,
                 models.ForeignKey)


def _uuid_hex(value) -> str:
    """How Django stores a UUID without a native type; the most frequent value of imports."""
    return str(value).replace("-", "")


class _Layout:
    """The columns of a model's table and how to turn a row into the values the driver takes."""

    def __init__(self, model, connection):
        fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
        self.fields = {f.attname: f for f in fields}
        self.names = frozenset(self.fields)
        self.columns = [f.column for f in fields]
        self.get = itemgetter(*self.fields)
        self.auto_now = [f.attname for f in fields if getattr(f, "auto_now", False)]
        self.automatic = set(self.auto_now) | {f.attname for f in fields if getattr(f, "auto_now_add", False)}
        self.prepare = []
        for index, f in enumerate(fields):
            if isinstance(f, models.UUIDField):
                self.prepare.append((index, str if connection.features.has_native_uuid_field else _uuid_hex))
            elif isinstance(f, (models.DateField, models.TimeField)):
                # Times and dates repeat: every row of an import is written at the same moment.
                prepare = partial(f.get_db_prep_save, connection=connection)
                self.prepare.append((index, lru_cache(maxsize=1024)(prepare)))
            elif not isinstance(f, _PLAIN_FIELDS):
                self.prepare.append((index, partial(f.get_db_prep_save, connection=connection)))

    def values(self, row: dict, now, updating: bool) -> list:
        """The row's values in column order. Missing values take the field's default, and the
        timestamps Django sets on save are set in the row itself, for its history."""
        if updating:
            row.update(dict.fromkeys(self.auto_now, now))
        for attname in self.names - row.keys():
            row[attname] = now if attname in self.automatic else self.fields[attname].get_default()
        values = list(self.get(row))
        for index, prepare in self.prepare:
            if values[index] is not None:
                values[index] = prepare(values[index])
        return values


def insert_rows(model, rows: list, batch_size: int = 5000, return_keys: bool = False):
    """INSERT the rows; with return_keys, the primary key of each by its "uuid"."""
    connection = connections[router.db_for_write(model)]
    layout, quote = _Layout(model, connection), connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(map(quote, layout.columns)), ", ".join(["%s"] * len(layout.columns)))
    content_changed("directory")
    if return_keys:  # keys only grow, and the import's own rows are told from others' by their uuid
        last = model.objects.aggregate(last=models.Max("pk"))["last"] or 0
    now = timezone.now()
    with connection.cursor() as cursor:
        for chunk in chunks(rows, batch_size):
            cursor.executemany(sql, [layout.values(row, now, updating=False) for row in chunk])
    if return_keys:
        wanted = {row["uuid"] for row in rows}
        created = ((str(key), pk) for key, pk in model.objects.filter(pk__gt=last).values_list("uuid", "pk"))
        return {key: pk for key, pk in created if key in wanted}


def update_rows(model, rows: list, batch_size: int = 5000) -> None:
    """UPDATE every column of existing rows, which must be complete and carry their "id"."""
    connection = connections[router.db_for_write(model)]
    layout, quote = _Layout(model, connection), connection.ops.quote_name
    content_changed("directory")
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table), ", ".join(f"{quote(column)} = %s" for column in layout.columns),
        quote(model._meta.pk.column))
    now = timezone.now()
    with connection.cursor() as cursor:
        for chunk in chunks(rows, batch_size):
            cursor.executemany(sql, [layout.values(row, now, updating=True) + [row["id"]] for row in chunk])


def insert_history(model, rows: list, *, history_type: str, user, reason: str, when) -> None:
    """The django-simple-history records of rows just written with insert_rows or update_rows."""
    extra = {"history_date": when, "history_change_reason": reason, "history_type": history_type,
             "history_user_id": user.pk if user is not None else None}
    insert_rows(model.history.model, [{**row, **extra} for row in rows])


def chunks(items, size: int = LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def rows_by_uuid(queryset, ids, *fields) -> dict:
    """{uuid: values} of the rows of `queryset` with these uuids. When the table has fewer rows than
    there are ids (a first import), reading it whole is cheaper than looking each id up."""
    ids = set(ids) - {None}
    if not ids:
        return {}
    if queryset.count() <= len(ids):
        found = (values for values in queryset.values("uuid", *fields).iterator(chunk_size=5000))
    else:
        found = (values for chunk in chunks(ids) for values in queryset.filter(uuid__in=chunk).values("uuid", *fields))
    return {key: values for values in found if (key := str(values["uuid"])) in ids}


def refresh_planner_statistics() -> None:
    """Let the database re-measure how selective its indexes are once an import has changed many
    rows. Without statistics SQLite guesses, and can choose to run a full-text search once per row
    of an indexed join (seconds) instead of once (milliseconds). A sample of each index is enough."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


@contextmanager
def garbage_collection_paused():
    """A large import makes millions of small objects that all live until it ends; the cyclic
    garbage collector would walk them again and again, a third of the import's time. It is paused
    for the import and catches up afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
