"""PostgreSQL restarts while gunicorn serves reads and writes (contributions posted over the API): during the
outage requests get a clean 503 (a page, or JSON for the API), never a 500; once the database is back every
request succeeds again; every contribution the clients sent is stored exactly once (they send again what got a
503, as the page asks them to; the intake keeps a contribution sent twice once)."""
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from functools import partial

import psycopg
import pytest

from tests.servers import Process, corridor_environment, free_port, python, wait_until

pytestmark = pytest.mark.servers

WRITERS, READERS = 2, 1


class Load:
    """Clients in threads, a few requests a second each. Writers post numbered contributions and send each
    again after a 503 until it is accepted; readers alternate a page and an API list."""

    def __init__(self, base: str, slug: str, token: str):
        self.base, self.slug, self.token = base, slug, token
        self.responses = []  # (started, kind, status, body)
        self.accepted = {}  # number -> status of the answer that accepted it
        self.lock, self.stopping, self.numbers = threading.Lock(), threading.Event(), iter(range(1, 10**6))
        self.threads = [threading.Thread(target=self._write, daemon=True) for _ in range(WRITERS)] + \
                       [threading.Thread(target=self._read, daemon=True) for _ in range(READERS)]
        for thread in self.threads:
            thread.start()

    def _request(self, kind: str, request: urllib.request.Request) -> int:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        with self.lock:
            self.responses.append((started, kind, status, body.decode(errors="replace")))
        return status

    def _write(self):
        while not self.stopping.is_set():
            with self.lock:
                number = next(self.numbers)
            body = json.dumps({"body": f"Les cours du soir m'ont aidé à trouver un emploi (réf. F{number:05d}).",
                               "language": "fr", "questions": [1]}).encode()
            while True:  # a contribution started is sent until accepted, even while stopping
                status = self._request("write", urllib.request.Request(
                    f"{self.base}/api/v1/consultations/{self.slug}/contributions/", data=body, method="POST",
                    headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}))
                if status != 503:
                    break
                time.sleep(0.2)
            if status in (200, 201):
                with self.lock:
                    self.accepted[number] = status
            time.sleep(0.1)

    def _read(self):
        urls = [f"{self.base}/en/consultations/{self.slug}/", f"{self.base}/api/v1/consultations/{self.slug}/"]
        for index in range(10**6):
            if self.stopping.is_set():
                return
            url = urls[index % 2]
            self._request("page" if "/api/" not in url else "api", urllib.request.Request(url))
            time.sleep(0.1)

    def count(self, condition) -> int:
        with self.lock:
            return sum(1 for response in self.responses if condition(*response))

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_requests_fail_cleanly_while_postgresql_restarts_and_no_write_is_lost(postgres, tmp_path):
    environment = corridor_environment(tmp_path, DATABASE_URL=postgres.url, DEBUG="0")
    site = json.loads(python(environment, "-m", "tests.faults.open_consultation"))
    port = free_port()
    server = Process([sys.executable, "-m", "gunicorn", "corridor.wsgi", "-c", "deploy/gunicorn.conf.py"],
                     {**environment, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
                      "GUNICORN_ACCESS_LOG": "/dev/null"}, tmp_path / "gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(f"{base}/api/v1/consultations/"), 60, f"gunicorn to start\n{server.output()}")
        load = Load(base, site["slug"], site["token"])
        try:
            wait_until(lambda: len(load.accepted) >= 6, 60, "writes before the restart")
            stopped_at = time.monotonic()
            postgres.stop()
            for wanted in ("write", "page", "api"):  # each kind of request has met the outage
                wait_until(partial(load.count, lambda started, kind, status, body, wanted=wanted: status == 503
                                   and kind == wanted and started > stopped_at), 30, f"a {wanted} during the outage")
            postgres.start()
            restarted_at = time.monotonic()
            accepted_at_restart = len(load.accepted)
            wait_until(lambda: len(load.accepted) >= accepted_at_restart + 6, 60, "writes after the restart")
        finally:
            load.stop()
    finally:
        server.stop()

    statuses = {status for _started, _kind, status, _body in load.responses}
    assert statuses <= {200, 201, 503}, server.output()
    outage = [(kind, body) for started, kind, status, body in load.responses if status == 503]
    page = next(body for kind, body in outage if kind == "page")
    assert "<h1>Briefly unavailable</h1>" in page and "Traceback" not in page
    assert json.loads(next(body for kind, body in outage if kind == "write")) == {
        "detail": "Corridor cannot reach its database for a moment. Please try again in a minute."}
    after = [status for started, _kind, status, _body in load.responses if started > restarted_at]
    assert after and set(after) <= {200, 201}

    with psycopg.connect(postgres.url) as database:
        stored = [text for (text,) in database.execute("SELECT body_text FROM consultations_contribution")]
    numbers = sorted(int(text.split("réf. F")[1][:5]) for text in stored)
    assert numbers == sorted(load.accepted)  # each accepted write once, nothing else
    assert len(numbers) >= 12


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False
