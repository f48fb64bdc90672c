"""What the exchange commands share: finding the territory and the acting user, and reporting."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from corridor.directory.importing import ImportFailed
from corridor.territories.models import Territory

ERRORS_PRINTED = 200


def add_arguments(parser, *, territory_required=True):
    parser.add_argument("--territory", required=territory_required, metavar="PATH",
                        help="territory path, like ch/vaud")
    parser.add_argument("--user", metavar="USERNAME", help="recorded in the history as the author of the changes")


def find_territory(path: str) -> Territory:
    found = Territory.objects.filter(path=path.strip().strip("/") + "/").first()
    if found is None:
        raise CommandError(f"No territory with the path {path!r}.")
    return found


def find_user(username: str | None):
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


class ImportCommand(BaseCommand):
    """Import a file into a territory: all or nothing, the problems listed, then what was written."""

    def import_file(self, upload, filename: str, *, territory, user):
        raise NotImplementedError

    def add_arguments(self, parser):
        add_arguments(parser)
        parser.add_argument("file")

    def handle(self, *args, file, territory: str, user: str | None, **options):
        target, author = find_territory(territory), find_user(user)
        with open(file, "rb") as upload:
            try:
                report = self.import_file(upload, Path(file).name, territory=target, user=author)
            except ImportFailed as failure:
                fail_with(failure.errors, self.stderr)
        for warning in report.warnings:
            self.stdout.write(f"Note: {warning}")
        self.stdout.write(self.style.SUCCESS(str(report)))
