"""The life of a referral: every step, from which statuses, to which status, and which side takes it.

    sent ──accept──▶ accepted ──set_appointment──▶ appointment ──deliver──▶ delivered ──close──▶ closed
      │                 │  └──────────deliver───────────────────────────────▲    (sender or receiver)
      ├──decline──▶ declined ◀──decline── accepted
      ├──forward──▶ forwarded (a new, linked referral is sent to the other service) ◀──forward── accepted
      └──cancel───▶ closed ◀──cancel── accepted, appointment   (sender: no longer needed)

The receiving organisation answers (accept, decline with a reason, forward, set or move the appointment,
record the service as delivered); the sending organisation cancels a referral no longer needed; either
closes a delivered one. Anything else is refused with a WorkflowError that says why."""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.audit.log import record
from corridor.directory.models import Service

from . import access, notifications
from .access import RECEIVER, SENDER
from .models import Referral, ReferralEvent

Status = Referral.Status


class WorkflowError(Exception):
    """The step cannot be taken; `field` names the value at fault, if one is."""

    def __init__(self, message: str, field: str = ""):
        self.message, self.field = message, field
        super().__init__(message)


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    sides: frozenset[str]


TRANSITIONS = {t.action: t for t in (
    Transition("accept", gettext_lazy("Accept"), (Status.SENT,), Status.ACCEPTED, frozenset({RECEIVER})),
    Transition("decline", gettext_lazy("Decline"), (Status.SENT, Status.ACCEPTED), Status.DECLINED,
               frozenset({RECEIVER})),
    Transition("forward", gettext_lazy("Forward to another service"), (Status.SENT, Status.ACCEPTED),
               Status.FORWARDED, frozenset({RECEIVER})),
    Transition("set_appointment", gettext_lazy("Set the appointment"), (Status.ACCEPTED, Status.APPOINTMENT),
               Status.APPOINTMENT, frozenset({RECEIVER})),
    Transition("deliver", gettext_lazy("Service delivered"), (Status.ACCEPTED, Status.APPOINTMENT),
               Status.DELIVERED, frozenset({RECEIVER})),
    Transition("close", gettext_lazy("Close"), (Status.DELIVERED,), Status.CLOSED, frozenset({SENDER, RECEIVER})),
    Transition("cancel", gettext_lazy("Cancel: no longer needed"), (Status.SENT, Status.ACCEPTED, Status.APPOINTMENT),
               Status.CLOSED, frozenset({SENDER})),
)}
# What each event of a referral's history says: the steps, and what happens around them.
EVENT_LABELS = {
    "sent": gettext_lazy("Sent"),
    "forwarded_here": gettext_lazy("Forwarded here"),
    "accept": gettext_lazy("Accepted"),
    "decline": gettext_lazy("Declined"),
    "forward": gettext_lazy("Forwarded"),
    "set_appointment": gettext_lazy("Appointment set"),
    "deliver": gettext_lazy("Service delivered"),
    "close": gettext_lazy("Closed"),
    "cancel": gettext_lazy("Cancelled: no longer needed"),
    "consent_withdrawn": gettext_lazy("Consent withdrawn: personal data erased"),
}
SIDE_NAMES = {SENDER: gettext_lazy("the referring organisation"), RECEIVER: gettext_lazy("the receiving organisation")}


def acting_sides(user, referral: Referral) -> set[str]:
    """The sides `user` may act for: the receiver of a forwarded referral no longer acts on it."""
    return access.sides(user, referral) & {SENDER, RECEIVER}


def available(referral: Referral, user) -> list[Transition]:
    """The steps `user` may take now, in the order of TRANSITIONS."""
    if referral.anonymised_at is not None:
        return []
    mine = acting_sides(user, referral)
    return [t for t in TRANSITIONS.values() if referral.status in t.sources and t.sides & mine]


def check(referral: Referral, action: str, user) -> Transition:
    """The transition, or WorkflowError saying why it cannot be taken (PermissionDenied for a stranger)."""
    if not access.can_see(user, referral):
        raise PermissionDenied
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise WorkflowError(_("“%(action)s” is not a step of a referral.") % {"action": action})
    if referral.status not in transition.sources:
        raise WorkflowError(_("A referral that is “%(status)s” cannot take the step “%(step)s”.")
                            % {"status": referral.get_status_display(), "step": transition.label})
    if not transition.sides & acting_sides(user, referral):
        who = " / ".join(str(SIDE_NAMES[side]) for side in sorted(transition.sides))
        raise WorkflowError(_("Only %(who)s may take the step “%(step)s”.") % {"who": who, "step": transition.label})
    if referral.anonymised_at is not None:
        raise WorkflowError(_("The person's data was erased: this referral is kept for statistics only."))
    return transition


@transaction.atomic
def perform(referral: Referral, action: str, user, *, note: str = "", reason: str = "", appointment_at=None,
            service: Service | None = None, now=None) -> Referral:
    """Take the step `action`; returns the referral (for a forward, the new linked referral)."""
    # Locks the referral's row only: the forwarded-from side of the join may be empty.
    referral = Referral.objects.select_for_update(of=("self",)).select_related(
        "service__organisation", "sender", "forwarded_from__service", "consent").get(pk=referral.pk)
    transition = check(referral, action, user)
    now = now or timezone.now()
    organisation = access.acting_organisation(user, referral)
    changed = ["status"]
    if action == "decline":
        if reason not in Referral.DeclineReason.values:
            raise WorkflowError(_("Say why the referral is declined."), "reason")
        referral.decline_reason = reason
        changed.append("decline_reason")
    elif action == "set_appointment":
        if appointment_at is None:
            raise WorkflowError(_("Give the date and time of the appointment."), "appointment_at")
        referral.appointment_at = appointment_at
        changed.append("appointment_at")
    elif action == "accept":
        referral.accepted_at = now
        changed.append("accepted_at")
    forwarded = _forward(referral, service, user, note, now) if action == "forward" else None
    if transition.target in Referral.ENDED_STATUSES:
        referral.ended_at = now
        changed.append("ended_at")
    referral.status = transition.target
    referral.save(update_fields=changed)
    ReferralEvent.objects.create(referral=referral, action=action, status=referral.status, at=now, actor=user,
                                 organisation=organisation, note=note.strip())
    record(f"referral.{action}", actor=user, target=referral, organisation=organisation,
           territory=referral.territory, status=referral.status,
           **({"forwarded_to": forwarded.number} if forwarded else {}))
    by_receiver = organisation is not None and organisation.pk == referral.service.organisation_id
    transaction.on_commit(lambda: notifications.status_changed(referral, to_sender=by_receiver))
    return forwarded or referral


def _forward(referral: Referral, service: Service | None, user, note: str, now) -> Referral:
    """The new referral to `service`, linked to this one. It carries the person's data only if the consent
    names the new organisation; otherwise the new service works with the referring organisation."""
    if service is None:
        raise WorkflowError(_("Choose the service to forward the referral to."), "service")
    if service.pk == referral.service_id:
        raise WorkflowError(_("Choose another service than the current one."), "service")
    if service.organisation_id == referral.sender_id:
        raise WorkflowError(_("The referring organisation cannot receive its own referral: decline it instead."),
                            "service")
    if service.status != Service.Status.ACTIVE:
        raise WorkflowError(_("This service is not active: it cannot receive referrals."), "service")
    carried = not referral.data_withheld and referral.consent.covers(service.organisation)
    personal = {name: getattr(referral, name) for name in Referral.PERSONAL_FIELDS} if carried else {
        "reference": Referral.new_reference(), "contact_preference": Referral.ContactPreference.THROUGH_SENDER}
    forwarded = Referral.objects.create(
        territory=referral.territory, sender=referral.sender, sent_by=referral.sent_by, service=service,
        need=referral.need, urgency=referral.urgency, consent=referral.consent, forwarded_from=referral,
        data_withheld=not carried, sent_at=now, **personal)
    organisation = access.acting_organisation(user, referral)
    ReferralEvent.objects.create(referral=forwarded, action="forwarded_here", status=forwarded.status, at=now,
                                 actor=user, organisation=organisation, note=note.strip() if carried else "")
    record("referral.sent", actor=user, target=forwarded, organisation=organisation, territory=forwarded.territory,
           forwarded_from=referral.number, receiver=service.organisation_id, data_carried=carried)
    transaction.on_commit(lambda: notifications.received(forwarded))
    return forwarded
