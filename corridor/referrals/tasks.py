"""Background jobs of referrals (huey; they run at once in tests)."""
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import reminders, retention


@db_periodic_task(crontab(hour="7", minute="30"))
def remind_waiting_referrals() -> None:
    """Daily at 7:30: remind both sides of the referrals waiting too long for an answer."""
    reminders.send_reminders()


@db_periodic_task(crontab(hour="2", minute="40"))
def erase_expired_personal_data() -> None:
    """Nightly: erase the person's data from the referrals over for longer than their territory's period."""
    retention.anonymise_expired()
