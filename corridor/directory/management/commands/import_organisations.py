from pathlib import Path

from django.core.management.base import BaseCommand

from corridor.directory.importing import ImportFailed
from corridor.directory.organisation_import import COLUMNS, import_organisations

from . import _exchange


class Command(BaseCommand):
    help = (f"Import organisations from a .csv or .xlsx spreadsheet with the columns {', '.join(COLUMNS)}. "
            "Nothing is written if any row is wrong; an organisation with the same name in the same territory "
            "is updated.")

    def add_arguments(self, parser):
        _exchange.add_arguments(parser)
        parser.add_argument("file")

    def handle(self, *args, file, territory, user, **options):
        target, author = _exchange.territory(territory), _exchange.user(user)
        with open(file, "rb") as upload:
            try:
                report = import_organisations(upload, Path(file).name, territory=target, user=author)
            except ImportFailed as failure:
                _exchange.fail_with(failure.errors, self.stderr)
        for warning in report.warnings:
            self.stdout.write(f"Note: {warning}")
        self.stdout.write(self.style.SUCCESS(str(report)))
