"""Prepare a site for contributions over the API: `python -m tests.faults.open_consultation` migrates the
database, collects the pages' static files, creates an open public consultation and a member with a write token,
and prints {"slug", "token"} as JSON (one process: Django starts once)."""
import json
from datetime import timedelta

import django


def main():
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from corridor.accounts.models import ApiToken
    from corridor.consultations.models import Consultation, Question
    from corridor.territories.models import Territory

    call_command("migrate", verbosity=0)
    # The pages' own static files (the manifest names them); the admin's and the API documentation's are large.
    call_command("collectstatic", interactive=False, verbosity=0,
                 ignore_patterns=["admin", "rest_framework", "drf_spectacular_sidecar"])
    vaud = Territory.objects.create(name="Vaud", kind="region", country_code="CH", slug="vaud")
    now = timezone.now()
    consultation = Consultation.objects.create(
        slug="accueil", title="Accueil des nouveaux arrivants", description="Ce qui aide, ce qui manque.",
        kind=Consultation.Kind.E_DISCUSSION, status=Consultation.Status.OPEN,
        visibility=Consultation.Visibility.PUBLIC, languages=["fr", "en"], content_language="fr", territory=vaud,
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))
    Question.objects.create(consultation=consultation, number=1, text="Qu'est-ce qui vous a aidé en arrivant ?")
    member = get_user_model().objects.create_user("amina", "amina@example.org", "not-used-here")
    _token, key = ApiToken.issue(member, "fault tests")
    print(json.dumps({"slug": consultation.slug, "token": key}))


if __name__ == "__main__":
    main()
