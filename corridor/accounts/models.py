import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What the platform remembers about a person beyond Django's user: their interface language."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(_("interface language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    def __str__(self):
        return f"{self.user} ({self.language or '-'})"


class TerritoryAdministrator(models.Model):
    """A person who administers a territory (a city or region) and everything inside it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="territory_roles")
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="administrators")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "territory"], name="unique_territory_administrator")]
        verbose_name = _("territory administrator")

    def __str__(self):
        return f"{self.user} → {self.territory}"


class Membership(models.Model):
    """A person who edits the records of one organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]
        verbose_name = _("organisation member")

    def __str__(self):
        return f"{self.user} @ {self.organisation}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the key is shown once, at creation."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.WRITE)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name, scope=Scope.WRITE, expires_at=None):
        """Create a token and return (token, key); the key cannot be recovered later."""
        key = "cor_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, scope=scope, expires_at=expires_at, prefix=key[4:12], key_hash=cls.hash_key(key)
        )
        return token, key

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()


class FailedSignIn(models.Model):
    """One failed attempt to sign in, kept for a short while to slow down password guessing. The
    address is stored as a keyed hash, never in clear."""

    PERSONAL_FIELDS = ("username", "address_hash")

    username = models.CharField(max_length=150, db_index=True)
    address_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
