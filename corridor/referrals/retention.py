"""How long the person's data is kept, and its erasure.

A territory sets the period (ReferralSettings), for itself and the territories inside it unless one of those
sets its own; without any, CORRIDOR_REFERRAL_RETENTION_DAYS. The period starts when the referral is over for
its service (closed, declined or forwarded). Then the personal fields are blanked, the pseudonymous reference
is replaced by a random one, and the notes of its history are blanked; the referral and its history of statuses
stay, so that the statistics do not change."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from corridor.audit.log import record

from .models import Referral, ReferralSettings


def retention_days(territory) -> int:
    """The period set by the territory or the nearest territory containing it."""
    prefixes = [territory.path[: i + 1] for i, character in enumerate(territory.path) if character == "/"]
    nearest = (ReferralSettings.objects.filter(territory__path__in=prefixes)
               .order_by("-territory__path").values_list("retention_days", flat=True).first())
    return nearest if nearest is not None else settings.CORRIDOR_REFERRAL_RETENTION_DAYS


def erase(referral: Referral, *, now=None) -> None:
    """Blank the person's data on `referral` and in the notes of its history."""
    referral.reference = "X-" + Referral.new_reference()[2:]
    for name in Referral.PERSONAL_FIELDS:
        if name != "reference":
            setattr(referral, name, [] if name == "languages" else "")
    referral.anonymised_at = now or timezone.now()
    referral.save()
    referral.events.update(note="")


def expired(now=None) -> list[Referral]:
    """The referrals over for longer than their territory's period that still hold personal data."""
    now = now or timezone.now()
    candidates = (Referral.objects.filter(status__in=Referral.ENDED_STATUSES, anonymised_at__isnull=True,
                                          ended_at__isnull=False)
                  .select_related("territory").only("pk", "ended_at", "territory__path"))
    periods = {}
    found = []
    for referral in candidates:
        territory = referral.territory
        if territory.pk not in periods:
            periods[territory.pk] = timedelta(days=retention_days(territory))
        if referral.ended_at < now - periods[territory.pk]:
            found.append(referral)
    return found


def anonymise_expired(now=None) -> int:
    now = now or timezone.now()
    count = 0
    for stub in expired(now):
        with transaction.atomic():
            referral = Referral.objects.select_for_update().get(pk=stub.pk)
            if referral.anonymised_at is None:
                erase(referral, now=now)
                record("referral.anonymised", target=referral, territory=referral.territory)
                count += 1
    return count
