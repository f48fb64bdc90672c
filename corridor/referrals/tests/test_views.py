"""The pages: the new-referral form step by step (need → offered services → consent → data), the steps on a
referral's page, the pathway editor and the retention period for territory administrators."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.referrals.models import Pathway, PathwayStep, Referral, ReferralSettings

NEED = {"need": "legal", "target_group": "refugees", "age": "34", "gender": "woman", "spoken": ["ar"]}


@pytest.fixture
def caseworker(client, people):
    client.force_login(people["caritas"])
    return client


@pytest.fixture
def new_url(organisations):
    return reverse("referrals:new", args=[organisations["caritas"].uuid])


def test_a_referral_step_by_step(caseworker, new_url, services, organisations):
    page = caseworker.get(new_url)
    assert page.status_code == 200 and 'name="need"' in page.content.decode()

    offered = caseworker.post(new_url, {**NEED, "step": "need"}).content.decode()
    assert "No referral pathway is defined" in offered
    assert f'value="{services["legal"].pk}"' in offered and f'value="{services["geneva"].pk}"' not in offered
    assert "A service of your own organisation." not in offered  # Caritas offers no legal service
    assert 'type="hidden" name="age" value="34"' in offered  # carried in the form, never in an address

    choice = {**NEED, "service": services["legal"].pk, "fields": ["name", "languages"], "consent_language": "en"}
    consent = caseworker.post(new_url, {**choice, "step": "service"}).content.decode()
    assert "Caritas Vaud passes on my request for help (Legal aid and documentation) to Appartenances." in consent
    assert 'name="name"' in consent and 'name="phone"' not in consent  # only what the consent covers

    data = {**choice, "consent_given": "on", "method": "interpreter", "urgency": "high", "reason": "Permit renewal",
            "reference": "CV-7", "contact_preference": "sender", "name": "Amina", "languages": ["ti"]}
    sent = caseworker.post(new_url, {**data, "step": "data"})
    referral = Referral.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("referrals:detail", args=[referral.uuid])
    assert (referral.name, referral.languages, referral.urgency, referral.reference) == (
        "Amina", ["ti"], "high", "CV-7")
    assert (referral.consent.method, referral.consent.fields) == ("interpreter", ["name", "languages"])


def test_a_field_the_consent_does_not_cover_is_refused_on_the_form(caseworker, new_url, services):
    data = {**NEED, "service": services["legal"].pk, "fields": ["name"], "consent_language": "en",
            "consent_given": "on", "method": "in-person", "urgency": "normal", "reason": "Permit",
            "reference": "CV-8", "contact_preference": "sender", "name": "Amina", "phone": "+41 21 000 00 01",
            "step": "data"}
    response = caseworker.post(new_url, data)
    page = response.content.decode()
    assert response.status_code == 400 and not Referral.objects.exists()
    assert "consent does not cover sharing their phone" in page
    assert 'value="+41 21 000 00 01"' in page and 'value="Amina"' in page  # nothing typed is lost


def test_no_referral_without_consent(caseworker, new_url, services):
    data = {**NEED, "service": services["legal"].pk, "consent_language": "en", "method": "in-person",
            "urgency": "normal", "reason": "Permit", "reference": "CV-9", "contact_preference": "sender",
            "step": "data"}
    response = caseworker.post(new_url, data)
    assert response.status_code == 400 and not Referral.objects.exists()


def test_back_keeps_what_was_typed(caseworker, new_url, services):
    data = {**NEED, "service": services["legal"].pk, "fields": ["name"], "consent_language": "en",
            "reason": "Permit renewal", "reference": "CV-10", "name": "Amina"}
    back = caseworker.post(new_url, {**data, "step": "data", "back": "need"}).content.decode()
    assert 'value="34"' in back and 'type="hidden" name="name" value="Amina"' in back
    again = caseworker.post(new_url, {**data, "step": "need"}).content.decode()
    assert f'value="{services["legal"].pk}" checked' in again and 'type="hidden" name="reason"' in again
    shown = caseworker.post(new_url, {**data, "step": "service"}).content.decode()
    assert 'value="Amina"' in shown and "Permit renewal</textarea>" in shown


def test_only_members_open_the_form(client, people, new_url):
    client.force_login(people["appartenances"])
    assert client.get(new_url).status_code == 404


def test_the_receiver_takes_the_steps_on_the_page(client, referral, people):
    client.force_login(people["appartenances"])
    detail = reverse("referrals:detail", args=[referral.uuid])
    page = client.get(detail).content.decode()
    assert 'action="/en/referrals/%s/steps/accept/"' % referral.uuid in page
    client.post(reverse("referrals:act", args=[referral.uuid, "accept"]))
    missing = client.post(reverse("referrals:act", args=[referral.uuid, "set_appointment"]),
                          {"set_appointment-appointment_at": ""})
    assert missing.status_code == 400 and "This field is required" in missing.content.decode()
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("referrals:act", args=[referral.uuid, "set_appointment"]),
                {"set_appointment-appointment_at": when, "set_appointment-note": "Room 4"})
    referral.refresh_from_db()
    assert referral.status == "appointment"
    assert timezone.localtime(referral.appointment_at).strftime("%Y-%m-%dT%H:%M") == when
    refused = client.post(reverse("referrals:act", args=[referral.uuid, "close"]), follow=True)
    assert "cannot take the step" in refused.content.decode()
    assert "Room 4" in client.get(detail).content.decode()


def test_the_sender_declares_the_consent_withdrawn(client, referral, people):
    client.force_login(people["caritas"])
    client.post(reverse("referrals:withdraw-consent", args=[referral.uuid]), {"confirm": "yes"})
    referral.refresh_from_db()
    assert referral.name == "" and referral.status == "closed"


def test_territory_administrators_edit_the_pathways_of_their_territories(client, people, services, territories):
    client.force_login(people["vaud_admin"])
    url = reverse("referrals:pathway-new") + "?territory=ch/vaud/lausanne/"
    form = client.get(url).content.decode()
    assert "Permanence juridique" in form and "Consultation juridique" not in form  # Geneva's is not offered
    response = client.post(url, {
        "category": "legal", "target_group": "", "note": "Permits first", "content_language": "en",
        "steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "0",
        "steps-0-position": "2", "steps-0-service": services["other_legal"].pk,
        "steps-1-position": "1", "steps-1-service": services["legal"].pk,
        "steps-2-position": "1", "steps-2-service": ""})
    assert response.status_code == 302
    pathway = Pathway.objects.get()
    assert (pathway.territory, pathway.note) == (territories["lausanne"], "Permits first")
    assert [step.service for step in pathway.steps.all()] == [services["legal"], services["other_legal"]]
    assert AuditEvent.objects.filter(action="referral.pathway_saved", actor=people["vaud_admin"]).exists()
    page = client.get(reverse("referrals:pathways"), {"territory": "ch/vaud/lausanne/"}).content.decode()
    assert "Permanence juridique" in page and "Permits first" in page
    duplicate = client.post(url, {"category": "legal", "target_group": "", "content_language": "en",
                                  "steps-TOTAL_FORMS": "0", "steps-INITIAL_FORMS": "0"})
    assert duplicate.status_code == 400 and "already has a pathway" in duplicate.content.decode()


@pytest.mark.parametrize("who,status", [("geneva_admin", 403), ("caritas", 403)])
def test_others_do_not_edit_them(client, people, services, territories, who, status):
    pathway = Pathway.objects.create(territory=territories["lausanne"], category="legal")
    PathwayStep.objects.create(pathway=pathway, service=services["legal"])
    client.force_login(people[who])
    assert client.get(reverse("referrals:pathway-edit", args=[pathway.uuid])).status_code == status
    assert client.post(reverse("referrals:pathway-delete", args=[pathway.uuid])).status_code == status
    assert Pathway.objects.exists()


def test_the_retention_period_of_a_territory(client, people, territories):
    client.force_login(people["vaud_admin"])
    url = reverse("referrals:pathways") + "?territory=ch/vaud/"
    assert 'value="365"' in client.get(url).content.decode()
    assert client.post(url, {"retention_days": "10"}).status_code == 400
    client.post(url, {"retention_days": "90"})
    assert ReferralSettings.objects.get(territory=territories["vaud"]).retention_days == 90


def test_the_home_page_shows_what_each_may_do(client, people, referral):
    client.force_login(people["appartenances"])
    page = client.get(reverse("referrals:home")).content.decode()
    assert "1 waiting for an answer" in page and "Statistics" not in page
    client.force_login(people["vaud_admin"])
    page = client.get(reverse("referrals:home")).content.decode()
    assert "Statistics" in page and "Inbox" not in page
