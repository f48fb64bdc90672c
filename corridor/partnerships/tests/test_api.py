"""The JSON API answers with the rights of the pages: public reading, writing by the right administrators."""
from rest_framework.test import APIClient

from corridor.accounts.models import ApiToken
from corridor.accounts.tests.clients import bearer
from corridor.partnerships.models import Corridor, Partnership


def test_corridors_are_public_with_their_figures(corridor):
    data = APIClient().get("/api/v1/corridors/?territory=ch/vaud").json()
    assert data["count"] == 1
    [item] = data["results"]
    assert (item["origin_path"], item["destination_path"]) == ("xk/pristina/", "ch/vaud/lausanne/")
    assert {"year": 2024, "kind": "remittances", "value": 25600000.0, "source": "Register (test)",
            "source_url": ""} in item["figures"]
    assert APIClient().get("/api/v1/corridors/?territory=nowhere").status_code == 400


def test_a_corridor_is_written_by_the_administrators_of_an_end(corridor, world):
    body = {"figures": [{"year": 2025, "kind": "flow", "value": 130, "source": "Register (test)"}]}
    assert bearer(world["geneva_admin"]).patch(f"/api/v1/corridors/{corridor.uuid}/", body,
                                               format="json").status_code == 403
    response = bearer(world["pristina_admin"]).patch(f"/api/v1/corridors/{corridor.uuid}/", body, format="json")
    assert response.status_code == 200
    assert [(f.year, f.kind) for f in corridor.figures.all()] == [(2025, "flow")]
    created = bearer(world["vaud_admin"]).post("/api/v1/corridors/", {
        "origin": world["portugal"].pk, "destination": world["lausanne"].pk}, format="json")
    assert created.status_code == 201 and Corridor.objects.count() == 2
    assert bearer(world["geneva_admin"]).post("/api/v1/corridors/", {
        "origin": world["portugal"].pk, "destination": world["pristina"].pk}, format="json").status_code == 403


def test_anonymous_readers_see_public_partnerships_only(partnership, world):
    assert APIClient().get("/api/v1/partnerships/").json()["count"] == 0
    assert APIClient().get(f"/api/v1/partnerships/{partnership.uuid}/").status_code == 404
    assert bearer(world["pristina_admin"]).get("/api/v1/partnerships/").json()["count"] == 1
    Partnership.objects.filter(pk=partnership.pk).update(is_public=True)
    item = APIClient().get(f"/api/v1/partnerships/{partnership.uuid}/").json()
    assert item["missing"] == [] and item["risks"] == [] and item["is_final"] is False
    assert [side["territory_path"] for side in item["sides"]] == ["ch/vaud/lausanne/", "xk/pristina/"]


def test_a_side_is_written_through_the_api_only_by_its_territory(partnership, world):
    pristina = {"territory": world["pristina"].pk, "mandate": "", "contacts": [{"name": "Vjosa Hoxha"}]}
    response = bearer(world["vaud_admin"]).patch(f"/api/v1/partnerships/{partnership.uuid}/", {"sides": [pristina]},
                                                 format="json")
    assert response.status_code == 403
    assert partnership.sides.get(territory=world["pristina"]).mandate == "Council resolution 14/2025"
    response = bearer(world["pristina_admin"]).patch(f"/api/v1/partnerships/{partnership.uuid}/",
                                                     {"sides": [pristina]}, format="json")
    assert response.status_code == 200
    assert [(risk["code"], risk["territory"]) for risk in response.json()["risks"]] == [
        ("single-person", "xk/pristina/"), ("no-mandate", "xk/pristina/")]


def test_shared_fields_through_the_api_by_partner_admins_only(partnership, world):
    body = {"budget": None}
    assert bearer(world["geneva_admin"]).patch(f"/api/v1/partnerships/{partnership.uuid}/", body,
                                               format="json").status_code == 404  # not readable to them
    assert bearer(world["pristina_admin"], scope=ApiToken.Scope.READ).patch(
        f"/api/v1/partnerships/{partnership.uuid}/", body, format="json").status_code == 403
    response = bearer(world["pristina_admin"]).patch(f"/api/v1/partnerships/{partnership.uuid}/", body,
                                                     format="json")
    assert response.status_code == 200 and response.json()["missing"] == ["budget"]


def test_a_partnership_is_created_with_a_territory_the_creator_administers(world):
    body = {"title": "Lausanne–Geneva", "kind": "agreement", "sides": [
        {"territory": world["lausanne"].pk, "authority": "City of Lausanne."}, {"territory": world["geneva"].pk}],
        "sdg_targets": ["10.7", "17.17"], "actions": [{"description": "Exchange of staff", "measure": "2 visits"}],
        "content_language": "fr", "agreement_languages": ["fr", "en"]}
    response = bearer(world["vaud_admin"]).post("/api/v1/partnerships/", body, format="json")
    assert response.status_code == 201, response.json()
    partnership = Partnership.objects.get(title="Lausanne–Geneva")
    assert partnership.created_by == world["vaud_admin"] and partnership.stage_history.count() == 1
    assert (partnership.content_language, partnership.agreement_languages) == ("fr", ["fr", "en"])
    assert partnership.sdg_targets == ["10.7", "17.17"] and partnership.actions.get().measure == "2 visits"
    assert partnership.sides.get(territory=world["lausanne"]).authority == "City of Lausanne."
    body["sides"][1]["authority"] = "Written by someone else."
    assert bearer(world["vaud_admin"]).post("/api/v1/partnerships/", body, format="json").status_code == 403
    del body["sides"][1]["authority"]
    bad = bearer(world["vaud_admin"]).post("/api/v1/partnerships/", {**body, "sdg_targets": ["18.1"]}, format="json")
    assert bad.status_code == 400 and "sdg_targets" in bad.json()
