"""A learner follows the demo module "Services along the migration cycle": enrols, reads a topic,
answers a point for reflection and sees their progress; the facilitator of the Vaud cohort reads the
cohort's answers. No step needs JavaScript."""
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from corridor.consultations.models import Contribution
from corridor.directory import demo as directory_demo
from corridor.learning import demo
from corridor.learning.models import Cohort

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def module():
    directory_demo.load()
    return demo.load()


def sign_in(page, live_server, username, password, next_path):
    page.goto(f"{live_server.url}/en/accounts/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()


def test_a_learner_enrols_reads_a_topic_answers_and_sees_progress(live_server, page, module, screenshot):
    learner = get_user_model().objects.create_user("nadia", "nadia@example.org", "pw-nadia-123")
    sign_in(page, live_server, "nadia", "pw-nadia-123", "/en/learning/")
    expect(page.locator("h1")).to_have_text("Learning")
    page.get_by_role("link", name="Services along the migration cycle").click()
    expect(page.locator("script")).to_have_count(0)  # plain HTML forms, nothing needs JavaScript
    page.get_by_role("button", name="Enrol").click()
    expect(page.locator(".messages")).to_contain_text("You are enrolled")
    expect(page.locator(".learning-progress")).to_contain_text("Topics read: 0 of 4")
    screenshot("learning-module-enrolled")

    page.get_by_role("link", name="Preparing to leave").click()
    expect(page.locator("h1")).to_have_text("Preparing to leave")
    expect(page.locator(".learning-case")).to_contain_text("Mobile vocational training in villages of origin")
    point = page.locator("#point-3")
    expect(point).to_contain_text("pre-departure orientation sessions")
    point.locator("textarea").fill("In Renens we would need the Portuguese consulate for up-to-date information, "
                                   "the Centro Lusitano to enrol people, and the commune to lend a room.")
    screenshot("learning-topic-answering")
    point.get_by_role("button", name="Send my answer").click()
    expect(page.locator(".messages")).to_contain_text("Your answer is saved")
    expect(page.locator("#point-3 .learning-answers")).to_contain_text("the Centro Lusitano to enrol people")
    screenshot("learning-topic-answered")

    page.get_by_role("button", name="I have read this topic").click()
    progress = page.locator(".learning-progress")
    expect(progress).to_contain_text("Topics read: 1 of 4")
    expect(progress).to_contain_text("Points for reflection answered: 1 of 8")
    expect(page.locator(".learning-topics li").nth(1)).to_contain_text("Read")
    expect(page.locator(".learning-topics li").nth(1)).to_contain_text("1 of 2 answered")
    screenshot("learning-progress")
    contribution = Contribution.objects.get(author=learner)
    assert contribution.consultation == module.reflection and contribution.language == "en"
    assert [answer.question.number for answer in contribution.answers.all()] == [3]


def test_the_facilitator_reads_the_cohort_answers(live_server, page, module, screenshot):
    cohort = Cohort.objects.get(module=module)
    sign_in(page, live_server, "vaud", "vaud", f"/en/learning/{module.slug}/")
    page.get_by_role("link", name=cohort.name).click()
    expect(page.locator("h1")).to_have_text(cohort.name)
    expect(page.locator("table.learning-cohort")).to_contain_text("lausanne-cso")
    expect(page.locator(".learning-answers").first).to_contain_text("Centro Lusitano")
    screenshot("learning-cohort")


def test_the_module_reads_in_french_and_right_to_left_in_arabic(live_server, page, module, screenshot):
    page.goto(f"{live_server.url}/fr/learning/{module.slug}/topics/1/")
    expect(page.locator("h1")).to_have_text("Avant de décider de migrer")
    expect(page.locator("#point-1")).to_contain_text("Sur votre territoire, qui pourrait parler")
    expect(page.locator(".learning-text")).to_contain_text("Ce que peuvent faire les autorités locales")
    screenshot("learning-topic-fr")
    page.goto(f"{live_server.url}/ar/learning/{module.slug}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot("learning-module-ar")
