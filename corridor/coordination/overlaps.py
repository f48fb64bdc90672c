"""Possible overlaps: pairs of services and initiatives of a territory that target the same phase, category,
target group and place at the same time, ranked by how alike their texts read, for a coordinator to review.

Only records that share a block (a cell of the coverage matrix and a place) are compared, so the work grows
with the size of the blocks, not with the square of the territory. Places are territories: a service's,
an initiative's own and its partner territory. "At the same time": services are ongoing; initiatives run
from their start to their end date (open-ended when a date is missing), pipeline ones included, because a
planned initiative that repeats what exists is what a coordinator most wants to see before it is funded.

Texts are compared with TF-IDF on the character trigrams of words (as PostgreSQL's pg_trgm does) of the name
and the start of the description, as written: trigrams see "cours de français" and "cours français" as close
and work in every language and script without a stemmer; texts in different languages share few trigrams,
so records are in effect compared within their language. Trigrams only, and no translations, keep a large
territory within seconds. A pair reviewed once (OverlapReview) is not proposed again."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import product
from uuid import UUID

import numpy as np
from django.utils import timezone
from sklearn.feature_extraction.text import TfidfVectorizer

from corridor.directory.models import Service

from .coverage import INITIATIVE, SERVICE, Entry, initiative_filter, load_initiatives, load_services, place_filter
from .models import Initiative, OverlapReview

DEFAULT_MIN_SIMILARITY = 0.3
CANDIDATE_STATUSES = (Initiative.Status.PIPELINE, *Initiative.ACTIVE_STATUSES)
ROWS_PER_PRODUCT = 512  # rows of a block compared at once: bounds the memory of a very large block
DESCRIPTION_CHARACTERS = 1000  # what a description says first is what it is about
UUIDS_PER_QUERY = 500  # under every database's limit of query parameters


@dataclass(slots=True)
class Overlap:
    first: Entry
    second: Entry
    similarity: float

    @property
    def key(self) -> tuple[str, str]:
        return tuple(sorted((self.first.key, self.second.key)))

    @property
    def blocks(self) -> list[tuple[str, str, str, str]]:
        """The (phase, category, group, place) the two records share."""
        first, second = self.first, self.second
        return sorted(product(first.phases & second.phases, first.categories & second.categories,
                              first.groups & second.groups, set(first.places) & set(second.places)))


def candidates(territory, *, now=None) -> list[Entry]:
    now = now or timezone.now()
    return (load_services(place_filter(territory), now=now)
            + load_initiatives(initiative_filter(territory), statuses=CANDIDATE_STATUSES,
                               today=timezone.localdate(now)))


def _text(name: str, description: str) -> str:
    return f"{name} {description[:DESCRIPTION_CHARACTERS]}".lower()


def texts(territory, entries: list[Entry]) -> list[str]:
    """The text of each entry, in order, read with the filters the entries were loaded with (not a list
    of keys, which could pass a database's limit on query parameters)."""
    kinds = {entry.kind for entry in entries}
    found = {}
    if SERVICE in kinds:
        found.update((f"{SERVICE}:{pk}", _text(name, description)) for pk, name, description
                     in Service.objects.filter(place_filter(territory), status=Service.Status.ACTIVE)
                     .values_list("pk", "name", "description").order_by())
    if INITIATIVE in kinds:
        found.update((f"{INITIATIVE}:{pk}", _text(title, description)) for pk, title, description
                     in Initiative.objects.filter(initiative_filter(territory), status__in=CANDIDATE_STATUSES)
                     .values_list("pk", "title", "description").order_by())
    return [found[entry.key] for entry in entries]


def blocks(entries: list[Entry]) -> dict[tuple, list[int]]:
    """The positions of the entries in each (phase, category, group, place) shared by two or more."""
    found = defaultdict(list)
    for index, entry in enumerate(entries):
        for phase, category, group in entry.cells():
            for place in entry.places:
                found[(phase, category, group, place)].append(index)
    return {key: members for key, members in found.items() if len(members) > 1}


def _periods(entries: list[Entry]) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each entry as ordinals, open ends as the extreme dates."""
    return (np.array([(entry.start or date.min).toordinal() for entry in entries]),
            np.array([(entry.end or date.max).toordinal() for entry in entries]))


def compare(entries: list[Entry], documents: list[str], shared: dict[tuple, list[int]],
            min_similarity: float) -> list[Overlap]:
    """The pairs of a block at least `min_similarity` alike and running at the same time, most alike first."""
    if not shared:
        return []
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3), sublinear_tf=True, dtype=np.float32)
    matrix = vectorizer.fit_transform(documents).tocsr()  # rows of unit length: a product is a cosine
    firsts, seconds, similarities = [], [], []
    for members in shared.values():
        members = np.asarray(members)
        for start in range(0, len(members), ROWS_PER_PRODUCT):
            rows = members[start:start + ROWS_PER_PRODUCT]
            similarity = (matrix[rows] @ matrix[members].T).toarray()
            row, column = np.nonzero(similarity >= min_similarity - 1e-6)
            upper = rows[row] < members[column]  # each pair once
            firsts.append(rows[row][upper])
            seconds.append(members[column][upper])
            similarities.append(similarity[row[upper], column[upper]])
    first, second, similarity = np.concatenate(firsts), np.concatenate(seconds), np.concatenate(similarities)
    starts, ends = _periods(entries)
    at_once = (starts[first] <= ends[second]) & (starts[second] <= ends[first])
    first, second, similarity = first[at_once], second[at_once], similarity[at_once]
    # A pair sharing several blocks was found in each: keep it once.
    _unique, once = np.unique(first * len(entries) + second, return_index=True)
    first, second, similarity = first[once], second[once], similarity[once]
    order = np.lexsort((second, first, -similarity))
    return [Overlap(entries[a], entries[b], min(1.0, float(value)))
            for a, b, value in zip(first[order].tolist(), second[order].tolist(), similarity[order].tolist())]


def review_key(record) -> str:
    """How OverlapReview names a record: by kind and UUID, which outlive imports and merges."""
    return f"{SERVICE if isinstance(record, Service) else INITIATIVE}:{record.uuid}"


def parse_key(key: str) -> tuple[str, UUID | None]:
    kind, _separator, value = key.partition(":")
    try:
        return kind, UUID(value)
    except ValueError:
        return kind, None


def _by_uuid(keys) -> dict[str, tuple[str, object]]:
    """review key -> (entry key, record) for the keys naming a service or an initiative that exists."""
    wanted = {SERVICE: set(), INITIATIVE: set()}
    for key in keys:
        kind, uuid = parse_key(key)
        if uuid is not None and kind in wanted:
            wanted[kind].add(uuid)
    found = {}
    for kind, queryset in ((SERVICE, Service.objects.select_related("organisation", "territory")),
                           (INITIATIVE, Initiative.objects.select_related("lead_organisation", "territory"))):
        uuids = sorted(wanted[kind])
        for start in range(0, len(uuids), UUIDS_PER_QUERY):
            found.update((f"{kind}:{record.uuid}", (f"{kind}:{record.pk}", record))
                         for record in queryset.filter(uuid__in=uuids[start:start + UUIDS_PER_QUERY]))
    return found


def records_for_keys(keys) -> dict[str, object]:
    """The services and initiatives named by review keys, those that still exist."""
    return {key: record for key, (_entry_key, record) in _by_uuid(keys).items()}


def reviewed_pairs() -> set[tuple[str, str]]:
    """The pairs reviewed already, as sorted pairs of entry keys."""
    reviews = list(OverlapReview.objects.values_list("first", "second"))
    found = _by_uuid(key for pair in reviews for key in pair)
    return {tuple(sorted((found[first][0], found[second][0]))) for first, second in reviews
            if first in found and second in found}


def find(territory, *, min_similarity: float = DEFAULT_MIN_SIMILARITY, now=None,
         include_reviewed: bool = False) -> list[Overlap]:
    """The possible overlaps among the records of `territory` (and inside it), most alike first."""
    entries = candidates(territory, now=now)
    shared = blocks(entries)
    compared = sorted({index for members in shared.values() for index in members})
    if not compared:
        return []
    # Only entries that share a block are read and vectorised.
    position = {index: new for new, index in enumerate(compared)}
    kept = [entries[index] for index in compared]
    shared = {key: [position[index] for index in members] for key, members in shared.items()}
    overlaps = compare(kept, texts(territory, kept), shared, min_similarity)
    if include_reviewed:
        return overlaps
    done = reviewed_pairs()
    return [overlap for overlap in overlaps if overlap.key not in done]


def belongs(territory, key: str) -> bool:
    """Whether the review key `key` names a service or an initiative of `territory` (or inside it)."""
    kind, uuid = parse_key(key)
    if uuid is None:
        return False
    if kind == SERVICE:
        return Service.objects.filter(place_filter(territory), uuid=uuid).exists()
    if kind == INITIATIVE:
        return Initiative.objects.filter(initiative_filter(territory), uuid=uuid).exists()
    return False

