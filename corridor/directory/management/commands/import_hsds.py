from django.core.management.base import BaseCommand

from corridor.directory import hsds
from corridor.directory.importing import ImportFailed

from . import _exchange


class Command(BaseCommand):
    help = ("Import Open Referral HSDS 3.0 services (a JSON list or a tabular data package .zip) into a territory. "
            "Nothing is written if any record is wrong; records whose id exists are updated.")

    def add_arguments(self, parser):
        _exchange.add_arguments(parser)
        parser.add_argument("file")

    def handle(self, *args, file, territory, user, **options):
        target, author = _exchange.territory(territory), _exchange.user(user)
        with open(file, "rb") as upload:
            try:
                report = hsds.import_file(upload, territory=target, user=author)
            except ImportFailed as failure:
                _exchange.fail_with(failure.errors, self.stderr)
        for warning in report.warnings:
            self.stdout.write(f"Note: {warning}")
        self.stdout.write(self.style.SUCCESS(str(report)))
