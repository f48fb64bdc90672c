"""Pages of the corridors (public), their editing and spreadsheet of figures (administrators of either end),
the partner finder and the sectors of interest of a territory. Rights come from access.py."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.coordination.forms_analysis import TerritoryForm
from corridor.directory.forms_exchange import SpreadsheetImportForm
from corridor.directory.importing import ImportFailed
from corridor.profiles.exchange import to_csv
from corridor.territories.models import Territory

from .. import access, corridors, finder, lifecycle
from ..forms import InterestForm, TerritoryFilterForm, corridor_editor
from ..models import CooperationInterest, Corridor, CorridorFigure
from ..vocabularies import sector_labels

def corridor_list(request):
    form = TerritoryFilterForm(request.GET or None)
    territory = form.territory()
    listed = corridors.corridors_of(territory).prefetch_related("figures", "associations")
    return render(request, "partnerships/corridors/list.html", {
        "form": form, "territory": territory,
        "rows": [(corridor, corridors.latest(corridor)) for corridor in listed],
        "kinds": CorridorFigure.Kind, "can_create": access.can_create_corridor(request.user)})


def _corridor(uuid) -> Corridor:
    return get_object_or_404(Corridor.objects.select_related("origin", "destination"), uuid=uuid)


def _editable(request, uuid) -> Corridor:
    corridor = _corridor(uuid)
    if not access.can_edit_corridor(request.user, corridor):
        raise PermissionDenied
    return corridor


def corridor_detail(request, uuid):
    corridor = _corridor(uuid)
    between = Q(corridor=corridor) | (Q(sides__territory=corridor.origin) & Q(pk__in=corridor.destination
                                                                             .partnership_sides.values("partnership")))
    partnerships = access.readable_partnerships(request.user).filter(between).distinct().order_by("title")
    return render(request, "partnerships/corridors/detail.html", {
        "corridor": corridor, "charts": corridors.charts(corridor, rtl=get_language_bidi()),
        "years": corridors.by_year(corridor), "kinds": CorridorFigure.Kind.choices,
        "associations": corridor.associations.select_related("territory").order_by("name"),
        "partnerships": partnerships, "can_edit": access.can_edit_corridor(request.user, corridor)})


def _edit_page(request, corridor: Corridor):
    editor = corridor_editor(request.POST if request.method == "POST" else None, corridor, request.user)
    if request.method == "POST" and editor.is_valid():
        created = corridor.pk is None
        if created:
            editor.form.instance.created_by = request.user
        corridor = editor.save()
        messages.success(request, _("Corridor created.") if created else _("Corridor saved."))
        if "continue" in request.POST:
            return redirect("partnerships:corridor-edit", corridor.uuid)
        return redirect("partnerships:corridor", corridor.uuid)
    return render(request, "partnerships/corridors/form.html", {"editor": editor, "corridor": corridor})


@login_required
def corridor_create(request):
    if not access.can_create_corridor(request.user):
        raise PermissionDenied
    return _edit_page(request, Corridor())


@login_required
def corridor_edit(request, uuid):
    return _edit_page(request, _editable(request, uuid))


@login_required
def corridor_import(request, uuid):
    corridor = _editable(request, uuid)
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    context = {"corridor": corridor, "form": form, "columns": corridors.COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = corridors.import_figures(corridor, upload, upload.name)
        except ImportFailed as failure:
            context.update(failure.shown())
        else:
            messages.success(request, _("%(created)d figures added, %(updated)d replaced.") % {
                "created": report.created[CorridorFigure], "updated": report.updated[CorridorFigure]})
            for warning in report.warnings:
                messages.warning(request, warning)
            return redirect("partnerships:corridor", corridor.uuid)
    return render(request, "partnerships/corridors/import.html", context)


def corridor_csv(request, uuid):
    corridor = _corridor(uuid)
    response = HttpResponse(to_csv(corridors.export_rows(corridor)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="corridor-{corridor.origin.slug}-'
                                       f'{corridor.destination.slug}.csv"')
    return response


@login_required
@require_POST
def corridor_draft(request, uuid):
    """Draft an MoU between the corridor's two territories, and open it in the agreement builder."""
    corridor = _editable(request, uuid)
    mine = next((end for end in corridor.ends if permissions.can_administer_territory(request.user, end)), None)
    partnership = lifecycle.draft_from_corridor(corridor, request.user, first=mine)
    messages.success(request, _("A memorandum of understanding is drafted from the corridor. The checklist shows "
                                "what it still needs."))
    return redirect("partnerships:agreement", partnership.uuid)


def partner_finder(request):
    form = TerritoryForm(request.GET or None)
    territory = form.chosen_territory(request.user)
    own, candidates = finder.find_partners(territory) if territory is not None else (None, [])
    return render(request, "partnerships/finder.html", {
        "form": form, "territory": territory, "own": own, "candidates": candidates,
        "own_sectors": sector_labels(own.sectors) if own else [],
        "can_record": territory is not None and access.can_record_interests(request.user, territory)})


@login_required
def interests(request):
    territory = get_object_or_404(Territory, path=request.GET.get("territory", ""))
    if not access.can_record_interests(request.user, territory):
        raise PermissionDenied
    interest = CooperationInterest.objects.filter(territory=territory).first()
    form = InterestForm(request.POST or None, initial={"sectors": interest.sectors if interest else []})
    if request.method == "POST" and form.is_valid():
        CooperationInterest.objects.update_or_create(territory=territory,
                                                     defaults={"sectors": form.cleaned_data["sectors"]})
        messages.success(request, _("Sectors of interest saved."))
        return redirect(f"{reverse('partnerships:finder')}?{urlencode({'territory': territory.path})}")
    return render(request, "partnerships/interests.html", {"form": form, "territory": territory})
