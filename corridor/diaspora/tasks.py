from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .profiles import purge_unconfirmed


@db_periodic_task(crontab(hour="3", minute="30"))
def delete_unconfirmed_registrations():
    """Daily: registrations whose e-mail address was never confirmed are deleted after a week."""
    purge_unconfirmed()
