"""Members of the diaspora: a person registers with their consent and opens their profile with the signed
link sent by e-mail (no account); they see the projects suggested to them, change or download what they
told us, and withdraw their consent, which deletes the profile. The members of an association of the
directory register it and manage its profile while signed in. The rules are in profiles.py and access.py."""
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, matching, notifications, pledges, profiles, search
from ..forms import AssociationForm, AssociationRegistrationForm, LinkRequestForm, ProfileForm, RegistrationForm
from ..models import DiasporaProfile, Project
from ..vocabularies import SKILL

SUGGESTIONS = 10


def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = profiles.register_person(form.save(commit=False), form.cleaned_data["origins"])
            notifications.access_link(profile, registered=True)
        except profiles.AlreadyRegistered as already:
            # The same answer as for a new registration: the page does not tell who is registered.
            if profiles.may_send_link(already.profile):
                notifications.access_link(already.profile, registered=False)
        return redirect("diaspora:link-sent")
    return render(request, "diaspora/people/register.html", {"form": form})


def link_sent(request):
    return render(request, "diaspora/people/link_sent.html", {"max_age": profiles.LINK_MAX_AGE.days})


def link_request(request):
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile = profiles.find_person(form.cleaned_data["email"])
        if profile is not None and profiles.may_send_link(profile):
            notifications.access_link(profile, registered=False)
        return redirect("diaspora:link-sent")
    return render(request, "diaspora/people/link_request.html", {"form": form})


def access_link(request, token):
    """The page a signed link opens: a button, so that following the link alone (a mail filter) does nothing."""
    profile = profiles.profile_from_token(token)
    if profile is None:
        return render(request, "diaspora/people/link_invalid.html", status=400)
    if request.method == "POST":
        confirming = profile.confirmed_at is None
        profiles.open_session(request, profile)
        messages.success(request, _("Your e-mail address is confirmed: here are the projects we suggest to you.")
                         if confirming else _("Welcome back."))
        return redirect("diaspora:me")
    return render(request, "diaspora/people/access.html", {"profile": profile})


def _person(request) -> DiasporaProfile | None:
    return profiles.session_profile(request)


def _ask_for_link(request):
    messages.info(request, _("Open your profile with the link we sent you by e-mail, or ask for a new one here."))
    return redirect("diaspora:link-request")


def _profile_page(request, profile: DiasporaProfile):
    open_projects = [project for project in search.filter_projects(
        search.ProjectQuery(status=Project.Status.OPEN), access.public_projects()) if project.accepts_pledges()]
    suggested = matching.suggested_projects(profile, open_projects, SUGGESTIONS)
    totals = pledges.totals_for([project for project, _match in suggested])
    return render(request, "diaspora/people/profile.html", {
        "profile": profile, "origins": profile.origins.all(), "person": profiles.session_profile(request),
        "skills": [SKILL.label(code) for code in profile.skills] + profile.skill_tags,
        "suggestions": [(project, totals[project.pk], match, [matching.explain(r) for r in match.earning])
                        for project, match in suggested],
        "pledges": profile.pledges.select_related("project"),
        "contacts": profile.contact_requests.select_related("project"),
    })


def me(request):
    person = _person(request)
    if person is None:
        return _ask_for_link(request)
    return _profile_page(request, person)


def edit(request):
    person = _person(request)
    if person is None:
        return _ask_for_link(request)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        new_address = "email" in form.changed_data
        person = form.save()
        if new_address:  # the new address is confirmed like the first one, and earlier links stop working
            person.confirmed_at = None
            person.save(update_fields=["confirmed_at"])
            profiles.void_links(person)
            profiles.close_session(request)
            notifications.access_link(person, registered=True)
            return redirect("diaspora:link-sent")
        messages.success(request, _("Your profile is saved."))
        return redirect("diaspora:me")
    return render(request, "diaspora/people/edit.html", {"form": form, "profile": person})


def data(request):
    person = _person(request)
    if person is None:
        return _ask_for_link(request)
    response = HttpResponse(json.dumps(profiles.export(person), ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-diaspora-profile.json"'
    return response


@require_POST
def close_links(request):
    person = _person(request)
    if person is None:
        return _ask_for_link(request)
    profiles.void_links(person)
    profiles.close_session(request)
    messages.success(request, _("Every link sent to you so far is closed. Ask for a new one to open your profile."))
    return redirect("diaspora:link-request")


@require_POST
def withdraw(request):
    person = _person(request)
    if person is None:
        return _ask_for_link(request)
    profiles.withdraw_consent(person)
    profiles.close_session(request)
    messages.success(request, _("Your consent is withdrawn and your profile deleted."))
    return redirect("diaspora:projects")


@require_POST
def sign_out(request):
    profiles.close_session(request)
    return redirect("diaspora:projects")


# Associations.

@login_required
def association_register(request):
    form = AssociationRegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        profile = profiles.register_association(form.save(commit=False), form.cleaned_data["origins"],
                                                by=request.user)
        messages.success(request, _("%(name)s is registered as a diaspora association.") % {"name": profile})
        return redirect("diaspora:association", profile.uuid)
    return render(request, "diaspora/people/association_register.html", {
        "form": form, "registered": access.association_profiles(request.user).select_related("organisation")})


def _association(request, uuid) -> DiasporaProfile:
    profile = get_object_or_404(DiasporaProfile.objects.select_related("organisation"), uuid=uuid,
                                kind=DiasporaProfile.Kind.ASSOCIATION)
    if not access.can_act_for(request.user, None, profile):
        raise PermissionDenied
    return profile


@login_required
def association(request, uuid):
    return _profile_page(request, _association(request, uuid))


@login_required
def association_edit(request, uuid):
    profile = _association(request, uuid)
    form = AssociationForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The association's profile is saved."))
        return redirect("diaspora:association", profile.uuid)
    return render(request, "diaspora/people/edit.html", {"form": form, "profile": profile})


@login_required
@require_POST
def association_withdraw(request, uuid):
    profile = _association(request, uuid)
    profiles.withdraw_consent(profile, by=request.user)
    messages.success(request, _("The association's diaspora profile is deleted."))
    return redirect("diaspora:projects")
