"""What migration profiles keep about a person (see core/personal_data.py): which profiles they created.
Profiles belong to territories and stay; the link to the person is cleared with the account."""
from .models import Profile


def export(user) -> dict:
    return {"profiles_created": [str(profile) for profile in Profile.objects.filter(created_by=user)]}


def erase(user, identifiers) -> None:
    """Nothing beyond the account's deletion."""
