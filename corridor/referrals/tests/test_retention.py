"""After the retention period of its territory, a referral that is over keeps no personal data; the statistics
do not change. Withdrawing consent erases at once."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.referrals import retention, sending, statistics, tasks, workflow
from corridor.referrals.models import Referral, ReferralSettings

from .conftest import NAME

NOW = timezone.now()


def ended(record_referral, services, days_ago, status="closed", **fields):
    return record_referral(services["legal"], status=status, sent_at=NOW - timedelta(days=days_ago + 10),
                           accepted_at=NOW - timedelta(days=days_ago + 9), ended_at=NOW - timedelta(days=days_ago),
                           name=NAME, phone="+41 21 000 00 01", reason="Needs a lawyer", languages=["ti"], **fields)


def test_referrals_over_for_longer_than_the_period_are_anonymised(record_referral, services, territories):
    ReferralSettings.objects.create(territory=territories["vaud"], retention_days=180)
    old = ended(record_referral, services, 181, reference="CV-OLD")
    declined = ended(record_referral, services, 200, status="declined", decline_reason="no-capacity")
    recent = ended(record_referral, services, 179)
    still_open = record_referral(services["legal"], status="accepted", sent_at=NOW - timedelta(days=400),
                                 accepted_at=NOW - timedelta(days=399), name=NAME)
    old.events.create(action="close", status="closed", note="Met Amina twice")
    before = statistics.compute(territories["vaud"], now=NOW)

    assert retention.anonymise_expired(now=NOW) == 2

    for referral in (old, declined):
        referral.refresh_from_db()
        assert (referral.name, referral.phone, referral.reason, referral.languages) == ("", "", "", [])
        assert referral.reference.startswith("X-") and referral.reference != "CV-OLD"
        assert referral.anonymised_at == NOW
    assert old.events.get(action="close").note == ""
    assert (old.status, old.need, old.service, old.sent_at) == ("closed", "legal", services["legal"],
                                                                NOW - timedelta(days=191))
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.name == NAME and kept.anonymised_at is None
    assert statistics.compute(territories["vaud"], now=NOW) == before
    assert AuditEvent.objects.filter(action="referral.anonymised").count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone FROM referrals_referral WHERE id = %s", [old.pk])
        assert cursor.fetchone() == ("", "")
    assert retention.anonymise_expired(now=NOW) == 0


def test_the_nearest_territory_sets_the_period(record_referral, services, territories, settings):
    settings.CORRIDOR_REFERRAL_RETENTION_DAYS = 1000
    assert retention.retention_days(territories["lausanne"]) == 1000
    ReferralSettings.objects.create(territory=territories["vaud"], retention_days=365)
    ReferralSettings.objects.create(territory=territories["lausanne"], retention_days=30)
    assert retention.retention_days(territories["lausanne"]) == 30
    assert retention.retention_days(territories["renens"]) == 365
    assert retention.retention_days(territories["geneva"]) == 1000
    lausanne = ended(record_referral, services, 31)
    assert retention.anonymise_expired(now=NOW) == 1
    lausanne.refresh_from_db()
    assert lausanne.anonymised_at is not None


def test_an_anonymised_referral_shows_no_data_and_takes_no_step(client, record_referral, services, people):
    referral = ended(record_referral, services, 400)
    retention.anonymise_expired(now=NOW)
    client.force_login(people["caritas"])
    page = client.get(f"/en/referrals/{referral.uuid}/").content.decode()
    assert "was erased on" in page and NAME not in page
    assert workflow.available(referral, people["appartenances"]) == []


def test_withdrawing_consent_erases_every_referral_made_with_it(send, people, organisations, services):
    referral = send(others=[organisations["geneva_cso"]])
    forwarded = workflow.perform(referral, "forward", people["appartenances"], service=services["geneva"])
    with pytest.raises(PermissionDenied):  # the old receiver no longer reads the data, nor erases it
        sending.withdraw_consent(referral, people["appartenances"])
    assert sending.withdraw_consent(forwarded, people["roseraie"]) == 2
    for linked in (referral, forwarded):
        linked.refresh_from_db()
        assert linked.name == "" and linked.anonymised_at is not None
    assert (referral.status, forwarded.status) == ("forwarded", "closed")
    assert forwarded.events.last().action == "consent_withdrawn"
    assert referral.consent.withdrawn_at is not None
    assert Referral.objects.count() == 2


def test_the_nightly_job_erases(record_referral, services):
    referral = ended(record_referral, services, 400)
    tasks.erase_expired_personal_data.call_local()
    referral.refresh_from_db()
    assert referral.name == "" and referral.anonymised_at is not None
