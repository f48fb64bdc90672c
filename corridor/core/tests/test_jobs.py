"""Durable jobs: recorded with the transaction that asks for them, run once, retried, taken back from a dead
worker by the sweep. (tests/faults/test_worker_killed.py kills a real worker in the middle of a job.)"""
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from corridor.core import jobs
from corridor.core.models import Job

runs, failures = [], []


def _gave_up(name, error):
    failures.append((name, error))


@jobs.durable_task(max_attempts=2, retry_delay=5, on_failure=_gave_up)
def greet(name):
    runs.append(name)
    if name.startswith("broken"):
        raise RuntimeError(f"cannot greet {name}")


@pytest.fixture(autouse=True)
def _forget_runs():
    runs.clear()
    failures.clear()


def test_a_job_is_recorded_in_the_transaction_and_runs_after_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = greet("Amina")
        assert runs == [] and Job.objects.get().status == Job.Status.PENDING
    job.refresh_from_db()
    assert runs == ["Amina"]
    assert (job.task, job.arguments, job.status, job.attempts) == (
        "corridor.core.tests.test_jobs.greet", ["Amina"], Job.Status.DONE, 1)
    assert job.finished_at is not None


def test_a_rolled_back_request_leaves_no_job(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValueError), transaction.atomic():
            greet("Amina")
            raise ValueError("the request failed")
    assert runs == [] and not Job.objects.exists()


def test_a_job_handed_out_twice_runs_once(db):
    job = greet("Amina")
    jobs._run(job.pk)
    jobs._run(job.pk)  # a second message for the same job (queued again by a sweep)
    assert runs == ["Amina"]


def test_a_failure_is_retried_then_reported(db):
    job = greet("broken Amina")
    jobs._run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (Job.Status.PENDING, 1, "RuntimeError: cannot greet broken Amina")
    assert failures == []
    jobs._run(job.pk)  # the retry
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 2)
    assert runs == ["broken Amina"] * 2
    assert failures == [("broken Amina", "RuntimeError: cannot greet broken Amina")]
    jobs._run(job.pk)
    assert len(runs) == 2


def _interrupted(name, attempts, lease_ago=1):
    """A job a worker claimed and then died with: its lease ran out `lease_ago` seconds ago."""
    return Job.objects.create(task="corridor.core.tests.test_jobs.greet", arguments=[name], max_attempts=2,
                              status=Job.Status.RUNNING, attempts=attempts, claim="dead-worker",
                              lease_until=timezone.now() - timedelta(seconds=lease_ago))


def test_the_sweep_takes_back_the_job_of_a_dead_worker(db):
    job = _interrupted("Amina", attempts=1)
    alive = _interrupted("Bilal", attempts=1, lease_ago=-60)  # its worker still renews the lease
    finished = Job.objects.create(task=job.task, arguments=["Chen"], status=Job.Status.DONE, attempts=1,
                                  lease_until=timezone.now() - timedelta(seconds=60), finished_at=timezone.now())
    old = Job.objects.create(task=job.task, arguments=["Dina"], status=Job.Status.DONE, attempts=1,
                             lease_until=timezone.now(), finished_at=timezone.now() - timedelta(days=31))
    assert jobs.sweep() == 1  # the queue runs it at once in the tests
    assert not Job.objects.filter(pk=old.pk).exists()  # done a month ago: forgotten
    for row in (job, alive, finished):
        row.refresh_from_db()
    assert runs == ["Amina"]
    assert (job.status, job.attempts) == (Job.Status.DONE, 2)
    assert (alive.status, finished.status) == (Job.Status.RUNNING, Job.Status.DONE)
    assert jobs.sweep() == 0


def test_the_sweep_queues_a_job_whose_message_was_lost(db):
    job = greet("Amina")  # never handed to the queue: its transaction's on_commit did not run
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert jobs.sweep() == 1
    job.refresh_from_db()
    assert runs == ["Amina"] and job.status == Job.Status.DONE


def test_a_job_whose_worker_died_at_the_last_attempt_fails(db):
    job = _interrupted("Amina", attempts=2)
    assert jobs.sweep() == 0
    job.refresh_from_db()
    assert (job.status, job.error) == (Job.Status.FAILED, "The worker stopped during the last attempt.")
    assert runs == [] and failures == [("Amina", "The worker stopped during the last attempt.")]
