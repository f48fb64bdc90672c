"""Published profiles and templates in the JSON API, documented in the OpenAPI schema."""
from datetime import date

import pytest

from corridor.profiles.models import Profile


@pytest.fixture
def draft(territories, make_profile):
    return make_profile(territories["lausanne"], 2025, [("resident_population", "", 1)], status=Profile.Status.DRAFT)


def test_only_published_profiles_are_listed_even_for_their_administrators(client, users, lausanne, draft):
    client.force_login(users["vaud_admin"])
    listed = client.get("/api/v1/profiles/").json()
    assert listed["count"] == 2
    assert {item["uuid"] for item in listed["results"]} == {str(lausanne[2023].uuid), str(lausanne[2024].uuid)}
    assert client.get(f"/api/v1/profiles/{draft.uuid}/").status_code == 404
    first = listed["results"][0]
    assert first["territory"]["path"] == "ch/vaud/lausanne/" and first["template"] == "local-migration-profile"
    assert first["page"].endswith(f"/profiles/{first['uuid']}/")


def test_filters(client, lausanne, territories, make_profile):
    make_profile(territories["geneva"], 2024, [("resident_population", "", 200000)])
    assert client.get("/api/v1/profiles/?territory=ch/vaud").json()["count"] == 2
    assert client.get("/api/v1/profiles/?year=2024").json()["count"] == 2
    assert client.get("/api/v1/profiles/?territory=ch/geneve&year=2023").json()["count"] == 0
    assert client.get("/api/v1/profiles/?year=soon").status_code == 400


def test_a_profile_with_its_figures_and_sources(client, lausanne):
    profile = client.get(f"/api/v1/profiles/{lausanne[2023].uuid}/?lang=fr").json()
    assert profile["period_start"] == str(date(2023, 1, 1)) and profile["currency"] == "CHF"
    figures = {figure["indicator"]: figure for figure in profile["figures"]}
    assert "diaspora_abroad" not in figures  # not reported
    foreign = figures["foreign_population"]
    assert foreign["total"] == 40000 and foreign["total_is_sum"] is False
    assert [(row["key"], row["label"], row["value"]) for row in foreign["breakdown"]] == [
        ("PT", "Portugal", 10000), ("FR", "France", 8000), ("ER", "Érythrée", 2000)]
    participants = figures["language_course_participants"]
    assert participants["total"] == 1000 and participants["total_is_sum"] and participants["total_source"] is None
    [source] = profile["sources"]
    assert source["name"] == "Statistique Vaud, population register"
    assert foreign["total_source"] == foreign["breakdown"][0]["source"] == source["id"]


def test_templates_with_labels_in_the_language_asked_for(client, template):
    found = client.get(f"/api/v1/profile-templates/{template.pk}/?lang=es").json()
    assert found["name"] == "Perfil migratorio local" and len(found["sections"]) == 7
    indicator = found["sections"][0]["indicators"][1]
    assert (indicator["code"], indicator["label"], indicator["breakdown"], indicator["unit"]) == (
        "foreign_population", "Población extranjera por nacionalidad", "nationality", "personas")


def test_the_schema_documents_the_endpoints(client, db):
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/v1/profiles/", "/api/v1/profiles/{uuid}/", "/api/v1/profile-templates/{id}/"} <= set(schema["paths"])
    figure = schema["components"]["schemas"]["Figure"]["properties"]
    assert {"indicator", "total", "total_is_sum", "breakdown"} <= set(figure)
    parameters = {p["name"] for p in schema["paths"]["/api/v1/profiles/"]["get"]["parameters"]}
    assert {"territory", "year", "template", "lang"} <= parameters
