"""Who records a territory's needs: the administrators of the territory (and of the territories containing
it) and platform administrators. Everyone reads the open needs, in the gap view."""
from corridor.accounts import permissions

from .coverage import place_filter
from .models import Need


def can_manage(user, territory) -> bool:
    return permissions.can_administer_territory(user, territory)


def manageable(user, territory=None):
    """The needs `user` may change, inside `territory` when one is given."""
    needs = Need.objects.filter(territory__in=permissions.administered_territories(user))
    if territory is not None:
        needs = needs.filter(place_filter(territory))
    return needs.select_related("territory")

