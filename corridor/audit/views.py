"""The audit log, read by platform administrators (everything) and territory administrators (the events of
their territories and what happens inside them)."""
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions

from .models import AuditEvent

EVENTS_PER_PAGE = 50


class FilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    territory = forms.ModelChoiceField(label=_("Territory"), queryset=None, required=False,
                                       empty_label=_("All"))
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, events, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All"))] + [
            (action, action) for action in events.order_by("action").values_list("action", flat=True).distinct()]
        self.fields["territory"].queryset = territories.order_by("path")

    def apply(self, events):
        data = self.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["actor"]:
            events = events.filter(actor_name__iexact=data["actor"].strip())
        if data["territory"]:
            events = events.filter(territory__path__startswith=data["territory"].path)
        if data["since"]:
            events = events.filter(at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(at__date__lte=data["until"])
        return events


def visible_events(user):
    """Every event for a platform admin; a territory admin's: those in the territories they administer."""
    if permissions.is_platform_admin(user):
        return AuditEvent.objects.all()
    paths = permissions.administered_paths(user)
    if not paths:
        raise PermissionDenied
    scope = Q()
    for path in paths:
        scope |= Q(territory__path__startswith=path) | Q(organisation__territory__path__startswith=path)
    return AuditEvent.objects.filter(scope)


@login_required
def events(request):
    visible = visible_events(request.user)
    form = FilterForm(request.GET or None, events=visible,
                      territories=permissions.administered_territories(request.user))
    shown = form.apply(visible) if form.is_valid() else visible
    page = Paginator(shown.select_related("territory", "organisation"), EVENTS_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "audit/events.html", {"form": form, "page": page})
