"""The referrals API: sending with consent (a field the consent does not cover is refused), taking steps, and
the restrictions on the person's data (see test_access.py)."""
from corridor.accounts.models import ApiToken
from corridor.audit.models import AuditEvent
from corridor.referrals.models import Referral

from .conftest import NAME


def payload(organisations, services, **person):
    return {"sender": str(organisations["caritas"].uuid), "service": str(services["legal"].uuid), "need": "legal",
            "urgency": "urgent",
            "consent": {"confirmed": True, "language": "en", "fields": ["name"]},
            "person": {"contact_preference": "sender", "reason": "Permit", "name": NAME, **person}}


def test_sending_through_the_api(client, people, organisations, services):
    _token, key = ApiToken.issue(people["caritas"], "case system")
    response = client.post("/api/v1/referrals/", payload(organisations, services), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "sent" and data["receiver"]["name"] == "Appartenances" and "person" not in data
    referral = Referral.objects.get()
    assert (referral.name, referral.urgency, referral.consent.fields) == (NAME, "urgent", ["name"])


def test_a_field_the_consent_does_not_cover_is_refused(client, people, organisations, services):
    client.force_login(people["caritas"])
    response = client.post("/api/v1/referrals/", payload(organisations, services, phone="+41 21 000 00 02"),
                           content_type="application/json")
    assert response.status_code == 400
    assert "consent does not cover" in response.json()["person"]["phone"][0]
    assert not Referral.objects.exists()
    unconfirmed = payload(organisations, services)
    unconfirmed["consent"]["confirmed"] = False
    assert client.post("/api/v1/referrals/", unconfirmed, content_type="application/json").status_code == 400


def test_only_for_ones_own_organisation_and_with_a_write_token(client, people, organisations, services):
    client.force_login(people["appartenances"])
    response = client.post("/api/v1/referrals/", payload(organisations, services), content_type="application/json")
    assert response.status_code == 403
    _token, key = ApiToken.issue(people["caritas"], "read only", scope=ApiToken.Scope.READ)
    client.logout()
    response = client.post("/api/v1/referrals/", payload(organisations, services), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 403 and not Referral.objects.exists()


def test_steps_through_the_api(client, referral, people, services):
    client.force_login(people["appartenances"])
    url = f"/api/v1/referrals/{referral.uuid}/steps/"
    assert client.post(url, {"action": "accept"}, content_type="application/json").json()["status"] == "accepted"
    refused = client.post(url, {"action": "close"}, content_type="application/json")
    assert refused.status_code == 400 and "cannot take the step" in refused.json()["action"][0]
    missing = client.post(url, {"action": "decline"}, content_type="application/json")
    assert missing.status_code == 400 and "reason" in missing.json()
    forwarded = client.post(url, {"action": "forward", "service": str(services["geneva"].uuid)},
                            content_type="application/json").json()
    assert forwarded["forwarded_from"] == str(referral.uuid) and forwarded["data_withheld"] is True


def test_the_api_is_for_signed_in_people(client, referral):
    assert client.get("/api/v1/referrals/").status_code in (401, 403)
    assert client.get(f"/api/v1/referrals/{referral.uuid}/").status_code in (401, 403)
    assert not AuditEvent.objects.filter(action="referral.read").exists()


def test_the_schema_describes_the_referrals(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/referrals/{uuid}/steps/" in schema and "ReferralDetail" in schema
