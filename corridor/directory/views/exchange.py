"""Data exchange: the published directory in Open Referral HSDS 3.0 for anyone, and imports of
services (HSDS) and organisations (spreadsheets) for territory administrators."""
import json
import tempfile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render

from corridor.accounts import permissions
from corridor.audit.log import record
from corridor.territories.models import Territory

from .. import hsds
from ..forms_exchange import HsdsImportForm, OrganisationImportForm
from ..importing import ImportFailed
from ..models import Service
from ..organisation_import import COLUMNS
from ..organisation_import import import_organisations as import_organisation_rows

def _published(request):
    """Services the public may read, optionally inside ?territory=<path> (like ch/vaud)."""
    services = Service.objects.filter(status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED])
    path = request.GET.get("territory", "").strip().strip("/")
    if path:
        territory = get_object_or_404(Territory, path=path + "/")
        services = services.filter(territory__path__startswith=territory.path)
    return services


def _json_list(objects):
    yield "["
    for index, obj in enumerate(objects):
        yield ("," if index else "") + json.dumps(obj, ensure_ascii=False)
    yield "]"


def export_hsds_json(request):
    """Streamed as it is read, so that a hundred thousand services start arriving at once."""
    return StreamingHttpResponse(_json_list(hsds.iter_services(_published(request))),
                                 content_type="application/json; charset=utf-8")


def export_hsds_datapackage(request):
    package = tempfile.TemporaryFile()
    hsds.write_datapackage(_published(request), package)
    package.seek(0)
    return FileResponse(package, as_attachment=True, filename="corridor-hsds.zip", content_type="application/zip")


def _import_page(request, form_class, run, template, action, extra=None):
    """The upload form; on failure the row-level errors (nothing written), on success a summary."""
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    territories = permissions.administered_territories(request.user)
    form = form_class(request.POST or None, request.FILES or None, territories=territories)
    context = {"form": form, **(extra or {})}
    if request.method == "POST" and form.is_valid():
        territory = form.cleaned_data["territory"]
        if not permissions.can_administer_territory(request.user, territory):
            raise PermissionDenied
        try:
            context["report"] = run(form.cleaned_data["file"], territory, request.user)
            record(action, actor=request.user, target=territory, file=form.cleaned_data["file"].name[:100])
        except ImportFailed as failure:
            context.update(failure.shown())
    return render(request, template, context)


@login_required
def import_hsds(request):
    return _import_page(request, HsdsImportForm,
                        lambda upload, territory, user: hsds.import_file(upload, territory=territory, user=user),
                        "directory/exchange/import_hsds.html", "directory.services_imported")


@login_required
def import_organisations(request):
    return _import_page(request, OrganisationImportForm,
                        lambda upload, territory, user: import_organisation_rows(
                            upload, upload.name, territory=territory, user=user),
                        "directory/exchange/import_organisations.html", "directory.organisations_imported",
                        {"columns": COLUMNS})
