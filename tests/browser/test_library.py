"""A reader browses the knowledge library (facets, search in French, the map), compares two practices
side by side and reads one in Arabic; the Vaud administrator publishes the practice waiting for review.
No step needs JavaScript."""
import pytest
from playwright.sync_api import expect

from corridor.directory import demo as directory_demo
from corridor.library import demo
from corridor.library.models import GoodPractice

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_library():
    directory_demo.load()
    return demo.load()


def test_a_reader_browses_searches_and_compares_practices(live_server, page, demo_library, screenshot):
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Library").click()
    expect(page.locator("h1")).to_have_text("Knowledge library")
    expect(page.locator("#result-count")).to_have_text("5 practices found")
    expect(page.locator("script")).to_have_count(0)
    screenshot("library-list-en")

    page.locator("summary", has_text="Refine").click()
    page.get_by_label("Category").get_by_role("link", name="Health").click()
    expect(page.locator("#result-count")).to_have_text("1 practice found")
    expect(page.locator(".results h2")).to_have_text(["Tunisian women in Tuscany lead maternal health campaigns "
                                                       "in Kasserine"])
    page.get_by_role("link", name="Remove the filter “Health”").click()
    expect(page.locator("#result-count")).to_have_text("5 practices found")

    page.goto(f"{live_server.url}/fr/library/")
    page.fill("input[name=q]", "diaspora africaine")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".results h2")).to_have_text(["Le Dialogue Suisse–Afrique, né de l'idée d'un représentant "
                                                       "des migrants (Genève)"])
    page.fill("input[name=q]", "communautés migrantes")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".results h2").first).to_be_visible()
    titles = page.locator(".results h2").all_inner_texts()
    assert "Les migrants supervisent le programme d'intégration de leur canton (Vaud)" in titles  # translated
    screenshot("library-search-fr")

    page.goto(f"{live_server.url}/en/library/")
    for title in ("Migrants oversee their canton's integration programme (Vaud)",
                  "A council of migrant communities and a coordination centre for refugee support (Athens)"):
        page.locator(".result", has_text=title).get_by_label("Compare").check()
    page.get_by_role("button", name="Compare the chosen practices").click()
    expect(page.locator("h1")).to_have_text("Compare good practices")
    table = page.locator("table.practice-comparison")
    # In the order of the list: Athens comes first by its title.
    expect(table.locator("thead th")).to_have_text([
        "A council of migrant communities and a coordination centre for refugee support (Athens)",
        "Migrants oversee their canton's integration programme (Vaud)"])
    outputs = table.locator("tr", has=page.locator("th", has_text="Main outputs and achievements"))
    expect(outputs.locator("td").nth(0)).to_contain_text("6 migrant communities")
    expect(outputs.locator("td").nth(1)).to_contain_text("translated into 12 languages")
    obstacles = table.locator("tr", has=page.locator("th", has_text="Main obstacles"))
    expect(obstacles.locator("td")).to_have_text(["Councils of this kind usually only advise: civil society "
                                                  "organisations say they are not part of decisions, and lack the "
                                                  "resources to take part in technical discussions.", "—"])
    screenshot("library-compare-en")
    page.set_viewport_size({"width": 1280, "height": 900})  # a table, field names in the first column
    expect(outputs.locator("th")).to_be_visible()
    screenshot("library-compare-wide-en")
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/en/library/map/")
    expect(page.locator("svg.chart circle")).to_have_count(4)
    switzerland = page.locator("table.countries tr", has_text="Switzerland")
    expect(switzerland.locator("td")).to_have_text("2")
    screenshot("library-map-en")
    switzerland.get_by_role("link").click()
    expect(page.locator("#result-count")).to_have_text("2 practices found")


def test_a_practice_in_arabic_and_its_similar_practices(live_server, page, demo_library, screenshot):
    tunisia = GoodPractice.objects.get(country_code="TN")
    page.goto(f"{live_server.url}/ar/library/{tunisia.uuid}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("نساء تونسيات في توسكانا يقُدن حملات للتوعية بصحة الأم والطفل في القصرين")
    # Fields not translated stay in English, marked as such for screen readers.
    expect(page.locator("#field-partners + dd [lang=en]")).to_contain_text("Region of Tuscany")
    expect(page.locator(".similar li")).not_to_have_count(0)
    screenshot("library-detail-ar")


def test_the_territory_administrator_publishes_the_practice_in_review(live_server, page, demo_library, screenshot):
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/library/mine/")
    page.fill("input[name=username]", "vaud")
    page.fill("input[name=password]", "vaud")
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("My practices and reviews")
    page.get_by_role("link", name="Cours de français à bas seuil donnés par des bénévoles formés (démo)").first.click()
    expect(page.locator(".editorial")).to_contain_text("Status: In review.")
    screenshot("library-review-en")
    page.get_by_role("link", name="Edit").click()
    expect(page.locator("input[name=title]")).to_have_value(
        "Cours de français à bas seuil donnés par des bénévoles formés (démo)")
    page.fill("textarea[name=outputs]", "Quelques bénévoles")  # no figure: refused, nothing lost
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".invalid").filter(has=page.locator("textarea[name=outputs]"))).to_contain_text(
        "at least one figure")
    expect(page.locator("textarea[name=objectives]")).to_contain_text("sans inscription ni frais")
    screenshot("library-form-errors-en")
    page.go_back()
    page.go_back()
    page.locator("#translation-en").get_by_role("link", name="Translate").click()
    page.fill("input[name=title]", "Low-threshold French courses given by trained volunteers (demo)")
    screenshot("library-translation-en")
    page.get_by_role("button", name="Save the translation").click()
    expect(page.locator("#translation-en td").first).to_have_text("Draft")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Published: everyone can read it now.")
    assert GoodPractice.objects.get(title__startswith="Cours de français").status == GoodPractice.Status.PUBLISHED
