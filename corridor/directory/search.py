"""Finding services. Free text goes through the database's own full-text engine (SQLite FTS5 or
PostgreSQL tsvector) over `Service.search_document`, a normalised text that holds the service in all
its languages plus the labels of its classification in every interface language, so that a person
typing "logement", "housing", "vivienda" or "سكن" finds the same housing services."""
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import snowballstemmer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, ExpressionWrapper, F, FloatField, Min, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from corridor.core.languages import language_name
from corridor.territories.models import Territory

from .models import Schedule, Service, ServiceAtLocation, ServiceLanguage, TaxonomyTerm
from .vocabularies import CATEGORY, PHASE, TARGET_GROUP, VOCABULARIES

_ARABIC_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": ""}
_ARABIC_FOLD = re.compile("[%s]" % "".join(_ARABIC_FOLDS))
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


def _combining_marks() -> re.Pattern:
    """One character class of every combining mark (accents, Arabic vowel signs) in the Basic
    Multilingual Plane, so that removing them is a single pass in C."""
    marks = [chr(c) for c in range(0x10000) if unicodedata.combining(chr(c))]
    return re.compile("[%s]" % "".join(re.escape(m) for m in marks))


_COMBINING = _combining_marks()


def normalise(text: str) -> str:
    """Lower case, accents removed, Arabic letter variants folded, Arabic article dropped."""
    folded = _ARABIC_FOLD.sub(lambda match: _ARABIC_FOLDS[match.group()], text.lower())
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
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
        # Compatibility forms may fold into several words ("½" -> "1 2"): each is a prefix of its own.
        for part in token.split():
            if part not in prefixes:
                prefixes.append(part)
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
    labels = [_term_labels(term.vocabulary, term.code) for term in terms]
    labels += [_language_labels(code) for code in language_codes]
    return " ".join(p for p in (normalise(" ".join(p for p in parts if p)), *labels) if p)


# Labels are the same for every service that has the term or language, and switching the interface
# language is the slow part of indexing, so each is computed once per process.
@lru_cache(maxsize=None)
def _term_labels(vocabulary: str, code: str) -> str:
    """The term's label in every interface language, normalised."""
    labels = []
    for ui_language, _name in settings.LANGUAGES:
        with translation.override(ui_language):
            labels.append(str(VOCABULARIES[vocabulary].label(code)))
    return normalise(" ".join(labels))


@lru_cache(maxsize=1024)
def _language_labels(code: str) -> str:
    """The name of a spoken language in every interface language, normalised."""
    return normalise(" ".join(language_name(code, ui_language) for ui_language, _name in settings.LANGUAGES))


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


def full_text(queryset, prefixes: list[str]):
    """Restrict to rows matching every prefix, with a relevance score to sort by (lower first).

    The model's table keeps its index beside it by convention: a `search_vector` column on
    PostgreSQL, a `<table>_fts` FTS5 table keyed by rowid on SQLite (see the search migrations)."""
    table = queryset.model._meta.db_table
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{p}:*" for p in prefixes)
        return queryset.extra(
            select={"relevance": f"-ts_rank({table}.search_vector, to_tsquery('simple', %s))"},
            select_params=[tsquery],
            where=[f"{table}.search_vector @@ to_tsquery('simple', %s)"],
            params=[tsquery],
        )
    match = " AND ".join(f'"{p}"*' for p in prefixes)
    return queryset.extra(
        tables=[f"{table}_fts"],
        select={"relevance": f"bm25({table}_fts)"},
        where=[f"{table}_fts.rowid = {table}.id", f"{table}_fts MATCH %s"],
        params=[match],
    )


def parse_point(text: str) -> tuple[float, float] | None:
    """A point typed as "latitude, longitude" (None when empty), as the search form and the API take it."""
    if not text.strip():
        return None
    try:
        latitude, longitude = (float(part) for part in text.split(","))
    except ValueError:
        raise ValidationError(_("Give a point as latitude, longitude, for example 46.52, 6.63."))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(_("This point is not on Earth: latitude -90 to 90, longitude -180 to 180."))
    return latitude, longitude


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

    @property
    def narrows(self) -> bool:
        """Whether any criterion leaves services out (the reader's language and the moment do not)."""
        return self != ServiceQuery(language=self.language, now=self.now, include_inactive=self.include_inactive)


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
        queryset = full_text(queryset, prefixes)
        ordering = ["relevance", "name"]
    for vocabulary, code in ((PHASE, query.phase), (CATEGORY, query.category), (TARGET_GROUP, query.target_group)):
        if code:
            term = TaxonomyTerm.objects.filter(vocabulary=vocabulary.code, code=code).values_list("pk", flat=True)
            queryset = queryset.filter(terms=term.first())
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
        inside = Territory.objects.filter(path__startswith=query.territory.path).values_list("pk", flat=True)
        # A plain list of keys, which the (territory, status) index serves directly.
        queryset = queryset.filter(territory_id__in=[*inside, *ancestors])
    if query.near is not None:
        queryset, ordering = _near(queryset, query)
    return queryset.order_by(*ordering)


def _open_services(query: ServiceQuery) -> Q:
    """Services with hours matching the query, whether the hours are the service's own or those of a
    place where it is offered (HSDS allows both), leaving out hours outside their validity dates."""
    now = timezone.localtime(query.now or timezone.now())
    today = now.date()

    if query.open_now:
        moment = now.time()
        when = {"byday__contains": Schedule.WEEKDAYS[now.weekday()], "opens_at__lte": moment, "closes_at__gt": moment}
    else:
        when = {"byday__contains": query.open_on}

    def hours(prefix: str) -> Q:
        """The conditions on a schedule reached through `prefix`."""
        def on(**conditions) -> Q:
            return Q(**{prefix + name: value for name, value in conditions.items()})

        return ((on(valid_from__isnull=True) | on(valid_from__lte=today))
                & (on(valid_to__isnull=True) | on(valid_to__gte=today)) & on(**when))

    # Tested service by service through indexed keys: the other filters (a category, a text) usually
    # leave far fewer services than there are schedules open on a given day.
    own_hours = Schedule.objects.filter(hours(""), service=OuterRef("pk"))
    place_hours = ServiceAtLocation.objects.filter(hours("location__schedules__"), service=OuterRef("pk"))
    return Q(Exists(own_hours)) | Q(Exists(place_hours))


def _near(queryset, query: ServiceQuery):
    """Order by distance to a point with an equirectangular approximation, which needs only
    arithmetic in SQL and is within a fraction of a percent at city scale."""
    latitude, longitude = query.near
    scale = math.cos(math.radians(latitude))
    radius_deg = (query.radius_km or DEFAULT_RADIUS_KM) / KM_PER_DEGREE
    in_box = ServiceAtLocation.objects.filter(
        location__latitude__range=(latitude - radius_deg, latitude + radius_deg),
        location__longitude__range=(longitude - radius_deg / max(scale, 0.01), longitude + radius_deg / max(scale, 0.01)),
    )
    # The box, found once through the coordinates index, narrows the services; only those then get
    # their distance measured.
    queryset = queryset.filter(pk__in=in_box.values("service"))
    locations = in_box.filter(service=OuterRef("pk")).values("service")
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
    page = max(1, page)
    keys, total = _page_keys(queryset, query, page, page_size)
    if not keys and page > 1:  # past the end (an old link): show the last page
        page = max(1, math.ceil(queryset.count() / page_size))
        keys, total = _page_keys(queryset, query, page, page_size)
    # Then the rows of the page with what they show: joins added for display cannot change the plan.
    by_key = Service.objects.select_related("organisation", "territory").in_bulk([key[0] for key in keys])
    services = [by_key[key[0]] for key in keys]
    _attach_tags_and_languages(services)
    for service, key in zip(services, keys):
        service.distance_km = math.sqrt(key[1]) * KM_PER_DEGREE if query.near is not None else None
    return SearchResult(services=services, total=total, page=page, pages=max(1, math.ceil(total / page_size)))


def _attach_tags_and_languages(services: list) -> None:
    """Give each listed service `tags` (its category and phase terms) and `language_codes`. A page
    shares a few dozen terms, so each is built once, not once per service as prefetching would."""
    by_id = {service.pk: service for service in services}
    for service in services:
        service.tags, service.language_codes = [], []
    links = list(Service.terms.through.objects.filter(service_id__in=by_id).values_list("service_id", "taxonomyterm_id"))
    terms = TaxonomyTerm.objects.filter(vocabulary__in=[CATEGORY, PHASE]).in_bulk({term for _, term in links})
    for service_id, term_id in links:
        if term_id in terms:
            by_id[service_id].tags.append(terms[term_id])
    for service in services:
        service.tags.sort(key=lambda term: (term.vocabulary, term.pk))
    spoken = ServiceLanguage.objects.filter(service_id__in=by_id).order_by("id").values_list("service_id", "code")
    for service_id, code in spoken:
        by_id[service_id].language_codes.append(code)


def _page_keys(queryset, query: ServiceQuery, page: int, page_size: int) -> tuple[list, int]:
    """The keys (and distances) of one page of services, and how many services match in all. With
    criteria, one pass reads every matching key in order, which costs less than filtering twice to
    count and then to sort; the whole directory is counted apart, since listing it reads the name
    index only as far as the page."""
    columns = ("pk", "distance2") if query.near is not None else ("pk",)
    window = slice((page - 1) * page_size, page * page_size)
    if not query.narrows:
        return list(queryset.values_list(*columns)[window]), queryset.count()
    keys = list(queryset.values_list(*columns))
    return keys[window], len(keys)
