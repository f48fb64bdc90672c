"""Initiatives in the JSON API: everyone reads them, members and territory administrators write them with a
token, as the pages allow; documented in the OpenAPI schema."""
from corridor.accounts.models import ApiToken
from corridor.accounts.tests.clients import bearer
from corridor.coordination import initiatives
from corridor.coordination.models import Initiative

from .initiative_data import make_initiative


def test_everyone_reads_initiatives_with_their_funding_and_results(client, french_courses):
    listed = client.get("/api/v1/initiatives/?territory=ch/vaud").json()
    assert listed["count"] == 1
    item = listed["results"][0]
    assert (item["uuid"], item["lead_organisation_name"], item["territory_path"], item["status"]) == (
        str(french_courses.uuid), "Caritas Vaud", "ch/vaud/lausanne/", "implementation")
    assert item["terms"] == {"phase": ["destination"], "category": ["language", "education"],
                             "target_group": ["women"]}
    assert item["iati_identifier"] == f"XM-CORRIDOR-{french_courses.uuid}"
    assert [(f["donor_name"], f["amount"], f["currency"]) for f in item["fundings"]] == [
        ("Appartenances", 60000.0, "CHF"), ("Fondation Exemple", 25000.0, "EUR")]
    [result, _empty] = item["results"]
    assert [(i["title"], i["target"], i["actual"]) for i in result["indicators"]] == [
        ("Participants au niveau A2", 60.0, 40.0), ("Participants inscrits", 300.0, 120.0)]
    assert item["page"].endswith(f"/coordination/initiatives/{french_courses.uuid}/")


def test_filters(client, french_courses, organisations):
    make_initiative(organisations["geneva_cso"], "Projet genevois", status=Initiative.Status.PIPELINE)
    assert client.get("/api/v1/initiatives/").json()["count"] == 2
    assert client.get("/api/v1/initiatives/?status=pipeline").json()["results"][0]["title"] == "Projet genevois"
    assert client.get("/api/v1/initiatives/?category=education").json()["count"] == 1
    assert client.get(f"/api/v1/initiatives/?organisation={organisations['appartenances'].uuid}").json()["count"] == 1
    assert client.get("/api/v1/initiatives/?territory=nowhere").status_code == 400


def test_a_member_writes_their_organisations_initiatives_with_a_token(users, organisations, territories):
    api = bearer(users["caritas"])
    data = {"title": "Permanence", "lead_organisation": str(organisations["caritas"].uuid),
            "territory": territories["lausanne"].pk, "terms": {"category": ["information"]}, "currency": "chf",
            "partners": [{"organisation": str(organisations["appartenances"].uuid), "role": "implementing"}],
            "fundings": [{"donor_name": "Ville de Lausanne", "amount": 20000, "currency": "CHF"}],
            "results": [{"kind": "output", "title": "Personnes reçues",
                         "indicators": [{"title": "Personnes", "target": 500}]}]}
    response = api.post("/api/v1/initiatives/", data, format="json")
    assert response.status_code == 201, response.json()
    initiative = Initiative.objects.get()
    assert (initiative.created_by, initiative.currency, initiative.partners.get().role) == (
        users["caritas"], "CHF", "implementing")
    assert initiative.results.get().indicators.get().target == 500
    response = api.patch(f"/api/v1/initiatives/{initiative.uuid}/",
                         {"status": "finalisation", "terms": {"target_group": ["women"]}}, format="json")
    assert response.status_code == 200, response.json()
    initiative.refresh_from_db()
    assert initiative.status == "finalisation"
    assert initiatives.term_codes(initiative) == {"phase": [], "category": ["information"], "target_group": ["women"]}
    # Not for another organisation, neither by naming it nor by changing an existing initiative's lead.
    other = dict(data, lead_organisation=str(organisations["appartenances"].uuid))
    assert api.post("/api/v1/initiatives/", other, format="json").status_code == 403
    assert api.patch(f"/api/v1/initiatives/{initiative.uuid}/",
                     {"lead_organisation": str(organisations["appartenances"].uuid)}, format="json").status_code == 403
    theirs = make_initiative(organisations["appartenances"], "D'Appartenances")
    assert api.patch(f"/api/v1/initiatives/{theirs.uuid}/", {"title": "Pris"}, format="json").status_code == 403
    assert api.delete(f"/api/v1/initiatives/{theirs.uuid}/").status_code == 403
    assert api.delete(f"/api/v1/initiatives/{initiative.uuid}/").status_code == 204


def test_writing_needs_a_write_token_and_valid_data(client, users, french_courses, organisations, territories):
    assert client.patch(f"/api/v1/initiatives/{french_courses.uuid}/", {"title": "x"},
                        content_type="application/json").status_code in (401, 403)
    reader = bearer(users["caritas"], scope=ApiToken.Scope.READ)
    assert reader.patch(f"/api/v1/initiatives/{french_courses.uuid}/", {"title": "x"}, format="json").status_code == 403
    api = bearer(users["vaud_admin"])
    response = api.patch(f"/api/v1/initiatives/{french_courses.uuid}/", {
        "end_date": "2020-01-01", "currency": "ECU", "partner_territory": territories["lausanne"].pk,
        "fundings": [{"amount": 10}]}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"currency", "fundings"} and "donor_name" in str(errors["fundings"])
    response = api.patch(f"/api/v1/initiatives/{french_courses.uuid}/", {"end_date": "2020-01-01"}, format="json")
    assert response.status_code == 400 and "end_date" in response.json()
    response = api.patch(f"/api/v1/initiatives/{french_courses.uuid}/",
                         {"partner_territory": territories["lausanne"].pk}, format="json")
    assert response.status_code == 400 and "partner_territory" in response.json()
    french_courses.refresh_from_db()
    assert french_courses.fundings.count() == 2 and french_courses.currency == "CHF"


def test_the_schema_documents_the_endpoints(client, db):
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/v1/initiatives/", "/api/v1/initiatives/{uuid}/"} <= set(schema["paths"])
    listing = schema["paths"]["/api/v1/initiatives/"]
    assert {"get", "post"} <= set(listing)
    assert {p["name"] for p in listing["get"]["parameters"]} >= {"territory", "category", "status", "organisation"}
    assert {"partners", "fundings", "results", "iati_identifier"} <= set(
        schema["components"]["schemas"]["Initiative"]["properties"])
