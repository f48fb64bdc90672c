"""Every read of the person's data is in the audit log, without the data itself, and both organisations see
the reads on the referral's page."""
from django.urls import reverse

from corridor.audit.models import AuditEvent
from corridor.referrals import disclosure

from .conftest import NAME, PHONE


def test_a_page_read_is_logged_and_shown_in_the_access_log(client, referral, people, organisations):
    client.force_login(people["appartenances"])
    client.get(reverse("referrals:detail", args=[referral.uuid]))
    event = AuditEvent.objects.get(action="referral.read")
    assert (event.actor, event.organisation, event.territory) == (
        people["appartenances"], organisations["appartenances"], referral.territory)
    assert event.detail == {"via": "page", "fields": ["reference", "contact_preference", "reason", "name", "phone"]}
    assert event.target_label == referral.number
    assert NAME not in str(event.detail) and PHONE not in str(event.detail)

    client.force_login(people["caritas"])
    page = client.get(reverse("referrals:detail", args=[referral.uuid])).content.decode()
    log = page[page.index('class="access-log"'):]
    assert "appartenances" in log and "Appartenances" in log and "Page" in log
    assert AuditEvent.objects.filter(action="referral.read").count() == 2
    assert list(disclosure.access_log(referral).values_list("actor_name", flat=True)) == ["caritas", "appartenances"]


def test_an_api_read_is_logged(client, referral, people):
    client.force_login(people["caritas"])
    client.get(f"/api/v1/referrals/{referral.uuid}/")
    event = AuditEvent.objects.get(action="referral.read")
    assert event.detail["via"] == "api" and event.organisation == referral.sender


def test_no_read_is_logged_for_those_who_see_only_the_status(referral, people):
    assert disclosure.personal_data(people["vaud_admin"], referral, via="page") is None
    assert not AuditEvent.objects.filter(action="referral.read").exists()
