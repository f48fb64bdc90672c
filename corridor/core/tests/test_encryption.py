"""Field encryption: values are ciphertext for the database, readable with any configured key, rotated to
the newest key, and refused with a clear error when no key fits."""
import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from corridor.core import encryption
from corridor.core.encryption import EncryptedJSONField, EncryptedTextField

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def keys(settings):
    def use(*configured):
        settings.CORRIDOR_FIELD_KEYS = ",".join(configured)
        encryption.reset_keys()
    yield use
    encryption.reset_keys()


def test_text_is_stored_as_ciphertext_and_read_back(keys):
    keys(NEW)
    field = EncryptedTextField()
    stored = field.get_prep_value("+41 79 123 45 67")
    assert "123" not in stored and Fernet(NEW.encode()).decrypt(stored.encode()) == b"+41 79 123 45 67"
    assert field.from_db_value(stored, None, None) == "+41 79 123 45 67"
    # A random IV: the same value never gives the same ciphertext twice.
    assert field.get_prep_value("+41 79 123 45 67") != stored


def test_json_round_trip(keys):
    keys(NEW)
    field = EncryptedJSONField()
    stored = field.get_prep_value({"name": "Amina", "languages": ["ar", "fr"]})
    assert "Amina" not in stored
    assert field.from_db_value(stored, None, None) == {"name": "Amina", "languages": ["ar", "fr"]}


def test_old_keys_still_decrypt_and_rotation_moves_to_the_newest(keys):
    keys(OLD)
    token = encryption.encrypt("Amina")
    keys(NEW, OLD)
    assert encryption.decrypt(token) == "Amina"
    rotated = encryption.rotate(token)
    keys(NEW)
    assert encryption.decrypt(rotated) == "Amina"
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        encryption.decrypt(token)


def test_invalid_key_is_a_configuration_error(keys):
    keys("not-a-key")
    with pytest.raises(ImproperlyConfigured, match="not a valid Fernet key"):
        encryption.encrypt("x")


def test_key_file_is_created_once_and_private(settings, tmp_path, keys):
    settings.CORRIDOR_FIELD_KEYS = ""
    settings.CORRIDOR_FIELD_KEY_FILE = str(tmp_path / "keys" / "field-keys")
    encryption.reset_keys()
    token = encryption.encrypt("Amina")
    assert (tmp_path / "keys" / "field-keys").stat().st_mode & 0o777 == 0o600
    encryption.reset_keys()
    assert encryption.decrypt(token) == "Amina"


def test_blind_index_matches_the_same_text_only(keys):
    keys(NEW)
    assert encryption.blind_index(" +41 79 123 ") == encryption.blind_index("+41 79 123")
    assert encryption.blind_index("+41 79 123") != encryption.blind_index("+41 79 124")
    with_new_key = encryption.blind_index("+41 79 123")
    keys(OLD)
    assert encryption.blind_index("+41 79 123") != with_new_key


def test_only_isnull_lookups_are_allowed():
    assert EncryptedTextField().get_lookup("isnull") is not None
    assert EncryptedTextField().get_lookup("exact") is None
    assert EncryptedTextField().get_lookup("icontains") is None
