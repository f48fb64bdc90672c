"""Possible duplicate services: two entries of the same provider, or at the same place, whose names
and descriptions read alike. Comparing only within such blocks keeps the work linear in practice."""
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .models import Service, ServiceAtLocation

THRESHOLD = 0.5


@dataclass
class DuplicatePair:
    first: Service
    second: Service
    score: float
    reason: str


def _text(service: Service) -> str:
    return f"{service.name} {service.name} {service.description}".lower()


def possible_duplicates(services, threshold: float = THRESHOLD) -> list[DuplicatePair]:
    services = {s.pk: s for s in services.select_related("organisation")}
    if len(services) < 2:
        return []
    blocks = defaultdict(set)
    for service in services.values():
        blocks[("provider", service.organisation_id)].add(service.pk)
    # The same place is the same location record, or coordinates within about 100 m of each other.
    for service_id, location_id, latitude, longitude in ServiceAtLocation.objects.filter(
        service_id__in=services
    ).values_list("service_id", "location_id", "location__latitude", "location__longitude"):
        blocks[("place", location_id)].add(service_id)
        if latitude is not None:
            blocks[("place", (round(latitude, 3), round(longitude, 3)))].add(service_id)
    # Character n-grams see "Cours de français" and "Cours français" as close, across accents and typos.
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
    ids = list(services)
    matrix = vectorizer.fit_transform([_text(services[i]) for i in ids])
    row = {service_id: index for index, service_id in enumerate(ids)}
    seen, pairs = set(), []
    for (kind, _key), members in blocks.items():
        if len(members) < 2:
            continue
        members = sorted(members)
        similarity = cosine_similarity(matrix[[row[m] for m in members]])
        for (i, a), (j, b) in combinations(enumerate(members), 2):
            if (a, b) in seen or similarity[i, j] < threshold:
                continue
            seen.add((a, b))
            pairs.append(DuplicatePair(services[a], services[b], float(similarity[i, j]),
                                       "same provider" if kind == "provider" else "same place"))
    return sorted(pairs, key=lambda p: -p.score)
