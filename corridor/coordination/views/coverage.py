"""The coverage matrix of a territory, the records behind each of its numbers, and what a coordinator takes
away: the matrix as CSV and the briefing as PDF. Everyone reads them: they show active, public records
(the briefing adds the open overlaps for the territory's administrators)."""
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import get_language

from corridor.accounts import permissions
from corridor.directory.vocabularies import TARGET_GROUP

from .. import briefing, coverage
from ..forms_analysis import CellForm, CoverageFilterForm

RECORDS_PER_PAGE = 50


def _shown(value: int) -> str:
    return str(value) if value < 1000 else formats.number_format(value, force_grouping=True)


def matrix(request):
    form = CoverageFilterForm(request.GET or None)
    territory = form.chosen_territory(request.user)
    can_administer = territory is not None and permissions.can_administer_territory(request.user, territory)
    context = {"form": form, "territory": territory, "can_administer": can_administer}
    if territory is not None:
        phase, group, measure = form.value("phase"), form.value("group"), form.value("measure") or "records"
        result = coverage.coverage(territory)
        # Up to 500 cells: their links and numbers are written here, once, rather than by template tags.
        base = f"{reverse('coordination:coverage-cell')}?{urlencode({'territory': territory.path})}"
        marks_stale = measure in ("records", "services")
        tables = []
        for table in result.tables(phases=[phase] if phase else (), groups=[group] if group else ()):
            rows = [{"row": row, "cells": [
                {"state": cell.state, "value": _shown(cell.measure(measure)) if cell.records else "",
                 "stale": cell.stale_services if marks_stale else 0,
                 "href": f"{base}&phase={table.phase}&category={row.category}&group={code}"}
                for code, cell in row.cells]} for row in table.rows]
            tables.append({"table": table, "rows": rows})
        context.update({
            "coverage": result, "measure": measure, "measure_label": coverage.MEASURES[measure], "tables": tables,
            "groups": [(code, label) for code, label in TARGET_GROUP.terms if not group or code == group],
        })
    return render(request, "coordination/coverage/matrix.html", context)


def cell(request):
    form = CellForm(request.GET)
    if not form.is_valid():
        raise Http404
    territory = form.chosen_territory(request.user)
    phase, category, group = (form.cleaned_data[name] for name in ("phase", "category", "group"))
    entries = coverage.in_cell(coverage.active_entries(territory), phase, category, group)
    found = coverage.records(entries)
    shown = [(entry, found[entry.key]) for entry in entries if entry.key in found]
    initiatives = sorted((pair for pair in shown if pair[0].kind == coverage.INITIATIVE),
                         key=lambda pair: pair[1].title.lower())
    services = sorted((pair for pair in shown if pair[0].kind == coverage.SERVICE),
                      key=lambda pair: (pair[0].stale, pair[1].name.lower()))
    return render(request, "coordination/coverage/cell.html", {
        "territory": territory, "phase": coverage.phase_label(phase), "category": coverage.category_label(category),
        "group": coverage.group_label(group), "cell": coverage.build(entries).total,
        "initiatives": initiatives, "services": Paginator(services, RECORDS_PER_PAGE).get_page(request.GET.get("page")),
    })


def matrix_csv(request):
    form = CoverageFilterForm(request.GET or None)
    territory = form.chosen_territory(request.user)
    if territory is None:
        raise Http404
    phase, group = form.value("phase"), form.value("group")
    rows = briefing.coverage_rows(coverage.coverage(territory), phases=[phase] if phase else (),
                                  groups=[group] if group else ())
    return briefing.csv_response(rows, f"coverage-{territory.slug}.csv")


def briefing_pdf(request):
    form = CoverageFilterForm(request.GET or None)
    territory = form.chosen_territory(request.user)
    if territory is None:
        raise Http404
    response = HttpResponse(briefing.render_pdf(territory, request.user, get_language()),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="briefing-{territory.slug}.pdf"'
    return response
