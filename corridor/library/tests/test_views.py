"""The library's pages: browsing with facets, the map, comparison, the editorial pages and their
permissions, the import page, and the demo."""
import io
import re
from html import escape

import pytest

from corridor.directory import demo as directory_demo
from corridor.library import demo, template
from corridor.library.models import GoodPractice


@pytest.fixture
def published(make_practice, organisations):
    return [
        make_practice("Welcome desk", organisations=[organisations["caritas"]], terms=[("category", "information")],
                      sdg_targets=["10.7"], obstacles="Few volunteers on weekdays."),
        make_practice("Health clinic", country_code="TN", outputs="2,000 consultations.",
                      terms=[("category", "health")]),
    ]


def test_the_library_lists_published_practices_with_facets(client, published, make_practice):
    make_practice("Hidden draft", status=GoodPractice.Status.DRAFT)
    page = client.get("/en/library/").content.decode()
    assert "2 practices found" in page and "Hidden draft" not in page
    assert 'href="?category=health"' in page and "SDG target" in page
    page = client.get("/en/library/?category=health").content.decode()
    assert "1 practice found" in page and "Health clinic" in page and "Welcome desk" not in page
    assert 'aria-label="Remove the filter “Health”"' in page


def test_the_map_draws_countries_and_lists_them(client, published):
    page = client.get("/fr/library/map/").content.decode()
    assert "<svg" in page and "Suisse" in page and "Tunisie" in page
    assert re.search(r"Suisse</a></th><td class=\"number\">1</td>", page)


def test_two_practices_side_by_side(client, published):
    desk, clinic = published
    page = client.get(f"/en/library/compare/?p={desk.uuid}&p={clinic.uuid}").content.decode()
    assert page.count("<th scope=\"col\"") == 2
    outputs = re.search(r"Main outputs and achievements</th>(.*?)</tr>", page, re.S).group(1)
    assert "320 people welcomed" in outputs and "2,000 consultations" in outputs
    obstacles = re.search(r"Main obstacles</th>(.*?)</tr>", page, re.S).group(1)
    assert "Few volunteers" in obstacles and ">—</td>" in obstacles


def test_comparing_needs_two_or_three_published_practices(client, published, make_practice):
    draft = make_practice("Draft", status=GoodPractice.Status.DRAFT)
    page = client.get(f"/en/library/compare/?p={published[0].uuid}").content.decode()
    assert "Choose two or three practices to compare." in page
    page = client.get(f"/en/library/compare/?p={published[0].uuid}&p={draft.uuid}").content.decode()
    assert 'role="alert"' in page and "Draft" not in re.sub(r"<title>.*?</title>", "", page)


def test_a_draft_is_seen_by_its_writers_and_reviewers_only(client, users, make_practice, organisations):
    draft = make_practice("Draft desk", status=GoodPractice.Status.DRAFT, organisations=[organisations["caritas"]],
                          outputs="Many people.")
    assert client.get(f"/en/library/{draft.uuid}/").status_code == 404
    client.force_login(users["geneva_member"])
    assert client.get(f"/en/library/{draft.uuid}/").status_code == 404
    client.force_login(users["caritas"])
    page = client.get(f"/en/library/{draft.uuid}/").content.decode()
    assert "Before it can be reviewed, complete the template" in page and "at least one figure" in page
    assert client.post(f"/en/library/{draft.uuid}/status/", {"action": "publish"}).status_code == 403


def test_a_member_describes_a_practice_and_submits_it(client, users, organisations):
    client.force_login(users["caritas"])
    data = {"title": "Permanence d'accueil", "content_language": "fr", "country_code": "CH", "objectives": "",
            "activities": "Une permanence le mardi.", "outputs": "Beaucoup de monde", "organisations":
            [organisations["caritas"].pk], "categories": ["information"], "sdg_text": "10.7", "action": "submit"}
    response = client.post("/en/library/new/", data)
    assert response.status_code == 200 and not GoodPractice.objects.exists()
    page = response.content.decode()
    assert "Une permanence le mardi." in page and "at least one figure" in page
    response = client.post("/en/library/new/", {**data, "objectives": "Orienter.", "outputs": "150 visites"})
    practice = GoodPractice.objects.get()
    assert response.url == f"/en/library/{practice.uuid}/"
    assert practice.status == GoodPractice.Status.REVIEW and practice.created_by == users["caritas"]
    assert client.get(f"/en/library/{practice.uuid}/edit/").status_code == 403  # in review
    client.force_login(users["vaud_admin"])
    assert escape("Permanence d'accueil") in client.get("/en/library/mine/").content.decode()
    client.post(f"/en/library/{practice.uuid}/status/", {"action": "publish"})
    assert GoodPractice.objects.get().status == GoodPractice.Status.PUBLISHED


def test_people_without_an_organisation_cannot_describe_practices(client, db, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw-reader-123"))
    assert client.get("/en/library/new/").status_code == 403
    assert client.get("/en/library/import/").status_code == 403


def test_a_translation_is_written_beside_the_original(client, users, published):
    desk = published[0]
    client.force_login(users["caritas"])
    page = client.get(f"/en/library/{desk.uuid}/translations/fr/").content.decode()
    assert "Help newcomers find their way" in page  # the original, to translate from
    response = client.post(f"/en/library/{desk.uuid}/translations/fr/", {"title": "Guichet d'accueil",
                                                                         "outputs": "Beaucoup"})
    assert "at least one figure" in response.content.decode()
    client.post(f"/en/library/{desk.uuid}/translations/fr/", {"title": "Guichet d'accueil", "outputs": "320"})
    desk.refresh_from_db()
    assert desk.translation_status == {"fr": "draft"}
    assert "Guichet" not in client.get(f"/fr/library/{desk.uuid}/").content.decode().split("<main")[1]
    client.post(f"/en/library/{desk.uuid}/translations/fr/status/", {"action": "submit"})
    client.force_login(users["vaud_admin"])
    client.post(f"/en/library/{desk.uuid}/translations/fr/status/", {"action": "publish"})
    client.logout()
    assert "<h1>" + escape("Guichet d'accueil") + "</h1>" in client.get(f"/fr/library/{desk.uuid}/").content.decode()
    assert client.get(f"/en/library/{desk.uuid}/translations/en/").status_code == 302  # login first


def test_the_import_page_lists_the_problems(client, users, territories):
    client.force_login(users["vaud_admin"])
    upload = io.BytesIO(b"title,country,objectives,activities,outputs\nA,CH,x,y,many\n")
    upload.name = "practices.csv"
    page = client.post("/en/library/import/", {"file": upload}).content.decode()
    assert "The file has 2 problems. Nothing was imported." in page
    assert not GoodPractice.objects.exists()


def test_the_demo_loads_twice_without_duplicates(db):
    directory_demo.load()
    first = demo.load()
    again = demo.load()
    assert [p.pk for p in first] == [p.pk for p in again] and GoodPractice.objects.count() == 6
    published = GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED)
    assert published.count() == 5
    assert all(template.problems(practice) == {} for practice in GoodPractice.objects.all())
    assert {p.content_language for p in published} == {"en", "fr", "es"}
    vaud = published.get(country_code="CH", content_language="en")
    assert vaud.organisations.count() == 2 and vaud.territories.get().slug == "vaud"
    in_review = GoodPractice.objects.get(status=GoodPractice.Status.REVIEW)
    assert in_review.created_by.username == "lausanne-cso"
