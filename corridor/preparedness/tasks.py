"""Background jobs of crisis preparedness (they run at once in tests). Messages to people are durable jobs
(core/jobs.py): asked for in the transaction that creates what they send, and taken up again if the worker
dies while sending."""
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from corridor.core.jobs import durable_task

from . import incidents, registration
from .gateways import GatewayError
from .messaging import ChannelNotReachable, deliver
from .models import ContactEntry, Incident


@durable_task(max_attempts=6, retry_delay=60)
def send_checkins(incident_id: int) -> None:
    """Send an incident's waiting check-ins. When the gateway failed for some, raise so that the job is
    retried: the retry sends only those (incidents.send_pending never sends one twice), and so does a run
    taken up after a worker died."""
    incident = Incident.objects.filter(pk=incident_id).first()
    if incident is None:
        return
    report = incidents.send_pending(incident)
    if report.failed:
        raise GatewayError(f"{report.failed} check-in message(s) not sent: {report.errors[0]}")


@durable_task(max_attempts=4, retry_delay=60)
def send_personal_link(entry_id: int, reason: str) -> None:
    entry = ContactEntry.objects.select_related("register__organisation").filter(pk=entry_id).first()
    if entry is None:  # withdrawn meanwhile
        return
    subject, text = registration.personal_link_message(entry, reason)
    try:
        deliver(entry.channel, entry.contact, text, subject)
    except ChannelNotReachable:
        pass  # the form only offers reachable channels; staff can show the link instead


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_unconfirmed_entries() -> None:
    registration.purge_unconfirmed()
