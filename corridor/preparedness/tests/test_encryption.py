"""What the database holds of a register entry: ciphertext for every personal field."""
import json

import pytest
from django.db import connection

from corridor.core import encryption
from corridor.preparedness import incidents
from corridor.preparedness.models import CheckIn, ContactEntry

pytestmark = pytest.mark.django_db


def _raw(table, columns, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


def test_personal_fields_are_ciphertext_in_the_database(add_person):
    entry = add_person("Amina Tesfaye", "+41 79 123 45 67", languages=("ti", "ar"), needs="Insuline au frigo")
    assert ContactEntry.PERSONAL_FIELDS == ("name", "contact", "languages", "needs")
    raw = dict(zip(ContactEntry.PERSONAL_FIELDS, _raw("preparedness_contactentry", ContactEntry.PERSONAL_FIELDS,
                                                      entry.pk)))
    plain = {"name": "Amina Tesfaye", "contact": "+41791234567", "needs": "Insuline au frigo"}
    for field, text in plain.items():
        assert text not in raw[field] and "Amina" not in raw[field]
        assert encryption.decrypt(raw[field]) == text
    assert "ti" not in raw["languages"] and json.loads(encryption.decrypt(raw["languages"])) == ["ti", "ar"]
    # The duplicate check's hash does not contain the number either.
    (index,) = _raw("preparedness_contactentry", ["contact_index"], entry.pk)
    assert "791234567" not in index and index == encryption.blind_index("+41791234567")
    entry = ContactEntry.objects.get(pk=entry.pk)
    assert (entry.name, entry.contact, entry.languages) == ("Amina Tesfaye", "+41791234567", ["ti", "ar"])


def test_notes_on_check_ins_are_ciphertext(register, places, add_person, users):
    add_person("Amina", "+41791234567")
    incident = incidents.open_incident(register, users["caritas"], kind="fire", title="Feu", message="Ça va ?",
                                       localities=[places["bellevaux"]], content_language="fr")
    incidents.request_check_in(incident, users["caritas"])
    checkin = CheckIn.objects.get()
    incidents.record_answer(checkin, "needs-help", user=users["caritas"], note="Relogée chez sa sœur")
    (note,) = _raw("preparedness_checkin", ["note"], checkin.pk)
    assert "sœur" not in note and encryption.decrypt(note) == "Relogée chez sa sœur"


def test_every_personal_field_is_an_encrypted_field():
    for name in ContactEntry.PERSONAL_FIELDS:
        assert isinstance(ContactEntry._meta.get_field(name),
                          (encryption.EncryptedTextField, encryption.EncryptedJSONField))
