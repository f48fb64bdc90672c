"""A referral's page: its status and history for both organisations, the steps the reader may take, and, for
those allowed, the person's data (each view logged), the consent and the access log."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import access, disclosure, pathways, sending, workflow
from ..forms import ACTION_FORMS, NoteForm
from ..models import Referral
from ..workflow import WorkflowError
from .common import visible_referral


def _forward_options(referral: Referral):
    """The services the referral may go to next: those the pathway (or the directory) offers for its need."""
    offer = pathways.offer(referral.territory, referral.need, sender=referral.sender)
    return [option for option in offer.offered if option.service.pk != referral.service_id]


def _action_form(referral, action, data=None):
    form_class = ACTION_FORMS.get(action, NoteForm)
    extra = {"options": _forward_options(referral), "consent": referral.consent} if action == "forward" else {}
    return form_class(data, prefix=action, **extra)


def _page(request, referral, failed=None, status=200):
    personal = disclosure.personal_data(request.user, referral, via="page")
    forms = [(transition, failed[1] if failed and failed[0] == transition.action
              else _action_form(referral, transition.action))
             for transition in workflow.available(referral, request.user)]
    sides = access.sides(request.user, referral)
    history = list(referral.events.select_related("actor", "organisation").defer("note"))
    for event in history:
        event.label = workflow.EVENT_LABELS.get(event.action, event.action)
        event.shown_note = personal["event_notes"].get(event.pk, "") if personal else ""
    return render(request, "referrals/detail.html", {
        "referral": referral, "personal": personal, "actions": forms, "sides": sides,
        "history": history,
        "forwards": referral.forwards.without_personal_data().select_related("service__organisation"),
        "consent_fields": [Referral._meta.get_field(name).verbose_name
                           for name in (*sending.ALWAYS_SHARED, *referral.consent.fields)],
        "consent_organisations": referral.consent.organisations.order_by("name"),
        "access_log": disclosure.access_log(referral) if personal is not None else None,
        "contact_preference": Referral.ContactPreference(personal["contact_preference"]).label
        if personal and personal["contact_preference"] in Referral.ContactPreference.values else "",
    }, status=status)


@login_required
@never_cache
def detail(request, uuid):
    return _page(request, visible_referral(request, uuid))


@login_required
@require_POST
@never_cache
def act(request, uuid, action):
    referral = visible_referral(request, uuid)
    if action not in workflow.TRANSITIONS:
        raise Http404
    try:
        workflow.check(referral, action, request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
        return redirect("referrals:detail", referral.uuid)
    form = _action_form(referral, action, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = workflow.perform(
                referral, action, request.user, note=data.get("note", ""), reason=data.get("reason", ""),
                appointment_at=data.get("appointment_at"),
                service=form.chosen_service() if action == "forward" else None)
        except WorkflowError as error:
            if error.field not in form.fields:
                messages.error(request, error.message)
                return redirect("referrals:detail", referral.uuid)
            form.add_error(error.field, error.message)
        else:
            if result.pk != referral.pk:
                messages.success(request, _("Forwarded: the new referral is %(number)s.") % {"number": result.number})
            else:
                messages.success(request, _("The referral is now “%(status)s”.")
                                 % {"status": result.get_status_display()})
            return redirect("referrals:detail", referral.uuid)
    return _page(request, referral, failed=(action, form), status=400)


@login_required
@require_POST
def withdraw_consent(request, uuid):
    referral = visible_referral(request, uuid)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the person withdraws their consent."))
    else:
        count = sending.withdraw_consent(referral, request.user)
        messages.success(request, _("The person's data was erased from %(count)s referral(s).") % {"count": count})
    return redirect("referrals:detail", referral.uuid)
