"""What a coordinator takes away: the coverage matrix, the ranked gaps and the possible overlaps as CSV,
and a briefing on a territory as PDF (WeasyPrint's rendering of a standalone HTML document) with SVG charts
drawn by consultations.charts. Labels are written in the reader's language; CSV files also carry the codes
of the vocabularies, for other tools."""
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from corridor.accounts import permissions
from corridor.consultations import charts
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.profiles.exchange import to_csv

from . import coverage, gaps, overlaps
from .coverage import category_label, group_label, phase_label

BRIEFING_NEEDS = 30
BRIEFING_OVERLAPS = 15


def csv_response(rows: list[list], filename: str) -> HttpResponse:
    response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def coverage_rows(result: coverage.Coverage, *, phases=(), groups=()) -> list[list]:
    rows = [[_("Phase"), _("Category"), _("Target group"), _("Current services"),
             _("Services not verified for over a year"), _("Active initiatives"), _("Planned beneficiaries"),
             _("Actual beneficiaries"), _("Phase code"), _("Category code"), _("Target group code")]]
    for table in result.tables(phases=phases, groups=groups):
        for row in table.rows:
            for group, cell in row.cells:
                rows.append([str(table.label), str(row.label), str(group_label(group)), cell.services,
                             cell.stale_services, cell.initiatives, cell.planned_beneficiaries,
                             cell.actual_beneficiaries, table.phase, row.category, group])
    return rows


def need_labels(need) -> dict:
    return {"phase": str(PHASE.label(need.phase)) if need.phase else _("Any phase"),
            "category": str(CATEGORY.label(need.category)),
            "group": str(TARGET_GROUP.label(need.target_group)) if need.target_group else _("Any group")}


def gap_rows(ranked: list[gaps.Gap]) -> list[list]:
    rows = [[_("Rank"), _("Coverage"), _("Need"), _("Territory"), _("Phase"), _("Category"), _("Target group"),
             _("Severity"), _("Source"), _("Reference"), _("Current records for the group"),
             _("Current records for the whole population"), _("Services not verified for over a year")]]
    for position, gap in enumerate(ranked, start=1):
        need, labels = gap.need, need_labels(gap.need)
        rows.append([position, str(gap.rank.label), need.title, need.territory.localized_name(), labels["phase"],
                     labels["category"], labels["group"], need.get_severity_display(), need.get_source_display(),
                     need.source_reference, len(gap.targeted), len(gap.general), len(gap.stale)])
    return rows


def record_name(record) -> str:
    return getattr(record, "title", None) or record.name


def record_organisation(record) -> str:
    organisation = getattr(record, "lead_organisation", None) or record.organisation
    return organisation.name


def block_label(block: tuple, places: dict) -> str:
    phase, category, group, place = block
    return " · ".join(str(label) for label in (phase_label(phase), category_label(category), group_label(group),
                                                places.get(place, place)))


def place_names(overlap_list: list[overlaps.Overlap]) -> dict[str, str]:
    from corridor.territories.models import Territory

    paths = {block[3] for overlap in overlap_list for block in overlap.blocks}
    return {t.path: t.localized_name() for t in Territory.objects.filter(path__in=paths)}


def overlap_rows(overlap_list: list[overlaps.Overlap]) -> list[list]:
    found = coverage.records(entry for overlap in overlap_list for entry in (overlap.first, overlap.second))
    places = place_names(overlap_list)
    kinds = {coverage.SERVICE: _("Service"), coverage.INITIATIVE: _("Initiative")}
    rows = [[_("Similarity"), _("First record"), _("Kind"), _("Organisation"), _("Second record"), _("Kind"),
             _("Organisation"), _("Shared phase, category, group and place")]]
    for overlap in overlap_list:
        first, second = found[overlap.first.key], found[overlap.second.key]
        rows.append([f"{overlap.similarity:.2f}", record_name(first), kinds[overlap.first.kind],
                     record_organisation(first), record_name(second), kinds[overlap.second.kind],
                     record_organisation(second), "; ".join(block_label(b, places) for b in overlap.blocks)])
    return rows


def _by_category(entries: list[coverage.Entry]) -> list[tuple[str, int, int]]:
    """Distinct current services and active initiatives per category."""
    counts = {code: [0, 0] for code, _label in CATEGORY.terms}
    for entry in entries:
        if entry.kind == coverage.SERVICE and entry.stale:
            continue
        column = 1 if entry.kind == coverage.INITIATIVE else 0
        for category in entry.categories & counts.keys():
            counts[category][column] += 1
    return [(str(category_label(code)), services, initiatives) for code, (services, initiatives) in counts.items()]


def _by_group(entries: list[coverage.Entry]) -> list[tuple[str, int]]:
    counts = {code: 0 for code, _label in TARGET_GROUP.terms}
    for entry in entries:
        if not (entry.kind == coverage.SERVICE and entry.stale):
            for group in entry.groups:
                counts[group] += 1
    return [(str(group_label(code)), count) for code, count in counts.items()]


def _described(rows: list[tuple]) -> str:
    return "; ".join(f"{label}: {', '.join(str(value) for value in values)}" for label, *values in rows)


def _charts(result: coverage.Coverage, ranked: list[gaps.Gap], rtl: bool) -> dict:
    by_category, by_group = _by_category(result.entries), _by_group(result.entries)
    by_rank = [(str(rank.label), sum(1 for gap in ranked if gap.rank == rank)) for rank in gaps.Rank]
    series = (_("Current services"), _("Active initiatives"))
    return {
        "categories": mark_safe(charts.paired_bar_chart(
            by_category, series=series, rtl=rtl, title=_("Services and initiatives by category"),
            description=_described(by_category))),
        "groups": mark_safe(charts.bar_chart(
            by_group, rtl=rtl, title=_("Services and initiatives by target group"), description=_described(by_group))),
        "ranks": mark_safe(charts.bar_chart(
            by_rank, rtl=rtl, title=_("Open needs by coverage"), description=_described(by_rank))) if ranked else "",
    }


def briefing_view(territory, user) -> dict:
    now = timezone.now()
    result = coverage.coverage(territory, now=now)
    ranked = gaps.gaps(territory, now=now)
    overlap_list = overlaps.find(territory, now=now)[:BRIEFING_OVERLAPS] \
        if permissions.can_administer_territory(user, territory) else None
    total = result.total
    figures = [(_("Current services"), total.services),
               (_("Services not verified for over a year"), total.stale_services),
               (_("Active initiatives"), total.initiatives), (_("Planned beneficiaries"), total.planned_beneficiaries),
               (_("Open needs"), len(ranked)),
               (_("Needs not covered"), sum(1 for gap in ranked if gap.rank == gaps.Rank.UNCOVERED))]
    found = coverage.records(e for o in overlap_list or () for e in (o.first, o.second))
    places = place_names(overlap_list or [])
    return {
        "territory": territory, "generated": formats.date_format(timezone.localdate(now), "DATE_FORMAT"),
        "title": _("Coordination briefing: %(territory)s") % {"territory": territory.localized_name()},
        "figures": [(label, formats.number_format(value, force_grouping=True)) for label, value in figures],
        "charts": _charts(result, ranked, translation.get_language_bidi()),
        "groups": [label for _code, label in TARGET_GROUP.terms],
        "tables": [table for table in result.tables()
                   if any(cell.records for row in table.rows for _group, cell in row.cells)],
        "gaps": [{"gap": gap, **need_labels(gap.need)} for gap in ranked[:BRIEFING_NEEDS]],
        "more_gaps": max(0, len(ranked) - BRIEFING_NEEDS), "ranks": list(gaps.Rank),
        "overlaps": None if overlap_list is None else [
            {"overlap": overlap, "blocks": [block_label(block, places) for block in overlap.blocks],
             "records": [(record_name(found[entry.key]), record_organisation(found[entry.key]))
                         for entry in (overlap.first, overlap.second) if entry.key in found]}
            for overlap in overlap_list],
    }


def render_html(territory, user, language: str) -> str:
    with translation.override(language):
        return render_to_string("coordination/briefing/document.html", {
            **briefing_view(territory, user), "language": language, "rtl": translation.get_language_bidi()})


def render_pdf(territory, user, language: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=render_html(territory, user, language)).write_pdf()
