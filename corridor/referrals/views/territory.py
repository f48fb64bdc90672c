"""For territory administrators: the referral pathways and the retention period of their territories, and the
statistics (no personal data, small numbers hidden)."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record
from corridor.coordination.coverage import ancestor_paths
from corridor.coordination.forms_analysis import TerritoryForm
from corridor.territories.models import Territory

from .. import access, pathways, retention, statistics
from ..forms import PathwayForm, RetentionForm, StatisticsForm, step_formset
from ..models import Pathway, Referral, ReferralSettings


def _administered(request):
    territories = permissions.administered_territories(request.user)
    if not territories.exists():
        raise PermissionDenied
    return territories


def _page_of(territory) -> str:
    return reverse("referrals:pathways") + "?" + urlencode({"territory": territory.path})


def _with_steps(queryset):
    found = list(queryset.select_related("territory").prefetch_related("steps__service__organisation",
                                                                        "steps__service__terms",
                                                                        "steps__service__languages"))
    for pathway in found:
        pathway.checked_steps = [(step, pathways.reasons(step.service, pathways.Person()))
                                 for step in pathway.steps.all()]
    return found


@login_required
def pathway_list(request):
    territories = _administered(request)
    form = TerritoryForm(request.GET or None, territories=territories)
    territory = form.chosen_territory(request.user)
    own_settings = ReferralSettings.objects.filter(territory=territory).first()
    retention_form = RetentionForm(request.POST or None, instance=own_settings or ReferralSettings(territory=territory),
                                   initial={"retention_days": retention.retention_days(territory)})
    if request.method == "POST" and retention_form.is_valid():
        kept = retention_form.save(commit=False)
        kept.updated_by = request.user
        kept.save()
        record("referral.retention_set", actor=request.user, target=territory, days=kept.retention_days)
        messages.success(request, _("Saved."))
        return redirect(_page_of(territory))
    return render(request, "referrals/pathways.html", {
        "form": form, "territory": territory, "retention_form": retention_form, "own_settings": own_settings,
        "pathways": _with_steps(Pathway.objects.filter(territory=territory)),
        "inherited": _with_steps(Pathway.objects.filter(territory__path__in=ancestor_paths(territory))),
    }, status=400 if retention_form.errors else 200)


@login_required
def pathway_edit(request, uuid=None):
    if uuid:
        pathway = get_object_or_404(Pathway.objects.select_related("territory"), uuid=uuid)
        territory = pathway.territory
    else:
        territory = get_object_or_404(Territory, path=request.GET.get("territory", ""))
        pathway = Pathway(territory=territory, content_language=get_language())
    if not access.can_manage_territory(request.user, territory):
        raise PermissionDenied
    form = PathwayForm(request.POST or None, instance=pathway, territory=territory)
    steps = step_formset(territory)(request.POST or None, instance=pathway)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        with transaction.atomic():
            pathway = form.save(commit=False)
            pathway.updated_by = request.user
            pathway.save()
            steps.instance = pathway
            steps.save()
        record("referral.pathway_saved", actor=request.user, target=pathway, territory=territory,
               services=[step.service_id for step in pathway.steps.all()])
        messages.success(request, _("Pathway saved."))
        return redirect(_page_of(territory))
    return render(request, "referrals/pathway_form.html", {
        "form": form, "steps": steps, "pathway": pathway, "territory": territory},
        status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def pathway_delete(request, uuid):
    pathway = get_object_or_404(Pathway.objects.select_related("territory"), uuid=uuid)
    if not access.can_manage_territory(request.user, pathway.territory):
        raise PermissionDenied
    territory = pathway.territory
    record("referral.pathway_deleted", actor=request.user, target=territory, pathway=str(pathway))
    pathway.delete()
    messages.success(request, _("Pathway deleted."))
    return redirect(_page_of(territory))


@login_required
def statistics_page(request):
    form = StatisticsForm(request.GET or None, territories=_administered(request))
    territory = form.chosen_territory()
    period = form.cleaned_data if form.is_valid() else {}
    figures = statistics.compute(territory, start=period.get("start"), end=period.get("end"))
    return render(request, "referrals/statistics.html", {
        "form": form, "territory": territory, "figures": figures, "small": statistics.SMALL,
        "delays": [(label, settings.CORRIDOR_REFERRAL_REMINDER_DAYS.get(code))
                   for code, label in Referral.Urgency.choices]})

