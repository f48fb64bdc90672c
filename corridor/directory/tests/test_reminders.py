from datetime import timedelta

from django.core import mail
from django.utils import timezone

from corridor.accounts.models import Profile
from corridor.directory.models import Service
from corridor.directory.reminders import send_reminders
from corridor.directory.tasks import remind_providers


def test_members_get_one_mail_listing_their_due_services(make_service, organisations, users):
    old = make_service(organisations["caritas"], "Ancien service")
    almost = make_service(organisations["caritas"], "Bientôt périmé")
    fresh = make_service(organisations["caritas"], "Service à jour")
    elsewhere = make_service(organisations["geneva_cso"], "Service genevois")
    now = timezone.now()
    Service.objects.filter(pk=old.pk).update(last_verified_at=now - timedelta(days=500))
    Service.objects.filter(pk=almost.pk).update(last_verified_at=now - timedelta(days=350))
    Service.objects.filter(pk__in=[fresh.pk, elsewhere.pk]).update(last_verified_at=now)
    Profile.objects.create(user=users["caritas"], language="fr")

    assert send_reminders("https://corridor.example.org") == 1
    message = mail.outbox[0]
    assert message.to == ["staff@caritas.example.org"]
    assert "Ancien service" in message.body and "Bientôt périmé" in message.body
    assert "Service à jour" not in message.body and "Service genevois" not in message.body
    assert f"https://corridor.example.org/fr/manage/services/{old.uuid}/edit/" in message.body


def test_the_periodic_job_sends_them(make_service, organisations, users):
    service = make_service(organisations["geneva_cso"], "Service genevois")
    Service.objects.filter(pk=service.pk).update(last_verified_at=None)
    remind_providers.call_local()
    assert [m.to for m in mail.outbox] == [["staff@roseraie.example.org"]]
