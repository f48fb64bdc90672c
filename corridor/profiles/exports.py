"""What the pages and the PDF show of a profile and of a comparison: figures written in the reader's
language, footnoted sources, and SVG charts of each breakdown (consultations.charts). The PDF is
WeasyPrint's rendering of a standalone HTML document."""
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from corridor.consultations import charts

from . import figures, formatting
from .models import Indicator, Profile

CHART_ROWS = 12  # the largest keys of a long breakdown; the table lists them all


def _title(profile: Profile) -> str:
    return _("Migration profile of %(territory)s, %(period)s") % {
        "territory": profile.territory.localized_name(), "period": profile.period_label}


def _breakdown_chart(figure: figures.Figure, currency: str, rtl: bool) -> str:
    if len(figure.breakdown) < 2:
        return ""
    kind, label = figure.indicator.kind, figure.indicator.translated("label")[0]
    rows = [(entry.label, entry.value) for entry in figure.breakdown[:CHART_ROWS]]
    return mark_safe(charts.bar_chart(
        rows, title=label, rtl=rtl, value_label=lambda number: formatting.value(number, kind, currency),
        description="; ".join(f"{name}: {formatting.value(number, kind, currency)}" for name, number in rows)))


def profile_view(profile: Profile) -> dict:
    currency, rtl = profile.currency, translation.get_language_bidi()
    sources = list(profile.sources.order_by("pk"))
    numbers = {source.pk: number for number, source in enumerate(sources, 1)}  # for footnotes

    def shown(figure: figures.Figure) -> dict:
        kind = figure.indicator.kind
        reported = figure.reported_total
        return {
            "figure": figure, "indicator": figure.indicator,
            "total": formatting.value(figure.total, kind, currency),
            "total_source": numbers.get(reported.source.pk) if reported else None,
            "rows": [{"key": entry.key, "label": entry.label, "value": formatting.value(entry.value, kind, currency),
                      "source": numbers.get(entry.source.pk)} for entry in figure.breakdown],
            "breakdown_total": formatting.value(figure.breakdown_total, kind, currency),
            "not_broken_down": formatting.value(figure.not_broken_down, kind, currency),
            "chart": _breakdown_chart(figure, currency, rtl),
        }

    sections = [{"section": section,
                 "reported": [shown(figure) for figure in section_figures if figure.is_reported],
                 "unreported": [figure.indicator for figure in section_figures if not figure.is_reported]}
                for section, section_figures in figures.by_section(profile)]
    return {
        "profile": profile, "title": _title(profile), "sections": sections,
        "reported": sum(len(section["reported"]) for section in sections),
        "indicators": sum(len(section["reported"]) + len(section["unreported"]) for section in sections),
        "sources": [{"number": numbers[source.pk], "source": source,
                     "accessed": formats.date_format(source.accessed_on, "DATE_FORMAT") if source.accessed_on else ""}
                    for source in sources],
    }


def series_names(first: Profile, second: Profile) -> tuple[str, str]:
    """What tells the two profiles apart: their periods, their territories, or both."""
    if first.territory_id == second.territory_id:
        return first.period_label, second.period_label
    if (first.period_start, first.period_end) == (second.period_start, second.period_end):
        return first.territory.localized_name(), second.territory.localized_name()
    return str(first), str(second)


def _comparable(kind: str, currencies: tuple[str, str]) -> bool:
    """Amounts in two currencies are shown side by side but not subtracted."""
    return kind != Indicator.Kind.AMOUNT or currencies[0] == currencies[1]


def _change(change: figures.Change, kind: str, currencies: tuple[str, str]) -> dict:
    comparable = _comparable(kind, currencies)
    return {"first": formatting.value(change.first, kind, currencies[0]),
            "second": formatting.value(change.second, kind, currencies[1]),
            "difference": formatting.difference(change.difference, kind, currencies[0]) if comparable else "",
            "percent": formatting.change(change.percent_change) if comparable else "",
            "first_missing": change.first is None, "second_missing": change.second is None}


def _paired_chart(comparison: figures.Comparison, names: tuple[str, str], currency: str, rtl: bool) -> str:
    if len(comparison.rows) < 2:
        return ""
    kind, not_reported = comparison.indicator.kind, _("not reported")
    rows = [(row.label, row.change.first, row.change.second) for row in comparison.rows[:CHART_ROWS]]

    def written(number) -> str:
        return formatting.value(number, kind, currency) if number is not None else not_reported

    return mark_safe(charts.paired_bar_chart(
        rows, series=names, title=comparison.indicator.translated("label")[0], rtl=rtl, missing=not_reported,
        value_label=written, description="; ".join(f"{label}: {names[0]} {written(first)}, {names[1]} {written(second)}"
                                                   for label, first, second in rows)))


def comparison_view(first: Profile, second: Profile) -> dict:
    """Raises figures.NotComparable for profiles of different templates."""
    compared = figures.compare(first, second)
    names, rtl = series_names(first, second), translation.get_language_bidi()
    currencies = (first.currency, second.currency)

    def shown(comparison: figures.Comparison) -> dict:
        kind = comparison.indicator.kind
        comparable = _comparable(kind, currencies)
        return {"comparison": comparison, "indicator": comparison.indicator,
                "total": _change(comparison.total, kind, currencies),
                "rows": [{"label": row.label, **_change(row.change, kind, currencies)} for row in comparison.rows],
                "chart": _paired_chart(comparison, names, currencies[0], rtl) if comparable else ""}

    return {
        "first": first, "second": second, "names": names,
        "title": _("%(first)s compared with %(second)s") % {"first": first, "second": second},
        "sections": [{"section": section, "rows": [shown(comparison) for comparison in comparisons
                                                    if comparison.is_reported]}
                     for section, comparisons in compared],
    }


def render_html(profile: Profile, language: str) -> str:
    with translation.override(language):
        return render_to_string("profiles/document.html", {
            **profile_view(profile), "language": language, "rtl": translation.get_language_bidi()})


def render_pdf(profile: Profile, language: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=render_html(profile, language)).write_pdf()
