"""API clients for the tests of every app."""
from rest_framework.test import APIClient

from corridor.accounts.models import ApiToken


def bearer(user, scope=ApiToken.Scope.WRITE, expires_at=None) -> APIClient:
    """A client that authenticates as `user` with a new API token."""
    client = APIClient()
    _token, key = ApiToken.issue(user, "test", scope=scope, expires_at=expires_at)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client
