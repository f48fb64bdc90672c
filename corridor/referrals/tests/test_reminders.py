"""Reminders when a referral waits too long for an answer, with a known clock: after the delay of its urgency,
to the receiving organisation's members and the caseworker who sent it, then again after each further delay."""
from datetime import timedelta

import pytest
from django.utils import timezone

from corridor.referrals import reminders, tasks, workflow

from .conftest import NAME, REASON

SENT = timezone.now().replace(microsecond=0) - timedelta(days=30)


@pytest.fixture
def urgent(send):
    return send(urgency="urgent", now=SENT)


def test_an_urgent_referral_is_reminded_after_a_day(urgent, people, mailoutbox):
    assert reminders.send_reminders(now=SENT + timedelta(hours=23)) == 0
    assert reminders.send_reminders(now=SENT + timedelta(hours=25)) == 2
    assert sorted(m.to[0] for m in mailoutbox) == [people["appartenances"].email, people["caritas"].email]
    message = mailoutbox[0]
    assert urgent.number in message.subject and "waiting for an answer" in message.subject
    assert "Urgent" in message.body and f"/en/referrals/{urgent.uuid}/" in message.body
    assert NAME not in message.body and REASON not in message.body
    urgent.refresh_from_db()
    assert urgent.reminded_at == SENT + timedelta(hours=25)
    # Not again within the delay; again after it.
    assert reminders.send_reminders(now=SENT + timedelta(hours=40)) == 0
    assert reminders.send_reminders(now=SENT + timedelta(hours=50)) == 2


def test_the_delay_follows_the_urgency(send, settings):
    settings.CORRIDOR_REFERRAL_REMINDER_DAYS = {"urgent": 1, "high": 3, "normal": 7}
    normal, high = send(now=SENT), send(urgency="high", now=SENT)
    assert list(reminders.due(now=SENT + timedelta(days=4))) == [high]
    assert set(reminders.due(now=SENT + timedelta(days=8))) == {high, normal}


def test_an_answered_referral_is_not_reminded(urgent, people, mailoutbox):
    workflow.perform(urgent, "accept", people["appartenances"], now=SENT + timedelta(hours=2))
    assert reminders.send_reminders(now=SENT + timedelta(days=3)) == 0


def test_the_daily_job_sends_them(urgent, mailoutbox):
    tasks.remind_waiting_referrals.call_local()
    assert len(mailoutbox) == 2
