"""Reading the person's data: the only way pages and the API get it. Each read by someone allowed is written
to the audit log ("referral.read": who, for which organisation, when, through which way, which fields), and
the two organisations see these reads as the referral's access log. The log holds no personal data."""
from corridor.audit.log import events_for, record

from . import access
from .models import Referral

READ = "referral.read"


def personal_data(user, referral: Referral, *, via: str) -> dict | None:
    """{field: value} of the person's data for `user`, logged; None when they may not read it."""
    if not access.can_see_personal(user, referral):
        return None
    data = {name: getattr(referral, name) for name in Referral.PERSONAL_FIELDS}
    notes = {event.pk: event.note for event in referral.events.all() if event.note}
    record(READ, actor=user, target=referral, organisation=access.acting_organisation(user, referral),
           territory=referral.territory, via=via, fields=[name for name, value in data.items() if value])
    return {**data, "event_notes": notes}


def access_log(referral: Referral):
    """The reads of the person's data, newest first."""
    return events_for(referral).filter(action=READ).select_related("organisation")
