"""Possible overlaps: which pairs are compared (same cell, place and time), their order by similarity, the
reviews that take a pair out of the list, and who may see and review them."""
from datetime import date

import pytest
from django.utils import timezone

from corridor.coordination import overlaps
from corridor.coordination.models import Initiative, OverlapReview

from .initiative_data import make_initiative

ACTIVE = Initiative.Status.IMPLEMENTATION
LANGUAGE = {"phase": ["destination"], "category": ["language"]}
EMPLOYMENT = {"phase": ["destination"], "category": ["employment"]}

COURSE = "Cours de français pour adultes débutants, deux fois par semaine, avec garderie pour les enfants."


@pytest.fixture
def courses(territories, organisations, make_service):
    """Lausanne, destination × language × whole population, unless said otherwise."""
    caritas, appartenances = organisations["caritas"], organisations["appartenances"]
    now = timezone.now()

    def course(organisation, name, description, **fields):
        return make_service(organisation, name, description, phases=fields.pop("phases", ["destination"]),
                            categories=fields.pop("categories", ["language"]), last_verified_at=now, **fields)

    return {
        "a": course(caritas, "Cours de français", COURSE),
        "b": course(appartenances, "Français pour débutants", COURSE.replace(", avec garderie pour les enfants", "")),
        "c": course(appartenances, "Conversation", "Atelier de conversation le samedi matin autour d'un café."),
        # The same text elsewhere, or in another category: another block.
        "renens": course(caritas, "Cours de français", COURSE, territory=territories["renens"]),
        "education": course(caritas, "Cours de français", COURSE, categories=["education"]),
        "project": make_initiative(caritas, "Cours de français pour mères", status=Initiative.Status.PIPELINE,
                                   description="Cours de français pour adultes débutants avec garderie, le mardi.",
                                   terms={**LANGUAGE, "target_group": ["everyone"]}),
        "closed": make_initiative(caritas, "Cours de français", status=Initiative.Status.CLOSED, description=COURSE,
                                  terms=LANGUAGE),
        # Two initiatives of the same block in successive years do not overlap in time.
        "2030": make_initiative(appartenances, "Mentorat 2030", status=ACTIVE, terms=EMPLOYMENT,
                                description="Mentorat vers l'emploi, un soir par semaine", start_date=date(2030, 1, 1),
                                end_date=date(2030, 12, 31)),
        "2031": make_initiative(appartenances, "Parrainage 2031", status=ACTIVE, terms=EMPLOYMENT,
                                description="Parrainage professionnel avec des entreprises du quartier",
                                start_date=date(2031, 1, 1)),
        "open": make_initiative(caritas, "Mentorat", status=ACTIVE, terms=EMPLOYMENT,
                                description="Mentorat vers l'emploi pour les jeunes"),
    }


def key(record) -> str:
    """The key of a record among the entries of the calculations."""
    return f"{'service' if hasattr(record, 'organisation') else 'initiative'}:{record.pk}"


def pairs(found) -> list[set]:
    return [{overlap.first.key, overlap.second.key} for overlap in found]


def test_pairs_are_found_within_blocks_and_ranked_by_similarity(territories, courses):
    found = overlaps.find(territories["vaud"], min_similarity=0)
    names = {key(record): name for name, record in courses.items()}
    assert [sorted(names[k] for k in pair) for pair in pairs(found)] == [
        ["a", "b"],  # the same course, one sentence shorter
        ["a", "project"],  # a service and a planned initiative
        ["b", "project"],
        ["2030", "open"],
        ["c", "project"],  # same cell, nothing alike
        ["a", "c"],
        ["b", "c"],
        ["2031", "open"],
    ]
    similarities = [overlap.similarity for overlap in found]
    assert similarities == sorted(similarities, reverse=True) and similarities[0] > 0.8 > 0.1 > similarities[-1]
    first = found[0]
    assert first.blocks == [("destination", "language", "everyone", "ch/vaud/lausanne/")]


def test_the_threshold_keeps_the_alike(territories, courses):
    found = overlaps.find(territories["vaud"], min_similarity=0.5)
    assert {frozenset(p) for p in pairs(found)} >= {frozenset({key(courses["a"]), key(courses["b"])})}
    assert all(overlap.similarity >= 0.5 for overlap in found)
    assert key(courses["c"]) not in {k for pair in pairs(found) for k in pair}


def test_blocks_never_mix_places_cells_or_years(territories, courses):
    found = {frozenset(p) for p in pairs(overlaps.find(territories["ch"], min_similarity=0))}
    for other in ("renens", "education", "closed"):
        assert not any(key(courses[other]) in pair and key(courses["a"]) in pair for pair in found)
    assert frozenset({key(courses["2030"]), key(courses["2031"])}) not in found


def test_a_reviewed_pair_does_not_come_back(territories, courses, users):
    first, second = sorted(overlaps.review_key(courses[name]) for name in ("a", "project"))
    assert first.startswith("initiative:") and second == f"service:{courses['a'].uuid}"
    OverlapReview.objects.create(territory=territories["vaud"], first=first, second=second,
                                 decision=OverlapReview.Decision.COMPLEMENTARY, reviewed_by=users["vaud_admin"])
    pair = {key(courses["a"]), key(courses["project"])}
    assert pair not in pairs(overlaps.find(territories["vaud"], min_similarity=0))
    assert pair in pairs(overlaps.find(territories["vaud"], min_similarity=0, include_reviewed=True))


def test_overlaps_page_is_for_the_territory_admins(client, territories, courses, users):
    url = "/en/coordination/overlaps/"
    assert client.get(url, {"territory": "ch/vaud/"}).status_code == 302
    for user in ("caritas", "geneva_admin"):
        client.force_login(users[user])
        assert client.get(url, {"territory": "ch/vaud/"}).status_code == 403
    client.force_login(users["vaud_admin"])
    response = client.get(url, {"territory": "ch/vaud/", "similarity": "0.5"})
    assert response.status_code == 200
    assert {key(courses["a"]), key(courses["b"])} == {response.context["pairs"][0]["overlap"].first.key,
                                                      response.context["pairs"][0]["overlap"].second.key}
    assert client.get(url, {"territory": "ch/"}).status_code == 403  # Vaud's admin, not Switzerland's


def test_recording_a_decision(client, territories, courses, users):
    client.force_login(users["vaud_admin"])
    url = "/en/coordination/overlaps/?territory=ch/vaud/&similarity=0"
    a, b = overlaps.review_key(courses["a"]), overlaps.review_key(courses["b"])
    # No decision chosen: the page comes back with the error and the note typed.
    response = client.post(url, {"first": b, "second": a, "note": "Same room, same day"})
    assert response.status_code == 200 and not OverlapReview.objects.exists()
    pair = next(p for p in response.context["pairs"] if {p["first"], p["second"]} == {courses["a"], courses["b"]})
    assert pair["form"].errors["decision"] and "Same room, same day" in response.content.decode()
    response = client.post(url, {"first": b, "second": a, "decision": "overlap", "note": "Same room, same day"})
    assert response.status_code == 302
    review = OverlapReview.objects.get()
    assert (review.first, review.second, review.decision, review.reviewed_by) == (
        min(a, b), max(a, b), "overlap", users["vaud_admin"])
    assert {courses["a"], courses["b"]} not in [{p["first"], p["second"]} for p in client.get(url).context["pairs"]]
    # Deciding again changes the decision; reopening brings the pair back.
    client.post(url, {"first": a, "second": b, "decision": "complementary"})
    assert OverlapReview.objects.get().decision == "complementary"
    reviewed = client.get("/en/coordination/overlaps/reviewed/", {"territory": "ch/vaud/"})
    assert "Complementary" in reviewed.content.decode() and "Cours de français" in reviewed.content.decode()
    client.force_login(users["geneva_admin"])
    assert client.post(f"/en/coordination/overlaps/reviewed/{review.pk}/reopen/").status_code == 403
    client.force_login(users["vaud_admin"])
    assert client.post(f"/en/coordination/overlaps/reviewed/{review.pk}/reopen/").status_code == 302
    assert not OverlapReview.objects.exists()


def test_a_decision_on_records_outside_the_territory_is_refused(client, territories, organisations, users,
                                                                  make_service):
    geneva = [make_service(organisations["geneva_cso"], f"Cours {n}", COURSE, phases=["destination"],
                           categories=["language"]) for n in (1, 2)]
    client.force_login(users["vaud_admin"])
    response = client.post("/en/coordination/overlaps/?territory=ch/vaud/", {
        "first": overlaps.review_key(geneva[0]), "second": overlaps.review_key(geneva[1]), "decision": "overlap"})
    assert response.status_code == 403 and not OverlapReview.objects.exists()
