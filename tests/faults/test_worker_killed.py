"""The job consumer is killed (SIGKILL, as the out-of-memory killer does) in the middle of writing a
consultation's report: a new consumer takes the job back and the report is written exactly once. The queue is
the embedded SQLite one, or Redis when the run has REDIS_URL (make prod-test). See corridor/core/jobs.py."""
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timezone

import pytest

from tests.servers import Process, corridor_environment, python, wait_until

pytestmark = pytest.mark.servers

LEASE_SECONDS = 2  # how long a dead worker's job stays claimed; short, so that the test does not wait


def _rows(site, sql, *parameters):
    with sqlite3.connect(site / "corridor.sqlite3", timeout=10) as database:
        return database.execute(sql, parameters).fetchall()


def _job(site, job_id):
    status, attempts, lease_until = _rows(site, "SELECT status, attempts, lease_until FROM core_job WHERE id = ?",
                                          job_id)[0]
    return status, attempts, datetime.fromisoformat(lease_until).replace(tzinfo=timezone.utc)


def _consumer(site, environment, name, *arguments):
    return Process([sys.executable, "-m", "tests.faults.worker", *arguments], environment, site / f"{name}.log")


def test_a_report_job_survives_its_worker_being_killed(sqlite_site):
    site = sqlite_site
    redis = {"REDIS_URL": os.environ["REDIS_URL"]} if os.environ.get("REDIS_URL") else {}
    environment = corridor_environment(site, CORRIDOR_JOB_LEASE_SECONDS=str(LEASE_SECONDS), **redis)
    asked = json.loads(python(environment, "-m", "tests.faults.report_job"))
    assert asked["queue"] == ("RedisHuey" if redis else "SqliteHuey") and asked["queued"] == 1
    job = asked["job"]

    stalled = site / "stalled"
    first = _consumer(site, environment, "first-consumer", "--stall-report", str(stalled))
    try:
        wait_until(stalled.exists, 60, f"the first consumer to start the job\n{first.output()}")
        assert _job(site, job)[:2] == ("running", 1)
        assert _rows(site, "SELECT status FROM consultations_report")[0][0] == "running"
    finally:
        first.kill()  # SIGKILL to every thread: no clean-up, no chance to give the job back

    # The queue's message went with the worker: only the job's row is left, claimed by a dead worker.
    lease_until = _job(site, job)[2]
    time.sleep(max(0.0, (lease_until - datetime.now(timezone.utc)).total_seconds()) + 0.2)
    second = _consumer(site, environment, "second-consumer")
    try:
        wait_until(lambda: _job(site, job)[0] == "done", 120,
                   f"the second consumer to finish the job\n{second.output()}")
    finally:
        second.stop()

    assert _job(site, job)[:2] == ("done", 2)
    assert _rows(site, "SELECT count(*) FROM core_job") == [(1,)]
    reports = _rows(site, "SELECT id, version, status, data FROM consultations_report")
    assert [(report_id, version, status) for report_id, version, status, _data in reports] == \
        [(asked["report"], 1, "ready")]
    data = json.loads(reports[0][3])
    assert data["overview"]["contributions"] == 40
    candidates = _rows(site, "SELECT contribution_id, text FROM consultations_candidatepractice")
    assert len(candidates) == len(data["practices"]) > 0
    assert len(set(candidates)) == len(candidates)  # none written twice
