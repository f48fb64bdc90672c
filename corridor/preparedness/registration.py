"""Entering, correcting and leaving a contact register, and the consent that goes with it.

- Self-registration (the public form) creates an unconfirmed entry and sends a personal link to the
  contact given; the entry counts once the person opens it (double opt-in: nobody is registered with a
  number that is not theirs). The form answers the same whether the contact was already in the register
  or not, and sends the existing entry's link instead, so that the form cannot be used to find out
  whether someone is in the register.
- Staff registering someone in person confirm the entry at once and are shown the personal link once.
- The personal link (django.core.signing) lets the person see, correct and withdraw their entry without
  an account. Each new link replaces the previous one (`link_version`).
- Withdrawing deletes the entry and its audit trail; the register only counts withdrawals, and the
  person's past check-ins stay as anonymous counts."""
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from corridor.audit.log import events_for, record
from corridor.core.links import absolute_url

from . import contacts
from .models import ConsentText, ContactEntry, ContactRegister, Locality

ENTRY_SALT = "corridor.preparedness.entry"
UNCONFIRMED_KEPT = timedelta(days=14)


class DuplicateContact(ValidationError):
    def __init__(self):
        super().__init__(_("This contact is already in the register."), code="duplicate")


@dataclass
class Person:
    name: str
    channel: str
    contact: str
    locality: Locality
    household_size: int = 1
    languages: list[str] | None = None
    needs: str = ""


# Registers and consent.

def create_register(organisation, user, *, name, description="", content_language="en", languages=(),
                    is_open=True, consent_text, translations=None, consent_translations=None) -> ContactRegister:
    with transaction.atomic():
        register = ContactRegister.objects.create(
            organisation=organisation, name=name, description=description, content_language=content_language,
            languages=list(languages), is_open=is_open, translations=translations or {}, created_by=user)
        set_consent_text(register, user, consent_text, consent_translations or {})
    record("preparedness.register.created", actor=user, target=register, organisation=organisation)
    return register


def set_consent_text(register, user, text: str, translations: dict) -> ConsentText:
    """The current consent text, a new version when it changed (entries keep the version they agreed to)."""
    current = register.current_consent()
    if current is not None and current.text == text and current.translations == translations \
            and current.content_language == register.content_language:
        return current
    consent = ConsentText.objects.create(register=register, version=(current.version + 1) if current else 1,
                                         text=text, content_language=register.content_language,
                                         translations=translations, created_by=user)
    if current is not None:
        record("preparedness.consent.new_version", actor=user, target=register,
               organisation=register.organisation, version=consent.version)
    return consent


def locality_allowed(organisation, territory) -> bool:
    """Localities lie in the organisation's home territory or the territories it works in."""
    paths = [organisation.territory.path, *organisation.areas.values_list("path", flat=True)]
    return any(territory.path.startswith(path) for path in paths)


# Entries.

def _region(register) -> str:
    return register.organisation.territory.country_code


def _new_entry(register, person: Person, **fields) -> ContactEntry:
    contact = contacts.normalise(person.channel, person.contact, _region(register))
    entry = ContactEntry(
        register=register, name=person.name.strip(), channel=person.channel, contact=contact,
        contact_index=contacts.contact_index(contact), locality=person.locality,
        household_size=person.household_size, languages=list(person.languages or []), needs=person.needs.strip(),
        consent=register.current_consent(), consented_at=timezone.now(), **fields)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise DuplicateContact() from error
    return entry


def register_self(register: ContactRegister, person: Person) -> ContactEntry | None:
    """A person opted in on the public form. Returns the new entry, or None when the contact was already
    registered (its owner receives their link again); the person is told the same either way."""
    contact = contacts.normalise(person.channel, person.contact, _region(register))
    existing = register.entries.filter(contact_index=contacts.contact_index(contact)).first()
    if existing is not None:
        send_personal_link(existing, reason="already-registered")
        return None
    try:
        entry = _new_entry(register, person, consent_method=ContactEntry.Method.SELF)
    except DuplicateContact:  # registered at the same moment by another request
        return None
    record("preparedness.entry.self_registered", target=entry, organisation=register.organisation)
    send_personal_link(entry, reason="confirm")
    return entry


def register_in_person(register: ContactRegister, person: Person, staff) -> ContactEntry:
    """Staff registered someone who agreed in person to the current consent text."""
    entry = _new_entry(register, person, consent_method=ContactEntry.Method.IN_PERSON, registered_by=staff,
                       confirmed_at=timezone.now())
    record("preparedness.entry.created", actor=staff, target=entry, organisation=register.organisation)
    return entry


def confirm(entry: ContactEntry) -> bool:
    if entry.confirmed_at is not None:
        return False
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_at", "updated_at"])
    record("preparedness.entry.confirmed", target=entry, organisation=entry.register.organisation)
    return True


def correct(entry: ContactEntry, person: Person, actor=None) -> ContactEntry:
    """Change an entry (the person by their link, or staff). A contact already used by another entry of
    the register is refused."""
    contact = contacts.normalise(person.channel, person.contact, _region(entry.register))
    entry.name, entry.channel, entry.contact = person.name.strip(), person.channel, contact
    entry.contact_index = contacts.contact_index(contact)
    entry.locality, entry.household_size = person.locality, person.household_size
    entry.languages, entry.needs = list(person.languages or []), person.needs.strip()
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise DuplicateContact() from error
    record("preparedness.entry.corrected", actor=actor, target=entry, organisation=entry.register.organisation,
           by="staff" if actor else "person")
    return entry


def withdraw(entry: ContactEntry, actor=None) -> None:
    """Consent withdrawn: the entry and its audit trail are deleted; the register counts one withdrawal
    more; the person's check-ins lose their link to them and their notes."""
    register = entry.register
    with transaction.atomic():
        entry.checkins.update(entry=None, note="")
        events_for(entry).delete()
        entry.delete()
        ContactRegister.objects.filter(pk=register.pk).update(withdrawn_count=F("withdrawn_count") + 1)
    record("preparedness.entry.withdrawn", actor=actor, target=register, organisation=register.organisation,
           by="staff" if actor else "person")


def purge_unconfirmed(now=None) -> int:
    """Self-registrations nobody confirmed within UNCONFIRMED_KEPT are deleted: there is no consent."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT
    stale = ContactEntry.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    count = 0
    for entry in stale:
        events_for(entry).delete()
        entry.delete()
        count += 1
    return count


# The personal link.

def personal_token(entry: ContactEntry) -> str:
    return signing.dumps({"e": entry.uuid.hex, "v": entry.link_version}, salt=ENTRY_SALT, compress=True)


def entry_from_token(token: str) -> ContactEntry | None:
    try:
        payload = signing.loads(token, salt=ENTRY_SALT)
    except signing.BadSignature:
        return None
    entry = ContactEntry.objects.select_related("register__organisation", "locality__territory", "consent") \
        .filter(uuid=payload.get("e", "")).first()
    if entry is None or entry.link_version != payload.get("v"):
        return None
    return entry


def personal_link(entry: ContactEntry) -> str:
    from .messaging import interface_language

    language = interface_language(entry.languages, entry.register.content_language)
    return absolute_url("preparedness:me", personal_token(entry), language=language)


def renew_link(entry: ContactEntry) -> str:
    """A new personal link; the previous ones stop working."""
    ContactEntry.objects.filter(pk=entry.pk).update(link_version=F("link_version") + 1)
    entry.refresh_from_db(fields=["link_version"])
    return personal_link(entry)


def send_personal_link(entry: ContactEntry, reason: str) -> None:
    from .tasks import send_personal_link as job

    job(entry.pk, reason)  # recorded in this transaction, queued when it commits


def personal_link_message(entry: ContactEntry, reason: str) -> tuple[str, str]:
    """(subject, text) of the message carrying the personal link, in the person's language."""
    from .messaging import interface_language

    organisation = entry.register.organisation.name
    with translation.override(interface_language(entry.languages, entry.register.content_language)):
        link = personal_link(entry)
        if reason == "confirm":
            text = _("%(organisation)s: please confirm that we may contact you in an emergency: %(link)s") % {
                "organisation": organisation, "link": link}
        elif reason == "already-registered":
            text = _("%(organisation)s: you are already on our emergency contact list. See, change or leave "
                     "it here: %(link)s") % {"organisation": organisation, "link": link}
        else:
            text = _("%(organisation)s: see, change or leave your entry in our emergency contact list: "
                     "%(link)s") % {"organisation": organisation, "link": link}
        subject = _("Emergency contact list of %(organisation)s") % {"organisation": organisation}
    return subject, text
