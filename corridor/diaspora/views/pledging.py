"""Pledging to a project and following a pledge up. A person pledges with the profile their signed link
opened, a member of an association on its behalf; the pledger reads and withdraws their pledge; the project's
team moves it forward with a note. The rules are in pledges.py."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, pledges, profiles
from ..forms import ContactForm, PledgeForm, PledgeStepForm
from ..models import Pledge, Project
from ..vocabularies import SKILL


def _pledgers(request) -> list:
    """The profiles the visitor may pledge as: the person their link opened, the associations they belong to."""
    person = profiles.session_profile(request)
    return ([person] if person is not None and person.confirmed_at else []) + list(
        access.association_profiles(request.user).order_by("display_name"))


def pledge_create(request, uuid):
    project = get_object_or_404(Project.objects.select_related("territory"), uuid=uuid)
    if not project.is_public:
        raise PermissionDenied
    pledgers = _pledgers(request)
    if not project.accepts_pledges() or not pledgers:
        return render(request, "diaspora/pledges/cannot.html", {"project": project,
                                                                "closed": not project.accepts_pledges()})
    form = PledgeForm(request.POST or None, project=project, pledgers=pledgers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = pledges.make_pledge(project, form.profile(), kind=data["kind"], amount=data["amount"],
                                         currency=data["currency"], hours=data["hours"], skill=data["skill"],
                                         message=data["message"],
                                         by=request.user if request.user.is_authenticated else None)
        except pledges.PledgeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: your pledge is sent to the project's team, who will answer you "
                                        "by e-mail."))
            return redirect("diaspora:pledge", pledge.uuid)
    return render(request, "diaspora/pledges/form.html", {"project": project, "form": form})


def _pledge(uuid) -> Pledge:
    return get_object_or_404(Pledge.objects.select_related("project__territory", "profile__organisation"), uuid=uuid)


def _is_pledger(request, pledge: Pledge) -> bool:
    return pledge.profile is not None and access.can_act_for(request.user, profiles.session_profile(request),
                                                             pledge.profile)


def pledge_detail(request, uuid):
    pledge = _pledge(uuid)
    follows_up, is_pledger = pledges.can_follow_up(request.user, pledge), _is_pledger(request, pledge)
    if not (follows_up or is_pledger):
        raise PermissionDenied
    profile = pledge.profile
    return render(request, "diaspora/pledges/detail.html", {
        "pledge": pledge, "project": pledge.project, "profile": profile, "events": pledge.events.select_related("by"),
        "skills": [SKILL.label(code) for code in profile.skills] + profile.skill_tags if profile else [],
        "follows_up": follows_up, "is_pledger": is_pledger,
        "step_form": PledgeStepForm(pledge=pledge) if follows_up and pledges.next_statuses(pledge, by_pledger=False)
        else None,
        "contact_form": ContactForm() if follows_up and profile is not None else None,
        "sees_contact": profile is not None and access.sees_contact(request.user, pledge.project, profile),
        "can_withdraw": is_pledger and Pledge.Status.WITHDRAWN in pledges.next_statuses(pledge, by_pledger=True),
    })


@require_POST
def pledge_step(request, uuid):
    pledge = _pledge(uuid)
    if not pledges.can_follow_up(request.user, pledge):
        raise PermissionDenied
    form = PledgeStepForm(request.POST, pledge=pledge)
    if form.is_valid():
        try:
            pledges.change_status(pledge, form.cleaned_data["status"], by=request.user, note=form.cleaned_data["note"])
        except pledges.PledgeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The pledge is now “%(status)s”; the person who made it is told by e-mail.")
                             % {"status": pledge.get_status_display()})
    else:
        messages.error(request, _("Choose one of the steps offered."))
    return redirect("diaspora:pledge", pledge.uuid)


@require_POST
def pledge_withdraw(request, uuid):
    pledge = _pledge(uuid)
    if not _is_pledger(request, pledge):
        raise PermissionDenied
    try:
        pledges.change_status(pledge, Pledge.Status.WITHDRAWN, by_pledger=True,
                              by=request.user if request.user.is_authenticated else None)
    except pledges.PledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your pledge is withdrawn; the project's team is told."))
    return redirect("diaspora:pledge", pledge.uuid)
