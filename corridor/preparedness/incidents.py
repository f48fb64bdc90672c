"""Incidents: the register's owner opens one, sends a check-in message to the confirmed entries of the
affected localities, and counts the answers by locality.

Sending is a background job (tasks.send_checkins) over the check-ins waiting to go out. Each check-in is
claimed before its message is handed to the gateway (pending or failed -> sending, a conditional UPDATE),
so a retried or concurrent job never sends a message twice; a gateway failure marks it failed and the job
raises to be retried. A check-in left "sending" by a crash is not resent: staff see it and call.

Answers: no answer (initial) -> safe or needs help, by the person through the link in the message or by
staff (phone calls); both may correct an answer while the incident is open; staff may also reset it.
A closed incident takes no more answers until it is reopened."""
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from corridor.audit.log import record
from corridor.core.links import absolute_url

from .gateways import GatewayError
from .messaging import ChannelNotReachable, deliver, interface_language
from .models import CheckIn, ContactEntry, Incident, Locality

ANSWER_SALT = "corridor.preparedness.answer"
ANSWERS = [CheckIn.Answer.SAFE, CheckIn.Answer.NEEDS_HELP, CheckIn.Answer.NO_ANSWER]


class IncidentClosed(Exception):
    pass


def open_incident(register, user, *, kind, title, localities, message, content_language, description="",
                  translations=None) -> Incident:
    with transaction.atomic():
        incident = Incident.objects.create(
            register=register, kind=kind, title=title, description=description, message=message,
            content_language=content_language, translations=translations or {}, opened_at=timezone.now(),
            opened_by=user)
        incident.localities.set(localities)
    record("preparedness.incident.opened", actor=user, target=incident, organisation=register.organisation)
    return incident


def close(incident: Incident, user) -> None:
    incident.status, incident.closed_at = Incident.Status.CLOSED, timezone.now()
    incident.save(update_fields=["status", "closed_at"])
    record("preparedness.incident.closed", actor=user, target=incident, organisation=incident.register.organisation)


def reopen(incident: Incident, user) -> None:
    incident.status, incident.closed_at = Incident.Status.OPEN, None
    incident.save(update_fields=["status", "closed_at"])
    record("preparedness.incident.reopened", actor=user, target=incident,
           organisation=incident.register.organisation)


def recipients(incident: Incident):
    """The confirmed entries of the affected localities."""
    return incident.register.entries.filter(confirmed_at__isnull=False,
                                            locality__in=incident.localities.all())


def request_check_in(incident: Incident, user) -> int:
    """Create the check-ins of the people not asked yet (someone who registered since the last sending
    is asked too, nobody twice) and queue the sending. Returns how many people will be asked."""
    if incident.status != Incident.Status.OPEN:
        raise IncidentClosed()
    asked = set(incident.checkins.exclude(entry=None).values_list("entry_id", flat=True))
    new = [CheckIn(incident=incident, entry=entry, locality_id=entry.locality_id)
           for entry in recipients(incident).only("pk", "locality_id") if entry.pk not in asked]
    CheckIn.objects.bulk_create(new)
    record("preparedness.checkin.requested", actor=user, target=incident,
           organisation=incident.register.organisation, recipients=len(new))
    from .tasks import send_checkins

    send_checkins(incident.pk)  # a job recorded with the check-ins, queued when they are committed
    return len(new)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    unsupported: int = 0
    errors: list[str] = field(default_factory=list)


def answer_token(checkin: CheckIn) -> str:
    return signing.dumps(checkin.uuid.hex, salt=ANSWER_SALT)


def checkin_from_token(token: str) -> CheckIn | None:
    try:
        key = signing.loads(token, salt=ANSWER_SALT)
    except signing.BadSignature:
        return None
    return CheckIn.objects.select_related("incident__register__organisation").filter(uuid=key).first()


def message_for(checkin: CheckIn, entry: ContactEntry) -> tuple[str, str]:
    """(subject, text) of the check-in message in the first of the person's languages it was translated
    into, with the link to answer."""
    incident = checkin.incident
    text, language = incident.message, incident.content_language
    for code in entry.languages or []:
        if code == incident.content_language:
            break
        translated = (incident.translations.get(code) or {}).get("message")
        if translated:
            text, language = translated, code
            break
    # Our own words on the answer page are in the first of their languages the interface speaks.
    page_language = interface_language(entry.languages, language)
    with translation.override(page_language):
        link = absolute_url("preparedness:answer", answer_token(checkin), language=page_language)
        subject = f"{incident.register.organisation.name}: {incident.title}"
        return subject, f"{text}\n{_('Answer here')}: {link}"


def _claim(checkin: CheckIn) -> bool:
    return CheckIn.objects.filter(pk=checkin.pk, delivery__in=[CheckIn.Delivery.PENDING, CheckIn.Delivery.FAILED]) \
        .update(delivery=CheckIn.Delivery.SENDING) == 1


def send_pending(incident: Incident) -> SendReport:
    """Send the check-ins waiting to go out or that failed before, each at most once."""
    report = SendReport()
    waiting = incident.checkins.filter(delivery__in=[CheckIn.Delivery.PENDING, CheckIn.Delivery.FAILED]) \
        .exclude(entry=None).select_related("entry", "incident__register__organisation")
    for checkin in waiting:
        if not _claim(checkin):
            continue
        subject, text = message_for(checkin, checkin.entry)
        try:
            reference = deliver(checkin.entry.channel, checkin.entry.contact, text, subject)
        except ChannelNotReachable:
            CheckIn.objects.filter(pk=checkin.pk).update(delivery=CheckIn.Delivery.UNSUPPORTED)
            report.unsupported += 1
        except GatewayError as error:
            CheckIn.objects.filter(pk=checkin.pk).update(delivery=CheckIn.Delivery.FAILED,
                                                         attempts=checkin.attempts + 1, last_error=str(error)[:200])
            report.failed += 1
            report.errors.append(str(error))
        else:
            CheckIn.objects.filter(pk=checkin.pk).update(delivery=CheckIn.Delivery.SENT, sent_at=timezone.now(),
                                                         attempts=checkin.attempts + 1,
                                                         gateway_reference=reference[:100], last_error="")
            report.sent += 1
    return report


def record_answer(checkin: CheckIn, answer: str, *, user=None, note: str | None = None) -> None:
    """The person's answer (user None: through their link) or one staff noted down."""
    if checkin.incident.status != Incident.Status.OPEN:
        raise IncidentClosed()
    if answer not in CheckIn.Answer.values or (user is None and answer == CheckIn.Answer.NO_ANSWER):
        raise ValueError(f"Not an answer: {answer}")
    checkin.answer = answer
    checkin.answered_at = None if answer == CheckIn.Answer.NO_ANSWER else timezone.now()
    checkin.answered_via = "" if answer == CheckIn.Answer.NO_ANSWER else \
        (CheckIn.Via.STAFF if user else CheckIn.Via.LINK)
    checkin.answered_by = user
    if note is not None:
        checkin.note = note.strip()
    checkin.save(update_fields=["answer", "answered_at", "answered_via", "answered_by", "note"])
    record("preparedness.checkin.answered", actor=user, target=checkin,
           organisation=checkin.incident.register.organisation, answer=answer, by="staff" if user else "person")


@dataclass
class TallyRow:
    locality: str
    counts: dict
    total: int

    @property
    def cells(self) -> list[int]:
        """The counts in the order of ANSWERS (safe, needs help, no answer)."""
        return [self.counts[answer] for answer in ANSWERS]


def tally(incident: Incident) -> tuple[list[TallyRow], TallyRow]:
    """Answers counted by locality: the affected ones (zeros where nobody was asked) and any other where
    people were asked; and the totals."""
    answers = list(incident.checkins.values_list("locality_id", "answer"))
    localities = Locality.objects.filter(Q(incidents=incident) | Q(pk__in={pk for pk, _a in answers})) \
        .select_related("territory").distinct().order_by("territory__path", "name")
    rows = OrderedDict((locality.pk, TallyRow(str(locality), dict.fromkeys(ANSWERS, 0), 0))
                       for locality in localities)
    for locality_id, answer in answers:
        rows[locality_id].counts[answer] += 1
        rows[locality_id].total += 1
    totals = TallyRow(_("All localities"), {a: sum(r.counts[a] for r in rows.values()) for a in ANSWERS},
                      len(answers))
    return list(rows.values()), totals


def delivery_counts(incident: Incident) -> dict:
    counts = dict.fromkeys(CheckIn.Delivery.values, 0)
    for state in incident.checkins.values_list("delivery", flat=True):
        counts[state] += 1
    return counts
