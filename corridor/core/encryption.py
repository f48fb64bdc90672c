"""Field-level encryption for personal data (referrals, contact registers, diaspora contacts).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, a random IV per value) before they reach the
database, so a database dump or backup holds only ciphertext. The keys live outside the database: in the
environment (CORRIDOR_FIELD_KEYS, comma-separated, newest first) or in a key file
(CORRIDOR_FIELD_KEY_FILE, created on first use for development). Older keys keep decrypting during a
rotation (`manage.py rotate_field_keys` re-encrypts every value with the newest key).

Encrypted values cannot be searched or compared in SQL; `blind_index` gives a keyed hash for the rare
exact-match lookup (e.g. "is this phone number already in the register?")."""
import hashlib
import hmac
import json
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=1)
def _keys() -> tuple[bytes, ...]:
    configured = getattr(settings, "CORRIDOR_FIELD_KEYS", "")
    if configured:
        keys = [k.strip().encode() for k in configured.split(",") if k.strip()]
    else:
        keys = _keys_from_file(settings.CORRIDOR_FIELD_KEY_FILE)
    try:
        [Fernet(k) for k in keys]
    except ValueError as error:
        raise ImproperlyConfigured(f"A field encryption key is not a valid Fernet key: {error}") from error
    if not keys:
        raise ImproperlyConfigured("No field encryption key: set CORRIDOR_FIELD_KEYS or CORRIDOR_FIELD_KEY_FILE.")
    return tuple(keys)


def _keys_from_file(path) -> list[bytes]:
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # O_EXCL: two processes starting together must not write two different keys.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as key_file:
                key_file.write(Fernet.generate_key() + b"\n")
    with open(path, "rb") as key_file:
        return [line.strip() for line in key_file if line.strip()]


def reset_keys() -> None:
    """Forget the cached keys (after the settings or the key file changed)."""
    _keys.cache_clear()
    _cipher.cache_clear()


@lru_cache(maxsize=1)
def _cipher() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


def encrypt(text: str) -> str:
    return _cipher().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _cipher().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured("An encrypted value cannot be read with the configured keys.") from error


def rotate(token: str) -> str:
    return _cipher().rotate(token.encode()).decode()


def blind_index(text: str) -> str:
    """A keyed hash of `text` for exact-match lookups; without the key it says nothing about the text."""
    secret = hashlib.sha256(b"corridor-blind-index" + _keys()[0]).digest()
    return hmac.new(secret, text.strip().casefold().encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text stored encrypted. Not searchable: only `isnull` lookups make sense on it."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name):
        # Each encryption of a value differs (random IV), so only "is there a value" can be asked in SQL.
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None


class EncryptedJSONField(models.TextField):
    """A JSON value (dict, list...) stored encrypted as one token."""

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value))

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def get_lookup(self, lookup_name):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None


def encrypted_fields():
    """(model, field) for every encrypted field of every installed model."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (EncryptedTextField, EncryptedJSONField)):
                yield model, field
