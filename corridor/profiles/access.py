"""Who may read and edit migration profiles, built on accounts.permissions: the administrators of a
territory (and platform administrators) edit its profiles and those of the territories inside it; everyone
reads published profiles. Templates are edited by platform administrators only."""
from django.db.models import Q

from corridor.accounts import permissions

from .models import Profile, ProfileTemplate


def can_edit(user, profile: Profile) -> bool:
    return permissions.can_administer_territory(user, profile.territory)


def can_read(user, profile: Profile) -> bool:
    return profile.status == Profile.Status.PUBLISHED or can_edit(user, profile)


def can_edit_templates(user) -> bool:
    return permissions.is_platform_admin(user)


def editable_profiles(user):
    if permissions.is_platform_admin(user):
        return Profile.objects.all()
    query = Q(pk__in=[])
    for path in permissions.administered_paths(user):
        query |= Q(territory__path__startswith=path)
    return Profile.objects.filter(query)


def readable_profiles(user):
    if permissions.is_platform_admin(user):
        return Profile.objects.all()
    return Profile.objects.filter(Q(status=Profile.Status.PUBLISHED) | Q(pk__in=editable_profiles(user)))


def templates_for(country_code: str) -> list[ProfileTemplate]:
    """The newest version of each template a territory of this country may use, its country's first."""
    newest = {}
    for template in ProfileTemplate.objects.filter(country_code__in=[country_code, ""]).order_by("code", "-version"):
        newest.setdefault(template.code, template)
    return sorted(newest.values(), key=lambda template: (template.country_code == "", template.code))
