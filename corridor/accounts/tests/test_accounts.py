from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from corridor.accounts import permissions
from corridor.accounts.models import ApiToken


def test_roles(users, organisations, territories):
    caritas, geneva = organisations["caritas"], organisations["geneva_cso"]
    assert permissions.can_edit_organisation(users["caritas"], caritas)
    assert not permissions.can_edit_organisation(users["caritas"], geneva)
    assert permissions.can_edit_organisation(users["vaud_admin"], caritas)
    assert not permissions.can_edit_organisation(users["vaud_admin"], geneva)
    assert permissions.can_edit_organisation(users["platform"], geneva)
    assert permissions.can_administer_territory(users["vaud_admin"], territories["lausanne"])
    assert not permissions.can_administer_territory(users["vaud_admin"], territories["ch"])
    assert set(permissions.administered_territories(users["geneva_admin"])) == {
        territories["geneva_canton"], territories["geneva"]}


def test_language_preference_applies_to_pages(client, users):
    client.force_login(users["caritas"])
    response = client.post(reverse("accounts:profile"), {"action": "language", "language": "ar"})
    assert response.status_code == 302 and response["Location"].startswith("/ar/")
    assert 'dir="rtl"' in client.get("/services/", follow=True).content.decode()


def test_tokens_are_shown_once_and_can_be_revoked(client, users):
    client.force_login(users["caritas"])
    response = client.post(reverse("accounts:profile"), {"action": "token", "name": "sync", "scope": "write"})
    body = response.content.decode()
    token = ApiToken.objects.get(user=users["caritas"])
    key = body.split('id="new-token" dir="ltr">')[1].split("<")[0]
    assert ApiToken.hash_key(key) == token.key_hash and key not in client.get(reverse("accounts:profile")).content.decode()
    client.post(reverse("accounts:profile"), {"action": "revoke", "token": token.pk})
    assert not ApiToken.objects.exists()


def test_bearer_tokens_authenticate_until_they_expire(client, users):
    _token, key = ApiToken.issue(users["caritas"], "ci")
    from rest_framework.exceptions import AuthenticationFailed
    from rest_framework.test import APIRequestFactory

    from corridor.accounts.api_auth import ApiTokenAuthentication

    request = APIRequestFactory().get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert ApiTokenAuthentication().authenticate(request)[0] == users["caritas"]
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    try:
        ApiTokenAuthentication().authenticate(request)
        raise AssertionError("an expired token was accepted")
    except AuthenticationFailed:
        pass
