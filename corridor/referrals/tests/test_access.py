"""Only the two organisations involved read the person's data: not other organisations, not territory
administrators, not platform administrators, whether through pages, the API or the Django admin."""
import pytest
from django.urls import reverse

from corridor.audit.models import AuditEvent
from corridor.referrals import workflow

from .conftest import NAME, PHONE, REASON

SECRETS = (NAME, PHONE, REASON, "CV-001")


def shows_personal_data(content: bytes) -> bool:
    text = content.decode()
    return any(secret in text for secret in SECRETS)


@pytest.mark.parametrize("who", ["caritas", "appartenances"])
def test_the_two_organisations_read_the_person(client, referral, people, who):
    client.force_login(people[who])
    response = client.get(reverse("referrals:detail", args=[referral.uuid]))
    assert response.status_code == 200
    assert all(secret in response.content.decode() for secret in SECRETS)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["platform", "vaud_admin", "geneva_admin", "roseraie"])
def test_nobody_else_sees_the_referral_page(client, referral, people, who):
    client.force_login(people[who])
    response = client.get(reverse("referrals:detail", args=[referral.uuid]))
    assert response.status_code == 404 and not shows_personal_data(response.content)
    assert AuditEvent.objects.filter(action="referral.access_refused", actor=people[who]).exists()
    assert not AuditEvent.objects.filter(action="referral.read").exists()


def test_the_public_is_sent_to_sign_in(client, referral):
    response = client.get(reverse("referrals:detail", args=[referral.uuid]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["platform", "vaud_admin", "roseraie"])
def test_nobody_else_gets_it_from_the_api(client, referral, people, who):
    client.force_login(people[who])
    assert client.get("/api/v1/referrals/").json()["results"] == []
    response = client.get(f"/api/v1/referrals/{referral.uuid}/")
    assert response.status_code == 404 and not shows_personal_data(response.content)
    response = client.post(f"/api/v1/referrals/{referral.uuid}/steps/", {"action": "accept"},
                           content_type="application/json")
    assert response.status_code == 404


def test_the_api_list_never_carries_personal_data(client, referral, people):
    client.force_login(people["appartenances"])
    response = client.get("/api/v1/referrals/")
    [row] = response.json()["results"]
    assert row["number"] == referral.number and row["status"] == "sent" and row["receiver"]["name"] == "Appartenances"
    assert not shows_personal_data(response.content)
    assert not AuditEvent.objects.filter(action="referral.read").exists()


def test_the_api_detail_carries_it_to_the_two_organisations(client, referral, people):
    client.force_login(people["appartenances"])
    data = client.get(f"/api/v1/referrals/{referral.uuid}/").json()
    assert data["person"]["name"] == NAME and data["person"]["phone"] == PHONE
    assert data["consent"]["fields"] == ["name", "phone"]
    assert [event["action"] for event in data["history"]] == ["sent"]


@pytest.mark.parametrize("who", ["platform", "vaud_admin"])
def test_administrators_get_no_personal_data_from_the_admin(client, referral, people, who):
    client.force_login(people[who])
    changelist = client.get(reverse("admin:referrals_referral_changelist"))
    change = client.get(reverse("admin:referrals_referral_change", args=[referral.pk]))
    if who == "platform":
        assert changelist.status_code == 200 and referral.number in changelist.content.decode()
        assert change.status_code == 200 and "Legal aid" in change.content.decode()
    for response in (changelist, change):
        assert not shows_personal_data(response.content)
    assert client.get(reverse("admin:referrals_referral_add")).status_code == (403 if who == "platform" else 302)


@pytest.mark.parametrize("who", ["platform", "vaud_admin", "roseraie"])
def test_lists_and_statistics_show_no_personal_data(client, referral, people, who):
    client.force_login(people[who])
    for url in (reverse("referrals:home"), reverse("referrals:statistics") + "?territory=ch/vaud/",
                reverse("referrals:pathways")):
        response = client.get(url)
        assert response.status_code in (200, 403) and not shows_personal_data(response.content)
    inbox = client.get(reverse("referrals:inbox", args=[referral.service.organisation.uuid]))
    assert inbox.status_code == 404


def test_the_inbox_and_outbox_name_referrals_by_number_only(client, referral, people, organisations):
    client.force_login(people["appartenances"])
    inbox = client.get(reverse("referrals:inbox", args=[organisations["appartenances"].uuid]))
    assert referral.number in inbox.content.decode() and not shows_personal_data(inbox.content)
    client.force_login(people["caritas"])
    outbox = client.get(reverse("referrals:outbox", args=[organisations["caritas"].uuid]))
    assert referral.number in outbox.content.decode() and not shows_personal_data(outbox.content)
    assert not AuditEvent.objects.filter(action="referral.read").exists()


def test_after_a_forward_the_old_receiver_keeps_the_status_not_the_data(client, send, people, organisations,
                                                                        services):
    referral = send(others=[organisations["geneva_cso"]])
    forwarded = workflow.perform(referral, "forward", people["appartenances"], service=services["geneva"])
    client.force_login(people["appartenances"])
    for shown in (referral, forwarded):
        response = client.get(reverse("referrals:detail", args=[shown.uuid]))
        assert response.status_code == 200 and not shows_personal_data(response.content)
    page = client.get(reverse("referrals:detail", args=[referral.uuid])).content.decode()
    assert "Forwarded" in page and forwarded.number in page
    assert client.get(f"/api/v1/referrals/{forwarded.uuid}/").json()["person"] is None
    client.force_login(people["roseraie"])
    response = client.get(reverse("referrals:detail", args=[forwarded.uuid]))
    assert NAME in response.content.decode()
    assert client.get(reverse("referrals:detail", args=[referral.uuid])).status_code == 404
