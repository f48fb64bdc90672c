"""The gap view: the open needs of a territory, worst covered first, each with its rank explained and the
records that cover it. Everyone reads it; the territory's administrators also get the links to manage needs."""
from django.http import Http404
from django.shortcuts import render

from .. import briefing, coverage, gaps, needs
from ..forms_analysis import TerritoryForm

RECORDS_SHOWN = 5  # per kind of coverage of a need; the drill-down of the matrix lists them all


def _shown(entries, found) -> dict:
    return {"records": [(entry.kind == coverage.SERVICE, found[entry.key]) for entry in entries[:RECORDS_SHOWN]
                        if entry.key in found],
            "more": max(0, len(entries) - RECORDS_SHOWN)}


def gap_list(request):
    form = TerritoryForm(request.GET or None)
    territory = form.chosen_territory(request.user)
    ranked = gaps.gaps(territory) if territory is not None else []
    found = coverage.records([entry for gap in ranked for entries in (gap.targeted, gap.general, gap.stale)
                              for entry in entries[:RECORDS_SHOWN]])
    return render(request, "coordination/gaps/list.html", {
        "form": form, "territory": territory, "ranks": list(gaps.Rank),
        "can_administer": territory is not None and needs.can_manage(request.user, territory),
        "gaps": [{"gap": gap, **briefing.need_labels(gap.need), "targeted": _shown(gap.targeted, found),
                  "general": _shown(gap.general, found), "stale": _shown(gap.stale, found)} for gap in ranked],
    })


def gap_csv(request):
    form = TerritoryForm(request.GET or None)
    territory = form.chosen_territory(request.user)
    if territory is None:
        raise Http404
    return briefing.csv_response(briefing.gap_rows(gaps.gaps(territory)), f"gaps-{territory.slug}.csv")
