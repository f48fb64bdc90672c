from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corridor.consultations.archive import COLUMNS, import_archive
from corridor.consultations.models import Consultation


class Command(BaseCommand):
    help = (f"Import an archive of contributions, JSON (a list of objects) or CSV (a header row), with the columns "
            f"{', '.join(COLUMNS)}; only body is required. Nothing is written if any row is wrong; contributions "
            "already received are counted as duplicates. The consultation may be closed.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--consultation", required=True, metavar="SLUG", help="short name of the consultation")
        parser.add_argument("--format", choices=["json", "csv"],
                            help="by default, the file's extension (.json or .csv)")

    def handle(self, *args, file, consultation, format, **options):
        target = Consultation.objects.filter(slug=consultation).first()
        if target is None:
            raise CommandError(f"No consultation with the short name {consultation!r}.")
        format = format or Path(file).suffix.lower().lstrip(".")
        if format not in ("json", "csv"):
            raise CommandError("Say --format json or --format csv: the file's extension does not tell.")
        try:
            result = import_archive(target, file, format)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.")
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            raise CommandError(f"{len(result.errors)} problem(s); nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"{result.created} added, {result.duplicates} duplicates."))
