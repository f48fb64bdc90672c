"""Pages of the initiatives: everyone reads them (funding transparency) and downloads them as CSV or IATI
XML; members of the lead organisation and the territory's administrators record and edit them; territory
administrators import them from a spreadsheet. Rights come from initiatives.py."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record
from corridor.directory.forms_exchange import SpreadsheetImportForm
from corridor.directory.importing import ImportFailed

from .. import exchange, iati, initiatives
from ..forms import InitiativeEditor, InitiativeFilterForm
from ..forms_analysis import TerritoryForm
from ..models import Initiative

PER_PAGE = 30


def _listed(request):
    """The filter form, the territory it is about and the initiatives it selects."""
    form = InitiativeFilterForm(request.GET or None)
    query = form.query(request.user)
    return form, query.territory, initiatives.filter_initiatives(query)


def initiative_list(request):
    form, territory, listed = _listed(request)
    page = Paginator(listed.prefetch_related("terms").order_by("title", "pk"), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "coordination/initiatives/list.html", {
        "form": form, "territory": territory, "page": page, "query": request.GET.urlencode(),
        "rows": [(initiative, initiatives.term_labels(initiative)) for initiative in page],
        "filtered": any(request.GET.get(name) for name in ("phase", "category", "group", "status", "organisation")),
        "can_create": initiatives.can_create(request.user),
        "can_import": territory is not None and permissions.can_administer_territory(request.user, territory),
        "can_administer": territory is not None and permissions.can_administer_territory(request.user, territory),
    })


def _initiative(uuid) -> Initiative:
    return get_object_or_404(initiatives.with_details(Initiative.objects.select_related("proposal__call")), uuid=uuid)


def detail(request, uuid):
    initiative = _initiative(uuid)
    funded = sum(funding.amount for funding in initiative.fundings.all() if funding.currency == initiative.currency)
    return render(request, "coordination/initiatives/detail.html", {
        "initiative": initiative, "classification": initiatives.term_labels(initiative),
        "funded": funded, "can_edit": initiatives.can_edit(request.user, initiative),
        "results": [(result, [(indicator, initiatives.progress(indicator)) for indicator in result.indicators.all()])
                    for result in initiative.results.all()],
        "proposal": getattr(initiative, "proposal", None),
    })


def _edit_page(request, initiative: Initiative):
    editor = InitiativeEditor(request.POST if request.method == "POST" else None, instance=initiative,
                              user=request.user)
    if request.method == "POST" and editor.is_valid():
        created = initiative.pk is None
        initiative = editor.save()
        messages.success(request, _("Initiative created.") if created else _("Initiative saved."))
        if "continue" in request.POST:  # saving offers blank rows again, to add more partners or results
            return redirect("coordination:initiative-edit", initiative.uuid)
        return redirect("coordination:initiative", initiative.uuid)
    return render(request, "coordination/initiatives/form.html", {"editor": editor, "initiative": initiative})


@login_required
def create(request):
    if not initiatives.can_create(request.user):
        raise PermissionDenied
    return _edit_page(request, Initiative())


@login_required
def edit(request, uuid):
    initiative = get_object_or_404(Initiative.objects.select_related("territory"), uuid=uuid)
    if not initiatives.can_edit(request.user, initiative):
        raise PermissionDenied
    return _edit_page(request, initiative)


@login_required
@require_POST
def delete(request, uuid):
    initiative = get_object_or_404(Initiative.objects.select_related("territory"), uuid=uuid)
    if not initiatives.can_edit(request.user, initiative):
        raise PermissionDenied
    record("coordination.initiative_deleted", actor=request.user, target=initiative)
    initiative.delete()
    messages.success(request, _("The initiative “%(title)s” is deleted.") % {"title": initiative.title})
    return redirect(f"{reverse('coordination:initiatives')}?{urlencode({'territory': initiative.territory.path})}")


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _file_stem(territory) -> str:
    return f"initiatives-{territory.slug}" if territory is not None else "initiatives"


def export_csv(request):
    _form, territory, listed = _listed(request)
    return _download(exchange.export_csv(listed), "text/csv; charset=utf-8", f"{_file_stem(territory)}.csv")


def export_iati(request):
    _form, territory, listed = _listed(request)
    if not listed.exists():  # an IATI document holds at least one activity
        messages.info(request, _("No initiative matches these filters: there is nothing to export."))
        return redirect(f"{reverse('coordination:initiatives')}?{request.GET.urlencode()}")
    return _download(iati.export(listed), "application/xml", f"{_file_stem(territory)}-iati.xml")


def initiative_iati(request, uuid):
    initiative = get_object_or_404(Initiative, uuid=uuid)
    return _download(iati.export(Initiative.objects.filter(pk=initiative.pk)), "application/xml",
                     f"initiative-{initiative.uuid}-iati.xml")


@login_required
def import_file(request):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    territories = permissions.administered_territories(request.user)
    choice = TerritoryForm(request.GET or None, territories=territories)
    territory = choice.chosen_territory(request.user)
    if territory is None or not permissions.can_administer_territory(request.user, territory):
        raise PermissionDenied
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "choice": choice, "territory": territory, "columns": exchange.COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["report"] = exchange.import_initiatives(upload, upload.name, territory=territory,
                                                            user=request.user)
            record("coordination.initiatives_imported", actor=request.user, target=territory, file=upload.name[:100])
        except ImportFailed as failure:
            context.update(failure.shown())
    return render(request, "coordination/initiatives/import.html", context)
