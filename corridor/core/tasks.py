from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup

from . import jobs


@on_startup()
def sweep_jobs_at_start():
    """A worker starting may follow one that died in the middle of a job: take its jobs back at once."""
    jobs.sweep()


@db_periodic_task(crontab(minute="*"))
def sweep_jobs():
    """Every minute: queue again the durable jobs whose worker died or whose message was lost."""
    jobs.sweep()
