from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import send_reminders


@db_periodic_task(crontab(hour="7", minute="0"))
def remind_providers():
    """Daily at 7:00: e-mail members whose services are due for re-verification."""
    send_reminders(settings.CORRIDOR_BASE_URL.rstrip("/"))
