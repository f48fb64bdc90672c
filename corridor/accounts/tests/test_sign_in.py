"""Sign-in resists password guessing: failures are counted per account and per address."""
from datetime import timedelta

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import RequestFactory

from corridor import settings as production_settings
from corridor.accounts import throttling
from corridor.accounts.models import FailedSignIn

LOGIN = "/en/accounts/login/"


def sign_in(client, username, password, address="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_passwords_are_hashed_with_argon2():
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("correct horse", hasher.salt())
    assert encoded.startswith("argon2$") and hasher.verify("correct horse", encoded)


def test_an_account_is_locked_after_five_failures(client, users):
    for _ in range(throttling.MAX_FAILURES_PER_ACCOUNT):
        assert "Please enter a correct username and password" in sign_in(client, "caritas", "wrong").content.decode()
    # Even the right password is refused while the account is locked, and nothing says whether it was right.
    refused = sign_in(client, "caritas", "pw-caritas-123")
    assert refused.status_code == 200 and "Too many failed attempts. Try again in 15 minutes." in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Other accounts are not affected.
    assert sign_in(client, "roseraie", "pw-roseraie-123").status_code == 302


def test_the_lock_ends_with_the_window_and_success_clears_failures(client, users):
    for _ in range(throttling.MAX_FAILURES_PER_ACCOUNT):
        sign_in(client, "caritas", "wrong")
    FailedSignIn.objects.update(at=FailedSignIn.objects.first().at - throttling.WINDOW - timedelta(seconds=1))
    assert sign_in(client, "caritas", "pw-caritas-123").status_code == 302
    assert not FailedSignIn.objects.filter(username="caritas").exists()


def test_an_address_trying_many_accounts_is_slowed_down(client, users):
    for number in range(throttling.MAX_FAILURES_PER_ADDRESS):
        sign_in(client, f"guess-{number}", "wrong")
    assert "Too many failed attempts" in sign_in(client, "caritas", "pw-caritas-123").content.decode()
    # From another address the account is still reachable.
    assert sign_in(client, "caritas", "pw-caritas-123", address="198.51.100.7").status_code == 302


def test_addresses_are_stored_hashed(client, users):
    sign_in(client, "caritas", "wrong", address="203.0.113.5")
    stored = FailedSignIn.objects.get()
    assert "203.0.113.5" not in stored.address_hash and len(stored.address_hash) == 64


def test_forwarded_addresses_count_only_behind_trusted_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    settings.TRUSTED_PROXIES = 0
    assert throttling.client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXIES = 1
    assert throttling.client_address(request) == "203.0.113.9"
