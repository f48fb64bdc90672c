"""The territory's side: its administrators write its development priorities and projects, see the pledges
to follow up and the people matched with a project, and write to those people through the platform.
Each page checks that the person administers the record's territory (access.py)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit import log as audit
from corridor.coordination.forms_analysis import TerritoryForm
from corridor.core.links import next_address

from .. import access, matching, pledges, relay
from ..forms import ContactForm, PriorityForm, ProjectForm
from ..models import DiasporaProfile, Pledge, Priority, Project
from ..vocabularies import SECTOR, SKILL


def _administered_territory(request):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    form = TerritoryForm(request.GET or None, territories=permissions.administered_territories(request.user))
    if form.has_error("territory"):  # one the person does not administer
        raise PermissionDenied
    return form, form.chosen_territory(request.user)


def _home_url(territory) -> str:
    return f"{reverse('diaspora:manage')}?{urlencode({'territory': territory.path})}"


@login_required
def home(request):
    form, territory = _administered_territory(request)
    inside = {"territory__path__startswith": territory.path}
    projects = list(Project.objects.filter(**inside).select_related("territory").order_by("status", "title"))
    totals = pledges.totals_for(projects)
    return render(request, "diaspora/manage/home.html", {
        "form": form, "territory": territory,
        "priorities": [(p, SECTOR.label(p.sector)) for p in Priority.objects.filter(**inside).select_related(
            "territory").order_by("sector", "title")],
        "projects": [(project, totals[project.pk]) for project in projects],
        "waiting": Pledge.objects.filter(project__in=projects, status=Pledge.Status.OFFERED).select_related(
            "project", "profile").order_by("created_at"),
    })


def _editable(request, model, uuid):
    record = get_object_or_404(model.objects.select_related("territory"), uuid=uuid)
    if not access.can_manage(request.user, record):
        raise PermissionDenied
    return record


def _saved(request, form, message: str):
    """The record, once the posted form is valid and saved; else None."""
    if request.method != "POST" or not form.is_valid():
        return None
    if form.instance.pk is None:
        form.instance.created_by = request.user
    record = form.save()
    messages.success(request, message % {"title": record.title})
    return record


@login_required
def priority_create(request):
    _form, territory = _administered_territory(request)
    form = PriorityForm(request.POST or None, user=request.user, initial={"territory": territory})
    if saved := _saved(request, form, _("The priority “%(title)s” is saved.")):
        return redirect(_home_url(saved.territory))
    return render(request, "diaspora/priorities/form.html", {"form": form, "record": None})


@login_required
def priority_edit(request, uuid):
    priority = _editable(request, Priority, uuid)
    form = PriorityForm(request.POST or None, instance=priority, user=request.user)
    if saved := _saved(request, form, _("The priority “%(title)s” is saved.")):
        return redirect(_home_url(saved.territory))
    return render(request, "diaspora/priorities/form.html", {"form": form, "record": priority})


@login_required
@require_POST
def priority_delete(request, uuid):
    priority = _editable(request, Priority, uuid)
    priority.delete()  # its projects stay, without a priority
    messages.success(request, _("The priority “%(title)s” is deleted.") % {"title": priority.title})
    return redirect(_home_url(priority.territory))


@login_required
def project_create(request):
    _form, territory = _administered_territory(request)
    form = ProjectForm(request.POST or None, user=request.user, initial={"territory": territory})
    if saved := _saved(request, form, _("The project “%(title)s” is saved.")):
        return redirect("diaspora:project", saved.uuid)
    return render(request, "diaspora/projects/form.html", {"form": form, "record": None})


@login_required
def project_edit(request, uuid):
    project = _editable(request, Project, uuid)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if saved := _saved(request, form, _("The project “%(title)s” is saved.")):
        return redirect("diaspora:project", saved.uuid)
    return render(request, "diaspora/projects/form.html", {"form": form, "record": project})


@login_required
@require_POST
def project_delete(request, uuid):
    project = _editable(request, Project, uuid)
    if project.pledges.exists():
        messages.error(request, _("People have pledged to this project: cancel it instead of deleting it, so that "
                                  "their pledges stay on record."))
        return redirect("diaspora:project", project.uuid)
    project.delete()
    messages.success(request, _("The project “%(title)s” is deleted.") % {"title": project.title})
    return redirect(_home_url(project.territory))


PEOPLE_SHOWN = 50


def _candidates():
    """Profiles that may be matched: people who confirmed their address, and associations."""
    return DiasporaProfile.objects.filter(confirmed_at__isnull=False).prefetch_related("origins")


@login_required
def people(request, uuid):
    """The people matched with a project, as its team sees them: alias, kind, country, skills and languages;
    the contact e-mail only of those who chose to share it."""
    project = _editable(request, Project, uuid)
    matched = matching.matched_profiles(project, _candidates().order_by("display_name"), PEOPLE_SHOWN)
    rows = [{"profile": profile, "match": match, "skills": [SKILL.label(code) for code in profile.skills]
             + profile.skill_tags, "reasons": [(reason, matching.explain(reason)) for reason in match.reasons],
             "email": profile.email if access.sees_contact(request.user, project, profile) else "",
             "last_contact": relay.last_contact(project, profile)} for profile, match in matched]
    with_address = [row["profile"] for row in rows if row["email"]]
    if with_address:  # reading people's addresses is accountable
        audit.record("diaspora.contacts_read", actor=request.user, target=project, territory=project.territory,
                     profiles=[str(profile.uuid) for profile in with_address])
    return render(request, "diaspora/projects/people.html", {
        "project": project, "rows": rows, "contact_form": ContactForm(), "min_score": matching.MIN_SCORE,
        "weights": matching.WEIGHTS, "origin_points": matching.ORIGIN_POINTS, "shown": PEOPLE_SHOWN})


@login_required
@require_POST
def contact(request, uuid, profile):
    project = _editable(request, Project, uuid)
    person = get_object_or_404(DiasporaProfile, uuid=profile)
    form = ContactForm(request.POST)
    back = next_address(request, reverse("diaspora:project-people", args=[project.uuid]))
    if not form.is_valid():
        messages.error(request, _("Write a message of at most 3,000 characters."))
        return redirect(back)
    try:
        relay.contact(project, person, request.user, form.cleaned_data["message"])
    except relay.ContactRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your message is sent to %(name)s through the platform; they will answer you by "
                                    "e-mail if they wish.") % {"name": person.display_name})
    return redirect(back)
