import os

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import send_reminders


@db_periodic_task(crontab(hour="7", minute="0"))
def remind_providers():
    """Daily at 7:00: e-mail members whose services are due for re-verification."""
    send_reminders(os.environ.get("CORRIDOR_BASE_URL", "http://127.0.0.1:8000"))
