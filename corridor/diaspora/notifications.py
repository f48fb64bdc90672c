"""The e-mails of the diaspora portal, each in its reader's language: the signed link to a profile, a new or
withdrawn pledge (to the project's team), a pledge's follow-up (to the pledger), and a team's message relayed
to a matched person. The team of a project is the administrators of its territory or, when it has none, of
the nearest territory containing it. No e-mail gives a team a person's address: a relayed message is sent
from the platform, with the team member's address to reply to, and the person decides whether to answer."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from corridor.accounts.models import TerritoryAdministrator
from corridor.core.links import absolute_url

INTERFACE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _language(code: str) -> str:
    code = (code or "").split("-")[0]
    return code if code in INTERFACE_LANGUAGES else settings.LANGUAGE_CODE


def _message(template: str, context: dict, address: str, language: str, reply_to=None) -> EmailMultiAlternatives:
    """The e-mail of `template` (its first line is the subject) for one reader."""
    with translation.override(_language(language)):
        subject, _blank, body = render_to_string(f"diaspora/email/{template}.txt", context).partition("\n")
    return EmailMultiAlternatives(subject.strip(), body.lstrip("\n"), settings.DEFAULT_FROM_EMAIL, [address],
                                  reply_to=reply_to)


def _send(messages: list) -> int:
    return get_connection().send_messages(messages) if messages else 0


def project_team(project) -> list[tuple[str, str]]:
    """(address, language) of the administrators of the project's territory, or of the nearest territory
    containing it that has administrators."""
    for territory in [project.territory, *reversed(project.territory.ancestors())]:
        user_ids = TerritoryAdministrator.objects.filter(territory=territory).values("user_id")
        users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="").select_related(
            "profile").order_by("pk")
        team = [(user.email, getattr(getattr(user, "profile", None), "language", "")) for user in users]
        if team:
            return team
    return []


def _profile_url(profile) -> str:
    """Where the pledger follows their pledges: a fresh signed link for a person, the association's page for
    an association (its members sign in)."""
    from .profiles import access_url

    if profile.is_association:
        return absolute_url("diaspora:association", profile.uuid, language=profile.language)
    return access_url(profile)


def access_link(profile, *, registered: bool) -> int:
    """The link that opens a person's profile: after registering (confirm the address) or when asked for."""
    from .profiles import LINK_MAX_AGE, access_url

    context = {"profile": profile, "url": access_url(profile), "registered": registered,
               "days": LINK_MAX_AGE.days}
    return _send([_message("access_link", context, profile.email, profile.language)])


def pledge_offered(pledge) -> int:
    context = {"pledge": pledge, "project": pledge.project,
               "url": absolute_url("diaspora:pledge", pledge.uuid)}
    return _send([_message("pledge_offered", context, address, language)
                  for address, language in project_team(pledge.project)])


def pledge_status_changed(pledge, event) -> int:
    """A step taken by the team is told to the pledger; a pledge withdrawn by its pledger, to the team."""
    if event.by_pledger:
        return _send([_message("pledge_withdrawn", {"pledge": pledge, "project": pledge.project, "event": event,
                                                    "url": absolute_url("diaspora:pledge", pledge.uuid)},
                               address, language)
                      for address, language in project_team(pledge.project)])
    profile = pledge.profile
    if profile is None:
        return 0
    context = {"pledge": pledge, "project": pledge.project, "event": event, "profile": profile,
               "project_url": absolute_url("diaspora:project", pledge.project.uuid, language=profile.language),
               "profile_url": _profile_url(profile)}
    return _send([_message("pledge_status", context, profile.email, profile.language)])


def relay_contact(contact) -> int:
    """A team member's message to a matched person, from the platform; answering goes to the team member."""
    profile, sender = contact.profile, contact.sender
    context = {"contact": contact, "project": contact.project, "profile": profile, "sender": sender,
               "project_url": absolute_url("diaspora:project", contact.project.uuid, language=profile.language),
               "profile_url": _profile_url(profile)}
    reply_to = [sender.email] if sender is not None and sender.email else None
    return _send([_message("contact", context, profile.email, profile.language, reply_to=reply_to)])
