"""With REDIS_URL set, the settings put the job queue and the cache in Redis: a job asked for by one process
waits in Redis and a consumer started apart runs it."""
import json
import sqlite3
import sys

import pytest
from redis import Redis

from tests.servers import Process, corridor_environment, python, wait_until

pytestmark = pytest.mark.servers


def test_with_redis_url_the_queue_and_the_cache_use_redis(redis_url, sqlite_site):
    environment = corridor_environment(sqlite_site, REDIS_URL=redis_url)
    asked = json.loads(python(environment, "-m", "tests.faults.report_job"))
    assert (asked["queue"], asked["queue_storage"], asked["cache"]) == (
        "RedisHuey", "RedisStorage", "django.core.cache.backends.redis.RedisCache")
    redis = Redis.from_url(redis_url)
    assert redis.llen("huey.redis.corridor") == 1  # the report's job, waiting
    assert redis.exists("corridor:1:fault-test")  # the cache's key, under the site's prefix

    consumer = Process([sys.executable, "manage.py", "run_huey"], environment, sqlite_site / "consumer.log")
    try:
        def report_status():
            with sqlite3.connect(sqlite_site / "corridor.sqlite3", timeout=10) as database:
                return database.execute("SELECT status FROM consultations_report WHERE id = ?",
                                        (asked["report"],)).fetchone()[0]

        wait_until(lambda: report_status() == "ready", 120, f"the consumer to write the report\n{consumer.output()}")
    finally:
        consumer.stop()
    assert redis.llen("huey.redis.corridor") == 0
