"""`make bench`: generate a directory at scale and print performance figures as JSON on stdout.

Figures: HSDS import time, server-side search latency (p50/p95 over 20 varied queries with filters),
throughput of the production server (gunicorn) under 32 concurrent clients on loopback (wrk), and the
transferred size of a search page; the coverage matrix and overlap detection of a territory once a fifth as
many initiatives as services are added (bench/coordination.py); then the consolidation of a 10,000-contribution
consultation (bench/consultations.py, in its own process so that its peak memory is its own). Before that, on
the directory's database, a soak of the production server: 10 minutes of mixed reads and writes at 100
requests/s (bench/soak.py; --soak-seconds 0 leaves it out). Progress goes to stderr."""
import argparse
import gzip
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = {"search_p95_ms": 50, "requests_per_second": 300, "hsds_import_seconds": 90, "search_page_gzip_kb": 40}


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def queries(cities):
    """20 varied searches a person would make: text in four languages, filters, place and distance."""
    from corridor.directory.search import ServiceQuery

    lausanne_like = cities[0]
    other = cities[len(cities) // 2]
    point = (lausanne_like.latitude, lausanne_like.longitude)
    return [
        ServiceQuery(text="cours de français", language="fr"),
        ServiceQuery(text="French course", language="en", free_only=True),
        ServiceQuery(text="vivienda", language="es"),
        ServiceQuery(text="سكن", language="ar"),
        ServiceQuery(text="conseil juridique", language="fr", territory=lausanne_like),
        ServiceQuery(text="legal advice", language="en", spoken_language="ar"),
        ServiceQuery(category="health", target_group="refugees"),
        ServiceQuery(phase="return", language="en"),
        ServiceQuery(category="language", open_now=True),
        ServiceQuery(category="employment", open_on="SA"),
        ServiceQuery(spoken_language="ti", territory=other),
        ServiceQuery(near=point, radius_km=5),
        ServiceQuery(near=point, radius_km=3, category="housing"),
        ServiceQuery(text="santé", language="fr", near=point, radius_km=10),
        ServiceQuery(territory=other, free_only=True),
        ServiceQuery(text="interpretación", language="es", target_group="asylum-seekers"),
        ServiceQuery(text="استشارة", language="ar", territory=lausanne_like),
        ServiceQuery(category="family", spoken_language="fr", free_only=True),
        ServiceQuery(text="emploi", language="fr", phase="destination", target_group="women"),
        ServiceQuery(),
    ]


def query_url(query):
    from urllib.parse import urlencode

    params = {"q": query.text, "phase": query.phase, "category": query.category, "group": query.target_group,
              "lang": query.spoken_language, "free": "on" if query.free_only else "",
              "open": "now" if query.open_now else query.open_on,
              "territory": query.territory.path if query.territory else "",
              "near": f"{query.near[0]},{query.near[1]}" if query.near else "",
              "radius": query.radius_km or ""}
    return f"/{query.language}/services/?" + urlencode({k: v for k, v in params.items() if v})


def measure_search(cities, repeat):
    from corridor.directory import search

    timings = []
    for query in queries(cities):
        for _ in range(repeat):
            started = time.perf_counter()
            search.search(query)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure_pages(urls, repeat):
    from django.test import Client

    client, timings = Client(HTTP_HOST="127.0.0.1"), []
    for url in urls:
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return timings


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=120):  # workers load the whole application first: long on a busy machine
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


def run_load(base, urls, duration, clients, workdir):
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    script = workdir / "rotate.lua"
    script.write_text(
        "local urls = {" + ",".join(json.dumps(u) for u in urls) + "}\n"
        "local i = 0\n"
        "request = function() i = i % #urls + 1; return wrk.format('GET', urls[i]) end\n"
        "done = function(summary, latency, requests)\n"
        "  io.write(string.format('JSON{\"requests\":%d,\"duration_us\":%d,\"errors\":%d,\"non2xx\":%d,"
        "\"p50\":%d,\"p99\":%d}\\n', summary.requests, summary.duration, summary.errors.connect + summary.errors.read"
        " + summary.errors.write + summary.errors.timeout, summary.errors.status, latency:percentile(50),"
        " latency:percentile(99)))\n"
        "end\n")
    output = subprocess.run([wrk, "-t2", f"-c{clients}", f"-d{duration}s", "-s", str(script), base],
                            capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.split("JSON", 1)[1].splitlines()[0])
    return {
        "requests_per_second": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "requests": figures["requests"], "errors": figures["errors"] + figures["non2xx"],
        "latency_p50_ms": round(figures["p50"] / 1000, 1), "latency_p99_ms": round(figures["p99"] / 1000, 1),
        "clients": clients, "seconds": duration,
    }


def measure_consultations() -> dict:
    output = subprocess.run([sys.executable, str(ROOT / "bench" / "consultations.py")], cwd=ROOT, check=True,
                            stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=5_000)
    parser.add_argument("--territories", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--initiatives", type=int, help="initiatives to add (default: a fifth of --services)")
    parser.add_argument("--soak-seconds", type=int, default=600, help="how long the soak lasts (0: no soak)")
    parser.add_argument("--soak-rate", type=float, default=100, help="requests per second during the soak")
    parser.add_argument("--soak-workers", type=int, default=2, help="gunicorn workers during the soak")
    parser.add_argument("--data-dir", type=Path,
                        help="keep the generated data here and reuse it on the next run (no import figure then)")
    args = parser.parse_args()

    workdir = args.data_dir or Path(tempfile.mkdtemp(prefix="corridor-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.update(CORRIDOR_DATA_DIR=str(workdir), DJANGO_SETTINGS_MODULE="corridor.settings", DEBUG="0",
                      LOG_LEVEL="ERROR")
    os.environ.pop("DATABASE_URL", None)
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        from bench.generate import generate
        from corridor.directory.models import Organisation, Service
        from corridor.territories.models import Territory

        if Service.objects.exists():
            log(f"reusing the data in {workdir}")
            cities, import_seconds, generation_seconds = list(Territory.objects.filter(kind="city")), None, None
        else:
            log(f"generating {args.services} services, {args.organisations} organisations, "
                f"{args.territories} territories")
            started = time.perf_counter()
            cities, import_seconds = generate(args.services, args.organisations, args.territories)
            generation_seconds = time.perf_counter() - started

        counts = {"services": Service.objects.count(), "organisations": Organisation.objects.count()}
        log(f"data: {counts}; generation {generation_seconds}s, HSDS import {import_seconds}s")

        search_ms = measure_search(cities, args.repeat)
        urls = [query_url(q) for q in queries(cities)]
        page_ms = measure_pages(urls, max(1, args.repeat // 2))
        log("search measured; starting gunicorn")

        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "corridor.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
             "--worker-class", "sync", "--log-level", "warning", "--keep-alive", "5"],
            cwd=ROOT, env=os.environ.copy(), start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + urls[0])
        request = urllib.request.Request(base + urls[-1], headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            encoding = response.headers.get("Content-Encoding")
        html = gzip.decompress(raw) if encoding == "gzip" else raw
        page = {"bytes_transferred": len(raw), "content_encoding": encoding, "bytes_uncompressed": len(html),
                "results_on_page": html.count(b'class="result"'), "has_script": b"<script" in html}
        for url in urls:  # warm every worker's connections and template caches
            urllib.request.urlopen(base + url).read()
        load = run_load(base, urls, args.duration, args.clients, workdir)

        figures = {
            "data": {**counts, "territories": args.territories, "generation_seconds": generation_seconds and round(generation_seconds, 1)},
            "hsds_import_seconds": import_seconds and round(import_seconds, 1),
            "search_ms": {"p50": round(statistics.median(search_ms), 2), "p95": round(percentile(search_ms, 0.95), 2),
                          "max": round(max(search_ms), 2), "samples": len(search_ms)},
            "search_page_ms": {"p50": round(statistics.median(page_ms), 2), "p95": round(percentile(page_ms, 0.95), 2)},
            "throughput": load,
            "search_page": page,
            "targets": TARGETS,
        }
        figures["pass"] = {
            "search_p95_ms": figures["search_ms"]["p95"] < TARGETS["search_p95_ms"],
            "requests_per_second": load["requests_per_second"] >= TARGETS["requests_per_second"] and load["errors"] == 0,
            "hsds_import_seconds": import_seconds is not None and import_seconds < TARGETS["hsds_import_seconds"],
            "search_page_gzip_kb": len(raw) < TARGETS["search_page_gzip_kb"] * 1024 and not page["has_script"],
        }
        from bench.coordination import measure as measure_coordination

        figures_coordination = measure_coordination(cities, args.initiatives or args.services // 5)
        os.killpg(server.pid, signal.SIGTERM)  # the soak starts its own server, alone on the machine
        server.wait(timeout=30)
        server = None
        from bench.soak import run as soak

        figures_soak = soak(args.soak_seconds, args.soak_rate, args.soak_workers, urls) if args.soak_seconds else None
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if args.data_dir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    log("directory measured; consolidating a consultation")
    print(json.dumps({"directory": figures, "consultations": measure_consultations(),
                      "coordination": figures_coordination, "soak": figures_soak}, indent=2))


if __name__ == "__main__":
    main()
