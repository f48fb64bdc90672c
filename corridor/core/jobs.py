"""Background jobs that are neither lost nor done twice when a worker dies.

Huey gives a queued job to a worker and forgets it: a worker killed in the middle (out of memory, a
deployment, the machine restarting) loses its job, and so does a web process that dies between committing
and enqueueing. A durable job is therefore also a `Job` row, written in the transaction that asks for it,
so that it exists exactly when what it works on exists:

- a run first claims the row, for a lease that a heartbeat extends while the job runs; a run that finds the
  row done or claimed by another live run does nothing, so a job handed out twice still runs once at a time;
- a sweep, when a worker starts and every minute (core/tasks.py), queues again every job whose lease ran
  out: queued but never started (CORRIDOR_JOB_REQUEUE_SECONDS), or started by a worker that died
  (CORRIDOR_JOB_LEASE_SECONDS without a heartbeat);
- a failure is retried after `retry_delay` seconds until `max_attempts` runs (a worker dying counts as one);
  then the job is marked failed and `on_failure(*arguments, error)` lets its owner say so. Failed jobs stay
  for the administrators to read (Django admin); done ones are deleted after DONE_KEPT_DAYS.

A job may therefore start again after a crash part-way: its function must be idempotent (a second run
leaves the same result as one, e.g. it replaces in a transaction what an earlier attempt wrote).

    @durable_task(max_attempts=2, on_failure=report_failed)
    def generate_report(report_id): ...

    generate_report(report.pk)  # in the transaction that creates the report: the job starts after the commit
"""
import logging
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from huey.contrib.djhuey import HUEY, db_task

from .models import Job

logger = logging.getLogger(__name__)
_TASKS: dict[str, "DurableTask"] = {}
DONE_KEPT_DAYS = 30


class DurableTask:
    def __init__(self, function, *, max_attempts: int, retry_delay: int, on_failure=None):
        self.function, self.name = function, f"{function.__module__}.{function.__qualname__}"
        self.max_attempts, self.retry_delay, self.on_failure = max_attempts, retry_delay, on_failure
        # Huey's own retries stay off: a retry is a new run of the row, like a recovery after a crash.
        self.queue_task = db_task(name=self.name)(_run)
        _TASKS[self.name] = self

    def __call__(self, *arguments) -> Job:
        """Record the job in the current transaction; it is queued once that commits. The arguments
        must be JSON values."""
        job = Job.objects.create(task=self.name, arguments=list(arguments), max_attempts=self.max_attempts,
                                 lease_until=timezone.now() + timedelta(seconds=settings.CORRIDOR_JOB_REQUEUE_SECONDS))
        # robust: if the queue cannot be reached, the commit stands and the sweep queues the job later.
        transaction.on_commit(lambda: self.queue_task(job.pk), robust=True)
        return job

    def failed(self, job: Job, error: str) -> None:
        if self.on_failure is not None:
            self.on_failure(*job.arguments, error)


def durable_task(*, max_attempts: int = 3, retry_delay: int = 30, on_failure=None):
    """Make `function` a durable job (see the module's docstring); calling it queues a run."""
    return lambda function: DurableTask(function, max_attempts=max_attempts, retry_delay=retry_delay,
                                        on_failure=on_failure)


def _lease() -> timedelta:
    return timedelta(seconds=settings.CORRIDOR_JOB_LEASE_SECONDS)


def _run(job_id: int) -> None:
    """What the queue runs: claim the job, run it while a heartbeat keeps the claim, record the outcome."""
    now, claim = timezone.now(), uuid.uuid4().hex
    claimable = Q(status=Job.Status.PENDING) | Q(status=Job.Status.RUNNING, lease_until__lt=now)
    if not Job.objects.filter(claimable, pk=job_id, attempts__lt=F("max_attempts")).update(
            status=Job.Status.RUNNING, claim=claim, attempts=F("attempts") + 1, started_at=now,
            lease_until=now + _lease()):
        return  # done, failed, or running in a live worker
    job = Job.objects.get(pk=job_id)
    task = _TASKS[job.task]
    # Run inline (the tests' immediate mode), nothing can die apart from the caller: no heartbeat.
    heartbeat = None if HUEY.immediate else _Heartbeat(job)
    try:
        task.function(*job.arguments)
    except Exception as error:
        logger.exception("Job %s failed (attempt %d of %d)", job, job.attempts, job.max_attempts)
        _record_failure(job, task, f"{type(error).__name__}: {error}")
    else:
        if not Job.objects.filter(pk=job.pk, claim=claim).update(status=Job.Status.DONE, finished_at=timezone.now()):
            logger.warning("Job %s finished after its lease was given to another run", job)
    finally:
        if heartbeat is not None:
            heartbeat.stop()


def _record_failure(job: Job, task: DurableTask, error: str) -> None:
    now, mine = timezone.now(), Job.objects.filter(pk=job.pk, claim=job.claim)
    if job.attempts < job.max_attempts:
        retry_at = now + timedelta(seconds=task.retry_delay)
        if mine.update(status=Job.Status.PENDING, claim="", error=error,
                       lease_until=retry_at + timedelta(seconds=settings.CORRIDOR_JOB_REQUEUE_SECONDS)):
            task.queue_task.schedule(args=(job.pk,), delay=task.retry_delay)
    elif mine.update(status=Job.Status.FAILED, error=error, finished_at=now):
        task.failed(job, error)


class _Heartbeat(threading.Thread):
    """Extends the lease of a running job a few times per lease, from its own thread and connection."""

    def __init__(self, job: Job):
        super().__init__(name=f"heartbeat-job-{job.pk}", daemon=True)
        self.job, self.stopped = job, threading.Event()
        self.start()

    def run(self):
        try:
            while not self.stopped.wait(_lease().total_seconds() / 3):
                try:
                    Job.objects.filter(pk=self.job.pk, claim=self.job.claim).update(
                        lease_until=timezone.now() + _lease())
                except DatabaseError:  # the database restarting: try again at the next beat
                    logger.warning("Could not extend the lease of job %s", self.job, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        self.stopped.set()
        self.join()


def sweep() -> int:
    """Queue again the jobs whose lease ran out; fail those that have had all their attempts; forget old
    finished ones. Several workers may sweep at once: each job is handed out by one of them. Returns how many
    were queued."""
    now, queued = timezone.now(), 0
    Job.objects.filter(status=Job.Status.DONE, finished_at__lt=now - timedelta(days=DONE_KEPT_DAYS)).delete()
    for job in Job.objects.filter(status__in=[Job.Status.PENDING, Job.Status.RUNNING], lease_until__lt=now):
        task = _TASKS.get(job.task)
        if task is None:
            logger.error("Job %s names no known task: left as it is", job)
            continue
        unchanged = Job.objects.filter(pk=job.pk, status=job.status, claim=job.claim, lease_until=job.lease_until)
        if job.attempts >= job.max_attempts:
            error = "The worker stopped during the last attempt."
            if unchanged.update(status=Job.Status.FAILED, error=error, finished_at=now):
                task.failed(job, error)
        elif unchanged.update(status=Job.Status.PENDING, claim="",
                              lease_until=now + timedelta(seconds=settings.CORRIDOR_JOB_REQUEUE_SECONDS)):
            if job.status == Job.Status.RUNNING:
                logger.warning("Job %s was interrupted (attempt %d): queued again", job, job.attempts)
            task.queue_task(job.pk)
            queued += 1
    return queued
