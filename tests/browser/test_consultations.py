"""A visitor contributes to the demo e-discussion in French; an organiser moderates, writes and
publishes the report; the consultation reads right to left in Arabic. No step needs JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from corridor.consultations import demo
from corridor.consultations.models import Contribution
from corridor.directory import demo as directory_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def consultation():
    directory_demo.load()
    return demo.load()


def test_a_visitor_contributes_in_french(live_server, page, consultation, screenshot):
    page.goto(f"{live_server.url}/fr/consultations/{consultation.slug}/")
    expect(page.locator("h1")).to_have_text(demo.TITLE["fr"])
    expect(page.locator("#questions")).to_contain_text("coopération décentralisée")
    screenshot("consultation-fr")
    page.locator(".take-part a.button").click()
    expect(page.locator("script")).to_have_count(0)  # plain HTML forms, nothing needs JavaScript
    page.fill("textarea[name=body]", "Question 4 : À Renens, la commune invite les associations de migrants à "
                                     "préparer ensemble la fête des voisins et le budget participatif.")
    page.check("input[name=questions][value='4']")
    page.fill("input[name=name]", "Inès Martins")
    page.fill("input[name=email]", "ines@example.org")
    page.fill("input[name=organisation_name]", "Centro Lusitano de Renens")
    page.select_option("select[name=organisation_kind]", "migrant-association")
    page.select_option("select[name=country]", "CH")
    screenshot("contribute-fr")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator(".notice")).to_be_visible()
    screenshot("contributed-fr")
    contribution = Contribution.objects.get(author_email="ines@example.org")
    assert contribution.status == Contribution.Status.PENDING and contribution.language == "fr"
    assert [answer.question.number for answer in contribution.answers.all()] == [4]


def test_an_organiser_moderates_and_publishes_the_report(live_server, page, consultation, screenshot):
    base = f"{live_server.url}/en/consultations/{consultation.slug}"
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/consultations/{consultation.slug}/organise/moderation/")
    page.fill("input[name=username]", "vaud")
    page.fill("input[name=password]", "vaud")
    page.locator("main button[type=submit]").click()
    card = page.locator(".card", has_text="Patricia Lema")
    expect(card).to_contain_text("presupuestos participativos")
    screenshot("moderation-en")
    card.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("published")
    expect(page.locator(".card")).to_have_count(0)

    page.goto(f"{base}/organise/reports/")
    page.get_by_role("button", name=re.compile("new version")).click()
    expect(page.locator("[role=status]")).to_contain_text("Ready for review")
    screenshot("report-review-en")
    page.get_by_role("link", name="Edit", exact=True).click()
    page.fill("textarea[name=introduction]", "Ten contributions from four continents on local authorities.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".report-document")).to_contain_text("Ten contributions from four continents")
    page.get_by_role("button", name="Publish the report").click()

    expect(page).to_have_url(f"{base}/report/")
    expect(page.locator(".report-document")).to_contain_text("Ten contributions from four continents")
    screenshot("report-public-en")
    pdf = page.locator("a", has_text="PDF")
    response = page.request.get(live_server.url + pdf.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_the_consultation_in_arabic_reads_right_to_left(live_server, page, consultation, screenshot):
    page.goto(f"{live_server.url}/ar/consultations/{consultation.slug}/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    # Contributions keep their own language and direction.
    expect(page.locator(".contribution .body[lang=es]").first).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.replies')).borderRightStyle") == "solid"
    screenshot("consultation-ar")
