"""E-mails about referrals: a new referral for the receiving organisation's members, each step for the other
side, reminders when a referral waits too long (reminders.py). No e-mail carries the person's data: only the
referral's number, need, urgency, the organisations and a link to the page, which asks to sign in."""
from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.accounts.models import Membership
from corridor.core.links import absolute_url
from corridor.directory.vocabularies import CATEGORY

from .models import Referral


def members(organisation_ids) -> list:
    """The active members with an e-mail address of these organisations."""
    return [membership.user for membership in Membership.objects.filter(organisation_id__in=organisation_ids)
            .select_related("user", "user__profile").order_by("user_id")
            if membership.user.is_active and membership.user.email]


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "language", "") or settings.LANGUAGE_CODE


def summary(referral: Referral) -> dict:
    return {"number": referral.number, "need": CATEGORY.label(referral.need),
            "urgency": referral.get_urgency_display(), "sender": referral.sender.name,
            "service": referral.service.name, "receiver": referral.service.organisation.name,
            "status": referral.get_status_display()}


# Marked for the catalogues here, translated in each reader's language (message()).
NEW_SUBJECT = gettext_noop("Corridor: new referral %(number)s (%(urgency)s)")
NEW_LINES = [gettext_noop("%(sender)s referred a person to %(service)s for: %(need)s. Urgency: %(urgency)s."),
             gettext_noop("Open the referral to accept it, decline it or forward it:")]
STATUS_SUBJECT = gettext_noop("Corridor: referral %(number)s is now “%(status)s”")
STATUS_LINES = [gettext_noop("The referral %(number)s (%(need)s) to %(service)s is now: %(status)s.")]


def message(user, referral: Referral, subject: str, lines: list[str]) -> tuple:
    """One e-mail to `user` in their language; `subject` and `lines` are untranslated messages with
    %(name)s placeholders from summary()."""
    with translation.override(language_of(user)):
        values = summary(referral)
        body = "\n\n".join([*[_(line) % values for line in lines],
                            absolute_url("referrals:detail", referral.uuid)])
        return _(subject) % values, body, settings.DEFAULT_FROM_EMAIL, [user.email]


def deliver(messages: list) -> int:
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def received(referral: Referral) -> int:
    """A new referral (sent or forwarded) for the members of the receiving organisation."""
    return deliver([message(user, referral, NEW_SUBJECT, NEW_LINES)
                    for user in members([referral.service.organisation_id])])


def status_changed(referral: Referral, to_sender: bool) -> int:
    """A step taken by one side, for the other: the caseworker who sent it, or the receiving members."""
    if to_sender:
        users = [referral.sent_by] if referral.sent_by and referral.sent_by.is_active and referral.sent_by.email \
            else members([referral.sender_id])
    else:
        users = members([referral.service.organisation_id])
    return deliver([message(user, referral, STATUS_SUBJECT, STATUS_LINES) for user in users])

