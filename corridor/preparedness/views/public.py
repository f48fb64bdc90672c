"""Pages without an account: a territory's emergency contacts, public focal points and plans; the
register's self-registration form; the personal page of an entry (signed link); the answer page of a
check-in (signed link)."""
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record
from corridor.territories.models import Territory

from .. import access, incidents, registration
from ..forms import PersonForm, SelfRegistrationForm
from ..models import CheckIn, ContactRegister, ContingencyPlan, EmergencyContact, FocalPoint, Incident

URGENT_KINDS = [EmergencyContact.Kind.EMERGENCY, EmergencyContact.Kind.POLICE, EmergencyContact.Kind.AMBULANCE,
                EmergencyContact.Kind.FIRE, EmergencyContact.Kind.POISON]


def home(request):
    with_content = Territory.objects.filter(
        Q(emergency_contacts__isnull=False) | Q(contingency_plans__is_public=True)).distinct()
    return render(request, "preparedness/home.html", {
        "territories": with_content, "organisations": access.kept_organisations(request.user),
        "administered": permissions.administered_territories(request.user)[:50]
        if permissions.is_territory_admin(request.user) else []})


def emergency_contacts_for(territory):
    """The territory's contacts and those of the territories containing it, urgent numbers first."""
    contacts = EmergencyContact.objects.filter(territory__in=[*territory.ancestors(), territory]) \
        .select_related("territory")
    order = {kind: index for index, kind in enumerate(EmergencyContact.Kind.values)}
    return sorted(contacts, key=lambda c: (order[c.kind], -len(c.territory.path), c.name))


def place(request, territory_path):
    territory = get_object_or_404(Territory, path=territory_path)
    contacts = emergency_contacts_for(territory)
    focal_points = FocalPoint.objects.filter(visibility=FocalPoint.Visibility.PUBLIC,
                                             locality__territory__path__startswith=territory.path) \
        .select_related("organisation", "locality__territory")
    plans = ContingencyPlan.objects.filter(
        Q(territory__in=[*territory.ancestors(), territory])
        | Q(organisation__territory__path__startswith=territory.path), is_public=True) \
        .select_related("territory", "organisation")
    return render(request, "preparedness/place.html", {
        "territory": territory, "ancestors": territory.ancestors(), "children": territory.children.all(),
        "urgent": [c for c in contacts if c.kind in URGENT_KINDS],
        "other_contacts": [c for c in contacts if c.kind not in URGENT_KINDS],
        "focal_points": focal_points, "plans": plans,
        "can_edit": access.can_edit_emergency_contacts(request.user, territory)})


@never_cache
def join(request, uuid):
    register = get_object_or_404(ContactRegister.objects.select_related("organisation__territory"), uuid=uuid)
    consent = register.current_consent()
    if not register.is_open or consent is None:
        return render(request, "preparedness/join_closed.html", {"register": register}, status=410)
    form = SelfRegistrationForm(request.POST or None, register=register)
    if request.method == "POST" and form.is_valid():
        registration.register_self(register, form.person())
        # The same answer whether the contact was new or already registered (see registration.py).
        return render(request, "preparedness/join_done.html", {
            "register": register, "channel": form.cleaned_data["channel"]})
    return render(request, "preparedness/join.html", {"register": register, "consent": consent, "form": form})


def _entry_or_gone(request, token):
    entry = registration.entry_from_token(token)
    if entry is None:
        return None, render(request, "preparedness/link_invalid.html", status=404)
    return entry, None


@never_cache
def me(request, token):
    entry, refusal = _entry_or_gone(request, token)
    if refusal:
        return refusal
    register = entry.register
    form = PersonForm(request.POST or None, register=register, initial=PersonForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        try:
            registration.correct(entry, form.person())
        except registration.DuplicateContact as error:
            form.add_error("contact", error)
        else:
            return render(request, "preparedness/me.html", {"entry": entry, "form": PersonForm(
                register=register, initial=PersonForm.initial_for(entry)), "token": token, "saved": True})
    elif request.method == "GET":
        record("preparedness.entry.opened_by_link", target=entry, organisation=register.organisation)
    return render(request, "preparedness/me.html", {"entry": entry, "form": form, "token": token})


@never_cache
@require_POST
def me_confirm(request, token):
    entry, refusal = _entry_or_gone(request, token)
    if refusal:
        return refusal
    registration.confirm(entry)
    return render(request, "preparedness/me.html", {
        "entry": entry, "token": token, "confirmed_now": True,
        "form": PersonForm(register=entry.register, initial=PersonForm.initial_for(entry))})


@never_cache
@require_POST
def me_withdraw(request, token):
    entry, refusal = _entry_or_gone(request, token)
    if refusal:
        return refusal
    register = entry.register
    registration.withdraw(entry)
    return render(request, "preparedness/me_withdrawn.html", {"register": register})


@never_cache
def answer(request, token):
    checkin = incidents.checkin_from_token(token)
    if checkin is None or checkin.entry_id is None:
        return render(request, "preparedness/link_invalid.html", status=404)
    incident = checkin.incident
    error = ""
    if request.method == "POST":
        try:
            incidents.record_answer(checkin, request.POST.get("answer", ""))
        except incidents.IncidentClosed:
            error = _("This check-in is closed. If you need help, call the numbers below.")
        except ValueError:
            error = _("Choose one of the two answers.")
    territory = incident.register.organisation.territory
    return render(request, "preparedness/answer.html", {
        "checkin": checkin, "incident": incident, "error": error, "answered": request.method == "POST" and not error,
        "is_open": incident.status == Incident.Status.OPEN, "Answer": CheckIn.Answer,
        "urgent": [c for c in emergency_contacts_for(territory) if c.kind in URGENT_KINDS]})
