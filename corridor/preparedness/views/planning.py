"""Emergency contacts (territory administrators) and contingency plans (an organisation's members, or
a territory's administrators)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.audit.log import record
from corridor.territories.models import Territory

from .. import access, plans
from ..forms import EmergencyContactForm, PlanForm, PlanTaskFormSet
from ..models import ContingencyPlan, EmergencyContact, PlanTask
from .common import kept_organisation


def _place_url(territory):
    return reverse("preparedness:place", args=[territory.path])


@login_required
def emergency_contact_edit(request, territory_id=None, pk=None):
    contact = get_object_or_404(EmergencyContact.objects.select_related("territory"), pk=pk) if pk else None
    territory = contact.territory if contact else get_object_or_404(Territory, pk=territory_id)
    if not access.can_edit_emergency_contacts(request.user, territory):
        raise PermissionDenied
    form = EmergencyContactForm(request.POST or None, instance=contact or EmergencyContact(
        territory=territory, content_language=get_language()))
    if request.method == "POST":
        if request.POST.get("action") == "delete" and contact:
            contact.delete()
            record("preparedness.emergency_contact.deleted", actor=request.user, territory=territory,
                   name=contact.name)
            messages.success(request, _("Contact removed."))
            return redirect(_place_url(territory))
        if form.is_valid():
            contact = form.save(commit=False)
            contact.translations = form.collected_translations()
            contact.save()
            messages.success(request, _("Saved."))
            return redirect(_place_url(territory))
    return render(request, "preparedness/form.html", {
        "form": form, "title": _("Emergency contact"), "back_label": territory.localized_name(),
        "back_url": _place_url(territory), "can_delete": contact is not None,
        "intro": _("A public number for %(territory)s: everyone sees it on the territory's preparedness page "
                   "and on the pages of the territories inside it.") % {"territory": territory.localized_name()}})


def plan(request, uuid):
    plan = get_object_or_404(ContingencyPlan.objects.select_related("organisation", "territory"), uuid=uuid)
    if not access.can_read_plan(request.user, plan):
        raise Http404
    tasks = list(plan.tasks.all())
    stages = [(value, label, [t for t in tasks if t.stage == value]) for value, label in PlanTask.Stage.choices]
    return render(request, "preparedness/plan.html", {
        "plan": plan, "stages": stages, "can_edit": access.can_edit_plan(request.user, plan),
        "statuses": PlanTask.Status.choices, "progress": plans.progress(tasks)})


@login_required
def plan_edit(request, uuid=None, organisation_uuid=None, territory_id=None):
    if uuid:
        plan = get_object_or_404(ContingencyPlan, uuid=uuid)
    elif organisation_uuid:
        plan = ContingencyPlan(organisation=kept_organisation(request, organisation_uuid))
    else:
        plan = ContingencyPlan(territory=get_object_or_404(Territory, pk=territory_id))
    if not access.can_edit_plan(request.user, plan):
        raise PermissionDenied
    if plan.pk is None:
        plan.content_language = get_language()
    form = PlanForm(request.POST or None, instance=plan)
    formset = PlanTaskFormSet(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        plan = form.save()
        formset.instance = plan
        formset.save()
        record("preparedness.plan.saved", actor=request.user, target=plan, organisation=plan.organisation,
               territory=plan.territory)
        messages.success(request, _("Saved."))
        return redirect("preparedness:plan", plan.uuid)
    return render(request, "preparedness/plan_form.html", {"form": form, "formset": formset, "plan": plan})


@login_required
@require_POST
def task_status(request, pk):
    task = get_object_or_404(PlanTask.objects.select_related("plan"), pk=pk)
    if not access.can_edit_plan(request.user, task.plan):
        raise PermissionDenied
    try:
        plans.set_status(task, request.POST.get("status", ""), request.user)
    except ValueError:
        messages.error(request, _("Choose a status."))
    return redirect(reverse("preparedness:plan", args=[task.plan.uuid]) + f"#task-{task.pk}")
