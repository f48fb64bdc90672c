"""Replace the database and the uploads with those of a backup archive (see core/backup.py)."""
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from corridor.core import backup


class Command(BaseCommand):
    help = ("Restore the database and the uploaded files from an archive of `manage.py backup`. The archive is "
            "checked first (checksums, database kind, migrations); a refused archive changes nothing. "
            "Stop the web server and the job consumer first.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")

    def handle(self, *args, path, interactive, **options):
        def confirm(manifest):
            if not interactive:
                return
            answer = input(f"The archive of {manifest['created_at']} (Corridor {manifest['corridor']}) is sound. "
                           "Restoring it replaces the whole database and every uploaded file of this site. "
                           "Type 'yes' to continue: ")
            if answer != "yes":
                raise CommandError("Restoration cancelled: nothing was changed.")

        try:
            manifest = backup.restore(path, before_changes=confirm)
        except backup.BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        uploads = sum(1 for member in manifest["members"] if member.startswith(f"{backup.UPLOADS}/"))
        self.stdout.write(self.style.SUCCESS(
            f"Restored the database and {uploads} uploaded files of {manifest['created_at']}."))
        pending = backup.pending_migrations(manifest)
        if pending:
            self.stdout.write(f"Applying the {len(pending)} migrations this version adds: {', '.join(pending)}")
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
