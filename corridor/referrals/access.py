"""Who may see and do what with referrals. Every page and API endpoint asks these functions.

A referral is between two organisations: the one that sent it and the one whose service received it. Their
members see it, act on it (workflow.py says which side may take which step) and read the person's data.
After a forward, the organisation that forwarded it keeps seeing the status of both referrals but no longer
the person's data. Nobody else sees a referral: not other organisations, and not territory or platform
administrators either, who get statistics without personal data (statistics.py). The person agreed to share
their data with the organisations named in the consent, not with the authorities.

Territory administrators define the referral pathways and the retention period of their territories."""
from django.db.models import Q, QuerySet

from corridor.accounts import permissions

from .models import Referral

SENDER, RECEIVER, FORWARDER = "sender", "receiver", "forwarder"


def sides(user, referral: Referral) -> set[str]:
    """The sides `user` is on for this referral (none, one, or several for a member of both organisations)."""
    organisations = permissions.member_organisation_ids(user)
    found = set()
    if referral.sender_id in organisations:
        found.add(SENDER)
    if referral.service.organisation_id in organisations:
        found.add(RECEIVER)
    if referral.forwarded_from_id and referral.forwarded_from.service.organisation_id in organisations:
        found.add(FORWARDER)
    return found


def can_see(user, referral: Referral) -> bool:
    """The referral, its status and history (without the person's data)."""
    return bool(sides(user, referral))


def can_see_personal(user, referral: Referral) -> bool:
    """The person's data: the sender, and the receiver until it forwards the referral to someone else."""
    if referral.anonymised_at is not None:
        return False
    found = sides(user, referral)
    return SENDER in found or (RECEIVER in found and referral.status != Referral.Status.FORWARDED)


def acting_organisation(user, referral: Referral):
    """On whose behalf `user` acts or reads: the receiving organisation, else the sender, else the forwarder."""
    found = sides(user, referral)
    if RECEIVER in found:
        return referral.service.organisation
    if SENDER in found:
        return referral.sender
    if FORWARDER in found:
        return referral.forwarded_from.service.organisation
    return None


def visible(user) -> QuerySet:
    """The referrals `user` may see (their organisations sent, received or forwarded them)."""
    organisations = permissions.member_organisation_ids(user)
    if not organisations:
        return Referral.objects.none()
    return Referral.objects.filter(Q(sender__in=organisations) | Q(service__organisation__in=organisations)
                                   | Q(forwarded_from__service__organisation__in=organisations))


def can_refer_for(user, organisation) -> bool:
    """Sending referrals on behalf of an organisation: its members."""
    return organisation.pk in permissions.member_organisation_ids(user)


def can_manage_territory(user, territory) -> bool:
    """Pathways, retention period and statistics of a territory: its administrators."""
    return permissions.can_administer_territory(user, territory)
