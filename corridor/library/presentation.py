"""What the pages show of a practice: its template's fields in the reader's language, in the template's
order, its tags and links, and the table that compares practices side by side."""
from django.template.defaultfilters import urlize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from corridor.core.languages import country_name
from corridor.core.templatetags.corridor import as_list, translated
from corridor.directory.vocabularies import VOCABULARIES

from . import template
from .models import GoodPractice
from .vocabularies import SECTOR


def _label(name: str) -> str:
    return str(GoodPractice._meta.get_field(name).verbose_name)


def field_html(practice: GoodPractice, name: str) -> str:
    """One field of the template as HTML, empty when not filled in."""
    if name == "organisation_kind":
        return str(practice.get_organisation_kind_display()) if practice.organisation_kind else ""
    if name == "country_code":
        return country_name(practice.country_code) if practice.country_code else ""
    if name == "website":
        return format_html('<a href="{}">{}</a>', practice.website, practice.website) if practice.website else ""
    if name == "sources":
        return mark_safe(urlize(practice.sources, autoescape=True).replace("\n", "<br>")) if practice.sources else ""
    if not getattr(practice, name):
        return ""
    return translated(practice, name, paragraphs=name in template.TEXT_FIELDS)


def fields(practice: GoodPractice) -> list[tuple[str, str, str]]:
    """(name, label, HTML) of each field filled in, in the template's order."""
    return [(name, _label(name), html) for name in template.COMPARED_FIELDS if (html := field_html(practice, name))]


def tags(practice: GoodPractice) -> list[tuple[str, list[str]]]:
    """(classification, labels) of each classification the practice has."""
    result = []
    terms = list(practice.terms.all())
    for vocabulary in VOCABULARIES.values():
        labels = [str(vocabulary.label(t.code)) for t in terms if t.vocabulary == vocabulary.code]
        if labels:
            result.append((str(vocabulary.name), labels))
    if practice.sectors:
        result.append((str(SECTOR.name), [str(SECTOR.label(code)) for code in practice.sectors]))
    if practice.sdg_targets:
        result.append((_("SDG targets"), list(practice.sdg_targets)))
    return result


def links(practice: GoodPractice) -> list[tuple[str, list[str]]]:
    """(relation, names) of the organisations, territories and initiatives the practice concerns."""
    result = []
    for name, names in (
        ("organisations", [o.name for o in practice.organisations.all()]),
        ("territories", [t.localized_name() for t in practice.territories.all()]),
        ("initiatives", [i.translated("title")[0] for i in practice.initiatives.all()]),
    ):
        if names:
            result.append((_label(name), names))
    return result


def comparison(practices: list[GoodPractice]) -> list[tuple[str, list[str]]]:
    """(label, one HTML cell per practice) for each field, tag and link at least one of them has."""
    rows = [(_label(name), [field_html(practice, name) for practice in practices])
            for name in template.COMPARED_FIELDS]
    for extract in (tags, links):
        by_practice = [dict(extract(practice)) for practice in practices]
        labels = list(dict.fromkeys(label for entries in by_practice for label in entries))
        rows += [(label, [as_list(entries.get(label, [])) for entries in by_practice]) for label in labels]
    return [(label, cells) for label, cells in rows if any(cells)]

