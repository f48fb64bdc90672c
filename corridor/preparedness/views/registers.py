"""An organisation's preparedness workspace (members only): localities, focal points, contact registers
and their entries. Every page that shows entries writes a read to the audit log."""
import io

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from corridor.audit.log import record
from corridor.audit.models import AuditEvent
from corridor.core.links import absolute_url

from .. import exports, registration
from ..forms import FocalPointForm, InPersonForm, LocalityForm, PersonForm, RegisterForm
from ..models import ContactEntry, FocalPoint, Locality
from .common import kept_organisation, owned_register


@login_required
def organisation(request, uuid):
    organisation = kept_organisation(request, uuid)
    return render(request, "preparedness/organisation.html", {
        "organisation": organisation,
        "registers": organisation.contact_registers.all(),
        "localities": Locality.objects.filter(organisation=organisation).select_related("territory"),
        "focal_points": organisation.focal_points.select_related("locality__territory"),
        "plans": organisation.contingency_plans.all(),
        "locality_form": LocalityForm(organisation=organisation)})


@login_required
@require_POST
def locality_add(request, uuid):
    organisation = kept_organisation(request, uuid)
    form = LocalityForm(request.POST, organisation=organisation)
    if form.is_valid():
        form.save()
        messages.success(request, _("Locality added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("preparedness:organisation", organisation.uuid)


@login_required
@require_POST
def locality_delete(request, uuid, pk):
    organisation = kept_organisation(request, uuid)
    locality = get_object_or_404(Locality, organisation=organisation, pk=pk)
    if locality.entries.exists() or locality.incidents.exists():
        messages.error(request, _("People or incidents are in this locality: it stays."))
    else:
        locality.delete()
        messages.success(request, _("Locality removed."))
    return redirect("preparedness:organisation", organisation.uuid)


@login_required
def focal_point_edit(request, uuid, pk=None):
    organisation = kept_organisation(request, uuid)
    focal_point = get_object_or_404(FocalPoint, organisation=organisation, pk=pk) if pk else None
    form = FocalPointForm(request.POST or None, instance=focal_point, organisation=organisation)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and focal_point:
            focal_point.delete()
            messages.success(request, _("Focal point removed."))
            return redirect("preparedness:organisation", organisation.uuid)
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect("preparedness:organisation", organisation.uuid)
    return render(request, "preparedness/form.html", {
        "form": form, "title": _("Focal point"), "back_label": organisation.name, "can_delete": focal_point is not None,
        "back_url": reverse("preparedness:organisation", args=[organisation.uuid]),
        "intro": _("Focal points agreed to be listed: with the organisation's members only, or publicly on the "
                   "territory's preparedness page. Write the date they agreed.")})


@login_required
def register_edit(request, uuid=None, organisation_uuid=None):
    if uuid:
        register = owned_register(request, uuid)
        organisation = register.organisation
    else:
        organisation = kept_organisation(request, organisation_uuid)
        register = None
    form = RegisterForm(request.POST or None, instance=register,
                        initial={} if register else {"content_language": get_language(), "languages": [get_language()]})
    if request.method == "POST" and form.is_valid():
        translations, consent_translations = form.split_translations()
        if register is None:
            data = form.cleaned_data
            register = registration.create_register(
                organisation, request.user, name=data["name"], description=data["description"],
                content_language=data["content_language"], languages=data["languages"], is_open=data["is_open"],
                consent_text=data["consent_text"], translations=translations,
                consent_translations=consent_translations)
        else:
            register = form.save(commit=False)
            register.translations = translations
            register.save()
            registration.set_consent_text(register, request.user, form.cleaned_data["consent_text"],
                                          consent_translations)
        messages.success(request, _("Saved."))
        return redirect("preparedness:register", register.uuid)
    return render(request, "preparedness/register_form.html", {
        "form": form, "register": register, "organisation": organisation})


@login_required
def register(request, uuid):
    register = owned_register(request, uuid)
    entries = register.entries
    members = get_user_model().objects.filter(memberships__organisation=register.organisation).order_by("username")
    return render(request, "preparedness/register.html", {
        "register": register, "consent": register.current_consent(),
        "confirmed": entries.filter(confirmed_at__isnull=False).count(),
        "unconfirmed": entries.filter(confirmed_at__isnull=True).count(),
        "join_url": absolute_url("preparedness:join", register.uuid, language=register.content_language),
        "incidents": register.incidents.all(), "members": members,
        "access_log": AuditEvent.objects.filter(organisation=register.organisation,
                                                action__startswith="preparedness.")[:30]})


@login_required
def join_qr(request, uuid):
    register = owned_register(request, uuid)
    url = absolute_url("preparedness:join", register.uuid, language=register.content_language)
    image = io.BytesIO()
    segno.make(url, error="m").save(image, kind="svg", scale=5, border=2, title=register.name)
    return HttpResponse(image.getvalue(), content_type="image/svg+xml")


@login_required
@never_cache
def entries(request, uuid):
    register = owned_register(request, uuid)
    rows = register.entries.select_related("locality__territory", "consent")
    locality = request.GET.get("locality", "")
    if locality.isdigit():
        rows = rows.filter(locality_id=int(locality))
    rows = list(rows)
    record("preparedness.entries.listed", actor=request.user, target=register, organisation=register.organisation,
           count=len(rows), locality=locality)
    return render(request, "preparedness/entries.html", {
        "register": register, "entries": rows, "current_version": register.current_consent().version,
        "localities": Locality.objects.filter(organisation=register.organisation).select_related("territory"),
        "locality": locality})


@login_required
@never_cache
def entry_new(request, uuid):
    register = owned_register(request, uuid)
    form = InPersonForm(request.POST or None, register=register)
    if request.method == "POST" and form.is_valid():
        try:
            entry = registration.register_in_person(register, form.person(), request.user)
        except registration.DuplicateContact as error:
            form.add_error("contact", error)
        else:
            # The personal link is shown this once, for staff to hand over.
            return render(request, "preparedness/entry_created.html", {
                "register": register, "entry": entry, "link": registration.personal_link(entry)})
    return render(request, "preparedness/entry_form.html", {
        "register": register, "form": form, "consent": register.current_consent()})


def _entry(request, uuid, entry_uuid):
    register = owned_register(request, uuid)
    entry = get_object_or_404(ContactEntry.objects.select_related("locality__territory", "consent"),
                              register=register, uuid=entry_uuid)
    return register, entry


@login_required
@never_cache
def entry(request, uuid, entry_uuid):
    register, entry = _entry(request, uuid, entry_uuid)
    form = PersonForm(request.POST or None, register=register, initial=PersonForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        try:
            registration.correct(entry, form.person(), actor=request.user)
        except registration.DuplicateContact as error:
            form.add_error("contact", error)
        else:
            messages.success(request, _("Saved."))
            return redirect("preparedness:entry", register.uuid, entry.uuid)
    if request.method == "GET":
        record("preparedness.entry.read", actor=request.user, target=entry, organisation=register.organisation)
    return render(request, "preparedness/entry.html", {"register": register, "entry": entry, "form": form})


@login_required
@require_POST
def entry_send_link(request, uuid, entry_uuid):
    register, entry = _entry(request, uuid, entry_uuid)
    registration.renew_link(entry)
    registration.send_personal_link(entry, reason="link")
    record("preparedness.entry.link_sent", actor=request.user, target=entry, organisation=register.organisation)
    messages.success(request, _("A new personal link is on its way; earlier links no longer work."))
    return redirect("preparedness:entry", register.uuid, entry.uuid)


@login_required
@require_POST
def entry_delete(request, uuid, entry_uuid):
    register, entry = _entry(request, uuid, entry_uuid)
    registration.withdraw(entry, actor=request.user)
    messages.success(request, _("The entry is deleted."))
    return redirect("preparedness:entries", register.uuid)


@login_required
def export(request, uuid):
    register = owned_register(request, uuid)
    content, count = exports.register_csv(register)
    record("preparedness.register.exported", actor=request.user, target=register,
           organisation=register.organisation, count=count)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{register.uuid.hex[:8]}.csv"'
    response["Cache-Control"] = "no-store"
    return response
