"""Finding services. Free text goes through the database's own full-text engine (SQLite FTS5 or
PostgreSQL tsvector) over `Service.search_document`, a normalised text that holds the service in all
its languages plus the labels of its classification in every interface language, so that a person
typing "logement", "housing", "vivienda" or "سكن" finds the same housing services."""
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import snowballstemmer
from django.conf import settings
from django.db import connection
from django.db.models import ExpressionWrapper, F, FloatField, Min, OuterRef, Q, Subquery
from django.utils import timezone, translation

from corridor.core.languages import language_name
from corridor.territories.models import Territory

from .models import Schedule, Service, ServiceAtLocation, TaxonomyTerm
from .vocabularies import CATEGORY, PHASE, TARGET_GROUP, VOCABULARIES

_ARABIC_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_ARABIC_ARTICLE = re.compile(r"^(?:وال|بال|كال|فال|لل|ال)(?=\w{2,})")
_WORD = re.compile(r"\w+")
_STEMMERS = {"en": "english", "fr": "french", "es": "spanish"}
# Words that say nothing about what a person needs; dropped from queries so that
# "cours de français" means cours AND français.
STOPWORDS = {
    "en": {"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with", "at", "by", "my"},
    "fr": {"au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "l", "d", "pour", "un", "une", "a", "à", "ou", "sur", "avec"},
    "es": {"a", "al", "de", "del", "el", "en", "la", "las", "los", "para", "por", "un", "una", "y", "o", "con"},
    "ar": {"في", "من", "على", "الى", "إلى", "عن", "و", "او", "أو", "مع"},
}
PAGE_SIZE = 20
KM_PER_DEGREE = 111.32
DEFAULT_RADIUS_KM = 50


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _without_combining(match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def normalise(text: str) -> str:
    """Lower case, accents removed, Arabic letter variants folded, Arabic article dropped."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_ARABIC_FOLDS))
    stripped = _NON_ASCII.sub(_without_combining, decomposed)  # only non-ASCII characters can be accents
    return " ".join(_ARABIC_ARTICLE.sub("", word) for word in _WORD.findall(stripped))


def query_prefixes(text: str, language: str) -> list[str]:
    """The word prefixes a query asks for, all of which must match. The stem is used as a prefix
    when it is long enough to stay specific ("courses" -> "cours*" finds cours, course, courses)."""
    stopwords = set().union(*STOPWORDS.values())
    stemmer_name = _STEMMERS.get(language)
    stemmer = snowballstemmer.stemmer(stemmer_name) if stemmer_name else None
    prefixes = []
    for word in _WORD.findall(text.lower()):
        if word in stopwords:
            continue
        token = normalise(word)
        if not token:
            continue
        if stemmer:
            stem = normalise(stemmer.stemWord(word))
            if len(stem) >= 4 and token.startswith(stem):
                token = stem
        if token not in prefixes:
            prefixes.append(token)
    return prefixes[:8]


def build_document(service: Service, language_codes=None, terms=None) -> str:
    """The text indexed for `service`. Call with terms, languages and organisation loaded, or give the
    language codes and TaxonomyTerms of a service not saved yet (bulk imports)."""
    parts = [service.name, service.alternate_name, service.description, service.eligibility_description]
    for texts in service.translations.values():
        parts.extend(texts.get(key, "") for key in ("name", "description"))
    organisation = service.organisation
    parts += [organisation.name, organisation.alternate_name, service.territory.name]
    parts += service.territory.name_translations.values()
    if language_codes is None:
        language_codes = [language.code for language in service.languages.all()]
    if terms is None:
        terms = service.terms.all()
    labels = _labels_document(tuple((term.vocabulary, term.code) for term in terms), tuple(language_codes))
    return " ".join(p for p in (normalise(" ".join(p for p in parts if p)), labels) if p)


@lru_cache(maxsize=4096)
def _labels_document(terms: tuple, language_codes: tuple) -> str:
    """The labels of terms and languages in every interface language, normalised. Services share
    few combinations, and switching languages is the slow part of indexing, so each is done once."""
    parts = []
    for ui_language, _name in settings.LANGUAGES:
        with translation.override(ui_language):
            parts += [str(VOCABULARIES[vocabulary].label(code)) for vocabulary, code in terms]
            parts += [language_name(code, ui_language) for code in language_codes]
    return normalise(" ".join(p for p in parts if p))


def reindex(service: Service) -> None:
    Service.objects.filter(pk=service.pk).update(search_document=build_document(service))


def reindex_all(batch_size: int = 2000, queryset=None) -> int:
    """Rebuild search documents in bulk (after imports, or when vocabulary labels change)."""
    queryset = queryset if queryset is not None else Service.objects.all()
    queryset = queryset.select_related("organisation", "territory").prefetch_related("terms", "languages")
    count, batch = 0, []
    for service in queryset.iterator(chunk_size=batch_size):
        service.search_document = build_document(service)
        batch.append(service)
        if len(batch) >= batch_size:
            Service.objects.bulk_update(batch, ["search_document"])
            count, batch = count + len(batch), []
    if batch:
        Service.objects.bulk_update(batch, ["search_document"])
        count += len(batch)
    return count


def _full_text(queryset, prefixes: list[str]):
    """Restrict to services matching every prefix, with a relevance score to sort by."""
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{p}:*" for p in prefixes)
        return queryset.extra(
            select={"relevance": "-ts_rank(directory_service.search_vector, to_tsquery('simple', %s))"},
            select_params=[tsquery],
            where=["directory_service.search_vector @@ to_tsquery('simple', %s)"],
            params=[tsquery],
        )
    match = " AND ".join(f'"{p}"*' for p in prefixes)
    return queryset.extra(
        tables=["directory_service_fts"],
        select={"relevance": "bm25(directory_service_fts)"},
        where=["directory_service_fts.rowid = directory_service.id", "directory_service_fts MATCH %s"],
        params=[match],
    )


@dataclass
class ServiceQuery:
    """What a person asked for; built from the search form's cleaned data."""

    text: str = ""
    language: str = "en"
    phase: str = ""
    category: str = ""
    target_group: str = ""
    spoken_language: str = ""
    free_only: bool = False
    open_now: bool = False
    open_on: str = ""  # a weekday code, MO..SU
    territory: Territory | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    now: datetime | None = None
    include_inactive: bool = False
    extra_filters: dict = field(default_factory=dict)


@dataclass
class SearchResult:
    services: list
    total: int
    page: int
    pages: int


def filter_services(query: ServiceQuery):
    """A queryset of matching services, ordered by relevance, distance or name."""
    queryset = Service.objects.all()
    if not query.include_inactive:
        queryset = queryset.filter(status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED])
    ordering = ["name", "id"]
    prefixes = query_prefixes(query.text, query.language) if query.text else []
    if prefixes:
        queryset = _full_text(queryset, prefixes)
        ordering = ["relevance", "name"]
    for vocabulary, code in ((PHASE, query.phase), (CATEGORY, query.category), (TARGET_GROUP, query.target_group)):
        if code:
            queryset = queryset.filter(terms__in=TaxonomyTerm.objects.filter(vocabulary=vocabulary.code, code=code))
    if query.spoken_language:
        queryset = queryset.filter(languages__code=query.spoken_language)
    if query.free_only:
        queryset = queryset.filter(is_free=True)
    if query.open_now or query.open_on:
        queryset = queryset.filter(_open_services(query))
    if query.open_now:  # whatever its hours say, a temporarily closed service is not open
        queryset = queryset.exclude(status=Service.Status.TEMPORARILY_CLOSED)
    if query.territory is not None:
        ancestors = [t.pk for t in query.territory.ancestors()]
        queryset = queryset.filter(Q(territory__path__startswith=query.territory.path) | Q(territory_id__in=ancestors))
    if query.near is not None:
        queryset, ordering = _near(queryset, query)
    return queryset.order_by(*ordering)


def _open_services(query: ServiceQuery) -> Q:
    """Services with hours matching the query, whether the hours are the service's own or those of a
    place where it is offered (HSDS allows both), leaving out hours outside their validity dates."""
    now = timezone.localtime(query.now or timezone.now())
    today = now.date()
    schedules = Schedule.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today),
                                        Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    if query.open_now:
        day, moment = Schedule.WEEKDAYS[now.weekday()], now.time()
        schedules = schedules.filter(byday__contains=day, opens_at__lte=moment, closes_at__gt=moment)
    else:
        schedules = schedules.filter(byday__contains=query.open_on)
    places = ServiceAtLocation.objects.filter(location__in=schedules.exclude(location=None).values("location"))
    return Q(pk__in=schedules.exclude(service=None).values("service")) | Q(pk__in=places.values("service"))


def _near(queryset, query: ServiceQuery):
    """Order by distance to a point with an equirectangular approximation, which needs only
    arithmetic in SQL and is within a fraction of a percent at city scale."""
    latitude, longitude = query.near
    scale = math.cos(math.radians(latitude))
    radius_deg = (query.radius_km or DEFAULT_RADIUS_KM) / KM_PER_DEGREE
    locations = ServiceAtLocation.objects.filter(
        service=OuterRef("pk"),
        location__latitude__range=(latitude - radius_deg, latitude + radius_deg),
        location__longitude__range=(longitude - radius_deg / max(scale, 0.01), longitude + radius_deg / max(scale, 0.01)),
    ).values("service")
    squared = ExpressionWrapper(
        (F("location__latitude") - latitude) * (F("location__latitude") - latitude)
        + (F("location__longitude") - longitude) * (F("location__longitude") - longitude) * (scale * scale),
        output_field=FloatField(),
    )
    nearest = locations.annotate(d2=squared).values("service").annotate(best=Min("d2")).values("best")
    queryset = queryset.annotate(distance2=Subquery(nearest[:1], output_field=FloatField())).filter(
        distance2__lte=radius_deg * radius_deg
    )
    return queryset, ["distance2", "name"]


def search(query: ServiceQuery, page: int = 1, page_size: int = PAGE_SIZE) -> SearchResult:
    queryset = filter_services(query)
    total = queryset.count()
    pages = max(1, math.ceil(total / page_size))
    page = min(max(1, page), pages)
    services = list(
        queryset.select_related("organisation", "territory").prefetch_related("terms", "languages")[
            (page - 1) * page_size : page * page_size
        ]
    )
    for service in services:
        distance2 = getattr(service, "distance2", None)
        service.distance_km = math.sqrt(distance2) * KM_PER_DEGREE if distance2 is not None else None
    return SearchResult(services=services, total=total, page=page, pages=pages)
