"""Administrators' actions reach the audit log (the Django admin, sign-in, moderation, verification,
decisions), and the log page shows each administrator the events of their territories."""
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from corridor.accounts.models import TerritoryAdministrator
from corridor.audit.log import record
from corridor.audit.models import AuditEvent
from corridor.consultations import intake, moderation
from corridor.consultations.models import Consultation

pytestmark = pytest.mark.django_db
EVENTS = "/en/audit/"


def test_a_change_in_the_django_admin_is_copied(client, users, territories):
    client.force_login(users["platform"])
    url = "/en/admin/accounts/territoryadministrator/add/"
    response = client.post(url, {"user": users["caritas"].pk, "territory": territories["renens"].pk})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.added")
    assert event.actor == users["platform"] and event.target_type == "accounts.territoryadministrator"
    assert event.target_label == "caritas → Renens"
    grant = TerritoryAdministrator.objects.get(user=users["caritas"])
    client.post(f"/en/admin/accounts/territoryadministrator/{grant.pk}/delete/", {"post": "yes"})
    deleted = AuditEvent.objects.get(action="admin.deleted")
    assert deleted.target_id == str(grant.pk) and deleted.target_label == "caritas → Renens"


def test_signing_in_and_out_and_failures_are_recorded(client, users):
    client.post("/en/accounts/login/", {"username": "caritas", "password": "wrong"})
    client.post("/en/accounts/login/", {"username": "nobody-at-all", "password": "wrong"})
    client.post("/en/accounts/login/", {"username": "caritas", "password": "pw-caritas-123"})
    client.post("/en/accounts/logout/")
    caritas = users["caritas"]
    assert list(AuditEvent.objects.order_by("id").values_list("action", "actor_name", "target_label")) == [
        ("account.sign_in_failed", "", "caritas"), ("account.signed_in", "caritas", "caritas"),
        ("account.signed_out", "caritas", "caritas")]
    # What strangers type as a user name is not kept.
    assert not AuditEvent.objects.filter(target_label__contains="nobody").exists()
    assert AuditEvent.objects.filter(target_id=str(caritas.pk)).count() == 3


def test_moderation_and_verification_are_recorded_in_their_territory(client, users, territories, organisations):
    consultation = Consultation.objects.create(slug="vaud", title="Vaud consultation", status="open",
                                               content_language="en", territory=territories["vaud"],
                                               opens_at=timezone.now() - timedelta(days=1))
    contribution = intake.receive(intake.Submission(consultation=consultation, body="Evening classes help.",
                                                    author_name="Awa Diop", author_email="awa@example.org")).contribution
    moderation.publish(contribution, users["vaud_admin"])
    event = AuditEvent.objects.get(action="consultation.contribution_published")
    assert (event.actor, event.target_id, event.territory) == (users["vaud_admin"], str(contribution.pk),
                                                               territories["vaud"])
    client.force_login(users["vaud_admin"])
    client.post(f"/en/administration/organisations/{organisations['caritas'].uuid}/verify/")
    verified = AuditEvent.objects.get(action="directory.organisation_verified")
    assert (verified.organisation, verified.territory) == (organisations["caritas"], territories["lausanne"])


@pytest.fixture
def events(users, territories, organisations):
    record("directory.organisation_verified", actor=users["vaud_admin"], target=organisations["caritas"])
    record("directory.organisation_verified", actor=users["geneva_admin"], target=organisations["geneva_cso"])
    record("profiles.profile_published", actor=users["platform"])  # no territory


def test_platform_admins_read_every_event(client, users, events):
    client.force_login(users["platform"])
    page = client.get(EVENTS).content.decode()
    assert "Caritas Vaud" in page and "Centre de la Roseraie" in page and "profiles.profile_published" in page
    filtered = client.get(EVENTS, {"actor": "geneva-admin"}).content.decode()
    assert "Centre de la Roseraie" in filtered and "Caritas Vaud" not in filtered
    by_action = client.get(EVENTS, {"action": "profiles.profile_published"}).content.decode()
    assert "1 event" in by_action


def test_territory_admins_read_the_events_of_their_territories_only(client, users, territories, events):
    client.force_login(users["vaud_admin"])
    page = client.get(EVENTS).content.decode()
    assert "Caritas Vaud" in page and "Centre de la Roseraie" not in page
    assert "profiles.profile_published" not in page
    # Filtering by another territory shows nothing of it (the choice is refused).
    refused = client.get(EVENTS, {"territory": territories["geneva"].pk}).content.decode()
    assert "Centre de la Roseraie" not in refused


def test_members_and_strangers_cannot_read_the_log(client, users, events):
    client.force_login(users["caritas"])
    assert client.get(EVENTS).status_code == 403
    client.logout()
    assert client.get(EVENTS).status_code == 302


def test_the_log_is_paginated(client, users):
    for number in range(55):
        record("directory.organisation_verified", actor=users["platform"], number=number)
    client.force_login(users["platform"])
    assert "Page 1 of 2" in client.get(EVENTS).content.decode()
    rows = AuditEvent.objects.count() - 50  # the 55 and the sign-in
    assert client.get(EVENTS, {"page": 2}).content.decode().count("<tr>") == rows + 1  # and the header


def test_an_erased_account_leaves_a_pseudonym(users):
    record("directory.organisation_verified", actor=users["vaud_admin"])
    from corridor.core import personal_data
    pk = users["vaud_admin"].pk
    personal_data.erase(users["vaud_admin"])
    assert not get_user_model().objects.filter(pk=pk).exists()
    assert AuditEvent.objects.get(action="directory.organisation_verified").actor_name == f"deleted-account-{pk}"
