"""Territory administrators record the needs of their territories (from a migration profile, a consultation,
an assessment) and close them when they are met. Who may is decided in needs.py, checked on every request."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record

from .. import briefing, needs
from ..forms_analysis import NeedForm, TerritoryForm
from ..models import Need


def _list_url(territory) -> str:
    return f"{reverse('coordination:needs')}?{urlencode({'territory': territory.path})}"


def _editable(request, uuid) -> Need:
    need = get_object_or_404(Need.objects.select_related("territory"), uuid=uuid)
    if not needs.can_manage(request.user, need.territory):
        raise PermissionDenied
    return need


@login_required
def need_list(request):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    form = TerritoryForm(request.GET or None, territories=permissions.administered_territories(request.user))
    territory = form.chosen_territory(request.user)
    if form.has_error("territory"):  # one the person does not administer
        raise PermissionDenied
    listed = needs.manageable(request.user, territory).order_by("-is_open", "-severity", "title")
    return render(request, "coordination/needs/list.html", {
        "form": form, "territory": territory,
        "needs": [{"need": need, **briefing.need_labels(need)} for need in listed],
    })


@login_required
def need_create(request):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    territory = TerritoryForm(request.GET or None).chosen_territory(request.user)
    form = NeedForm(request.POST or None, user=request.user, initial={"territory": territory})
    if request.method == "POST" and form.is_valid():
        need = form.save()
        record("coordination.need_recorded", actor=request.user, target=need)
        messages.success(request, _("The need “%(title)s” is recorded.") % {"title": need.title})
        return redirect(_list_url(need.territory))
    return render(request, "coordination/needs/form.html", {"form": form, "need": None})


@login_required
def need_edit(request, uuid):
    need = _editable(request, uuid)
    form = NeedForm(request.POST or None, instance=need, user=request.user)
    if request.method == "POST" and form.is_valid():
        need = form.save()
        record("coordination.need_changed", actor=request.user, target=need)
        messages.success(request, _("The need “%(title)s” is saved.") % {"title": need.title})
        return redirect(_list_url(need.territory))
    return render(request, "coordination/needs/form.html", {"form": form, "need": need})


@login_required
@require_POST
def need_delete(request, uuid):
    need = _editable(request, uuid)
    record("coordination.need_deleted", actor=request.user, target=need)
    need.delete()
    messages.success(request, _("The need “%(title)s” is deleted.") % {"title": need.title})
    return redirect(_list_url(need.territory))
