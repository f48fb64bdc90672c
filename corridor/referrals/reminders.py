"""Reminding both sides of a referral that waits too long for an answer.

A referral still "sent" after the delay of its urgency (CORRIDOR_REFERRAL_REMINDER_DAYS) is reminded to the
members of the receiving organisation and to the caseworker who sent it; again after each further delay,
never more often. Run daily by tasks.py; `now` is given by tests."""
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from . import notifications
from .models import Referral
from .statistics import waiting_too_long

SUBJECT = gettext_noop("Corridor: referral %(number)s is waiting for an answer")
LINES = [gettext_noop("The referral %(number)s (%(need)s, urgency: %(urgency)s) sent by %(sender)s to %(service)s "
                      "has not been answered yet."),
         gettext_noop("Please accept it, decline it or forward it:")]


def due(now=None):
    """The waiting referrals not reminded within their delay."""
    now = now or timezone.now()
    not_recently = Q(reminded_at__isnull=True)
    for urgency, days in settings.CORRIDOR_REFERRAL_REMINDER_DAYS.items():
        not_recently |= Q(urgency=urgency, reminded_at__lt=now - timedelta(days=days))
    return (Referral.objects.without_personal_data().filter(waiting_too_long(now)).filter(not_recently)
            .select_related("service__organisation", "sender", "sent_by__profile").order_by("sent_at"))


def send_reminders(now=None) -> int:
    """E-mail the reminders due; returns how many e-mails left."""
    now = now or timezone.now()
    sent = 0
    for referral in due(now):
        users = notifications.members([referral.service.organisation_id])
        if referral.sent_by and referral.sent_by.is_active and referral.sent_by.email and referral.sent_by not in users:
            users.append(referral.sent_by)
        sent += notifications.deliver([notifications.message(user, referral, SUBJECT, LINES) for user in users])
        referral.reminded_at = now
        referral.save(update_fields=["reminded_at"])
    return sent
