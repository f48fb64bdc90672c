"""Coordination at scale: initiatives added to the directory that bench/run.py generated (bulk inserts), then
the coverage matrix of the largest city and of the largest region (the page through Django's test client,
p50/p95 over 20 renders, and the calculation alone) and the detection of possible overlaps in them. The
targets apply to the city, the territory the generated services belong to; the region is for information.

`measure(cities, initiatives)` is called by bench/run.py in its database and returns the JSON figures."""
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta

from bench.generate import DETAILS, WHAT

TARGETS = {"coverage_page_p95_ms": 300, "overlaps_seconds": 10}
RENDERS = 20
BATCH = 2000
SEED = 11
PHASES = ["destination"] * 6 + ["pre-departure", "pre-decision"]  # as bench/generate.py's services
STATUSES = ["implementation"] * 12 + ["finalisation"] * 2 + ["pipeline"] * 3 + ["closed"] * 2 + ["suspended"]
LANGUAGES = ("fr", "en", "es", "ar")
PROJECT = {"fr": "Projet", "en": "Project", "es": "Proyecto", "ar": "مشروع"}
DESCRIPTION = {
    "fr": "{what} {detail} à {city}, avec des partenaires associatifs, des permanences et des ateliers.",
    "en": "{what} in {city} ({detail}), run with community partners through drop-in desks and workshops.",
    "es": "{what} en {city} ({detail}), con socios asociativos, permanencias y talleres.",
    "ar": "{what} في {city} ({detail}) مع شركاء من الجمعيات "
          "عبر مكاتب استقبال وورش عمل.",
}


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def generate(cities, count: int, seed: int = SEED) -> None:
    """`count` initiatives spread over the cities, led by their organisations, classified like services."""
    from corridor.coordination.models import Initiative
    from corridor.directory.models import Organisation, TaxonomyTerm
    from corridor.directory.vocabularies import CATEGORY, TARGET_GROUP

    rng = random.Random(seed)
    terms = {(v, c): pk for pk, v, c in TaxonomyTerm.objects.values_list("pk", "vocabulary", "code")}
    by_city = {}
    for pk, territory_id in Organisation.objects.values_list("pk", "territory_id"):
        by_city.setdefault(territory_id, []).append(pk)
    cities = [city for city in cities if city.pk in by_city]
    Link = Initiative.terms.through
    today = date.today()
    for start in range(0, count, BATCH):
        initiatives, classification = [], []
        for _ in range(min(BATCH, count - start)):
            city = rng.choice(cities)
            category = rng.choice(CATEGORY.terms)[0]
            categories = {category, rng.choice(CATEGORY.terms)[0]} if rng.random() < 0.2 else {category}
            phase = "return" if category == "reintegration" else rng.choice(PHASES)
            group = rng.choice(TARGET_GROUP.terms)[0]
            language = rng.choice(LANGUAGES)
            what, detail = WHAT[category][LANGUAGES.index(language)], rng.choice(DETAILS)
            begins = today - timedelta(days=rng.randint(-365, 3 * 365))
            partner = rng.choice(cities) if rng.random() < 0.1 else None
            initiatives.append(Initiative(
                uuid=uuid.uuid4(), title=f"{PROJECT[language]} {what} – {city.name} {start + len(initiatives)}",
                description=DESCRIPTION[language].format(what=what, detail=detail, city=city.name),
                content_language=language, lead_organisation_id=rng.choice(by_city[city.pk]), territory=city,
                partner_territory=partner if partner != city else None, status=rng.choice(STATUSES),
                start_date=begins,
                end_date=begins + timedelta(days=rng.randint(180, 4 * 365)) if rng.random() < 0.8 else None,
                planned_beneficiaries=rng.randint(20, 2000),
                actual_beneficiaries=rng.choice([None, rng.randint(0, 1500)]),
                budget=rng.randint(10, 900) * 1000, currency="CHF"))
            classification.append([("phase", phase), ("target_group", group)] + [("category", c) for c in categories])
        Initiative.objects.bulk_create(initiatives)
        # bulk_create sets primary keys on SQLite and PostgreSQL alike.
        Link.objects.bulk_create([Link(initiative_id=initiative.pk, taxonomyterm_id=terms[term])
                                  for initiative, wanted in zip(initiatives, classification) for term in wanted])


def _largest(kind: str):
    from django.db.models import Count

    from corridor.directory.models import Service
    from corridor.territories.models import Territory

    sizes = {}
    for path, count in Service.objects.values_list("territory__path").annotate(n=Count("pk")).order_by():
        for territory in Territory.objects.filter(kind=kind).only("path"):
            if path.startswith(territory.path):
                sizes[territory.pk] = sizes.get(territory.pk, 0) + count
    return Territory.objects.get(pk=max(sizes, key=sizes.get)) if sizes else None


def _timed(function, repeat: int) -> dict:
    """p50/p95 of wall-clock milliseconds, with the CPU time of this process beside them: on a shared machine
    the difference is time spent waiting for a processor."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {"p50": round(statistics.median(wall), 1), "p95": round(percentile(wall, 0.95), 1),
            "cpu_p50": round(statistics.median(cpu), 1), "cpu_p95": round(percentile(cpu, 0.95), 1), "runs": repeat}


def measure_territory(territory) -> dict:
    from urllib.parse import urlencode

    from django.test import Client

    from corridor.coordination import coverage, overlaps
    from corridor.coordination.models import Initiative
    from corridor.directory.models import Service

    client = Client(HTTP_HOST="127.0.0.1")
    url = "/en/coordination/coverage/?" + urlencode({"territory": territory.path})
    assert client.get(url).status_code == 200  # warm the templates and the connection
    pages = _timed(lambda: client.get(url), RENDERS)
    computations = _timed(lambda: coverage.coverage(territory), RENDERS)
    result = coverage.coverage(territory)
    started, started_cpu = time.perf_counter(), time.process_time()
    found = overlaps.find(territory)
    overlap_seconds, overlap_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    return {
        "territory": territory.path, "kind": territory.kind,
        "services": Service.objects.filter(territory__path__startswith=territory.path).count(),
        "initiatives": Initiative.objects.filter(coverage.initiative_filter(territory)).count(),
        "counted": {"services": result.total.services, "stale_services": result.total.stale_services,
                    "initiatives": result.total.initiatives},
        "coverage_page_ms": pages, "coverage_computation_ms": computations,
        "overlaps": {"seconds": round(overlap_seconds, 2), "cpu_seconds": round(overlap_cpu, 2), "pairs": len(found),
                     "min_similarity": overlaps.DEFAULT_MIN_SIMILARITY},
    }


def measure(cities, initiatives: int = 20_000) -> dict:
    from django.db import connection

    from corridor.coordination.models import Initiative

    generation_seconds = None
    if not Initiative.objects.exists():
        log(f"generating {initiatives} initiatives")
        started = time.perf_counter()
        generate(cities, initiatives)
        with connection.cursor() as cursor:  # planner statistics, as after the directory's import
            cursor.execute("ANALYZE")
        generation_seconds = round(time.perf_counter() - started, 1)
    figures = {"initiatives": Initiative.objects.count(), "generation_seconds": generation_seconds}
    for kind in ("city", "region"):
        territory = _largest(kind)
        if territory is not None:
            log(f"measuring coordination in the largest {kind}, {territory.path}")
            figures[f"largest_{kind}"] = measure_territory(territory)
    # The targets are for one territory of the generated country: a city, the unit its services are spread
    # over. A region (several cities) is measured too, for information.
    city = figures.get("largest_city")
    figures["targets"] = {**TARGETS, "measured_on": "largest_city"}
    figures["pass"] = {
        "coverage_page_p95_ms": city is not None and city["coverage_page_ms"]["p95"] < TARGETS["coverage_page_p95_ms"],
        "overlaps_seconds": city is not None and city["overlaps"]["seconds"] < TARGETS["overlaps_seconds"],
    }
    return figures
