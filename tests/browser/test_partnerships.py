"""Drafting an MoU from a corridor: the administrator of Vaud opens the Pristina → Lausanne corridor, drafts
the memorandum, and fills in what the checklist lists for the shared part and Lausanne's side; Pristina's
administrator fills in Pristina's side; the checklist goes green, the agreement is marked final and its Word
document downloaded. Then the builder in Arabic, right to left. No step needs JavaScript."""
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from docx import Document
from playwright.sync_api import expect

from corridor.accounts.models import TerritoryAdministrator
from corridor.directory.models import Organisation
from corridor.partnerships.models import CooperationInterest, Corridor, CorridorFigure, Partnership
from corridor.territories.models import Territory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corridor(territories, organisations, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    xk = Territory.objects.create(name="Kosovo", name_translations={"ar": "كوسوفو"}, kind="country", country_code="XK",
                                  slug="xk", is_origin=True)
    pristina = Territory.objects.create(name="Pristina", kind="city", parent=xk, country_code="XK", slug="pristina")
    Organisation.objects.create(name="Zyra për migracion", kind="local-authority", territory=pristina,
                                content_language="sq")
    kosovars = Organisation.objects.create(name="Shoqata e kosovarëve", kind="migrant-association",
                                           territory=territories["lausanne"], content_language="sq")
    user = get_user_model().objects.create_user("pristina-admin", "admin@pristina.example.org", "pristina-admin")
    TerritoryAdministrator.objects.create(user=user, territory=pristina)
    corridor = Corridor.objects.create(
        origin=pristina, destination=territories["lausanne"], content_language="en",
        description="People from Pristina are among the largest communities of Lausanne.")
    corridor.associations.add(kosovars)
    for year, diaspora, flow, remittances in ((2022, 1900, 95, 23_100_000), (2023, 1930, 110, 24_400_000),
                                              (2024, 1950, 105, 25_600_000)):
        for kind, value in (("diaspora", diaspora), ("flow", flow), ("remittances", remittances)):
            CorridorFigure.objects.create(corridor=corridor, year=year, kind=kind, value=Decimal(value),
                                          source="Population register (test)")
    CooperationInterest.objects.create(territory=territories["lausanne"], sectors=["education", "governance"])
    CooperationInterest.objects.create(territory=pristina, sectors=["governance", "local-economic-development"])
    return corridor


def sign_in(page, live_server, username, password, next_url):
    page.goto(f"{live_server.url}/en/accounts/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()


def write_it(page, element, territory=""):
    """Follow the checklist's link to where the element is written (for one territory's side)."""
    gaps = page.locator(f"#element-{element} .gaps li")
    if territory:
        gaps = gaps.filter(has_text=territory)
    gaps.get_by_role("link", name="Write it").click()


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("h1")).to_have_text("Agreement builder")  # back to where the link was followed


def test_drafting_an_mou_from_a_corridor(live_server, page, corridor, screenshot, tmp_path):
    sign_in(page, live_server, "vaud-admin", "pw-vaud-123", f"/en/partnerships/corridors/{corridor.uuid}/")
    expect(page.locator("h1")).to_have_text("Pristina → Lausanne")
    expect(page.locator("svg.chart")).to_have_count(3)
    expect(page.locator("main")).to_contain_text("Shoqata e kosovarëve")
    expect(page.locator("script")).to_have_count(0)
    screenshot("partnerships-corridor-en")

    page.get_by_role("button", name="Draft an MoU from this corridor").click()
    expect(page.locator("h1")).to_have_text("Agreement builder")
    expect(page.locator(".messages")).to_contain_text("A memorandum of understanding is drafted from the corridor.")
    expect(page.locator(".checklist .missing-element")).to_have_count(12)
    expect(page.locator("#element-stakeholders .gaps li")).to_have_count(1)  # Lausanne's association is there
    expect(page.locator("#element-stakeholders")).to_contain_text("Name at least one stakeholder of Pristina.")
    expect(page.locator("#element-authorities")).to_contain_text("(written by the administrators of Pristina)")
    screenshot("partnerships-agreement-draft-en")
    partnership = Partnership.objects.get()
    assert partnership.title == "Memorandum of understanding between Lausanne and Pristina"

    # The shared part: what every partner writes.
    write_it(page, "aim")
    expect(page.locator("h1")).to_have_text("The shared part of the partnership")
    expect(page.locator("input[name=sectors][value=governance]")).to_be_checked()  # the shared interest
    page.fill("textarea[name=aim]", "Give people who return to Pristina a way back to a job or a business.")
    page.fill("input[name=sdg_text]", "10.7, 8.3")
    page.fill("input[name=actions-0-description]", "Study visits of municipal staff")
    page.fill("input[name=actions-0-measure]", "2 visits, 12 staff")
    page.fill("input[name=actions-0-due_on]", "2027-06-30")
    page.fill("textarea[name=expected_results]", "120 returnees with a reintegration plan.")
    page.fill("textarea[name=monitoring]", "A joint committee reviews the indicators twice a year.")
    page.fill("input[name=start_date]", "2027-01-01")
    page.fill("input[name=end_date]", "2029-12-31")
    page.fill("input[name=budget]", "250000")
    page.fill("input[name=currency]", "CHF")
    page.fill("textarea[name=management]", "Lausanne: one-stop desk. Pristina: office for migration.")
    page.fill("textarea[name=governance]", "A steering committee of both cities and the association.")
    screenshot("partnerships-shared-form-en")
    save(page)
    for element in ("aim", "actions", "results", "sdgs", "timeline", "budget", "management", "governance"):
        expect(page.locator(f"#element-{element}")).to_have_class("element done")

    # The indicators, with a target.
    write_it(page, "monitoring")
    page.fill("input[name=indicators-0-title]", "Returnees with a reintegration plan")
    page.fill("input[name=indicators-0-unit]", "people")
    page.fill("input[name=indicators-0-baseline]", "0")
    page.fill("input[name=indicators-0-periods-0-period_start]", "2027-01-01")
    page.fill("input[name=indicators-0-periods-0-period_end]", "2027-12-31")
    page.fill("input[name=indicators-0-periods-0-target]", "40")
    save(page)
    expect(page.locator("#element-monitoring")).to_have_class("element done")

    # Lausanne's own part; Pristina's is not offered to Vaud's administrator.
    write_it(page, "authorities", "Lausanne")
    expect(page.locator("h1")).to_have_text("The part of Lausanne")
    page.fill("textarea[name=side-authority]", "City of Lausanne, about 146,000 inhabitants.")
    page.fill("input[name=side-development_plan]", "Programme of the legislature 2026–2031")
    page.fill("textarea[name=side-plan_coherence]", "Its priority on integration and partnerships.")
    page.fill("input[name=side-mandate]", "Municipal decision 2026/41")
    page.fill("input[name=side-signatory_name]", "Marie Fontaine")
    page.fill("input[name=side-signatory_title]", "Mayor")
    page.fill("input[name=contacts-0-name]", "Nadia Berisha")
    page.fill("input[name=contacts-1-name]", "Luc Perret")
    save(page)
    expect(page.locator(".checklist .missing-element")).to_have_count(3)
    for element in ("authorities", "stakeholders", "coherence"):
        expect(page.locator(f"#element-{element} .gaps")).to_contain_text("Pristina")
    expect(page.locator("#element-authorities .gaps a")).to_have_count(0)
    screenshot("partnerships-agreement-waiting-for-pristina")

    # Pristina's administrator writes Pristina's part.
    page.locator("header button", has_text="Sign out").click()
    sign_in(page, live_server, "pristina-admin", "pristina-admin", f"/en/partnerships/{partnership.uuid}/agreement/")
    write_it(page, "authorities", "Pristina")
    expect(page.locator("h1")).to_have_text("The part of Pristina")
    page.fill("textarea[name=side-authority]", "Municipality of Pristina, about 220,000 inhabitants.")
    page.fill("input[name=side-development_plan]", "Municipal development plan 2025–2030")
    page.fill("textarea[name=side-plan_coherence]", "Its axis on local economic development.")
    page.fill("input[name=side-mandate]", "Council resolution 14/2026")
    page.fill("input[name=contacts-0-name]", "Vjosa Hoxha")
    page.fill("input[name=contacts-1-name]", "Besnik Mala")
    page.select_option("select[name=stakeholders-0-organisation]", label="Zyra për migracion (Pristina)")
    page.select_option("select[name=stakeholders-0-role]", "implementing")
    page.fill("input[name=stakeholders-0-contact_person]", "Vjosa Hoxha")
    save(page)

    expect(page.locator(".checklist .missing-element")).to_have_count(0)
    expect(page.locator(".checklist .done")).to_have_count(12)
    expect(page.locator("[role=status]")).to_have_text("Nothing is missing: the agreement can be marked final.")
    screenshot("partnerships-agreement-complete-en")
    page.get_by_role("button", name="Mark the agreement final").click()
    expect(page.locator(".messages")).to_contain_text("The agreement is marked final.")

    with page.expect_download() as download:
        page.locator(".agreement-downloads li[data-language=en]").get_by_role("link", name="Word (DOCX)").click()
    path = tmp_path / "agreement.docx"
    download.value.save_as(path)
    document = Document(io.BytesIO(path.read_bytes()))
    assert document.paragraphs[1].text == "Memorandum of understanding between Lausanne and Pristina"
    assert document.paragraphs[2].text == "Between Lausanne (Switzerland) and Pristina (Kosovo)"
    assert "13. Signatures" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Represented by Marie Fontaine, Mayor." in [p.text for p in document.paragraphs]
    assert not any(p.text.startswith("Draft") for p in document.paragraphs)

    page.goto(f"{live_server.url}/ar/partnerships/{partnership.uuid}/agreement/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".checklist .done")).to_have_count(12)
    screenshot("partnerships-agreement-ar")
    page.goto(f"{live_server.url}/ar/partnerships/{partnership.uuid}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot("partnerships-detail-ar")


def test_the_partner_finder_explains_each_rank(live_server, page, corridor, screenshot):
    page.goto(f"{live_server.url}/en/partnerships/finder/?territory=ch/vaud/lausanne/")
    expect(page.locator("h1")).to_have_text("Find partner territories")
    candidate = page.locator(".candidate")
    expect(candidate).to_have_count(1)
    expect(candidate.locator("h2")).to_contain_text("Pristina")
    expect(candidate.locator(".score")).to_have_text("77.5 points of 100")  # 40 + 12.5 + 25 + 0
    expect(candidate.locator(".component-sectors")).to_contain_text(
        "1 of your 2 sectors of interest is also theirs: Governance and participation.")
    screenshot("partnerships-finder-en")
