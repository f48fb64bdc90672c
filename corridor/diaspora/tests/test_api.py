"""The JSON API: public read of published priorities and of projects (not drafts) with their totals,
filtered as on the pages; nothing about people, and nothing to write."""
from decimal import Decimal

import pytest

from corridor.accounts.models import ApiToken
from corridor.diaspora import pledges
from corridor.diaspora.models import Priority


@pytest.fixture
def pledged(projects, awa, sedhiou_admin):
    made = pledges.make_pledge(projects["maternity"], awa, kind="philanthropy", amount=Decimal(1_500_000),
                               currency="XOF", message="Pour la couveuse")
    pledges.change_status(made, "accepted", by=sedhiou_admin)
    return made


def test_projects_are_read_by_anyone_with_their_totals(client, projects, pledged):
    response = client.get("/api/v1/diaspora/projects/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [project["title"] for project in results] == ["Cadastre numérique", "Regional maternity ward", "Noix de cajou"]
    maternity = results[1]
    assert maternity["kind"] == "philanthropy" and maternity["territory"]["path"] == "sn/sedhiou/"
    assert maternity["totals"] == {
        "money": [{"currency": "XOF", "budget": "30000000.00", "offered": "0.00", "committed": "1500000.00",
                   "fulfilled": "0.00", "share": 5}],
        "hours": {"sought": None, "offered": 0, "committed": 0, "fulfilled": 0, "share": None}, "pledges": 1}
    assert maternity["page"] == f"http://testserver/en/diaspora/projects/{projects['maternity'].uuid}/"
    assert results[0]["totals"]["hours"]["sought"] == 300
    # Nothing about the person who pledged.
    assert "Awa" not in response.content.decode() and "couveuse" not in response.content.decode()


def test_texts_in_the_language_asked_for(client, projects):
    detail = client.get(f"/api/v1/diaspora/projects/{projects['maternity'].uuid}/?lang=en").json()
    assert (detail["title"], detail["language"]) == ("Regional maternity ward", "en")
    assert client.get(f"/api/v1/diaspora/projects/{projects['maternity'].uuid}/?lang=fr").json()["title"] == \
        "Maternité régionale"


@pytest.mark.parametrize("query, expected", [
    ("kind=skills-transfer", ["Cadastre numérique"]),
    ("territory=sn/sedhiou/goudomp", ["Noix de cajou"]),
    ("skill=agriculture", ["Noix de cajou"]),
    ("q=cadastre", ["Cadastre numérique"]),
])
def test_filters(client, projects, query, expected):
    assert [p["title"] for p in client.get(f"/api/v1/diaspora/projects/?{query}").json()["results"]] == expected


def test_bad_filters_are_named(client, projects):
    response = client.get("/api/v1/diaspora/projects/?territory=nowhere/&kind=gift")
    assert response.status_code == 400
    assert set(response.json()) == {"territory", "kind"}


def test_drafts_and_unpublished_priorities_are_not_public(client, projects, sedhiou):
    assert client.get(f"/api/v1/diaspora/projects/{projects['draft'].uuid}/").status_code == 404
    Priority.objects.create(territory=sedhiou["sedhiou"], sector="water", title="Eau", is_published=True)
    Priority.objects.create(territory=sedhiou["sedhiou"], sector="health", title="Brouillon")
    assert [p["title"] for p in client.get("/api/v1/diaspora/priorities/").json()["results"]] == ["Eau"]


def test_nothing_about_people_and_nothing_to_write(client, projects, pledged, sedhiou_admin):
    for path in ("/api/v1/diaspora/pledges/", "/api/v1/diaspora/profiles/", f"/api/v1/diaspora/pledges/{pledged.uuid}/"):
        assert client.get(path).status_code == 404
    _token, key = ApiToken.issue(sedhiou_admin, "test")
    response = client.post("/api/v1/diaspora/projects/", {"title": "X"},
                           headers={"Authorization": f"Bearer {key}"}, content_type="application/json")
    assert response.status_code == 405
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/diaspora/projects/" in schema and "DiasporaProfile" not in schema and "pledges/" not in schema
