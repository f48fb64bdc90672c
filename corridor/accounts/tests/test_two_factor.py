"""Two-factor authentication: enrolment, sign-in with a code, recovery codes, disabling, the requirement
for administrators and the throttling of code attempts."""
import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from corridor.accounts import throttling
from corridor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN, CODE, SECURITY = "/en/accounts/login/", "/en/accounts/login/code/", "/en/accounts/security/"
ADMIN_HOME = "/en/manage/"


def current_code(user) -> str:
    """The authenticator's code now, as a phone would show it. A code is accepted once per 30 seconds:
    forget the last one used, as if the next period had come."""
    TOTPDevice.objects.filter(user=user).update(last_t=-1, throttling_failure_count=0,
                                                 throttling_failure_timestamp=None)
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def enrol(client, user) -> list[str]:
    """Turn 2FA on through the page; returns the recovery codes it shows."""
    client.force_login(user)
    page = client.get(SECURITY)
    assert b"<svg" in page.content and "QR code for your authenticator app" in page.content.decode()
    response = client.post(SECURITY, {"action": "enrol", "code": current_code(user)})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    client.logout()
    return codes


def sign_in(client, username, password, address="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/en/consultations/"},
                       REMOTE_ADDR=address)


def test_enrolment_shows_the_secret_and_needs_a_right_code(client, users):
    user = users["vaud_admin"]
    client.force_login(user)
    page = client.get(SECURITY).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    import base64
    assert base64.b32encode(device.bin_key).decode().rstrip("=")[:4] in page
    wrong = client.post(SECURITY, {"action": "enrol", "code": "000000"})
    assert "This code is not valid" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    # The same secret is offered again until it is confirmed: the app scanned once keeps working.
    client.get(SECURITY)
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert "Two-factor authentication is on" in client.post(
        SECURITY, {"action": "enrol", "code": current_code(user)}).content.decode()
    assert AuditEvent.objects.filter(action="account.2fa_enabled", actor=user).exists()


def test_sign_in_without_2fa_needs_only_the_password(client, users):
    response = sign_in(client, "caritas", "pw-caritas-123")
    assert response.status_code == 302 and response["Location"] == "/en/consultations/"
    assert client.session["_auth_user_id"] == str(users["caritas"].pk)


def test_sign_in_with_2fa_asks_for_the_code(client, users):
    user = users["vaud_admin"]
    enrol(client, user)
    response = sign_in(client, "vaud-admin", "pw-vaud-123")
    assert response.status_code == 302 and response["Location"] == CODE
    assert "_auth_user_id" not in client.session  # the password alone does not sign in
    assert client.get("/en/accounts/profile/").status_code == 302
    assert "authenticator app" in client.get(CODE).content.decode()
    response = client.post(CODE, {"code": current_code(user)})
    assert response.status_code == 302 and response["Location"] == "/en/consultations/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session["otp_device_id"]


def test_a_wrong_code_is_refused_and_counted(client, users):
    enrol(client, users["vaud_admin"])
    sign_in(client, "vaud-admin", "pw-vaud-123")
    response = client.post(CODE, {"code": "123456"})
    assert response.status_code == 200 and "This code is not valid" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="account.sign_in_code_failed", target_id=str(users["vaud_admin"].pk))


def test_code_attempts_are_throttled_like_passwords(client, users):
    user = users["vaud_admin"]
    enrol(client, user)
    sign_in(client, "vaud-admin", "pw-vaud-123")
    for _ in range(throttling.MAX_FAILURES_PER_ACCOUNT):
        TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
        client.post(CODE, {"code": "123456"})
    # Even the right code is refused now, and typing the password again does not reset the count.
    refused = client.post(CODE, {"code": current_code(user)})
    assert "Too many failed attempts" in refused.content.decode() and "_auth_user_id" not in client.session
    assert "Too many failed attempts" in sign_in(client, "vaud-admin", "pw-vaud-123").content.decode()


def test_a_recovery_code_works_once(client, users):
    user = users["vaud_admin"]
    codes = enrol(client, user)
    sign_in(client, "vaud-admin", "pw-vaud-123")
    assert client.post(CODE, {"code": codes[0].upper()}).status_code == 302
    assert AuditEvent.objects.filter(action="account.2fa_recovery_code_used", actor=user).exists()
    client.logout()
    sign_in(client, "vaud-admin", "pw-vaud-123")
    assert "This code is not valid" in client.post(CODE, {"code": codes[0]}).content.decode()
    assert StaticToken.objects.filter(device__user=user).count() == 9
    # django-otp makes the device wait a moment after a failure; let that moment pass.
    StaticDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post(CODE, {"code": codes[1]}).status_code == 302


def test_the_code_step_expires_without_a_password(client, users):
    enrol(client, users["vaud_admin"])
    response = client.post(CODE, {"code": current_code(users["vaud_admin"])})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_disabling_and_renewing_need_a_code(client, users):
    user = users["caritas"]
    codes = enrol(client, user)
    client.force_login(user)
    assert "This code is not valid" in client.post(SECURITY, {"action": "disable", "code": "000000"}).content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    renewed = client.post(SECURITY, {"action": "renew", "code": codes[0]}).content.decode()
    new_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", renewed)
    assert len(new_codes) == 10 and codes[1] not in new_codes
    assert not StaticToken.objects.filter(token=codes[1]).exists()
    client.post(SECURITY, {"action": "disable", "code": current_code(user)})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="account.2fa_disabled", actor=user).exists()
    assert sign_in(client, "caritas", "pw-caritas-123")["Location"] == "/en/consultations/"


def test_admins_must_enrol_when_required(client, users, settings):
    settings.CORRIDOR_REQUIRE_2FA_FOR_ADMINS = True
    admin = users["vaud_admin"]
    client.force_login(admin)
    response = client.get(ADMIN_HOME)
    assert response.status_code == 302 and response["Location"] == SECURITY + "?required=1"
    assert "Administrators must use two-factor authentication" in client.get(SECURITY).content.decode()
    # Members are not concerned.
    client.force_login(users["caritas"])
    assert client.get("/en/services/").status_code == 200
    # Once enrolled and signed in with a code, the admin goes on.
    client.force_login(admin)
    client.post(SECURITY, {"action": "enrol", "code": current_code(admin)})
    assert client.get(ADMIN_HOME).status_code == 200


def test_a_session_that_never_gave_a_code_signs_in_again_when_required(client, users, settings):
    settings.CORRIDOR_REQUIRE_2FA_FOR_ADMINS = True
    enrol(client, users["platform"])
    client.force_login(users["platform"])  # a session begun without the code
    response = client.get("/en/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_the_django_admin_signs_in_through_the_site(client, users):
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302 and response["Location"] == LOGIN + "?next=%2Fen%2Fadmin%2F"
    enrol(client, users["platform"])
    assert sign_in(client, "platform", "pw-platform-123")["Location"] == CODE
    client.post(CODE, {"code": current_code(users["platform"])})
    assert client.get("/en/admin/").status_code == 200
