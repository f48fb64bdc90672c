from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from corridor.accounts.models import ApiToken
from corridor.accounts.tests.clients import bearer
from corridor.directory.models import Location, Organisation, Phone, Schedule, Service
from corridor.directory.vocabularies import PHASE

SERVICES = "/api/v1/services/"


@pytest.fixture
def api():
    return APIClient()


def names(response):
    assert response.status_code == 200, response.content
    return sorted(item["name"] for item in response.json()["results"])


def new_service(organisation, **overrides):
    return {
        "organisation": str(organisation.uuid),
        "name": "Permanence juridique",
        "description": "Conseils sur les permis de séjour",
        "content_language": "fr",
        "translations": {"en": {"name": "Legal advice desk"}},
        "terms": {"phase": ["destination"], "category": ["legal"], "target_group": ["refugees", "asylum-seekers"]},
        "languages": ["fr", "TI"],
        "schedules": [{"days": ["TU", "MO"], "opens_at": "14:00", "closes_at": "17:30"}],
        "phones": [{"number": "+41 21 000 00 00", "languages": ["fr"]}],
        "locations": [{"name": "Bureau", "address_1": "Rue du Port 1", "city": "Lausanne", "country": "ch",
                       "latitude": 46.52, "longitude": 6.63}],
        **overrides,
    }


# Reading, without an account.

def test_everything_reads_without_an_account(api, catalogue, territories, organisations):
    service = api.get(f"{SERVICES}{catalogue['french'].uuid}/").json()
    assert service["organisation"] == str(organisations["caritas"].uuid)
    assert service["organisation_name"] == "Caritas Vaud" and service["territory_name"] == "Lausanne"
    assert service["terms"] == {"phase": ["destination"], "category": ["language"], "target_group": ["refugees"],
                                "channel": []}
    assert sorted(service["languages"]) == ["ar", "fr"]
    assert service["schedules"][0] | {"uuid": None} == {
        "uuid": None, "days": ["MO", "WE"], "opens_at": "09:00:00", "closes_at": "12:00:00", "description": "",
        "valid_from": None, "valid_to": None}
    assert service["locations"][0]["latitude"] == 46.5197
    assert service["translations"]["en"] == {"name": "Intensive French course"}

    organisation = api.get(f"/api/v1/organisations/{organisations['caritas'].uuid}/").json()
    assert organisation["name"] == "Caritas Vaud" and organisation["territory"] == territories["lausanne"].pk

    territory = api.get(f"/api/v1/territories/{territories['vaud'].pk}/").json()
    assert (territory["path"], territory["parent"], territory["subdivision_code"]) == ("ch/vaud/", territories["ch"].pk,
                                                                                     "CH-VD")
    vocabulary = api.get("/api/v1/taxonomy/phase/").json()
    assert [term["code"] for term in vocabulary["terms"]] == [code for code, _label in PHASE.terms]
    assert vocabulary["terms"][0]["id"] == PHASE.term_id("pre-decision")
    assert [v["code"] for v in api.get("/api/v1/taxonomy/").json()] == ["phase", "category", "target_group", "channel"]
    assert api.get("/api/v1/taxonomy/colour/").status_code == 404
    assert api.get(f"{SERVICES}not-a-uuid/").status_code == 404


def test_response_language_from_accept_language_or_lang(api, territories):
    url = f"/api/v1/territories/{territories['ch'].pk}/"
    assert api.get(url, HTTP_ACCEPT_LANGUAGE="es").json()["localized_name"] == "Suiza"
    response = api.get(url + "?lang=fr", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["localized_name"] == "Suisse" and response["Content-Language"] == "fr"
    assert api.get(url + "?lang=ar").json()["localized_name"] == "سويسرا"
    labels = api.get("/api/v1/taxonomy/phase/?lang=fr").json()["terms"]
    with translation.override("fr"):
        assert labels[0]["label"] == str(PHASE.label("pre-decision"))


def test_territory_filters(api, territories):
    def ids(query):
        return {item["id"] for item in api.get(f"/api/v1/territories/?{query}").json()["results"]}

    assert ids(f"parent={territories['vaud'].pk}") == {territories["lausanne"].pk, territories["renens"].pk}
    assert ids("kind=region") == {territories["vaud"].pk, territories["geneva_canton"].pk}
    assert len(ids("country=ch")) == 6 and ids("country=FR") == set()
    response = api.get("/api/v1/territories/?kind=galaxy&parent=99999")
    assert response.status_code == 400 and set(response.json()) == {"kind", "parent"}


def test_organisation_filters(api, organisations, territories, users):
    def listed(query):
        return {item["name"] for item in api.get(f"/api/v1/organisations/?{query}").json()["results"]}

    organisations["geneva_cso"].areas.add(territories["renens"])
    organisations["appartenances"].kind = "migrant-association"
    organisations["appartenances"].verified_at = timezone.now()
    organisations["appartenances"].save()
    assert listed(f"territory={territories['vaud'].pk}") == {"Caritas Vaud", "Appartenances", "Centre de la Roseraie"}
    assert listed(f"territory={territories['geneva'].pk}") == {"Centre de la Roseraie"}
    assert listed("kind=migrant-association") == {"Appartenances"}
    assert listed("verified=true") == {"Appartenances"}
    assert listed("verified=false") == {"Caritas Vaud", "Centre de la Roseraie"}
    assert len(listed("")) == 3


@pytest.mark.parametrize("query,expected", [
    ("q=logement", ["Logement d'urgence"]),
    ("q=housing&lang=en", ["Logement d'urgence"]),
    ("phase=return", ["Conseil au retour"]),
    ("category=language", ["Cours de français intensif"]),
    ("target_group=everyone", ["Ligne d'information", "Logement d'urgence"]),
    ("language=ti", ["Conseil au retour", "Ligne d'information"]),
    ("free=true", ["Cours de français intensif", "Ligne d'information"]),
    ("open=SA", ["Logement d'urgence"]),
    ("territory=lausanne", ["Cours de français intensif", "Ligne d'information"]),  # cantonal services too
    ("territory=vaud", ["Cours de français intensif", "Ligne d'information", "Logement d'urgence"]),
    ("near=46.52,6.63&radius=10", ["Cours de français intensif", "Logement d'urgence"]),
    ("near=46.52,6.63&radius=1", ["Cours de français intensif"]),
    ("", ["Conseil au retour", "Cours de français intensif", "Ligne d'information", "Logement d'urgence"]),
])
def test_service_filters_match_the_public_search(api, catalogue, territories, query, expected):
    for key, territory in territories.items():
        query = query.replace(f"territory={key}", f"territory={territory.pk}")
    assert names(api.get(f"{SERVICES}?{query}")) == expected


def test_open_now(api, catalogue, monkeypatch):
    monday_ten = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    monkeypatch.setattr(timezone, "now", lambda: monday_ten)
    assert names(api.get(f"{SERVICES}?open=now")) == ["Cours de français intensif"]
    monkeypatch.setattr(timezone, "now", lambda: monday_ten + timedelta(hours=3))
    assert names(api.get(f"{SERVICES}?open=now")) == []


def test_near_is_sorted_by_distance(api, catalogue):
    results = api.get(f"{SERVICES}?near=46.52,6.63&radius=10").json()["results"]
    assert [r["name"] for r in results] == ["Cours de français intensif", "Logement d'urgence"]
    assert results[0]["distance_km"] < 0.5 and 3 < results[1]["distance_km"] < 4.5
    assert api.get(f"{SERVICES}{catalogue['french'].uuid}/").json()["distance_km"] is None


def test_bad_filters_answer_400_with_a_message_per_parameter(api, catalogue):
    response = api.get(f"{SERVICES}?phase=someday&language=xx&open=noon&near=north&radius=0&territory=99999")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"phase", "language", "open", "near", "radius", "territory"}
    assert "latitude, longitude" in errors["near"][0] and "ISO 639" in errors["language"][0]
    response = api.get(f"{SERVICES}?radius=5")
    assert response.status_code == 400 and "near" in response.json()["radius"][0]


def test_inactive_services_are_listed_only_by_their_address(api, catalogue):
    Service.objects.filter(pk=catalogue["housing"].pk).update(status="defunct")
    assert "Logement d'urgence" not in names(api.get(SERVICES))
    assert api.get(f"{SERVICES}{catalogue['housing'].uuid}/").json()["status"] == "defunct"


def test_pagination(api, make_service, organisations):
    for i in range(5):
        make_service(organisations["caritas"], f"Service {i}", categories=["health"])
    page = api.get(f"{SERVICES}?category=health&limit=2&offset=2").json()
    assert page["count"] == 5 and [s["name"] for s in page["results"]] == ["Service 2", "Service 3"]
    assert "offset=4" in page["next"] and "offset" not in page["previous"]
    assert len(api.get(f"{SERVICES}?limit=1000").json()["results"]) == 5  # capped at 200, not an error


def test_lists_do_not_query_per_row(api, make_service, organisations, django_assert_max_num_queries):
    for i in range(15):
        make_service(organisations["caritas"], f"Service {i}", categories=["health"], phases=["destination"],
                     languages=["fr", "ar"], latitude=46.5, longitude=6.6, hours=[("MO", (9, 0), (12, 0))])
    Phone.objects.bulk_create([Phone(service=s, number="+41 21 000 00 00") for s in Service.objects.all()])
    # The count, the services with their organisation and territory, one query per prefetched relation.
    with django_assert_max_num_queries(7):
        assert len(api.get(f"{SERVICES}?q=service").json()["results"]) == 15
    with django_assert_max_num_queries(3):
        assert len(api.get("/api/v1/organisations/").json()["results"]) == 3


# Writing, with a token.

def test_member_creates_a_service_that_is_found_afterwards(organisations, users, territories):
    client = bearer(users["caritas"])
    response = client.post(SERVICES, new_service(organisations["caritas"]), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    service = Service.objects.get(uuid=body["uuid"])
    assert (service.organisation, service.territory) == (organisations["caritas"], territories["lausanne"])
    assert service.last_verified_by == users["caritas"]
    assert timezone.now() - service.last_verified_at < timedelta(minutes=1)
    assert body["terms"]["target_group"] == ["refugees", "asylum-seekers"] and body["terms"]["channel"] == []
    assert sorted(body["languages"]) == ["fr", "ti"]
    assert service.schedules.get().byday == "MO,TU"
    assert service.phones.get().languages == ["fr"]
    location = service.service_at_locations.get().location
    assert (location.organisation, location.country, location.territory) == (
        organisations["caritas"], "CH", territories["lausanne"])
    assert service.history.first().history_user == users["caritas"]

    anonymous = APIClient()
    assert names(anonymous.get(f"{SERVICES}?q=permanence")) == ["Permanence juridique"]
    assert names(anonymous.get(f"{SERVICES}?q=legal advice&lang=en")) == ["Permanence juridique"]
    assert names(anonymous.get(f"{SERVICES}?language=ti&target_group=asylum-seekers")) == ["Permanence juridique"]


def test_member_updates_and_deletes_their_service(catalogue, users, organisations):
    client = bearer(users["caritas"])
    service = catalogue["french"]
    Service.objects.filter(pk=service.pk).update(last_verified_at=timezone.now() - timedelta(days=400))
    location = service.service_at_locations.get().location
    response = client.patch(f"{SERVICES}{service.uuid}/", {
        "name": "Atelier de conversation",
        "terms": {"phase": ["return"]},
        "schedules": [{"days": ["FR"], "opens_at": "18:00", "closes_at": "20:00"}],
        "locations": [{"uuid": str(location.uuid), "name": "Salle 2", "latitude": 46.5, "longitude": 6.6}],
    }, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["terms"] == {"phase": ["return"], "category": ["language"], "target_group": ["refugees"],
                                        "channel": []}
    service.refresh_from_db()
    assert not service.is_stale and service.name == "Atelier de conversation"
    assert list(Schedule.objects.filter(service=service).values_list("byday", flat=True)) == ["FR"]
    location.refresh_from_db()
    assert location.name == "Salle 2" and Location.objects.filter(organisation=organisations["caritas"]).count() == 2
    assert names(APIClient().get(f"{SERVICES}?q=atelier")) == ["Atelier de conversation"]
    assert names(APIClient().get(f"{SERVICES}?q=intensif")) == []

    assert client.delete(f"{SERVICES}{service.uuid}/").status_code == 204
    assert not Service.objects.filter(pk=service.pk).exists()
    assert names(APIClient().get(f"{SERVICES}?q=atelier")) == []


def test_territory_administrator_writes_services_of_their_territory(catalogue, users):
    client = bearer(users["vaud_admin"])
    assert client.patch(f"{SERVICES}{catalogue['french'].uuid}/", {"is_free": False}, format="json").status_code == 200
    assert client.patch(f"{SERVICES}{catalogue['return'].uuid}/", {"is_free": True}, format="json").status_code == 403


def test_writing_another_organisations_service_is_forbidden(catalogue, users, organisations):
    client = bearer(users["caritas"])
    service = catalogue["return"]
    assert client.patch(f"{SERVICES}{service.uuid}/", {"name": "Hacked"}, format="json").status_code == 403
    assert client.delete(f"{SERVICES}{service.uuid}/").status_code == 403
    assert client.post(SERVICES, new_service(organisations["geneva_cso"]), format="json").status_code == 403
    # Nor can a service be handed over to an organisation one does not belong to.
    moved = client.patch(f"{SERVICES}{catalogue['french'].uuid}/",
                         {"organisation": str(organisations["geneva_cso"].uuid),
                          "territory": organisations["geneva_cso"].territory_id}, format="json")
    assert moved.status_code == 403
    service.refresh_from_db()
    assert service.name == "Conseil au retour"
    assert Service.objects.filter(organisation=organisations["caritas"]).count() == 3
    assert not Service.objects.filter(organisation=organisations["geneva_cso"], name="Permanence juridique").exists()


def test_anonymous_writes_answer_401(api, catalogue, organisations):
    response = api.post(SERVICES, new_service(organisations["caritas"]), format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    assert api.delete(f"{SERVICES}{catalogue['french'].uuid}/").status_code == 401
    assert api.patch(f"/api/v1/organisations/{organisations['caritas'].uuid}/", {"name": "x"}).status_code == 401
    assert Service.objects.count() == 4


def test_read_scope_tokens_cannot_write(catalogue, users, organisations):
    client = bearer(users["caritas"], scope=ApiToken.Scope.READ)
    assert client.get(f"{SERVICES}{catalogue['french'].uuid}/").status_code == 200
    response = client.post(SERVICES, new_service(organisations["caritas"]), format="json")
    assert response.status_code == 403 and "only read" in response.json()["detail"]
    assert client.patch(f"{SERVICES}{catalogue['french'].uuid}/", {"name": "x"}, format="json").status_code == 403
    assert Service.objects.count() == 4


def test_expired_and_unknown_tokens_are_rejected(catalogue, users, organisations):
    expired = bearer(users["caritas"], expires_at=timezone.now() - timedelta(minutes=1))
    response = expired.post(SERVICES, new_service(organisations["caritas"]), format="json")
    assert response.status_code == 401 and response.json()["detail"] == "Token expired."
    assert expired.get(SERVICES).status_code == 401
    unknown = APIClient()
    unknown.credentials(HTTP_AUTHORIZATION="Bearer cor_nope")
    assert unknown.get(SERVICES).status_code == 401
    assert Service.objects.count() == 4


@pytest.mark.parametrize("overrides,field", [
    ({"languages": ["fr", "klingon"]}, "languages"),
    ({"content_language": "zz"}, "content_language"),
    ({"translations": {"xx": {"name": "?"}}}, "translations"),
    ({"terms": {"phase": ["someday"], "category": ["legal"], "target_group": ["women"]}}, "terms"),
    ({"terms": {"phase": [], "category": ["legal"], "target_group": ["women"]}}, "terms"),
    ({"schedules": [{"days": ["MO"], "opens_at": "17:00", "closes_at": "09:00"}]}, "schedules"),
    ({"schedules": [{"days": ["XX"], "opens_at": "25:00", "closes_at": "09:00"}]}, "schedules"),
    ({"phones": [{"number": "1", "languages": ["nope"]}]}, "phones"),
    ({"locations": [{"name": "x", "latitude": 46.5}]}, "locations"),
    ({"locations": [{"name": "x", "country": "XX"}]}, "locations"),
    ({"minimum_age": 18, "maximum_age": 16}, "maximum_age"),
    ({"status": "sleeping"}, "status"),
    ({"name": ""}, "name"),
])
def test_validation_errors_name_the_field(organisations, users, overrides, field):
    payload = new_service(organisations["caritas"], **overrides)
    response = bearer(users["caritas"]).post(SERVICES, payload, format="json")
    assert response.status_code == 400 and field in response.json(), response.content
    assert not Service.objects.exists()


def test_validation_of_places_and_territories(catalogue, users, organisations, territories):
    client = bearer(users["caritas"])
    url = f"{SERVICES}{catalogue['french'].uuid}/"
    foreign_place = catalogue["return"].service_at_locations.get().location
    response = client.patch(url, {"locations": [{"uuid": str(foreign_place.uuid), "name": "mine now"}]}, format="json")
    assert response.status_code == 400 and "uuid" in response.json()["locations"][0]
    response = client.patch(url, {"territory": territories["geneva"].pk}, format="json")
    assert response.status_code == 400 and "territory" in response.json()
    organisations["caritas"].areas.add(territories["geneva"])
    assert client.patch(url, {"territory": territories["geneva"].pk}, format="json").status_code == 200
    # Nested items are replaced whole, so a PATCH must give them complete.
    response = client.patch(url, {"schedules": [{"days": ["MO"]}]}, format="json")
    assert response.status_code == 400 and set(response.json()["schedules"]["0"]) == {"opens_at", "closes_at"}
    foreign_place.refresh_from_db()
    assert foreign_place.name == "Conseil au retour"


def test_validation_messages_follow_the_response_language(organisations, users):
    payload = {"organisation": str(organisations["caritas"].uuid)}
    response = bearer(users["caritas"]).post(f"{SERVICES}?lang=fr", payload, format="json")
    assert response.status_code == 400 and response.json()["terms"] == ["Ce champ est obligatoire."]


def test_member_updates_their_organisation(catalogue, users, organisations, territories):
    client = bearer(users["caritas"])
    url = f"/api/v1/organisations/{organisations['caritas'].uuid}/"
    response = client.patch(url, {"name": "Caritas Lausanne", "languages": ["fr", "ti"],
                                  "areas": [territories["lausanne"].pk]}, format="json")
    assert response.status_code == 200, response.content
    organisation = Organisation.objects.get(pk=organisations["caritas"].pk)
    assert organisation.name == "Caritas Lausanne" and organisation.languages == ["fr", "ti"]
    # Services are found by their provider's new name.
    assert names(APIClient().get(f"{SERVICES}?q=caritas lausanne")) == [
        "Cours de français intensif", "Ligne d'information", "Logement d'urgence"]
    response = client.patch(url, {"areas": [territories["geneva"].pk], "association_level": "umbrella",
                                  "languages": ["??"]}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"languages"}
    response = client.patch(url, {"areas": [territories["geneva"].pk], "association_level": "umbrella"}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"association_level"}
    response = client.patch(url, {"areas": [territories["geneva"].pk]}, format="json")
    assert response.status_code == 400 and "areas" in response.json()
    other = f"/api/v1/organisations/{organisations['geneva_cso'].uuid}/"
    assert client.patch(other, {"name": "Hacked"}, format="json").status_code == 403
    assert client.delete(url).status_code == 405
    assert client.post("/api/v1/organisations/", {"name": "New"}, format="json").status_code == 405


# The OpenAPI description.

def test_openapi_schema_is_valid_and_complete(api, tmp_path):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    for path in ("/api/v1/services/", "/api/v1/services/{uuid}/", "/api/v1/organisations/",
                 "/api/v1/organisations/{uuid}/", "/api/v1/territories/", "/api/v1/territories/{id}/",
                 "/api/v1/taxonomy/", "/api/v1/taxonomy/{code}/"):
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/services/"]["get"]["parameters"]}
    assert {"q", "phase", "category", "target_group", "language", "free", "open", "territory", "near", "radius",
            "limit", "offset", "lang"} <= parameters
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": schema["components"]["securitySchemes"]["bearerAuth"]
        ["description"]}
    assert {"bearerAuth": []} in schema["paths"]["/api/v1/services/"]["post"]["security"]
    # The generator itself reports no warning or error (it exits non-zero if it does).
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "redoc" in api.get("/api/docs/").content.decode().lower()
