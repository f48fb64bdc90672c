"""On the Sédhiou demo: a member of the diaspora in Madrid joins the network (no account), confirms her address
with the link she receives, sees the project suggested to her and pledges to it; the region's administrator
accepts the pledge, and she is told by e-mail. Also the matched people as the team sees them, and the portal
in Arabic. No step needs JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from corridor.diaspora import demo
from corridor.diaspora.models import DiasporaProfile, Pledge
from corridor.directory import demo as directory_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_diaspora():
    directory_demo.load()
    return demo.load()


def link_in(message) -> str:
    return re.search(r"http://\S+/access/\S+/", message.body).group()


def test_a_member_registers_pledges_and_the_territory_accepts(live_server, page, demo_diaspora, screenshot,
                                                               mailoutbox, settings):
    settings.CORRIDOR_BASE_URL = live_server.url  # links in e-mails lead to the test server
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Diaspora", exact=True).click()
    expect(page.locator("h1")).to_have_text("Projects open to the diaspora")
    expect(page.locator(".results.projects > li")).to_have_count(5)  # the draft study is not public
    expect(page.locator("script")).to_have_count(0)
    screenshot("diaspora-projects-en")
    page.get_by_text("More filters").click()
    page.select_option("select[name=kind]", "skills-transfer")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".results.projects h2")).to_have_text(["Digital land register for the municipalities"])

    page.get_by_role("link", name="Join", exact=True).click()
    expect(page.locator("h1")).to_have_text("Join the diaspora network")
    page.fill("input[name=display_name]", "Mariama")
    page.fill("input[name=email]", "mariama@example.org")
    page.select_option("select[name=residence_country]", "ES")
    page.fill("input[name=residence_place]", "Madrid")
    page.check("input[name=skills][value=health]")
    page.check("input[name=languages][value=fr]")
    page.check("input[name=languages][value=es]")
    page.check("input[name=interest_kinds][value=philanthropy]")
    page.check("input[name=interest_sectors][value=health]")
    page.get_by_label(re.compile(r"\bSédhiou$")).check()  # the region, not the town of Sédhiou
    page.get_by_role("button", name="Join and send me my link").click()
    expect(page.locator(".field.invalid")).to_contain_text("Without your consent we cannot keep your profile.")
    expect(page.locator("input[name=residence_place]")).to_have_value("Madrid")  # nothing typed is lost
    screenshot("diaspora-register-consent-missing")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Join and send me my link").click()
    expect(page.locator("h1")).to_have_text("Check your e-mail")
    profile = DiasporaProfile.objects.get(display_name="Mariama")
    assert profile.confirmed_at is None and profile.consent_text.startswith("I agree that Corridor keeps")

    [message] = mailoutbox
    assert message.to == ["mariama@example.org"]
    page.goto(link_in(message))
    page.get_by_role("button", name="Confirm and open my profile").click()
    expect(page.locator(".messages")).to_contain_text("Your e-mail address is confirmed")
    suggestions = page.locator(".suggestions > li")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first.locator("h2")).to_have_text("Equip the maternity ward of the regional hospital")
    expect(suggestions.first.locator(".match")).to_contain_text("Match: 80%")
    expect(suggestions.first.locator(".reasons li")).to_have_text([
        "1 of the 2 skills wanted: Medicine, nursing and public health",
        "Interested in this kind of engagement: Philanthropy", "Interested in this sector: Health",
        "In Sédhiou, a territory of origin", "Speaks French"])
    screenshot("diaspora-profile-suggestions")

    suggestions.first.get_by_role("link").click()
    expect(page.locator(".pledge-progress svg.chart").first).to_be_visible()
    screenshot("diaspora-project-progress")
    page.get_by_role("link", name="Pledge to this project").click()
    expect(page.locator("main")).to_contain_text("Pledging as Mariama.")
    page.fill("input[name=amount]", "250")
    page.fill("input[name=currency]", "EUR")
    page.fill("textarea[name=message]", "Pour les couveuses, de la part des Sédhiouois de Madrid.")
    page.get_by_role("button", name="Send my pledge").click()
    expect(page.locator(".messages")).to_contain_text("your pledge is sent to the project's team")
    expect(page.locator(".tags")).to_have_text("Offered")
    pledge = Pledge.objects.get(profile=profile)
    assert (pledge.amount, pledge.currency, pledge.status) == (250, "EUR", "offered")
    assert [m.to for m in mailoutbox[1:]] == [["sedhiou@example.org"]]  # the region's team is told
    screenshot("diaspora-pledge-offered")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/diaspora/manage/")
    page.fill("input[name=username]", "sedhiou")
    page.fill("input[name=password]", "sedhiou")
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Diaspora engagement: Sédhiou")
    waiting = page.locator("table").first
    expect(waiting).to_contain_text("Mariama")
    screenshot("diaspora-manage")
    waiting.get_by_role("link", name=re.compile("Philanthropy: €250")).click()
    expect(page.locator("main")).to_contain_text("Not shared: write through the platform below.")
    expect(page.locator("main")).not_to_contain_text("mariama@example.org")
    page.select_option("select[name=status]", "accepted")
    page.fill("textarea[name=note]", "Merci Mariama ! Virement sur le compte du Bureau d'appui aux migrants.")
    page.get_by_role("button", name="Record this step").click()
    expect(page.locator(".tags")).to_have_text("Accepted")
    expect(page.locator(".pledge-events li")).to_have_count(2)
    pledge.refresh_from_db()
    assert pledge.status == "accepted"
    assert mailoutbox[-1].to == ["mariama@example.org"] and "Virement" in mailoutbox[-1].body
    screenshot("diaspora-pledge-accepted")

    page.goto(f"{live_server.url}/en/diaspora/projects/{demo_diaspora['maternity'].uuid}/people/")
    expect(page.locator(".matched-people > li").first).to_contain_text("Awa S.")
    expect(page.locator("main")).not_to_contain_text("awa.demo@example.org")
    screenshot("diaspora-matched-people")

    page.goto(f"{live_server.url}/ar/diaspora/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot("diaspora-projects-ar")
    page.goto(f"{live_server.url}/ar/diaspora/projects/{demo_diaspora['maternity'].uuid}/")
    expect(page.locator("h1")).to_have_text("تجهيز قسم الولادة في المستشفى الإقليمي")
    screenshot("diaspora-project-ar")
