from django.core.management.base import BaseCommand

from corridor.consultations import demo as consultations_demo
from corridor.directory import demo


class Command(BaseCommand):
    help = ("Load the demo territory (canton of Vaud) with its organisations, services and accounts, and a demo "
            "consultation.")

    def handle(self, *args, **options):
        demo.load(stdout=self.stdout)
        consultations_demo.load(stdout=self.stdout)
