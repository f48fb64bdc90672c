"""Referrals between Caritas Vaud (the sender, user `caritas`) and Appartenances (the receiver, user
`appartenances`), both in Lausanne; the Centre de la Roseraie in Geneva (user `roseraie`) is a third
organisation. The person is fictional."""
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from corridor.accounts.models import Membership
from corridor.referrals import sending
from corridor.referrals.models import Referral

NAME = "Amina Yusuf"
PHONE = "+41 21 000 12 34"
REASON = "Permit renewal after a separation"


@pytest.fixture
def people(users, organisations):
    member = get_user_model().objects.create_user("appartenances", "staff@appartenances.example.org", "pw-app-123")
    Membership.objects.create(user=member, organisation=organisations["appartenances"])
    return {**users, "appartenances": member, "roseraie": users["geneva_member"]}


@pytest.fixture
def services(organisations, make_service):
    now = timezone.now()
    return {
        "legal": make_service(organisations["appartenances"], "Permanence juridique", categories=["legal"],
                              groups=["refugees", "asylum-seekers"], languages=["fr", "ar"], last_verified_at=now),
        "geneva": make_service(organisations["geneva_cso"], "Consultation juridique", categories=["legal"],
                               groups=["everyone"], last_verified_at=now),
        "course": make_service(organisations["caritas"], "Cours de français", categories=["language"],
                               last_verified_at=now),
        "other_legal": make_service(organisations["appartenances"], "Écrivain public", categories=["legal"],
                                    last_verified_at=now),
    }


@pytest.fixture
def send(people, organisations, services):
    """Send a referral from Caritas to Appartenances' legal aid; by default the consent covers the name and the
    phone, and only Appartenances."""

    def make(*, fields=("name", "phone"), personal=None, others=(), service=None, urgency="normal", now=None,
             need="legal", user=None, sender=None):
        personal = personal if personal is not None else {
            "reference": "CV-001", "contact_preference": "phone", "reason": REASON, "name": NAME, "phone": PHONE}
        return sending.send(
            user=user or people["caritas"], sender=sender or organisations["caritas"],
            service=service or services["legal"], need=need, urgency=urgency,
            consent=sending.ConsentGiven(language="en", fields=list(fields), organisations=list(others)),
            personal=personal, now=now)

    return make


@pytest.fixture
def referral(send) -> Referral:
    return send()


@pytest.fixture
def record_referral(organisations):
    """A referral written directly in a given state (for statistics, retention and reminders)."""
    from corridor.referrals.models import Consent

    def make(service, *, need="legal", status="sent", sent_at=None, accepted_at=None, ended_at=None, urgency="normal",
             sender=None, **fields):
        sender = sender or organisations["caritas"]
        consent = Consent.objects.create(language="en", text="I agree.", fields=["name"])
        consent.organisations.set([service.organisation])
        return Referral.objects.create(
            territory=sender.territory, sender=sender, service=service, need=need, status=status, urgency=urgency,
            consent=consent, sent_at=sent_at or timezone.now(), accepted_at=accepted_at, ended_at=ended_at,
            reference=fields.pop("reference", "REF"), contact_preference="sender", **fields)

    return make
