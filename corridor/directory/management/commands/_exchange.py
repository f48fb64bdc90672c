"""What the exchange commands share: finding the territory and the acting user, and reporting."""
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from corridor.territories.models import Territory

ERRORS_PRINTED = 200


def add_arguments(parser, *, territory_required=True):
    parser.add_argument("--territory", required=territory_required, metavar="PATH",
                        help="territory path, like ch/vaud")
    parser.add_argument("--user", metavar="USERNAME", help="recorded in the history as the author of the changes")


def territory(path: str) -> Territory:
    found = Territory.objects.filter(path=path.strip().strip("/") + "/").first()
    if found is None:
        raise CommandError(f"No territory with the path {path!r}.")
    return found


def user(username: str | None):
    if not username:
        return None
    found = get_user_model().objects.filter(username=username).first()
    if found is None:
        raise CommandError(f"No user called {username!r}.")
    return found


def fail_with(errors, stderr):
    for error in errors[:ERRORS_PRINTED]:
        where = f"{error.source}" + (f", row {error.row}" if error.row else "")
        stderr.write(f"{where}: {error.field or '-'}: {error.message}")
    more = len(errors) - ERRORS_PRINTED
    raise CommandError(f"{len(errors)} problem(s){f' ({more} not shown)' if more > 0 else ''}; nothing was imported.")
