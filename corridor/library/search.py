"""Finding good practices. Free text goes through the database's full-text engine (SQLite FTS5 or
PostgreSQL tsvector, migration 0003) over `GoodPractice.search_document`, built like the directory's
(directory/search.py, whose normalisation and query parsing are used here): the practice in its language
and its published translations, with the labels of its classification, its type of organisation and its
country in every interface language, so that "logement", "housing", "vivienda" and "سكن" find the same
practices. Facets count the practices of the current result by each classification and by country."""
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from corridor.core.languages import country_name
from corridor.directory.models import Organisation
from corridor.directory.search import full_text, normalise, query_prefixes
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP, VOCABULARIES

from .models import GoodPractice
from .template import TRANSLATED_FIELDS
from .vocabularies import SECTOR, sdg_sort_key

PAGE_SIZE = 20
TERM_FACETS = (("phase", PHASE), ("category", CATEGORY), ("group", TARGET_GROUP))


@lru_cache(maxsize=None)
def _labels_everywhere(vocabulary_code: str, code: str) -> str:
    """A term's label in every interface language, normalised (computed once per process)."""
    vocabulary = SECTOR if vocabulary_code == SECTOR.code else VOCABULARIES[vocabulary_code]
    return normalise(" ".join(_in_every_language(lambda: vocabulary.label(code))))


@lru_cache(maxsize=None)
def _kind_everywhere(kind: str) -> str:
    return normalise(" ".join(_in_every_language(lambda: Organisation.Kind(kind).label)))


@lru_cache(maxsize=512)
def _country_everywhere(code: str) -> str:
    return normalise(" ".join(country_name(code, language) for language, _name in settings.LANGUAGES))


def _in_every_language(label) -> list[str]:
    labels = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels.append(str(label()))
    return labels


def build_document(practice: GoodPractice) -> str:
    """The text indexed for a saved practice."""
    parts = [getattr(practice, name) for name in TRANSLATED_FIELDS]
    for texts in practice.published_translations().values():
        parts.extend(texts.get(name, "") for name in TRANSLATED_FIELDS)
    parts += [practice.sources, *practice.sdg_targets]
    for organisation in practice.organisations.all():
        parts += [organisation.name, organisation.alternate_name]
    for territory in practice.territories.all():
        parts += [territory.name, *territory.name_translations.values()]
    for initiative in practice.initiatives.all():
        parts += [initiative.title, *(texts.get("title", "") for texts in initiative.translations.values())]
    labels = [_labels_everywhere(term.vocabulary, term.code) for term in practice.terms.all()]
    labels += [_labels_everywhere(SECTOR.code, code) for code in practice.sectors]
    if practice.organisation_kind:
        labels.append(_kind_everywhere(practice.organisation_kind))
    if practice.country_code:
        labels.append(_country_everywhere(practice.country_code))
    return " ".join(p for p in (normalise(" ".join(p for p in parts if p)), *labels) if p)


def reindex(practice: GoodPractice) -> None:
    """Rebuild the practice's search document; the update marks it changed for the similarity index."""
    GoodPractice.objects.filter(pk=practice.pk).update(search_document=build_document(practice),
                                                       updated_at=timezone.now())


def reindex_all() -> int:
    practices = GoodPractice.objects.prefetch_related("organisations", "territories", "initiatives", "terms")
    for practice in practices:
        reindex(practice)
    return len(practices)


@dataclass
class PracticeQuery:
    """What a reader asked for; built from the search form's cleaned data or the API's parameters."""

    text: str = ""
    language: str = "en"
    phase: str = ""
    category: str = ""
    group: str = ""
    sector: str = ""
    sdg: str = ""
    country: str = ""
    kind: str = ""


def filter_practices(query: PracticeQuery, queryset=None):
    """The published practices (or those of `queryset`) matching the query, best first."""
    queryset = GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED) if queryset is None else queryset
    ordering = ["-published_at", "title"]
    prefixes = query_prefixes(query.text, query.language) if query.text else []
    if prefixes:
        queryset = full_text(queryset, prefixes)
        ordering = ["relevance", "title"]
    for parameter, vocabulary in TERM_FACETS:
        code = getattr(query, parameter)
        if code:
            queryset = queryset.filter(pk__in=GoodPractice.terms.through.objects.filter(
                taxonomyterm__vocabulary=vocabulary.code, taxonomyterm__code=code).values("goodpractice_id"))
    if query.country:
        queryset = queryset.filter(country_code=query.country)
    if query.kind:
        queryset = queryset.filter(organisation_kind=query.kind)
    if query.sector or query.sdg:
        # Lists in a JSON column, which SQLite cannot search by element: read them (a library holds
        # thousands of practices, not millions).
        keys = [pk for pk, sectors, targets in queryset.values_list("pk", "sectors", "sdg_targets")
                if (not query.sector or query.sector in sectors) and (not query.sdg or query.sdg in targets)]
        queryset = queryset.filter(pk__in=keys)
    return queryset.order_by(*ordering)


@dataclass
class FacetOption:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    parameter: str
    name: str
    options: list[FacetOption]


@dataclass
class SearchResult:
    practices: list
    total: int
    page: int
    pages: int
    facets: list[Facet] = field(default_factory=list)
    countries: list[tuple[str, int]] = field(default_factory=list)  # (code, practices), most first


def search(query: PracticeQuery, page: int = 1, page_size: int = PAGE_SIZE, queryset=None) -> SearchResult:
    matching = filter_practices(query, queryset)
    keys = list(matching.values_list("pk", flat=True))
    pages = max(1, math.ceil(len(keys) / page_size))
    page = min(max(1, page), pages)
    shown = keys[(page - 1) * page_size:page * page_size]
    by_key = GoodPractice.objects.prefetch_related("terms").in_bulk(shown)
    countries = Counter(dict(GoodPractice.objects.filter(pk__in=keys).values_list("country_code")
                             .annotate(n=Count("pk")).order_by()))
    countries.pop("", None)
    return SearchResult(practices=[by_key[key] for key in shown], total=len(keys), page=page, pages=pages,
                        facets=facets(keys, query, countries), countries=countries.most_common())


def facets(keys: list[int], query: PracticeQuery, countries: Counter) -> list[Facet]:
    """Each classification with the number of matching practices per value, largest first."""
    links = GoodPractice.terms.through.objects.filter(goodpractice_id__in=keys)
    term_counts = Counter({(vocabulary, code): n for vocabulary, code, n in links.values_list(
        "taxonomyterm__vocabulary", "taxonomyterm__code").annotate(n=Count("goodpractice_id")).order_by()})
    sectors, targets, kinds = Counter(), Counter(), Counter()
    for practice_sectors, practice_targets, kind in GoodPractice.objects.filter(pk__in=keys).values_list(
            "sectors", "sdg_targets", "organisation_kind"):
        sectors.update(set(practice_sectors))
        targets.update(set(practice_targets))
        if kind:
            kinds[kind] += 1

    def options(parameter, counts: Counter, label, order=None) -> list[FacetOption]:
        chosen = getattr(query, parameter)
        codes = sorted(counts, key=order or (lambda code: (-counts[code], str(label(code)))))
        if chosen and chosen not in counts:  # a filter that leaves nothing stays visible, to be removed
            codes.insert(0, chosen)
        return [FacetOption(code, str(label(code)), counts[code], code == chosen) for code in codes]

    result = []
    for parameter, vocabulary in TERM_FACETS:
        counts = Counter({code: n for (v, code), n in term_counts.items() if v == vocabulary.code})
        result.append(Facet(parameter, vocabulary.name, options(parameter, counts, vocabulary.label)))
    result.append(Facet("sector", SECTOR.name, options("sector", sectors, SECTOR.label)))
    result.append(Facet("sdg", _("SDG target"), options("sdg", targets, str, order=sdg_sort_key)))
    result.append(Facet("kind", _("Type of organisation"), options(
        "kind", kinds, lambda code: Organisation.Kind(code).label)))
    result.append(Facet("country", _("Country"), options("country", countries, country_name)))
    return [facet for facet in result if facet.options]
