"""Who may do what with corridors and partnerships. Every page and API endpoint asks these functions.

- Corridors are public. The administrators of either end (the territory or one containing it) edit a
  corridor: its description, associations and figures; platform administrators edit every corridor.
- A partnership is read by everyone when it is public, else by the administrators of its territories.
- Its shared fields (aim, actions, results, monitoring, timeline, budget, stage, documents, indicators…) are
  written by the administrators of any of its territories; a side (authority, mandate, signatory,
  development plan, contact persons, stakeholders) only by the administrators of that side's territory.
  Platform administrators write everything."""
from django.db.models import Q, QuerySet

from corridor.accounts import permissions

from .models import Corridor, Partnership, PartnershipSide


def can_edit_corridor(user, corridor: Corridor) -> bool:
    return any(permissions.can_administer_territory(user, end) for end in corridor.ends)


def can_create_corridor(user) -> bool:
    return permissions.is_territory_admin(user)


def can_record_interests(user, territory) -> bool:
    return permissions.can_administer_territory(user, territory)


def can_edit_side(user, side: PartnershipSide) -> bool:
    return permissions.can_administer_territory(user, side.territory)


def is_partner_admin(user, partnership: Partnership) -> bool:
    """Administers one of the partnership's territories (or everything)."""
    if permissions.is_platform_admin(user):
        return True
    return any(permissions.can_administer_territory(user, side.territory) for side in partnership.sides.all())


can_edit_shared = is_partner_admin


def can_read(user, partnership: Partnership) -> bool:
    return partnership.is_public or is_partner_admin(user, partnership)


def can_create_partnership(user) -> bool:
    return permissions.is_territory_admin(user)


def readable_partnerships(user) -> QuerySet:
    if permissions.is_platform_admin(user):
        return Partnership.objects.all()
    query = Q(is_public=True)
    for path in permissions.administered_paths(user):
        query |= Q(sides__territory__path__startswith=path)
    return Partnership.objects.filter(pk__in=Partnership.objects.filter(query).values("pk"))


def editable_sides(user, partnership: Partnership) -> list[PartnershipSide]:
    return [side for side in partnership.sides.all() if can_edit_side(user, side)]
