"""Published practices in the JSON API, searched and filtered like the pages, documented in OpenAPI."""
import pytest

from corridor.library.models import GoodPractice


@pytest.fixture
def practices(make_practice, organisations, territories):
    desk = make_practice(
        "Welcome desk", terms=[("category", "information"), ("phase", "destination")], sectors=["social-inclusion"],
        sdg_targets=["10.7"], organisations=[organisations["caritas"]], territories=[territories["lausanne"]],
        translations={"fr": {"title": "Guichet d'accueil", "outputs": "320 personnes accueillies."},
                      "es": {"title": "Ventanilla (borrador)"}},
        translation_status={"fr": "published", "es": "draft"}, website="https://example.org/desk")
    clinic = make_practice("Health clinic", country_code="TN", objectives="Care for everyone.",
                           activities="A clinic open without appointment.", outputs="2,000 consultations.",
                           terms=[("category", "health")], sectors=["health"],
                           translations={"fr": {"title": "Un centre de santé"}})
    draft = make_practice("Draft desk", status=GoodPractice.Status.DRAFT, terms=[("category", "information")])
    return {"desk": desk, "clinic": clinic, "draft": draft}


def test_only_published_practices_are_listed(client, users, practices):
    client.force_login(users["platform"])
    listed = client.get("/api/v1/practices/").json()
    assert listed["count"] == 2
    assert {item["title"] for item in listed["results"]} == {"Welcome desk", "Health clinic"}
    assert client.get(f"/api/v1/practices/{practices['draft'].uuid}/").status_code == 404


def test_filters_and_full_text_in_the_language_asked(client, practices):
    def titles(query):
        return [item["title"] for item in client.get(f"/api/v1/practices/?{query}").json()["results"]]

    assert titles("category=health") == ["Health clinic"]
    assert titles("sdg=10.7&sector=social-inclusion") == ["Welcome desk"]
    assert titles("country=tn") == ["Health clinic"]
    assert titles("q=santé&lang=fr") == ["Un centre de santé"]
    assert titles("q=guichet&lang=fr") == ["Guichet d'accueil"]
    assert client.get("/api/v1/practices/?sdg=migration").status_code == 400
    assert client.get("/api/v1/practices/?sector=tourism").status_code == 400


def test_a_practice_in_the_language_of_the_response(client, practices):
    body = client.get(f"/api/v1/practices/{practices['desk'].uuid}/?lang=fr").json()
    assert body["title"] == "Guichet d'accueil"
    assert body["texts"]["outputs"] == "320 personnes accueillies." and body["languages"]["outputs"] == "fr"
    assert body["texts"]["objectives"].startswith("Help newcomers") and body["languages"]["objectives"] == "en"
    assert body["translations"] == {"fr": {"title": "Guichet d'accueil", "outputs": "320 personnes accueillies."}}
    assert body["categories"] == ["information"] and body["phases"] == ["destination"]
    assert body["organisations"][0]["name"] == "Caritas Vaud"
    assert body["territories"] == [{"path": "ch/vaud/lausanne/", "name": "Lausanne", "country_code": "CH"}]
    assert body["from_contribution"] is None and body["website"] == "https://example.org/desk"
    assert body["page"].endswith(f"/library/{practices['desk'].uuid}/")


def test_similar_practices(client, practices, make_practice):
    make_practice("Information desk for newcomers", terms=[("category", "information"), ("phase", "destination")],
                  sectors=["social-inclusion"])
    ranked = client.get(f"/api/v1/practices/{practices['desk'].uuid}/similar/").json()
    assert ranked[0]["practice"]["title"] == "Information desk for newcomers"
    assert 0 < ranked[0]["similarity"] <= 1


def test_reading_only(client, users, practices):
    client.force_login(users["platform"])
    assert client.post("/api/v1/practices/", {"title": "x"}).status_code == 405


def test_the_schema_documents_the_endpoints(client, db):
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/v1/practices/", "/api/v1/practices/{uuid}/", "/api/v1/practices/{uuid}/similar/"} <= set(
        schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/practices/"]["get"]["parameters"]}
    assert {"q", "sdg", "sector", "country", "category", "lang"} <= parameters
