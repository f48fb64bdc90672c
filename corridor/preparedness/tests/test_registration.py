"""Entering a register, confirming, correcting, the personal link and withdrawing consent."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from corridor.audit.log import events_for
from corridor.audit.models import AuditEvent
from corridor.preparedness import contacts, incidents, registration
from corridor.preparedness.models import CheckIn, ContactEntry, ContactRegister

pytestmark = pytest.mark.django_db


def _person(places, name="Amina", contact="079 123 45 67", place="bellevaux", **fields):
    return registration.Person(name=name, channel=fields.pop("channel", "sms"), contact=contact,
                               locality=places[place], **fields)


def test_contacts_are_normalised_before_they_are_compared():
    assert contacts.normalise("sms", "079 123 45 67", "CH") == "+41791234567"
    assert contacts.normalise("whatsapp", "+41 79 123 45 67", "CH") == "+41791234567"
    assert contacts.normalise("telegram", "@Amina_2024", "CH") == "@amina_2024"
    assert contacts.normalise("email", " Amina@Example.ORG ", "CH") == "amina@example.org"
    with pytest.raises(ValidationError, match="country code"):
        contacts.normalise("sms", "12", "CH")
    with pytest.raises(ValidationError):
        contacts.normalise("email", "not an address", "CH")


def test_self_registration_waits_for_confirmation_through_the_link_sent(register, places, sms_outbox,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = registration.register_self(register, _person(places, languages=["ar", "fr"]))
    assert entry.confirmed_at is None and entry.consent_method == "self"
    assert entry.consent == register.current_consent() and entry.consent.version == 1
    assert entry.contact == "+41791234567"
    [message] = sms_outbox
    assert message.to == "+41791234567" and message.channel == "sms"
    # Arabic is the person's first language the interface speaks: the link opens in Arabic.
    assert "https://corridor.example.org/ar/preparedness/me/" in message.text
    token = message.text.rsplit("/me/", 1)[1].rstrip("/")
    assert registration.entry_from_token(token) == entry
    assert registration.confirm(entry) is True
    assert registration.confirm(entry) is False  # once
    entry.refresh_from_db()
    assert entry.confirmed_at is not None


def test_registering_a_known_contact_again_reveals_nothing_and_sends_the_owner_their_link(
        register, places, sms_outbox, django_capture_on_commit_callbacks):
    first = registration.register_self(register, _person(places))
    with django_capture_on_commit_callbacks(execute=True):
        again = registration.register_self(register, _person(places, name="Someone else", contact="+41791234567"))
    assert again is None
    assert ContactEntry.objects.get() == first and first.name == "Amina"  # nothing overwritten
    # In the register's language (French), the entry having none of its own.
    assert "vous figurez déjà sur notre liste" in sms_outbox[-1].text and sms_outbox[-1].to == "+41791234567"


def test_staff_registration_is_confirmed_and_duplicates_are_refused(register, places, users):
    entry = registration.register_in_person(register, _person(places), users["caritas"])
    assert entry.confirmed_at is not None and entry.registered_by == users["caritas"]
    assert entry.consent_method == "in-person"
    with pytest.raises(registration.DuplicateContact):
        registration.register_in_person(register, _person(places, contact="+41 79 123 45 67", channel="whatsapp"),
                                        users["caritas"])


def test_correcting_keeps_contacts_unique(register, places, add_person):
    amina, yonas = add_person("Amina", "+41791234567"), add_person("Yonas", "+41791234568")
    registration.correct(amina, _person(places, name="Amina K.", contact="+41 79 123 45 69", place="prelaz",
                                        household_size=3, languages=["ti"], needs="Bébé"))
    amina.refresh_from_db()
    assert (amina.name, amina.contact, amina.locality, amina.household_size, amina.languages, amina.needs) == (
        "Amina K.", "+41791234569", places["prelaz"], 3, ["ti"], "Bébé")
    with pytest.raises(registration.DuplicateContact):
        registration.correct(yonas, _person(places, name="Yonas", contact="+41791234569"))


def test_a_new_personal_link_replaces_the_earlier_ones(add_person):
    entry = add_person("Amina", "+41791234567")
    old = registration.personal_token(entry)
    assert registration.entry_from_token(old) == entry
    registration.renew_link(entry)
    assert registration.entry_from_token(old) is None
    assert registration.entry_from_token(registration.personal_token(entry)) == entry
    assert registration.entry_from_token("forged:token") is None


def test_withdrawing_deletes_the_entry_and_its_history_and_keeps_a_count(register, places, add_person, users):
    entry = add_person("Amina", "+41791234567", needs="Insuline")
    other = add_person("Yonas", "+41791234568")
    incident = incidents.open_incident(register, users["caritas"], kind="flood", title="Crue",
                                       localities=[places["bellevaux"]], message="Ça va ?", content_language="fr")
    incidents.request_check_in(incident, users["caritas"])
    checkin = entry.checkins.get()
    incidents.record_answer(checkin, "needs-help", user=users["caritas"], note="Cave inondée")
    assert events_for(entry).exists()
    token = registration.personal_token(entry)

    registration.withdraw(entry)

    assert not ContactEntry.objects.filter(pk=entry.pk).exists()
    assert not events_for(entry).exists()
    assert registration.entry_from_token(token) is None
    register.refresh_from_db()
    assert register.withdrawn_count == 1
    checkin.refresh_from_db()
    # The tally still counts the answer, but nothing links it to the person any more.
    assert (checkin.entry, checkin.note, checkin.answer, checkin.locality) == (None, "", "needs-help",
                                                                              places["bellevaux"])
    assert incidents.tally(incident)[1].counts["needs-help"] == 1
    withdrawal = AuditEvent.objects.get(action="preparedness.entry.withdrawn")
    assert withdrawal.target_type == "preparedness.contactregister" and "Amina" not in str(withdrawal.detail)
    assert ContactEntry.objects.get() == other


def test_unconfirmed_self_registrations_are_purged_after_two_weeks(register, places, add_person):
    stale = registration.register_self(register, _person(places))
    fresh = registration.register_self(register, _person(places, contact="+41791234568"))
    confirmed = add_person("Yonas", "+41791234569")
    ContactEntry.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        created_at=timezone.now() - timedelta(days=15))
    assert registration.purge_unconfirmed() == 1
    assert set(ContactEntry.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}


def test_changing_the_consent_text_makes_a_new_version_entries_keep_theirs(register, places, add_person, users):
    entry = add_person("Amina", "+41791234567")
    same = registration.set_consent_text(register, users["caritas"], "J'accepte d'être contacté en cas d'urgence.",
                                         {"ar": {"text": "أوافق على أن يتم الاتصال بي في حالات الطوارئ."}})
    assert same.version == 1
    new = registration.set_consent_text(register, users["caritas"], "Nouveau texte.", {})
    assert new.version == 2 and register.current_consent() == new
    entry.refresh_from_db()
    assert entry.consent.version == 1
    assert add_person("Yonas", "+41791234568").consent.version == 2


def test_localities_lie_in_the_organisations_territories(organisations, territories):
    caritas = organisations["caritas"]
    assert registration.locality_allowed(caritas, territories["lausanne"])
    assert not registration.locality_allowed(caritas, territories["renens"])
    caritas.areas.add(territories["vaud"])
    assert registration.locality_allowed(caritas, territories["renens"])
    assert not registration.locality_allowed(caritas, territories["geneva"])


def test_entries_never_show_personal_data_in_their_label(add_person):
    entry = add_person("Amina", "+41791234567")
    assert "Amina" not in str(entry) and "791234567" not in str(entry)
    assert ContactRegister.objects.get().entries.count() == 1
    assert CheckIn.objects.count() == 0
