"""Territory administrators look after the quality of their territory's directory."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record

from ..duplicates import possible_duplicates
from ..forms import MergeForm
from ..merge import MergeConflict, merge_organisations
from ..models import Organisation, Service


def _administered(request):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    return permissions.administered_territories(request.user)


@login_required
def home(request):
    territories = _administered(request)
    organisations = Organisation.objects.filter(territory__in=territories)
    services = Service.objects.filter(territory__in=territories)
    return render(request, "directory/administration/home.html", {
        "territories": territories.order_by("path")[:100],
        "unverified": organisations.filter(verified_at__isnull=True).select_related("territory")[:200],
        "organisation_count": organisations.count(),
        "service_count": services.count(),
        "stale_count": services.stale().count(),
    })


@login_required
@require_POST
def organisation_verify(request, uuid):
    organisation = get_object_or_404(Organisation.objects.select_related("territory"), uuid=uuid)
    if not permissions.can_administer_territory(request.user, organisation.territory):
        raise PermissionDenied
    organisation.verified_at, organisation.verified_by = timezone.now(), request.user
    organisation.save(update_fields=["verified_at", "verified_by", "updated_at"])
    record("directory.organisation_verified", actor=request.user, target=organisation)
    messages.success(request, _("%(name)s is now verified.") % {"name": organisation.name})
    return redirect("directory:admin-home")


@login_required
def organisation_merge(request):
    territories = _administered(request)
    organisations = Organisation.objects.filter(territory__in=territories).order_by("name")
    form = MergeForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        duplicate = str(form.cleaned_data["duplicate"])
        try:
            keep = merge_organisations(form.cleaned_data["keep"], form.cleaned_data["duplicate"])
        except MergeConflict as conflict:
            form.add_error(None, _("Both organisations have these records; change or remove the duplicate's "
                                   "before merging: %(records)s") % {"records": "; ".join(conflict.conflicts)})
        else:
            record("directory.organisations_merged", actor=request.user, target=keep, merged=duplicate)
            messages.success(request, _("Merged into %(name)s.") % {"name": keep.name})
            return redirect("directory:organisation-detail", keep.uuid)
    return render(request, "directory/administration/merge.html", {"form": form})


@login_required
def duplicate_services(request):
    territories = _administered(request)
    pairs = possible_duplicates(Service.objects.filter(territory__in=territories))
    return render(request, "directory/administration/duplicates.html", {"pairs": pairs[:200]})
