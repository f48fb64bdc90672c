import json
import sys

from django.core.management.base import BaseCommand, CommandError

from corridor.directory import hsds
from corridor.directory.models import Service

from . import _exchange


class Command(BaseCommand):
    help = ("Export services in Open Referral HSDS 3.0: a JSON list (to standard output by default) or, with "
            "--datapackage, a tabular data package (.zip).")

    def add_arguments(self, parser):
        parser.add_argument("--territory", metavar="PATH", help="only the services of this territory, like ch/vaud")
        parser.add_argument("--all", action="store_true", help="inactive and closed services too")
        parser.add_argument("--datapackage", action="store_true", help="write a zip data package")
        parser.add_argument("--output", "-o", metavar="FILE", help="where to write (required for --datapackage)")

    def handle(self, *args, territory, all, datapackage, output, **options):
        services = Service.objects.all()
        if not all:
            services = services.filter(status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED])
        if territory:
            services = services.filter(territory__path__startswith=_exchange.find_territory(territory).path)
        if datapackage:
            if not output:
                raise CommandError("--datapackage needs --output FILE.zip")
            with open(output, "wb") as package:
                hsds.write_datapackage(services, package)
            return
        stream = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            stream.write("[")
            for index, obj in enumerate(hsds.iter_services(services)):
                stream.write(("," if index else "") + json.dumps(obj, ensure_ascii=False))
            stream.write("]\n")
        finally:
            if output:
                stream.close()
