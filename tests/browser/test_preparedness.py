"""Crisis preparedness in the browser, on the demo register of the Eritrean community of Lausanne: a
person registers on the public form and confirms through the link sent to her phone; the coordinator
opens an incident for Bellevaux and sends the check-in; the person answers "safe" through the link of
the message (an Arabic page); the tally shows it. No step needs JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from corridor.directory import demo as directory_demo
from corridor.preparedness import demo
from corridor.preparedness.gateways import LocmemGateway
from corridor.preparedness.models import ContactRegister

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_register(settings, live_server):
    settings.CORRIDOR_SMS_GATEWAY = "corridor.preparedness.gateways.LocmemGateway"
    settings.CORRIDOR_BASE_URL = live_server.url
    LocmemGateway.outbox = []
    directory_demo.load()
    demo.load()
    return ContactRegister.objects.get()


def _link(message, path):
    return re.search(rf"(http://\S+/{path}/\S+/)", message.text).group(1)


def test_a_person_registers_and_answers_a_check_in(live_server, page, demo_register, screenshot):
    # The person, on the form the association shared (link or QR code).
    page.goto(f"{live_server.url}/en/preparedness/join/{demo_register.uuid}/")
    expect(page.locator("h1")).to_have_text("Emergency contact list")
    page.fill("input[name=name]", "Nour A.")
    page.get_by_label("SMS").check()
    page.fill("input[name=contact]", "079 000 33 01")
    page.select_option("select[name=locality]", label="Lausanne – Bellevaux")
    page.fill("input[name=household_size]", "3")
    page.get_by_label("Arabic").check()
    page.get_by_label("I agree to be contacted as described above.").check()
    screenshot("preparedness-join-en")
    page.get_by_role("button", name="Register").click()
    expect(page.locator("h1")).to_have_text("Almost done")
    [confirmation] = LocmemGateway.outbox
    assert confirmation.to == "+41790003301"
    page.goto(_link(confirmation, "me"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")  # her language comes first
    page.locator("form[action$='/confirm/'] button").click()
    expect(page.locator(".notice[role=status]")).to_be_visible()
    screenshot("preparedness-me-ar")

    # The coordinator opens an incident and sends the check-in.
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/preparedness/registers/{demo_register.uuid}/")
    page.fill("input[name=username]", "eritrea-coord")
    page.fill("input[name=password]", "eritrea-coord")
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Liste de contacts d'urgence")
    expect(page.locator("#confirmed-count")).to_have_text("11")
    screenshot("preparedness-register-en")
    page.get_by_role("link", name="Open an incident").click()
    page.select_option("select[name=kind]", "fire")
    page.fill("input[name=title]", "Incendie rue de la Borde")
    page.get_by_label("Lausanne – Bellevaux").check()
    page.select_option("select[name=content_language]", "fr")
    page.fill("textarea[name=message]", "Communauté érythréenne : incendie rue de la Borde. Allez-vous bien ?")
    page.fill("textarea[name=message__ar]", "الجالية الإريترية: حريق في شارع لا بورد. هل أنت بخير؟")
    page.get_by_role("button", name="Open the incident").click()
    expect(page.locator("h1")).to_have_text("Incendie rue de la Borde")
    page.get_by_role("button", name="Send the check-in").click()
    expect(page.locator(".messages")).to_contain_text("Check-in sent to 5 people.")
    check_ins = [m for m in LocmemGateway.outbox[1:]]
    assert len(check_ins) == 5
    [hers] = [m for m in check_ins if m.to == "+41790003301"]
    assert hers.text.startswith("الجالية الإريترية: حريق")

    # The person answers through the link of the message, without an account.
    person = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    phone = person.new_page()
    phone.goto(_link(hers, "answer"))
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("h1")).to_have_text("Incendie rue de la Borde")
    phone.screenshot(path="test-artifacts/preparedness-answer-ar.png", full_page=True)
    phone.locator("button[value=safe]").click()
    expect(phone.locator("#answer-status")).to_be_visible()
    phone.screenshot(path="test-artifacts/preparedness-answered-ar.png", full_page=True)
    person.close()

    # The tally shows her answer: in Bellevaux, 1 safe and 4 not answered yet out of 5 asked.
    page.reload()
    bellevaux = page.locator("table.tally tbody tr", has_text="Lausanne – Bellevaux")
    expect(bellevaux.locator("td")).to_have_text(["1", "0", "4", "5"])
    expect(page.locator("table.tally tfoot td")).to_have_text(["1", "0", "4", "5"])
    screenshot("preparedness-incident-en")
    page.get_by_role("link", name="People and answers").click()
    nour = page.locator(".checkins li", has_text="Nour A.")
    expect(nour).to_contain_text("Safe")
    expect(nour).to_contain_text("The person, by the link")
    screenshot("preparedness-people-en")


def test_the_territory_page_lists_emergency_numbers_in_arabic(live_server, page, demo_register, screenshot):
    page.goto(f"{live_server.url}/ar/preparedness/")
    page.get_by_role("link", name="لوزان").click()
    expect(page.locator(".urgent .number").first).to_have_text("112")
    expect(page.locator("main")).to_contain_text("رقم الطوارئ الأوروبي")
    expect(page.locator("main")).to_contain_text("Almaz Tekle")  # the public focal point
    expect(page.locator("main")).not_to_contain_text("Kidane Berhe")  # listed for the association only
    expect(page.locator("script")).to_have_count(0)
    screenshot("preparedness-place-ar")
