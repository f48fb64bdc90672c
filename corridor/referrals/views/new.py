"""The new-referral form, in three steps: the need (and what helps find an eligible service), the service among
those offered with what the person agrees to share, then the consent text and the data it covers.

Every step posts the values of the other steps again, hidden, and they are checked again each time; "Back"
shows an earlier step with everything typed kept. Nothing about the person goes into an address."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from corridor.directory.forms_search import weekday_name
from corridor.directory.models import Schedule

from .. import pathways, retention, sending
from ..forms import DataForm, NeedForm, ServiceForm, apply_errors
from ..models import Referral
from .common import member_organisation

NEED, SERVICE, DATA = "need", "service", "data"
FIELDS = {NEED: list(NeedForm.base_fields), SERVICE: list(ServiceForm.base_fields),
          # The person confirms their consent again after any change.
          DATA: [name for name in DataForm.base_fields if name not in ("consent_given", "method")]}
MULTIPLE = {name for form in (NeedForm, ServiceForm, DataForm) for name, field in form.base_fields.items()
            if isinstance(field, forms.MultipleChoiceField)}


def _typed(request, step) -> dict:
    """The values of a step found in the request, as a form's initial values."""
    values = {}
    for name in FIELDS[step]:
        if name in request.POST:
            values[name] = request.POST.getlist(name) if name in MULTIPLE else request.POST.get(name)
    return values


def _hidden(request, step) -> list[tuple[str, str]]:
    """(name, value) of the other steps' values, to post again."""
    names = [name for other, fields in FIELDS.items() if other != step for name in fields]
    return [(name, value) for name in names for value in request.POST.getlist(name)]


@login_required
@never_cache
def new(request, uuid):
    sender = member_organisation(request, uuid)
    if request.method != "POST":
        return _page(request, sender, NEED, NeedForm())
    step, back = request.POST.get("step", NEED), request.POST.get("back", "")
    need_form = NeedForm(request.POST)
    if back == NEED or not need_form.is_valid():
        return _page(request, sender, NEED, need_form)
    need = need_form.cleaned_data["need"]
    offer = pathways.offer(sender.territory, need, need_form.person(), sender=sender)
    if step == NEED or back == SERVICE:
        service_form = ServiceForm(offer=offer,
                                   initial={"consent_language": get_language(), **_typed(request, SERVICE)})
        return _page(request, sender, SERVICE, need_form, service_form=service_form, offer=offer)
    service_form = ServiceForm(request.POST, offer=offer)
    if not service_form.is_valid():
        return _page(request, sender, SERVICE, need_form, service_form=service_form, offer=offer)
    service = service_form.chosen_service()
    consent = sending.ConsentGiven(language=service_form.cleaned_data["consent_language"],
                                   fields=service_form.cleaned_data["fields"],
                                   organisations=service_form.chosen_organisations())
    text = sending.consent_text(sender=sender, recipients=[service.organisation, *consent.organisations],
                                fields=consent.fields, need=need, language=consent.language,
                                retention_days=retention.retention_days(sender.territory))
    if step != DATA:
        data_form = DataForm(covered=consent.fields, initial={
            "reference": Referral.new_reference(), "contact_preference": Referral.ContactPreference.THROUGH_SENDER,
            **_typed(request, DATA)})
    else:
        data_form = DataForm(request.POST, covered=consent.fields)
        if data_form.is_valid():
            consent.method = data_form.cleaned_data["method"]
            try:
                referral = sending.send(user=request.user, sender=sender, service=service, need=need,
                                        urgency=data_form.cleaned_data["urgency"], consent=consent,
                                        personal=data_form.personal())
            except ValidationError as error:
                apply_errors(data_form, error)
            else:
                messages.success(request, _("Referral %(number)s sent to %(organisation)s.")
                                 % {"number": referral.number, "organisation": service.organisation.name})
                return redirect("referrals:detail", referral.uuid)
    return _page(request, sender, DATA, need_form, service_form=service_form, offer=offer, data_form=data_form,
                 service=service, consent_text=text)


def _name_days(schedules):
    """Weekday names of opening hours in the reader's language, as the directory's hours show them."""
    language = get_language()
    for schedule in schedules:
        schedule.day_names = [weekday_name(Schedule.WEEKDAYS.index(day), language)
                              for day in schedule.days if day in Schedule.WEEKDAYS]


def _page(request, sender, step, need_form, *, service_form=None, offer=None, data_form=None, service=None,
          consent_text=""):
    if offer is not None:
        _name_days([schedule for option in offer.offered for schedule in option.service.schedules.all()])
    shown_personal = []
    if data_form is not None:
        # The fields the consent covers, and any other that holds a value (refused, with its error).
        shown_personal = [data_form[name] for name in Referral.CONSENTED_FIELDS
                          if name in data_form.covered or data_form[name].value()]
    invalid = any(form is not None and form.is_bound and form.errors
                  for form in ((need_form if step == NEED else None), service_form, data_form))
    return render(request, "referrals/new.html", {
        "sender": sender, "step": step, "need_form": need_form, "service_form": service_form, "offer": offer,
        "data_form": data_form, "shown_personal": shown_personal, "service": service, "consent_text": consent_text,
        "hidden": _hidden(request, step) if request.method == "POST" else [],
        "steps": [(NEED, _("Need")), (SERVICE, _("Service")), (DATA, _("Consent and data"))]},
        status=400 if invalid else 200)
