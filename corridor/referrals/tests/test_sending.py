"""Sending a referral: the consent decides which of the person's data may go with it; the rest is refused by
field, whatever the way in."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from corridor.audit.models import AuditEvent
from corridor.referrals import sending
from corridor.referrals.models import Consent, Referral, ReferralSettings

from .conftest import NAME, PHONE, REASON


def test_the_referral_records_the_consent(referral, people, organisations):
    consent = referral.consent
    assert (referral.status, referral.need, referral.sender, referral.sent_by) == (
        "sent", "legal", organisations["caritas"], people["caritas"])
    assert consent.fields == ["name", "phone"] and list(consent.organisations.all()) == [organisations["appartenances"]]
    assert (consent.language, consent.method, consent.recorded_by) == ("en", "in-person", people["caritas"])
    assert "Caritas Vaud passes on my request for help (Legal aid and documentation) to Appartenances" in consent.text
    assert "pseudonymous reference, how to contact the person, reason for the referral, name, and phone" in consent.text
    assert "erased 365 days after the referral is over" in consent.text
    assert referral.events.get().action == "sent"
    event = AuditEvent.objects.get(action="referral.sent")
    assert event.detail["consented_fields"] == ["name", "phone"] and NAME not in str(event.detail)


def test_a_field_the_consent_does_not_cover_is_refused(send):
    with pytest.raises(ValidationError) as refused:
        send(fields=["phone"], personal={"contact_preference": "phone", "phone": PHONE, "name": NAME,
                                         "birth_date": "1990-04-02", "reason": REASON})
    assert set(refused.value.message_dict) == {"name", "birth_date"}
    assert "consent does not cover sharing their name" in refused.value.message_dict["name"][0]
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_by_default_only_a_reference_and_a_contact_preference(send):
    referral = send(fields=[], personal={"contact_preference": "sender"})
    assert referral.reference.startswith("P-") and len(referral.reference) == 8
    assert (referral.name, referral.phone, referral.languages, referral.consent.fields) == ("", "", [], [])


def test_the_contact_preference_needs_the_data_to_use_it(send):
    with pytest.raises(ValidationError) as refused:
        send(fields=[], personal={"contact_preference": "email"})
    assert "e-mail is needed" in refused.value.message_dict["email"][0]
    with pytest.raises(ValidationError) as refused:
        send(fields=[], personal={"contact_preference": "carrier pigeon"})
    assert "contact_preference" in refused.value.message_dict


def test_values_are_checked(send):
    with pytest.raises(ValidationError) as refused:
        send(fields=["birth_date", "languages"], personal={"contact_preference": "sender", "birth_date": "02.04.1990",
                                                           "languages": ["ti", "klingon"]})
    assert refused.value.message_dict["birth_date"] == ["Write the date as YYYY-MM-DD."]
    assert "klingon" in refused.value.message_dict["languages"][0]


def test_the_consent_text_is_in_the_persons_language_and_names_every_recipient(send, organisations):
    ReferralSettings.objects.create(territory=organisations["caritas"].territory, retention_days=90)
    referral = send(fields=["languages"], others=[organisations["geneva_cso"]],
                    personal={"contact_preference": "sender", "languages": ["ti"]})
    assert "erased 90 days after" in referral.consent.text
    assert set(referral.consent.organisations.all()) == {organisations["appartenances"], organisations["geneva_cso"]}
    text = sending.consent_text(sender=organisations["caritas"], recipients=list(referral.consent.organisations.all()),
                                fields=["languages"], need="legal", retention_days=90, language="fr")
    assert "Appartenances et Centre de la Roseraie" in text  # listed the French way


def test_only_members_send_for_their_organisation(send, people):
    for who in ("appartenances", "vaud_admin", "platform"):
        with pytest.raises(PermissionDenied):
            send(user=people[who])


def test_a_referral_goes_to_an_active_service_of_another_organisation(send, services):
    with pytest.raises(ValidationError) as refused:
        send(service=services["course"])
    assert "another organisation" in refused.value.message_dict["service"][0]
    services["legal"].status = "temporarily closed"
    services["legal"].save()
    with pytest.raises(ValidationError, match="not active"):
        send()


def test_personal_data_is_ciphertext_in_the_database(referral, people):
    referral.events.create(action="accept", status="accepted", note="Called Amina on Tuesday")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reference, name, phone, reason, contact_preference, languages FROM referrals_referral "
                       "WHERE id = %s", [referral.pk])
        stored = cursor.fetchone()
        cursor.execute("SELECT note FROM referrals_referralevent WHERE note <> ''")
        notes = [row[0] for row in cursor.fetchall()]
    assert all(value.startswith("gAAAAA") for value in stored)  # Fernet tokens
    for value in (*stored, *notes):
        assert NAME not in value and "Amina" not in value and "+41" not in value and "CV-001" not in value
    assert notes and all(note.startswith("gAAAAA") for note in notes)
    referral.refresh_from_db()
    assert (referral.name, referral.phone, referral.reason) == (NAME, PHONE, REASON)
    assert set(Referral.PERSONAL_FIELDS) <= {f.name for f in Referral._meta.fields}
