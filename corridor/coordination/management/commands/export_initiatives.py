from django.core.management.base import BaseCommand, CommandError

from corridor.coordination import exchange, iati, initiatives
from corridor.directory.management.commands import _exchange


class Command(BaseCommand):
    help = ("Export initiatives as IATI activities (XML 2.03, validated against the IATI schema) or as a CSV "
            "spreadsheet, to standard output by default.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["iati", "csv"], default="iati")
        parser.add_argument("--territory", metavar="PATH",
                            help="only the initiatives of this territory (and those it is partner of), like ch/vaud")
        parser.add_argument("--output", "-o", metavar="FILE", help="where to write")

    def handle(self, *args, format, territory, output, **options):
        query = initiatives.InitiativeQuery(territory=_exchange.find_territory(territory) if territory else None)
        selected = initiatives.filter_initiatives(query)
        if format == "csv":
            content = exchange.export_csv(selected).encode("utf-8")
        else:
            if not selected.exists():
                raise CommandError("No initiative to export: an IATI document needs at least one activity.")
            try:
                content = iati.export(selected)
            except iati.InvalidDocument as invalid:
                raise CommandError(f"The IATI document is not valid, nothing was written: {invalid}") from None
        if output:
            with open(output, "wb") as stream:
                stream.write(content)
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
