"""On the Vaud demo: anyone browses the initiatives and a local-to-local one; the member of Langues pour tous
records an initiative with a partner, a result and its indicator, and submits the draft proposal of the open
call; the canton's administrator sees the ranking. No step needs JavaScript."""
import pytest
from playwright.sync_api import expect

from corridor.coordination import demo
from corridor.coordination.models import Initiative, Proposal
from corridor.directory import demo as directory_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_coordination():
    directory_demo.load()
    return demo.load()


def sign_in(page, live_server, username, next_url):
    page.goto(f"{live_server.url}/en/accounts/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", username)
    page.locator("main button[type=submit]").click()


def test_initiatives_and_a_call_for_proposals(live_server, page, demo_coordination, screenshot):
    page.goto(f"{live_server.url}/en/coordination/initiatives/?territory=ch/vaud/")
    expect(page.locator("h1")).to_have_text("Initiatives")
    expect(page.locator(".results.initiatives > li")).to_have_count(8)  # 7 of Vaud, 1 of Pristina with Lausanne
    expect(page.locator("script")).to_have_count(0)
    screenshot("coordination-initiatives-en")
    page.get_by_text("More filters").click()
    page.select_option("select[name=status]", "pipeline")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".results.initiatives > li")).to_have_count(1)
    page.get_by_role("link", name="Vaud–Dakar: diaspora savings and productive projects").click()
    expect(page.locator(".facts")).to_contain_text("Dakar")
    screenshot("coordination-initiative-local-to-local")

    sign_in(page, live_server, "lausanne-cso", "/en/coordination/initiatives/new/")
    expect(page.locator("h1")).to_have_text("New initiative")
    screenshot("coordination-initiative-form")
    page.fill("input[name=title]", "Ateliers d'écriture")
    expect(page.locator("select[name=lead_organisation] option:checked")).to_have_text("Association Langues pour tous")
    page.check("input[name=categories][value=language]")
    page.fill("input[name=budget]", "30000")
    page.fill("input[name=currency]", "CHF")
    page.select_option("select[name=partners-0-organisation]", label="Toit solidaire (Lausanne)")
    page.select_option("select[name=partners-0-role]", "implementing")
    page.fill("input[name=results-0-title]", "Textes publiés")
    page.fill("input[name=results-0-indicators-0-title]", "Participants")
    page.fill("input[name=results-0-indicators-0-target]", "40")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("h1")).to_have_text("Ateliers d'écriture")
    expect(page.locator("main")).to_contain_text("Toit solidaire")
    expect(page.locator(".indicator-table")).to_contain_text("Participants")
    initiative = Initiative.objects.get(title="Ateliers d'écriture")
    assert initiative.lead_organisation.name == "Association Langues pour tous"
    screenshot("coordination-initiative-detail")

    page.goto(f"{live_server.url}/en/coordination/calls/")
    page.get_by_role("link", name="Cafés-conversation intergénérationnels").click()
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.locator(".messages")).to_contain_text("Proposal submitted")
    assert Proposal.objects.get(title="Cafés-conversation intergénérationnels").status == Proposal.Status.SUBMITTED
    screenshot("coordination-proposal-submitted")

    page.goto(f"{live_server.url}/ar/coordination/initiatives/?territory=ch/vaud/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot("coordination-initiatives-ar")

    page.context.clear_cookies()
    sign_in(page, live_server, "vaud", f"/en/coordination/calls/{demo_coordination[1].uuid}/ranking/")
    expect(page.locator("h1")).to_have_text("Scores and ranking")
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("Accueil des jeunes arrivants érythréens")
    screenshot("coordination-call-ranking")
