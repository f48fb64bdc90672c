"""What the preparedness views share: finding a register (or an incident) for its owner, and refusing
everyone else with "not found", logged."""
from django.http import Http404
from django.shortcuts import get_object_or_404

from corridor.audit.log import record
from corridor.directory.models import Organisation

from .. import access
from ..models import ContactRegister, Incident


def refuse(request, target, organisation):
    if request.user.is_authenticated:
        record("preparedness.access_refused", actor=request.user, target=target, organisation=organisation,
               path=request.path[:200])
    raise Http404


def owned_register(request, uuid) -> ContactRegister:
    register = get_object_or_404(ContactRegister.objects.select_related("organisation__territory"), uuid=uuid)
    if not access.can_use_register(request.user, register):
        refuse(request, register, register.organisation)
    return register


def owned_incident(request, uuid) -> Incident:
    incident = get_object_or_404(Incident.objects.select_related("register__organisation__territory"), uuid=uuid)
    if not access.can_use_register(request.user, incident.register):
        refuse(request, incident, incident.register.organisation)
    return incident


def kept_organisation(request, uuid) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.select_related("territory"), uuid=uuid)
    if not access.can_keep_organisation(request.user, organisation):
        refuse(request, organisation, organisation)
    return organisation
