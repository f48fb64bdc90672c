"""Contacts as people type them, made comparable: phone numbers in E.164 (libphonenumber), Telegram
handles and e-mail addresses in lower case. The normalised form is what is stored (encrypted) and what
the duplicate check hashes (blind_index), so "079 123 45 67" and "+41791234567" are one person."""
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from corridor.core.encryption import blind_index

from .models import Channel

PHONE_CHANNELS = {Channel.SMS, Channel.WHATSAPP, Channel.SIGNAL}
TELEGRAM_HANDLE = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{4,31})")


def normalise_phone(text: str, region: str) -> str:
    try:
        number = phonenumbers.parse(text, region.upper() or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(_("This is not a phone number we can reach. Write it with the country code, "
                                "for example +41 79 123 45 67."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise(channel: str, text: str, region: str = "") -> str:
    """The contact in its stored form; ValidationError with a message for the person if it is not one."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Give a phone number, a handle or an e-mail address."))
    if channel in PHONE_CHANNELS:
        return normalise_phone(text, region)
    if channel == Channel.TELEGRAM:
        handle = TELEGRAM_HANDLE.fullmatch(text)
        if handle:
            return "@" + handle.group(1).lower()
        return normalise_phone(text, region)
    if channel == Channel.EMAIL:
        validate_email(text)
        return text.lower()
    raise ValidationError(_("Choose how we can reach you."))


def contact_index(normalised: str) -> str:
    return blind_index(normalised)
