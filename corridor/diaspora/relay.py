"""Contacting a matched person through the platform. A project's team writes a message; the platform sends it
to the person (notifications.relay_contact), who decides whether to answer; the team never sees the address.
A team may write to the people matched with its project and to those who pledged to it, once per person and
project every CONTACT_INTERVAL, so that being matched never means being pressed."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.audit import log as audit

from . import access, matching, notifications
from .models import ContactRequest, DiasporaProfile, Project

CONTACT_INTERVAL = timedelta(days=7)


class ContactRefused(Exception):
    pass


def reachable(project: Project, profile: DiasporaProfile) -> bool:
    """Whether the person is matched with the project or pledged to it."""
    if profile.confirmed_at is None:
        return False
    if project.pledges.filter(profile=profile).exists():
        return True
    return bool(matching.matched_profiles(project, [profile]))


def last_contact(project: Project, profile: DiasporaProfile) -> ContactRequest | None:
    return ContactRequest.objects.filter(project=project, profile=profile).order_by("-sent_at").first()


@transaction.atomic
def contact(project: Project, profile: DiasporaProfile, sender, message: str, now=None) -> ContactRequest:
    now = now or timezone.now()
    if not access.can_manage(sender, project) or not reachable(project, profile):
        raise ContactRefused(_("You can write only to people matched with your project or who pledged to it."))
    previous = last_contact(project, profile)
    if previous is not None and now - previous.sent_at < CONTACT_INTERVAL:
        raise ContactRefused(_("You already wrote to this person about this project on %(date)s; wait for their "
                               "answer.") % {"date": timezone.localdate(previous.sent_at).isoformat()})
    request = ContactRequest.objects.create(project=project, profile=profile, sender=sender, message=message.strip())
    audit.record("diaspora.contact_relayed", actor=sender, target=project, territory=project.territory,
                 profile=str(profile.uuid))
    transaction.on_commit(lambda: notifications.relay_contact(request))
    return request
