from django.core.management.base import BaseCommand

from corridor.directory import demo


class Command(BaseCommand):
    help = "Load the demo territory (canton of Vaud) with its organisations, services and accounts."

    def handle(self, *args, **options):
        demo.load(stdout=self.stdout)
