"""What accounts keep about a person (see core/personal_data.py): the interface language, memberships,
administrator roles, API tokens (never their keys), two-factor authentication (never its secrets)."""
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from . import two_factor
from .models import FailedSignIn


def export(user) -> dict:
    profile = getattr(user, "profile", None)
    return {
        "interface_language": profile.language if profile else "",
        "organisations": [m.organisation.name for m in user.memberships.select_related("organisation")],
        "administered_territories": [r.territory.name for r in user.territory_roles.select_related("territory")],
        "api_tokens": [{"name": t.name, "prefix": t.prefix, "scope": t.scope, "created_at": t.created_at,
                        "expires_at": t.expires_at, "last_used_at": t.last_used_at}
                       for t in user.api_tokens.order_by("created_at")],
        "two_factor_authentication": {"enabled": two_factor.is_enabled(user),
                                      "recovery_codes_left": two_factor.remaining_recovery_codes(user)},
    }


def erase(user, identifiers) -> None:
    """Profile, roles, tokens and authenticators go with the account (cascade); what is left is the
    count of failed sign-ins under the user name and the admin's history of changes to the account."""
    FailedSignIn.objects.filter(username__iexact=user.get_username()).delete()
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)).update(
        object_repr="-")
