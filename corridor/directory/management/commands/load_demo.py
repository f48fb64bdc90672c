from django.core.management.base import BaseCommand

from corridor.consultations import demo as consultations_demo
from corridor.coordination import demo as coordination_demo
from corridor.coordination import demo_needs as coordination_needs_demo
from corridor.diaspora import demo as diaspora_demo
from corridor.directory import demo
from corridor.learning import demo as learning_demo
from corridor.library import demo as library_demo
from corridor.partnerships import demo as partnerships_demo
from corridor.preparedness import demo as preparedness_demo
from corridor.profiles import demo as profiles_demo
from corridor.referrals import demo as referrals_demo


class Command(BaseCommand):
    help = ("Load the demo territory (canton of Vaud) with its organisations, services and accounts, and a demo "
            "consultation.")

    def handle(self, *args, **options):
        demo.load(stdout=self.stdout)
        consultations_demo.load(stdout=self.stdout)
        profiles_demo.load(stdout=self.stdout)
        coordination_needs_demo.load(stdout=self.stdout)
        coordination_demo.load(stdout=self.stdout)
        diaspora_demo.load(stdout=self.stdout)
        partnerships_demo.load(stdout=self.stdout)
        library_demo.load(stdout=self.stdout)
        learning_demo.load(stdout=self.stdout)
        preparedness_demo.load(stdout=self.stdout)
        referrals_demo.load(stdout=self.stdout)
