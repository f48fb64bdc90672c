"""Who may see and do what in crisis preparedness.

The register is firewalled: only the members of the organisation that keeps it read its entries, open
incidents and read check-ins. Unlike everywhere else on the platform, platform administrators
(superusers) and territory administrators have no access: the people in a register agreed to be
contacted by that organisation, not by the authorities. Anyone else is answered "not found", and a
refused attempt by a signed-in person is written to the audit log.

Public: emergency contacts, focal points listed publicly, public contingency plans. Territory
administrators keep the emergency contacts and the contingency plans of their territories; members keep
their organisation's localities, focal points and plans."""
from corridor.accounts import permissions


def can_use_register(user, register) -> bool:
    return register.organisation_id in permissions.member_organisation_ids(user)


def can_keep_organisation(user, organisation) -> bool:
    """Localities, focal points, registers and plans of an organisation: its members only."""
    return organisation.pk in permissions.member_organisation_ids(user)


def can_edit_emergency_contacts(user, territory) -> bool:
    return permissions.can_administer_territory(user, territory)


def can_edit_plan(user, plan) -> bool:
    if plan.organisation_id:
        return plan.organisation_id in permissions.member_organisation_ids(user)
    return permissions.can_administer_territory(user, plan.territory)


def can_read_plan(user, plan) -> bool:
    return plan.is_public or can_edit_plan(user, plan)


def kept_organisations(user):
    from corridor.directory.models import Organisation

    return Organisation.objects.filter(pk__in=permissions.member_organisation_ids(user))
