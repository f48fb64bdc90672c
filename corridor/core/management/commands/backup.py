"""Write a consistent snapshot of the database and the uploads to one archive (see core/backup.py)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corridor.core import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (MEDIA_ROOT) to one archive (.tar.gz) with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The archive to write, e.g. corridor-2026-11-23.tar.gz.")

    def handle(self, *args, path, **options):
        try:
            manifest = backup.create(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        members = manifest["members"]
        uploads = sum(1 for member in members if member.startswith(f"{backup.UPLOADS}/"))
        database = members[manifest["database"]["member"]]["bytes"]
        self.stdout.write(self.style.SUCCESS(
            f"{path}: the {manifest['database']['vendor']} database ({database:,} bytes) and {uploads} uploaded "
            f"files, {path.stat().st_size:,} bytes compressed."))
