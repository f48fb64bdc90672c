"""The administrator of the canton of Vaud creates Lausanne's 2025 migration profile, imports a
spreadsheet (a wrong one first: nothing is written and the problems are listed), then compares 2024 and
2025. No step needs JavaScript."""
import pytest
from playwright.sync_api import expect

from corridor.directory import demo as directory_demo
from corridor.profiles import demo
from corridor.profiles.models import Profile

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "indicator,breakdown,value,source,source_url,accessed_on\n"
SOURCE = "Statistique Vaud (demo),https://www.vd.ch/statistique,2026-03-31"
WRONG = HEADER + (f"resident_population,,144900,{SOURCE}\n"
                  f"foreign_population,Atlantis,120,{SOURCE}\n"
                  "foreign_share,,43.9,,,\n")
VALID = HEADER + (f"resident_population,,144900,{SOURCE}\n"
                  f"foreign_population,PT,10950,{SOURCE}\n"
                  f"foreign_population,FR,11400,{SOURCE}\n"
                  f"foreign_population,ER,1610,{SOURCE}\n"
                  f"foreign_population,other,39640,{SOURCE}\n"
                  f"foreign_share,,43.9,{SOURCE}\n"
                  f"employment_rate_foreign,,73.1,{SOURCE}\n")


@pytest.fixture
def demo_profiles():
    directory_demo.load()
    return demo.load()


def upload(page, name, text):
    page.set_input_files("input[type=file]", files=[{"name": name, "mimeType": "text/csv",
                                                     "buffer": text.encode()}])
    page.get_by_role("button", name="Check and import").click()


def test_a_territory_admin_imports_a_spreadsheet_and_compares_two_periods(live_server, page, demo_profiles,
                                                                           screenshot):
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/profiles/")
    page.fill("input[name=username]", "vaud")
    page.fill("input[name=password]", "vaud")
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Migration profiles")
    expect(page.locator("table")).to_contain_text("Lausanne")
    screenshot("profiles-list-en")

    page.get_by_role("link", name="New profile").click()
    page.select_option("select[name=territory]", label="Lausanne")
    page.fill("input[name=year]", "2025")
    page.get_by_role("button", name="Create the profile").click()
    expect(page.locator("h1")).to_have_text("Import a spreadsheet")
    expect(page.locator("script")).to_have_count(0)

    upload(page, "lausanne-2025.csv", WRONG)
    expect(page.locator("[role=alert]")).to_contain_text("The file has 2 problems. Nothing was imported.")
    errors = page.locator("table.import-errors tbody tr")
    expect(errors.nth(0)).to_contain_text("Unknown country “Atlantis”")
    expect(errors.nth(0).locator("td").nth(1)).to_have_text("3")
    expect(errors.nth(1)).to_contain_text("Every value needs its source")
    screenshot("profiles-import-errors-en")
    profile = Profile.objects.get(territory__slug="lausanne", period_start__year=2025)
    assert not profile.values.exists()

    upload(page, "lausanne-2025.csv", VALID)
    expect(page.locator(".messages")).to_contain_text("7 values imported.")
    expect(page.locator("h1")).to_have_text("Migration profile of Lausanne, 2025")
    expect(page.locator("#indicator-resident_population")).to_contain_text("144,900")
    expect(page.locator("#sources")).to_contain_text("Statistique Vaud (demo)")
    screenshot("profiles-detail-en")

    page.get_by_role("link", name="Foreign residents by sex").click()  # not reported yet: a form to fill in
    page.select_option("select[name=values-0-breakdown]", "female")
    page.fill("input[name=values-0-value]", "31 020")
    page.fill("input[name=values-0-source]", "Statistique Vaud (demo)")
    page.select_option("select[name=values-1-breakdown]", "male")
    page.fill("input[name=values-1-value]", "32 580")
    screenshot("profiles-edit-indicator-en")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("fieldset.row").nth(1)).to_contain_text("Every value needs its source")
    page.fill("input[name=values-1-source]", "Statistique Vaud (demo)")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#indicator-foreign_population_by_sex td")).to_contain_text("63,600")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("Profile published.")

    page.get_by_role("link", name="Compare with 2024").click()
    expect(page.locator("h2#comparison")).to_have_text("Lausanne, 2024 compared with Lausanne, 2025")
    population = page.locator("#indicator-resident_population td")
    expect(population).to_have_text(["143,208", "144,900", "+1,692", "+1.2%"])
    expect(page.locator("#indicator-employment_rate_foreign td")).to_have_text(
        ["72.4%", "73.1%", "+0.7 pp", "–"])
    eritrea = page.locator("tr.breakdown-row", has_text="Eritrea").first
    expect(eritrea.locator("td")).to_have_text(["1,520", "1,610", "+90", "+5.9%"])
    spain = page.locator("tr.breakdown-row", has_text="Spain").first  # reported in 2024 only
    expect(spain.locator("td")).to_have_text(["4,990", "not reported", "–", "–"])
    expect(page.locator("svg.chart").first).to_be_visible()
    screenshot("profiles-compare-en")


def test_the_comparison_in_arabic_reads_right_to_left(live_server, page, demo_profiles, screenshot):
    first, second = demo_profiles[0], demo_profiles[1]
    page.goto(f"{live_server.url}/ar/profiles/compare/?first={first.uuid}&second={second.uuid}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#indicator-resident_population th")).to_have_text("السكان المقيمون")
    screenshot("profiles-compare-ar")
