"""A migrant searches, filters and opens a service, in French and in Arabic."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory(make_service, organisations, territories):
    make_service(organisations["caritas"], "Cours de français du soir", "Cours gratuits pour adultes le soir.",
                 categories=["language"], phases=["destination"], languages=["fr", "ar"], is_free=True,
                 latitude=46.52, longitude=6.63, hours=[("MO,WE", (18, 0), (20, 0))],
                 translations={"ar": {"name": "دروس مسائية في اللغة الفرنسية", "description": "دروس مجانية للكبار"}})
    make_service(organisations["caritas"], "Cours de français intensif", "Cours payants en journée.",
                 categories=["language"], languages=["fr"], is_free=False)
    make_service(organisations["appartenances"], "Logement d'urgence", "Hébergement pour la nuit.",
                 categories=["housing"], languages=["fr"], is_free=True)


def test_search_filter_and_open_in_french(live_server, page, directory, screenshot):
    page.goto(f"{live_server.url}/fr/services/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.fill("input[name=q]", "cours français")
    page.get_by_role("button", name=re.compile("Search|Rechercher")).click()
    expect(page.locator("#result-count")).to_contain_text("2")
    page.locator("summary").click()
    page.check("input[name=free]")
    page.locator("details.filters button[type=submit]").click()
    expect(page.locator("#result-count")).to_contain_text("1")
    screenshot("search-fr")
    page.get_by_role("link", name="Cours de français du soir").click()
    expect(page.locator("h1")).to_have_text("Cours de français du soir")
    expect(page.locator("body")).to_contain_text("18:00–20:00")
    screenshot("service-fr")


def test_search_filter_and_open_in_arabic_right_to_left(live_server, page, directory, screenshot):
    page.goto(f"{live_server.url}/ar/services/?q=" + "الفرنسية")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.locator("summary").click()
    page.select_option("select[name=category]", "language")
    page.check("input[name=free]")
    page.locator("details.filters button[type=submit]").click()
    expect(page.locator("#result-count")).to_contain_text("1")
    # In a right-to-left page the brand sits at the right edge of the header.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2
    screenshot("search-ar")
    page.get_by_role("link", name="دروس مسائية في اللغة الفرنسية").click()
    expect(page.locator("h1")).to_have_text("دروس مسائية في اللغة الفرنسية")
    expect(page.locator("body")).to_contain_text("دروس مجانية للكبار")
    screenshot("service-ar")
