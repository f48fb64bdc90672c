"""Incidents, for the register's owner: open one, send the check-in, follow the tally, note answers
taken by phone, download who needs help."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from corridor.audit.log import record

from .. import exports, incidents
from ..forms import AnswerForm, IncidentForm
from ..models import CheckIn, Incident
from .common import owned_incident, owned_register


@login_required
def incident_new(request, uuid):
    register = owned_register(request, uuid)
    form = IncidentForm(request.POST or None, register=register)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        incident = incidents.open_incident(
            register, request.user, kind=data["kind"], title=data["title"], description=data["description"],
            localities=data["localities"], message=data["message"], content_language=data["content_language"],
            translations=form.collected_translations())
        messages.success(request, _("Incident opened. Check the message, then send the check-in."))
        return redirect("preparedness:incident", incident.uuid)
    return render(request, "preparedness/incident_form.html", {"register": register, "form": form})


def _tally_context(incident):
    rows, totals = incidents.tally(incident)
    return {"incident": incident, "rows": rows, "totals": totals, "answers": incidents.ANSWERS,
            "delivery": incidents.delivery_counts(incident)}


@login_required
@never_cache
def incident(request, uuid):
    incident = owned_incident(request, uuid)
    return render(request, "preparedness/incident.html", {
        **_tally_context(incident), "register": incident.register,
        "localities": incident.localities.select_related("territory"),
        "recipients": incidents.recipients(incident).count(),
        "is_open": incident.status == Incident.Status.OPEN})


@login_required
@never_cache
def tally(request, uuid):
    """The tally alone (counts, no personal data), for tally.js to refresh the incident page."""
    incident = owned_incident(request, uuid)
    return render(request, "preparedness/_tally.html", _tally_context(incident))


@login_required
@require_POST
def send(request, uuid):
    incident = owned_incident(request, uuid)
    try:
        count = incidents.request_check_in(incident, request.user)
    except incidents.IncidentClosed:
        messages.error(request, _("The incident is closed."))
    else:
        messages.success(request, _("Check-in sent to %(count)d people.") % {"count": count} if count else
                         _("Everyone in the affected localities has already been asked."))
    return redirect("preparedness:incident", incident.uuid)


@login_required
@require_POST
def status(request, uuid):
    incident = owned_incident(request, uuid)
    action = request.POST.get("action")
    if action == "close" and incident.status == Incident.Status.OPEN:
        incidents.close(incident, request.user)
        messages.success(request, _("Incident closed: answers are no longer taken."))
    elif action == "reopen" and incident.status == Incident.Status.CLOSED:
        incidents.reopen(incident, request.user)
        messages.success(request, _("Incident reopened."))
    return redirect("preparedness:incident", incident.uuid)


@login_required
@never_cache
def people(request, uuid):
    """Who was asked and what they answered, to call those who have not answered."""
    incident = owned_incident(request, uuid)
    checkins = incident.checkins.exclude(entry=None).select_related("entry", "locality__territory") \
        .order_by("locality__territory__path", "locality__name", "id")
    answer = request.GET.get("answer", "")
    if answer in CheckIn.Answer.values:
        checkins = checkins.filter(answer=answer)
    checkins = list(checkins)
    record("preparedness.checkins.listed", actor=request.user, target=incident,
           organisation=incident.register.organisation, count=len(checkins), answer=answer)
    rows = [(checkin, AnswerForm(prefix=checkin.uuid.hex, initial={"answer": checkin.answer, "note": checkin.note}))
            for checkin in checkins]
    return render(request, "preparedness/people.html", {
        "incident": incident, "register": incident.register, "rows": rows, "answer": answer,
        "answers": CheckIn.Answer.choices, "is_open": incident.status == Incident.Status.OPEN})


@login_required
@require_POST
def record_answer(request, uuid, checkin_uuid):
    incident = owned_incident(request, uuid)
    checkin = get_object_or_404(CheckIn.objects.exclude(entry=None), incident=incident, uuid=checkin_uuid)
    form = AnswerForm(request.POST, prefix=checkin.uuid.hex)
    if not form.is_valid():
        raise Http404
    try:
        incidents.record_answer(checkin, form.cleaned_data["answer"], user=request.user, note=form.cleaned_data["note"])
    except incidents.IncidentClosed:
        messages.error(request, _("The incident is closed."))
    else:
        messages.success(request, _("Answer saved."))
    return redirect(reverse("preparedness:people", args=[incident.uuid]) + f"#checkin-{checkin.uuid.hex}")


@login_required
def needs_help_export(request, uuid):
    incident = owned_incident(request, uuid)
    content, count = exports.needs_help_csv(incident)
    record("preparedness.needs_help.exported", actor=request.user, target=incident,
           organisation=incident.register.organisation, count=count)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="needs-help-{incident.uuid.hex[:8]}.csv"'
    response["Cache-Control"] = "no-store"
    return response
