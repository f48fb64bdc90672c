"""Who may do what. Every view and API endpoint asks these functions; nothing is decided in templates.

Roles: a platform admin (superuser) may do everything; a territory administrator administers the
territories they are given and everything inside them; an organisation member edits only the records
of their own organisations; the public reads published records."""
from django.db.models import Q

from corridor.territories.models import Territory


def is_platform_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def administered_paths(user) -> list[str]:
    if not (user and user.is_authenticated and user.is_active):
        return []
    cached = getattr(user, "_administered_paths", None)
    if cached is None:
        cached = list(user.territory_roles.values_list("territory__path", flat=True))
        user._administered_paths = cached
    return cached


def administered_territories(user):
    if is_platform_admin(user):
        return Territory.objects.all()
    paths = administered_paths(user)
    if not paths:
        return Territory.objects.none()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return Territory.objects.filter(query)


def can_administer_territory(user, territory) -> bool:
    if territory is None:
        return is_platform_admin(user)
    return is_platform_admin(user) or any(territory.path.startswith(p) for p in administered_paths(user))


def is_territory_admin(user) -> bool:
    return is_platform_admin(user) or bool(administered_paths(user))


def member_organisation_ids(user) -> set:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    cached = getattr(user, "_member_organisation_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("organisation_id", flat=True))
        user._member_organisation_ids = cached
    return cached


def can_edit_organisation(user, organisation) -> bool:
    """Members edit their own organisation; the administrators of its territory may correct it."""
    return (
        organisation.pk in member_organisation_ids(user)
        or can_administer_territory(user, organisation.territory)
    )


def can_edit_service(user, service) -> bool:
    return can_edit_organisation(user, service.organisation)


def editable_organisations(user):
    from corridor.directory.models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    query = Q(pk__in=member_organisation_ids(user))
    for path in administered_paths(user):
        query |= Q(territory__path__startswith=path)
    return Organisation.objects.filter(query)
