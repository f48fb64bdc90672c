"""Soak: the production server (gunicorn with deploy/gunicorn.conf.py) under a steady mixed load for a long
time, by default 10 minutes at 100 requests a second on loopback: searches, service pages, a consultation's
page and the JSON API, and one request in ten a contribution posted over the API. Reports errors (target 0),
latency (p50/p99, measured from the moment each request was due, so that a stalled server is not hidden by
clients waiting for it), the throughput achieved, and the memory (RSS) of the server's processes after a
warm-up and at the end, workers never replaced meanwhile (GUNICORN_MAX_REQUESTS=0), so that growth shows.

    python bench/soak.py --data-dir DIR [--seconds 600] [--rate 100] [--workers 2]

uses (or fills, with --services generated services) the data directory; bench/run.py calls `run()` on the
bench's database after its other measures."""
import argparse
import http.client
import json
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = {"errors": 0, "latency_p99_ms": 500}
WRITE_SHARE = 0.1
CLIENTS = 32  # threads sending the requests that are due; more than the server can have in flight
WARM_UP_SECONDS = 15
SEED = 11


def log(message):
    print(f"[soak] {message}", file=sys.stderr, flush=True)


def prepare() -> dict:
    """In the current database: an open consultation to contribute to and a member's API token (new ones on
    every run), and the pages to read. Returns {"reads": [paths], "write": path, "token": key}."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from corridor.accounts.models import ApiToken
    from corridor.consultations.models import Consultation, Question
    from corridor.directory.models import Service
    from corridor.territories.models import Territory

    now = timezone.now()
    slug = f"soak-{int(now.timestamp())}"
    consultation = Consultation.objects.create(
        slug=slug, title="Ce qui aide à l'arrivée", description="Un test d'endurance.",
        kind=Consultation.Kind.E_DISCUSSION, status=Consultation.Status.OPEN,
        visibility=Consultation.Visibility.PUBLIC, languages=["fr", "en"], content_language="fr",
        territory=Territory.objects.order_by("pk").first(), opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30))
    Question.objects.create(consultation=consultation, number=1, text="Qu'est-ce qui vous a aidé en arrivant ?")
    member, _created = get_user_model().objects.get_or_create(username="soak", defaults={"email": "soak@example.org"})
    _token, key = ApiToken.issue(member, slug)
    services = list(Service.objects.order_by("?").values_list("uuid", flat=True)[:200])
    reads = [*(f"/{language}/services/{uuid}/" for uuid, language in zip(services, ["fr", "en", "es", "ar"] * 50)),
             f"/fr/consultations/{slug}/", f"/api/v1/consultations/{slug}/contributions/?limit=20",
             "/api/v1/services/?limit=20", "/api/v1/organisations/?limit=20", "/en/library/", "/fr/consultations/"]
    return {"reads": reads, "write": f"/api/v1/consultations/{slug}/contributions/", "token": key}


def contribution(number: int, rng: random.Random) -> bytes:
    """A plausible answer in French, English or Spanish, different every time (its language is detected)."""
    language = rng.choice(["fr", "en", "es"])
    text = {
        "fr": f"Les cours de français du soir m'ont aidée à trouver un emploi après {number % 30 + 2} mois. "
              "Il manque une permanence juridique le samedi et une garde d'enfants pendant les cours.",
        "en": f"The evening language classes helped me find work after {number % 30 + 2} months. "
              "What is missing is legal advice on Saturdays and childcare during the classes.",
        "es": f"Las clases de francés por la tarde me ayudaron a encontrar trabajo después de {number % 30 + 2} "
              "meses. Falta asesoría jurídica los sábados y cuidado de niños durante las clases.",
    }[language]
    return json.dumps({"body": f"{text} (#{number})", "questions": [1]}).encode()


class Load:
    """Open loop: request i is due at start + i / rate whatever the server's pace; CLIENTS threads send the
    requests that are due."""

    def __init__(self, port: int, plan: dict, rate: float, searches: list[str]):
        self.port, self.plan, self.rate = port, plan, rate
        self.reads = [*searches, *plan["reads"]]
        self.due: queue.Queue = queue.Queue()
        self.results = []  # (due, finished, kind, status or error)
        self.lock = threading.Lock()
        self.rng = random.Random(SEED)

    def _send(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            headers = {"Accept-Encoding": "gzip"}
            if body is not None:
                headers.update({"Authorization": f"Bearer {self.plan['token']}", "Content-Type": "application/json"})
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException) as error:
            return type(error).__name__
        finally:
            connection.close()

    def _client(self):
        while True:
            item = self.due.get()
            if item is None:
                return
            due, kind, path, body = item
            status = self._send("POST" if body else "GET", path, body)
            with self.lock:
                self.results.append((due, time.monotonic(), kind, status))

    def run(self, seconds: float) -> list:
        """Send requests for `seconds`; returns the results of those due in that time."""
        clients = [threading.Thread(target=self._client, daemon=True) for _ in range(CLIENTS)]
        for client in clients:
            client.start()
        start, count = time.monotonic(), int(seconds * self.rate)
        for index in range(count):
            due = start + index / self.rate
            time.sleep(max(0.0, due - time.monotonic()))
            if self.rng.random() < WRITE_SHARE:
                number = self.rng.randrange(10**9)
                self.due.put((due, "write", self.plan["write"], contribution(number, self.rng)))
            else:
                self.due.put((due, "read", self.rng.choice(self.reads), None))
        for _client in clients:
            self.due.put(None)
        for client in clients:
            client.join(timeout=120)
        with self.lock:
            results, self.results = self.results, []
        return results


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def server_memory(master: int) -> dict:
    """RSS in MiB of gunicorn's master and each worker."""
    workers = [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    return {"master_mib": round(rss_kib(master) / 1024, 1),
            "workers_mib": [round(rss_kib(pid) / 1024, 1) for pid in sorted(workers)],
            "total_mib": round((rss_kib(master) + sum(rss_kib(pid) for pid in workers)) / 1024, 1)}


def _latencies(results: list) -> dict:
    latencies = sorted((finished - due) * 1000 for due, finished, _kind, _status in results)
    if not latencies:
        return {}
    at = lambda fraction: round(latencies[min(len(latencies) - 1, int(round(fraction * (len(latencies) - 1))))], 1)
    return {"p50": round(statistics.median(latencies), 1), "p99": at(0.99), "max": round(latencies[-1], 1)}


def summary(results: list, seconds: float) -> dict:
    errors = {}
    for _due, _finished, kind, status in results:
        if status not in (200, 201):
            errors[f"{kind} {status}"] = errors.get(f"{kind} {status}", 0) + 1
    latency = _latencies(results)
    return {"requests": len(results), "writes": sum(1 for r in results if r[2] == "write"),
            "errors": sum(errors.values()), "errors_by_kind": errors,
            "requests_per_second": round(len(results) / seconds, 1),
            "latency_p50_ms": latency.get("p50"), "latency_p99_ms": latency.get("p99"),
            "latency_max_ms": latency.get("max"),
            "latency_ms_by_kind": {kind: _latencies([r for r in results if r[2] == kind]) for kind in ("read", "write")}}


def run(seconds: int, rate: float, workers: int, searches: list[str]) -> dict:
    """Soak the server started here on the current database (Django set up by the caller)."""
    from bench.run import free_port, wait_for

    plan = prepare()
    port = free_port()
    environment = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers),
                   "GUNICORN_MAX_REQUESTS": "0", "GUNICORN_ACCESS_LOG": "/dev/null", "GUNICORN_LOG_LEVEL": "warning",
                   "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    # Its output goes to stderr: stdout carries the figures.
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "corridor.wsgi", "-c", "deploy/gunicorn.conf.py"],
                              cwd=ROOT, env=environment, start_new_session=True, stdout=sys.stderr)
    try:
        wait_for(f"http://127.0.0.1:{port}{plan['reads'][0]}")
        load = Load(port, plan, rate, searches)
        log(f"warming up for {WARM_UP_SECONDS}s at {rate} requests/s")
        warm_up = summary(load.run(WARM_UP_SECONDS), WARM_UP_SECONDS)
        memory_start = server_memory(server.pid)
        log(f"soaking for {seconds}s at {rate} requests/s ({workers} workers, RSS {memory_start['total_mib']} MiB)")
        started = time.monotonic()
        results = load.run(seconds)
        elapsed = time.monotonic() - started
        memory_end = server_memory(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    figures = {"seconds": seconds, "rate_asked": rate, "workers": workers, "write_share": WRITE_SHARE,
               **summary(results, elapsed), "warm_up_errors": warm_up["errors"],
               "memory_start": memory_start, "memory_end": memory_end,
               "memory_growth_mib": round(memory_end["total_mib"] - memory_start["total_mib"], 1),
               "targets": {**TARGETS, "requests_per_second": rate}}
    figures["pass"] = {"errors": figures["errors"] == 0,
                       "latency_p99_ms": figures["latency_p99_ms"] < TARGETS["latency_p99_ms"],
                       "requests_per_second": figures["requests_per_second"] >= 0.98 * rate}
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--services", type=int, default=10_000, help="generated when the directory is empty")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(CORRIDOR_DATA_DIR=str(args.data_dir), DJANGO_SETTINGS_MODULE="corridor.settings", DEBUG="0",
                      LOG_LEVEL="ERROR")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate import generate
    from bench.run import queries, query_url
    from corridor.directory.models import Service
    from corridor.territories.models import Territory

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    if Service.objects.exists():
        cities = list(Territory.objects.filter(kind="city"))
    else:
        log(f"generating {args.services} services")
        cities, _seconds = generate(args.services, args.services // 20, 20)
    print(json.dumps(run(args.seconds, args.rate, args.workers, [query_url(q) for q in queries(cities)]), indent=2))


if __name__ == "__main__":
    main()
