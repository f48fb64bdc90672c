"""A coordinator of the canton of Vaud reads the coverage matrix, follows a number to the records behind it,
finds the worst-covered need in the gap view and reviews a possible overlap. No step needs JavaScript."""
import pytest
from playwright.sync_api import expect

from corridor.coordination import demo_needs
from corridor.coordination.models import Initiative, OverlapReview
from corridor.coordination.tests.initiative_data import make_initiative
from corridor.directory import demo as directory_demo
from corridor.directory.models import Organisation, Service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def vaud():
    directory_demo.load()
    demo_needs.load()
    make_initiative(Organisation.objects.get(name="Association Langues pour tous"), "Français pour les mères",
                    description="Cours de français pour mères débutantes avec garderie, deux matinées par semaine.",
                    status=Initiative.Status.IMPLEMENTATION, planned_beneficiaries=40,
                    terms={"phase": ["destination"], "category": ["language"], "target_group": ["women"]})


def sign_in(page, live_server, next_url):
    page.goto(f"{live_server.url}/en/accounts/login/?next={next_url}")
    page.fill("input[name=username]", "vaud")
    page.fill("input[name=password]", "vaud")
    page.locator("main button[type=submit]").click()


def test_a_coordinator_finds_a_gap_and_an_overlap(live_server, page, vaud, screenshot):
    sign_in(page, live_server, "/en/")
    page.locator("header nav").get_by_role("link", name="Coordination").click()
    page.locator(".coordination-tabs").get_by_role("link", name="Coverage").click()
    expect(page.locator("h1")).to_have_text("Who does what, for whom, in Vaud")
    expect(page.locator("script")).to_have_count(0)
    page.select_option("select[name=phase]", "destination")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".matrix-section h2")).to_have_text(["In the place of destination"])
    language = page.locator("table.matrix tr", has=page.locator("th", has_text="Language courses"))
    # Whole population: the two low-threshold courses, one of them not verified for 16 months.
    everyone = language.locator("td").last
    expect(everyone).to_have_text("1 +1")
    expect(language.locator("td").nth(4)).to_have_text("2")  # women: a service and the initiative
    screenshot("coordination-coverage-en")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot("coordination-coverage-desktop-en")

    everyone.locator("a").click()
    expect(page.locator("h1")).to_have_text("Language courses · Whole population")
    stale = page.locator(".result.stale")
    expect(stale).to_have_count(1)
    expect(stale).to_contain_text("Cours de français bas seuil")
    expect(stale).to_contain_text("Not verified for over a year")
    screenshot("coordination-cell-en")

    page.go_back()
    page.locator(".coordination-tabs").get_by_role("link", name="Gaps").click()
    first = page.locator(".gap-rank").first
    expect(first.locator("h2")).to_contain_text("1. Not covered")
    expect(first.locator(".explanation")).to_have_text(
        "No active service or initiative of this category works here for this group.")
    # The most severe uncovered need comes first, in the reader's language.
    expect(first.locator(".gap h3").first).to_contain_text("Recognition of refugees' qualifications")
    stale_only = page.locator(".gap-rank.rank-2 .gap")
    expect(stale_only).to_contain_text("Health care for asylum seekers")
    expect(stale_only.locator(".covering.stale")).to_contain_text("Nurse consultation, no conditions")
    screenshot("coordination-gaps-en")

    page.locator(".coordination-tabs").get_by_role("link", name="Overlaps").click()
    pair = page.locator(".overlap").first
    # The same course entered twice by two branches of an association; one has an English translation.
    expect(pair.locator(".pair-record h3")).to_have_text(["Beginner French courses", "Cours de français bas seuil"])
    expect(pair.locator(".shared")).to_contain_text("Language courses · Whole population · Lausanne")
    screenshot("coordination-overlaps-en")
    pair.get_by_label("Real overlap").check()
    pair.locator("textarea[name=note]").fill("Same course listed twice by two branches; asked them to merge.")
    pair.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("Decision recorded: Real overlap.")
    expect(page.locator(".overlap .pair-record h3", has_text="Cours de français bas seuil")).to_have_count(0)
    review = OverlapReview.objects.get()
    names = {Service.objects.get(uuid=key.split(":")[1]).name for key in (review.first, review.second)}
    assert (review.decision, names) == ("overlap", {"Cours de français bas seuil", "Cours de français à bas seuil"})
    page.get_by_role("link", name="1 pair reviewed").click()
    expect(page.locator("tr.review")).to_contain_text("Same course listed twice")
    screenshot("coordination-reviewed-en")


def test_the_matrix_reads_right_to_left_in_arabic(live_server, page, vaud, screenshot):
    page.goto(f"{live_server.url}/ar/coordination/coverage/?territory=ch/vaud/&phase=destination")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("table.matrix")).to_have_count(1)
    screenshot("coordination-coverage-ar")
