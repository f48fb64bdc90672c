"""What the referral views share: finding a referral or an organisation for a person allowed to see it, and
answering "not found" to anyone else (logged when they are signed in)."""
from django.http import Http404
from django.shortcuts import get_object_or_404

from corridor.audit.log import record
from corridor.directory.models import Organisation

from .. import access
from ..models import Referral


def visible_referral(request, uuid) -> Referral:
    referral = get_object_or_404(Referral.objects.select_related(
        "service__organisation", "sender", "territory", "consent", "forwarded_from__service__organisation"), uuid=uuid)
    if not access.can_see(request.user, referral):
        if request.user.is_authenticated:
            record("referral.access_refused", actor=request.user, target=referral, territory=referral.territory,
                   path=request.path[:200])
        raise Http404
    return referral


def member_organisation(request, uuid) -> Organisation:
    organisation = get_object_or_404(Organisation, uuid=uuid)
    if not access.can_refer_for(request.user, organisation):
        raise Http404
    return organisation
