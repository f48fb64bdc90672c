"""Sending a referral with the person's consent, and the person withdrawing it.

A referral always carries a pseudonymous reference, how to contact the person and the reason; anything more
(name, phone, e-mail, date of birth, languages, notes) only when the consent names it. The check is made here,
whatever the way in (form, API): a value for a field the consent does not cover is refused, never dropped
silently, so the caseworker knows."""
from dataclasses import dataclass, field
from datetime import date

from babel.lists import format_list
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import to_locale

from corridor.audit.log import record
from corridor.core.languages import is_language_code
from corridor.directory.models import Service
from corridor.directory.vocabularies import CATEGORY

from . import access, notifications, retention
from .models import Consent, Referral, ReferralEvent

ALWAYS_SHARED = ("reference", "contact_preference", "reason")
# How the receiving service contacts the person, and the field it needs for it.
CONTACT_NEEDS = {Referral.ContactPreference.PHONE: "phone", Referral.ContactPreference.TEXT: "phone",
                 Referral.ContactPreference.EMAIL: "email"}


def field_label(name: str) -> str:
    return str(Referral._meta.get_field(name).verbose_name)


@dataclass
class ConsentGiven:
    """What the caseworker records about the person's consent."""

    language: str
    fields: list[str] = field(default_factory=list)  # among Referral.CONSENTED_FIELDS
    organisations: list = field(default_factory=list)  # beyond the receiving one
    method: str = Consent.Method.IN_PERSON


def consent_text(*, sender, recipients, fields, need: str, retention_days: int, language: str) -> str:
    """The text read to (or by) the person before they agree, in `language`."""
    with translation.override(language):
        locale = to_locale(language)
        shared = [field_label(name) for name in (*ALWAYS_SHARED, *[f for f in Referral.CONSENTED_FIELDS
                                                                  if f in fields])]
        values = {"sender": sender.name, "recipients": format_list([o.name for o in recipients], locale=locale),
                  "need": CATEGORY.label(need), "fields": format_list(shared, locale=locale), "days": retention_days}
        return "\n\n".join([
            _("I agree that %(sender)s passes on my request for help (%(need)s) to %(recipients)s.") % values,
            _("They will receive: %(fields)s.") % values,
            _("Only the people working for these organisations can read this information. Nobody else can, "
              "including the administrators of the platform.") % values,
            _("I can withdraw my agreement at any time by telling %(sender)s: my information is then erased. "
              "Otherwise it is erased %(days)s days after the referral is over.") % values,
        ])


def check_personal_data(personal: dict, covered: list[str]) -> dict:
    """The personal data cleaned, or ValidationError naming each field the consent does not cover or that is
    wrong."""
    errors = {}
    unknown = set(personal) - set(Referral.PERSONAL_FIELDS)
    if unknown:
        errors["__all__"] = _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
    cleaned = {}
    for name in Referral.PERSONAL_FIELDS:
        value = personal.get(name)
        if name == "languages":
            cleaned[name] = [str(code).strip().lower() for code in value or []]
        elif isinstance(value, date):
            cleaned[name] = value.isoformat()
        else:
            cleaned[name] = str(value or "").strip()
    for name in Referral.CONSENTED_FIELDS:
        if cleaned[name] and name not in covered:
            errors[name] = _("The person's consent does not cover sharing their %(field)s: leave it empty or "
                             "record their consent to it.") % {"field": field_label(name).lower()}
    if not cleaned["reference"]:
        cleaned["reference"] = Referral.new_reference()
    if cleaned["contact_preference"] not in Referral.ContactPreference.values:
        errors["contact_preference"] = _("Choose how the service should contact the person.")
    else:
        needed = CONTACT_NEEDS.get(cleaned["contact_preference"])
        if needed and not cleaned[needed]:
            errors.setdefault(needed, _("The person wants to be contacted this way: their %(field)s is needed, "
                                        "with their consent.") % {"field": field_label(needed).lower()})
    if cleaned["birth_date"]:
        try:
            born = date.fromisoformat(cleaned["birth_date"])
        except ValueError:
            errors.setdefault("birth_date", _("Write the date as YYYY-MM-DD."))
        else:
            if born > timezone.localdate():
                errors.setdefault("birth_date", _("The date of birth is in the future."))
            cleaned["birth_date"] = born.isoformat()
    wrong = [code for code in cleaned["languages"] if not is_language_code(str(code))]
    if wrong:
        errors.setdefault("languages", _("Unknown language codes: %(codes)s.") % {"codes": ", ".join(map(str, wrong))})
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_consent(consent: ConsentGiven) -> None:
    errors = {}
    if not set(consent.fields) <= set(Referral.CONSENTED_FIELDS):
        errors["fields"] = _("Consent can only cover: %(fields)s.") % {
            "fields": ", ".join(Referral.CONSENTED_FIELDS)}
    if consent.method not in Consent.Method.values:
        errors["method"] = _("Say how the person gave their consent.")
    if not consent.language:
        errors["language"] = _("Say in which language the person read or heard the consent text.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def send(*, user, sender, service: Service, need: str, urgency: str, consent: ConsentGiven, personal: dict,
         now=None) -> Referral:
    """Record the consent and send the referral. Raises PermissionDenied (not a member of `sender`) or
    ValidationError (by field)."""
    if not access.can_refer_for(user, sender):
        raise PermissionDenied
    now = now or timezone.now()
    receiver = service.organisation
    errors = {}
    if receiver.pk == sender.pk:
        errors["service"] = _("Choose a service of another organisation.")
    elif service.status != Service.Status.ACTIVE:
        errors["service"] = _("This service is not active: it cannot receive referrals.")
    if need not in dict(CATEGORY.terms):
        errors["need"] = _("Choose a need from the list.")
    if urgency not in Referral.Urgency.values:
        errors["urgency"] = _("Choose an urgency.")
    try:
        check_consent(consent)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        cleaned = check_personal_data(personal, consent.fields)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    recipients = [receiver, *[o for o in consent.organisations if o.pk != receiver.pk]]
    text = consent_text(sender=sender, recipients=recipients, fields=consent.fields, need=need,
                        retention_days=retention.retention_days(sender.territory), language=consent.language)
    given = Consent.objects.create(given_at=now, method=consent.method, language=consent.language, text=text,
                                   fields=[f for f in Referral.CONSENTED_FIELDS if f in consent.fields],
                                   recorded_by=user)
    given.organisations.set(recipients)
    referral = Referral.objects.create(territory=sender.territory, sender=sender, sent_by=user, service=service,
                                       need=need, urgency=urgency, consent=given, sent_at=now, **cleaned)
    ReferralEvent.objects.create(referral=referral, action="sent", status=referral.status, at=now, actor=user,
                                 organisation=sender)
    record("referral.sent", actor=user, target=referral, organisation=sender, territory=referral.territory,
           receiver=receiver.pk, need=need, urgency=urgency, consented_fields=given.fields)
    transaction.on_commit(lambda: notifications.received(referral))
    return referral


@transaction.atomic
def withdraw_consent(referral: Referral, user, *, now=None) -> int:
    """The person takes back their consent: their data is erased from every referral made under it, and the
    open ones are closed. Returns how many referrals were erased."""
    referral = Referral.objects.select_related("service", "forwarded_from__service", "consent").get(pk=referral.pk)
    if not access.can_see_personal(user, referral):
        raise PermissionDenied
    now = now or timezone.now()
    consent = referral.consent
    consent.withdrawn_at = now
    consent.save(update_fields=["withdrawn_at"])
    organisation = access.acting_organisation(user, referral)
    erased = 0
    for linked in consent.referrals.select_for_update().filter(anonymised_at__isnull=True):
        if linked.is_open:
            linked.status, linked.ended_at = Referral.Status.CLOSED, now
            ReferralEvent.objects.create(referral=linked, action="consent_withdrawn", status=linked.status, at=now,
                                         actor=user, organisation=organisation)
        retention.erase(linked, now=now)
        erased += 1
        record("referral.consent_withdrawn", actor=user, target=linked, organisation=organisation,
               territory=linked.territory)
    return erased
