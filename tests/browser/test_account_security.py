"""A person turns two-factor authentication on with an authenticator app, signs in with a code, finds
their data page, and a platform administrator reads the audit log: in a real browser, with no script
and nothing blocked by the content security policy."""
import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(secret: str, offset: int = 0) -> str:
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    totp = TOTP(key)
    totp.time += 30 * offset
    return f"{totp.token():06d}"


def sign_in(page, live_server, username, password):
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_two_factor_enrolment_sign_in_data_and_audit_log(live_server, page, screenshot, users):
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    sign_in(page, live_server, "vaud-admin", "pw-vaud-123")
    page.goto(live_server.url + "/en/accounts/security/")
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("code.secret").inner_text()
    screenshot("account-2fa-enrol")
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Turn two-factor authentication on").click()
    expect(page.get_by_text("Two-factor authentication is on")).to_be_visible()
    assert page.locator(".recovery-codes li").count() == 10
    screenshot("account-2fa-recovery-codes")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "vaud-admin", "pw-vaud-123")
    expect(page.get_by_label("Code")).to_be_visible()
    page.get_by_label("Code").fill(code_for(secret, offset=1))  # the next period: a code is used once
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="vaud-admin")).to_be_visible()

    page.goto(live_server.url + "/en/accounts/data/")
    expect(page.get_by_role("button", name="Delete my account")).to_be_visible()
    screenshot("account-data")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "platform", "pw-platform-123")
    page.goto(live_server.url + "/en/audit/")
    expect(page.get_by_role("cell", name="account.2fa_enabled")).to_be_visible()
    screenshot("audit-log")
    assert violations == []
