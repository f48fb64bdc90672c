"""Providers keep their own services current. Every view checks permissions.py on the server."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record

from .. import editing
from ..forms import LocationForm, OrganisationForm, ScheduleFormSet, ServiceForm
from ..models import Organisation, Service


@login_required
def my_services(request):
    organisations = permissions.editable_organisations(request.user)
    services = Service.objects.filter(organisation__in=organisations).select_related("organisation", "territory")
    return render(request, "directory/manage/my_services.html", {
        "organisations": organisations.order_by("name")[:200],
        "services": services.order_by("organisation__name", "name")[:500],
        "due": services.due_for_verification().order_by("last_verified_at")[:200],
    })


def _editable_service(request, uuid):
    service = get_object_or_404(Service.objects.select_related("organisation__territory", "territory"), uuid=uuid)
    if not permissions.can_edit_service(request.user, service):
        raise PermissionDenied
    return service


def _edit(request, service, organisation):
    territories = organisation.territory.subtree()
    location = editing.main_location(service)
    data = request.POST if request.method == "POST" else None
    form = ServiceForm(data, instance=service)
    schedules = ScheduleFormSet(data, instance=service, prefix="schedules")
    location_form = LocationForm(data, instance=location, territories=territories, prefix="location")
    if request.method == "POST" and form.is_valid() and schedules.is_valid() and location_form.is_valid():
        service = editing.save_service(form, schedules, location_form, request.user)
        messages.success(request, _("Saved. Thank you for keeping this information current."))
        return redirect("directory:service-detail", service.uuid)
    return render(request, "directory/manage/service_form.html", {
        "form": form, "schedules": schedules, "location_form": location_form, "service": service,
        "organisation": organisation,
    })


@login_required
def service_create(request):
    organisation = get_object_or_404(Organisation.objects.select_related("territory"),
                                     uuid=request.GET.get("organisation") or request.POST.get("organisation") or None)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    return _edit(request, Service(organisation=organisation, territory=organisation.territory), organisation)


@login_required
def service_edit(request, uuid):
    service = _editable_service(request, uuid)
    return _edit(request, service, service.organisation)


@login_required
@require_POST
def service_verify(request, uuid):
    service = _editable_service(request, uuid)
    editing.mark_verified(service, request.user)
    record("directory.service_verified", actor=request.user, target=service)
    messages.success(request, _("Marked as verified today."))
    return redirect("directory:my-services")


@login_required
def service_history(request, uuid):
    service = _editable_service(request, uuid)
    return render(request, "directory/manage/history.html", {"service": service, "entries": editing.changes(service)})


@login_required
def organisation_edit(request, uuid):
    organisation = get_object_or_404(Organisation.objects.select_related("territory"), uuid=uuid)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST if request.method == "POST" else None, instance=organisation,
                            territories=organisation.territory.subtree() | organisation.areas.all())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisation saved."))
        return redirect("directory:organisation-detail", organisation.uuid)
    return render(request, "directory/manage/organisation_form.html", {"form": form, "organisation": organisation})
