"""Finding projects. Free text goes through the database's full-text engine over `Project.search_document`
(SQLite FTS5 or PostgreSQL tsvector, migration 0002), built like the directory's and the library's: the
project in its language and its translations, its territory's names, and the labels of its kind of
engagement, sector and skills in every interface language, so that "santé", "health", "salud" and "صحة" find
the same projects. Filters: territory (and the territories inside it), kind, sector, skill, status."""
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils import translation

from corridor.directory.search import full_text, normalise, query_prefixes

from .models import Project
from .vocabularies import ENGAGEMENT, SECTOR, SKILL

# Open projects first, then those under way, then the finished ones.
STATUS_ORDER = (Project.Status.OPEN, Project.Status.UNDERWAY, Project.Status.COMPLETED, Project.Status.CANCELLED)


@lru_cache(maxsize=None)
def _label_everywhere(vocabulary_code: str, code: str) -> str:
    vocabulary = {v.code: v for v in (ENGAGEMENT, SECTOR, SKILL)}[vocabulary_code]
    labels = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels.append(str(vocabulary.label(code)))
    return normalise(" ".join(labels))


def build_document(project: Project) -> str:
    parts = [project.title, project.description, *project.skill_tags]
    for texts in project.translations.values():
        parts.extend(texts.get(name, "") for name in ("title", "description"))
    territory = project.territory
    parts += [territory.name, *territory.name_translations.values()]
    labels = [_label_everywhere(ENGAGEMENT.code, project.kind), _label_everywhere(SECTOR.code, project.sector)]
    labels += [_label_everywhere(SKILL.code, code) for code in project.skills]
    return " ".join(part for part in (normalise(" ".join(p for p in parts if p)), *labels) if part)


@dataclass(frozen=True)
class ProjectQuery:
    text: str = ""
    language: str = "en"
    territory: object = None  # a Territory: its projects and those of the territories inside it
    kind: str = ""
    sector: str = ""
    skill: str = ""
    status: str = ""


def filter_projects(query: ProjectQuery, queryset: QuerySet) -> QuerySet:
    """The projects of `queryset` matching the query: best match first when there are words, else open
    projects first, the nearest deadline first."""
    ordering = [Case(*(When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)),
                     default=Value(len(STATUS_ORDER)), output_field=IntegerField()),
                F("deadline").asc(nulls_last=True), "title"]
    prefixes = query_prefixes(query.text, query.language) if query.text else []
    if prefixes:
        queryset = full_text(queryset, prefixes)
        ordering = ["relevance", "title"]
    if query.territory is not None:
        queryset = queryset.filter(territory__path__startswith=query.territory.path)
    if query.kind:
        queryset = queryset.filter(kind=query.kind)
    if query.sector:
        queryset = queryset.filter(sector=query.sector)
    if query.status:
        queryset = queryset.filter(status=query.status)
    if query.skill:
        # A list in a JSON column, which SQLite cannot search by element: read it (a territory publishes
        # dozens of projects, not millions), as the library does for its sectors.
        keys = [pk for pk, skills in queryset.values_list("pk", "skills") if query.skill in skills]
        queryset = queryset.filter(pk__in=keys)
    return queryset.select_related("territory", "priority").order_by(*ordering)
