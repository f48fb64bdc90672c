"""A caseworker of Lausanne's one-stop shop refers a newcomer to a French course with their consent; the language
school accepts, sets the appointment, records the course as delivered and closes the referral; both see the
history and who read the person's data; the page reads right to left in Arabic. No step needs JavaScript."""
import pytest
from playwright.sync_api import expect

from corridor.audit.models import AuditEvent
from corridor.directory import demo as directory_demo
from corridor.referrals import demo
from corridor.referrals.models import Referral

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lausanne():
    directory_demo.load()
    demo.load()


def sign_in(page, live_server, username, next_url):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/accounts/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", username)
    page.locator("main button[type=submit]").click()


def test_a_referral_from_sending_to_closing(live_server, page, lausanne, screenshot):
    sign_in(page, live_server, "guichet", "/en/")
    page.locator("header nav").get_by_role("link", name="Referrals").click()
    card = page.locator(".referral-organisation", has_text="Guichet unique Migrations Lausanne")
    card.get_by_role("link", name="New referral").click()
    expect(page.locator("script")).to_have_count(0)

    # 1. The need, and what helps find an eligible service.
    page.select_option("select[name=need]", "language")
    page.select_option("select[name=target_group]", "refugees")
    page.fill("input[name=age]", "29")
    page.select_option("select[name=gender]", "woman")
    screenshot("referral-1-need-en")
    page.get_by_role("button", name="Find services").click()

    # 2. The pathway's services, in order, with why the out-of-date one is not offered.
    expect(page.locator(".notice").first).to_contain_text("The referral pathway of Lausanne")
    offered = page.locator(".service-option")
    expect(offered).to_have_count(1)
    expect(offered.first).to_contain_text("Beginner French courses")  # the service, in English
    expect(page.locator(".not-offered")).to_contain_text("Not verified by its provider since")
    offered.first.locator("input").check()
    page.get_by_label("Languages spoken").check()
    screenshot("referral-2-service-en")
    page.get_by_role("button", name="Continue").click()

    # 3. The consent text, then the data it covers.
    expect(page.locator(".consent-text")).to_contain_text(
        "I agree that Guichet unique Migrations Lausanne passes on my request for help (Language courses) to "
        "Association Langues pour tous.")
    expect(page.locator("input[name=name]")).to_have_count(0)  # not covered by the consent: not asked
    page.get_by_label("The person read or heard this text and agrees").check()
    page.select_option("select[name=method]", "interpreter")
    page.fill("textarea[name=reason]", "Débutante, cherche un cours du matin avec garderie.")
    page.fill("input[name=reference]", "GU-2025-030")
    page.select_option("select[name=languages]", ["ti", "ar"])
    screenshot("referral-3-consent-en")
    page.get_by_role("button", name="Send the referral").click()

    expect(page.locator(".messages")).to_contain_text("sent to Association Langues pour tous")
    referral = Referral.objects.get(reference__isnull=False, service__name="Cours de français à bas seuil",
                                    status="sent", sent_by__username="guichet", consent__method="interpreter")
    expect(page.locator("h1")).to_contain_text(referral.number)
    expect(page.locator(".personal-data")).to_contain_text("GU-2025-030")
    screenshot("referral-sent-en")

    # The language school answers: accepts, sets the appointment, delivers, closes.
    sign_in(page, live_server, "lausanne-cso", "/en/referrals/")
    page.get_by_role("link", name="Inbox").click()
    page.get_by_role("link", name=referral.number).click()
    expect(page.locator(".personal-data")).to_contain_text("Débutante, cherche un cours du matin")
    screenshot("referral-received-en")
    page.locator(".action-accept").get_by_role("button", name="Accept").click()
    expect(page.locator("h1 .referral-status")).to_have_text("Accepted")
    page.fill("input[name=set_appointment-appointment_at]", "2030-05-14T09:00")
    page.fill("textarea[name=set_appointment-note]", "Salle 2, avec garderie.")
    page.locator(".action-set_appointment").get_by_role("button", name="Set the appointment").click()
    expect(page.locator("h1 .referral-status")).to_have_text("Appointment set")
    expect(page.locator(".referral-facts")).to_contain_text("May 14, 2030")
    page.locator(".action-deliver").get_by_role("button", name="Service delivered").click()
    expect(page.locator("h1 .referral-status")).to_have_text("Service delivered")
    page.locator(".action-close").get_by_role("button", name="Close").click()
    expect(page.locator("h1 .referral-status")).to_have_text("Closed")
    expect(page.locator(".referral-history li")).to_have_count(5)
    screenshot("referral-closed-en")

    # The caseworker sees the history and who read the person's data.
    sign_in(page, live_server, "guichet", f"/en/referrals/{referral.uuid}/")
    expect(page.locator(".referral-history")).to_contain_text("Salle 2, avec garderie.")
    log = page.locator("table.access-log")
    expect(log).to_contain_text("lausanne-cso")
    expect(log).to_contain_text("Association Langues pour tous")
    assert AuditEvent.objects.filter(action="referral.read", actor_name="lausanne-cso").count() == 5
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot("referral-detail-desktop-en")

    # Right to left in Arabic.
    page.goto(f"{live_server.url}/ar/referrals/{referral.uuid}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".personal-data")).to_contain_text("GU-2025-030")
    screenshot("referral-detail-ar")


def test_a_coordinator_sees_statistics_and_pathways_but_no_person(live_server, page, lausanne, screenshot):
    sign_in(page, live_server, "vaud", "/en/referrals/")
    page.get_by_role("link", name="Statistics").click()
    expect(page.locator("h1")).to_have_text("Referral statistics for Vaud")
    expect(page.locator(".notice")).to_contain_text("fewer than 5")
    expect(page.locator("main")).not_to_contain_text("GU-2025")
    screenshot("referral-statistics-en")
    page.get_by_role("link", name="Referral pathways").click()
    page.select_option("select[name=territory]", "ch/vaud/lausanne/")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".pathway")).to_have_count(3)
    expect(page.locator(".pathway", has_text="Legal aid")).to_contain_text("not offered")
    screenshot("referral-pathways-en")
