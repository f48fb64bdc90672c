"""CSV files for the register's owner to work offline: the whole register, and the people who need help
in an incident. The views log each download in the audit log; the files hold personal data in clear,
so the pages say to keep them on the organisation's devices and delete them after use."""
import csv
import io
import re

from django.utils.translation import gettext as _

from corridor.core.languages import language_name

from .models import CheckIn, ContactRegister, Incident

PLAIN_NUMBER = re.compile(r"[+-]?[\d ]+")


def _cell(value) -> str:
    """A value a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "@", "\t", "\r") or (text[:1] in ("+", "-") and not PLAIN_NUMBER.fullmatch(text)):
        return "'" + text
    return text


def _write(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()  # the BOM makes spreadsheet programs read UTF-8


def _languages(codes) -> str:
    return ", ".join(language_name(code) for code in codes or [])


def register_csv(register: ContactRegister) -> tuple[str, int]:
    entries = list(register.entries.select_related("locality__territory", "consent"))
    header = [_("Name or alias"), _("Channel"), _("Contact"), _("Locality"), _("People in the household"),
              _("Languages"), _("What helpers should know"), _("Consent version"), _("Consent given"),
              _("Consent collected"), _("Confirmed")]
    rows = ([entry.name, entry.get_channel_display(), entry.contact, str(entry.locality), entry.household_size,
             _languages(entry.languages), entry.needs, entry.consent.version, entry.consented_at.date().isoformat(),
             entry.get_consent_method_display(), _("yes") if entry.confirmed_at else _("no")] for entry in entries)
    return _write(header, rows), len(entries)


def needs_help_csv(incident: Incident) -> tuple[str, int]:
    checkins = list(incident.checkins.filter(answer=CheckIn.Answer.NEEDS_HELP).exclude(entry=None)
                    .select_related("entry", "locality__territory").order_by("locality__territory__path",
                                                                             "locality__name", "answered_at"))
    header = [_("Name or alias"), _("Channel"), _("Contact"), _("Locality"), _("People in the household"),
              _("Languages"), _("What helpers should know"), _("Answered"), _("Note")]
    rows = ([c.entry.name, c.entry.get_channel_display(), c.entry.contact, str(c.locality), c.entry.household_size,
             _languages(c.entry.languages), c.entry.needs,
             c.answered_at.isoformat(timespec="minutes") if c.answered_at else "", c.note] for c in checkins)
    return _write(header, rows), len(checkins)
