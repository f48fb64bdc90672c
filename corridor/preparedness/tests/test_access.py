"""The register is firewalled: only the members of the organisation that keeps it read entries, on the
pages, in the API, in exports. Platform administrators, territory administrators, other organisations
and the public get "not found", the Django admin does not list it, and other apps' exports leave it out.
Every read by the owner is in the audit log."""
import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from corridor.accounts.models import Membership
from corridor.audit.models import AuditEvent
from corridor.preparedness import incidents
from corridor.preparedness.models import CheckIn, ContactEntry, ContactRegister, Incident

pytestmark = pytest.mark.django_db
OUTSIDERS = ["platform", "vaud_admin", "geneva_admin", "geneva_member", "appartenances_member", "anonymous"]


@pytest.fixture
def scene(register, places, add_person, users, organisations):
    entry = add_person("Amina Tesfaye", "+41791234567", needs="Insuline")
    incident = incidents.open_incident(register, users["caritas"], kind="flood", title="Crue", message="Ça va ?",
                                       localities=[places["bellevaux"]], content_language="fr")
    incidents.request_check_in(incident, users["caritas"])
    checkin = CheckIn.objects.get()
    incidents.record_answer(checkin, "needs-help", user=users["caritas"])
    member = get_user_model().objects.create_user("appartenances", "a@example.org", "pw-app-123")
    Membership.objects.create(user=member, organisation=organisations["appartenances"])
    return {"register": register, "entry": entry, "incident": incident, "checkin": checkin,
            "users": {**users, "appartenances_member": member}}


def _pages(scene):
    register, entry, incident = scene["register"].uuid, scene["entry"].uuid, scene["incident"].uuid
    return [reverse("preparedness:register", args=[register]), reverse("preparedness:entries", args=[register]),
            reverse("preparedness:entry", args=[register, entry]), reverse("preparedness:export", args=[register]),
            reverse("preparedness:register-edit", args=[register]), reverse("preparedness:entry-new", args=[register]),
            reverse("preparedness:join-qr", args=[register]), reverse("preparedness:incident-new", args=[register]),
            reverse("preparedness:incident", args=[incident]), reverse("preparedness:tally", args=[incident]),
            reverse("preparedness:people", args=[incident]),
            reverse("preparedness:needs-help-export", args=[incident]),
            f"/api/v1/contact-registers/{register}/entries/"]


def _client_for(client, scene, who):
    if who != "anonymous":
        client.force_login(scene["users"][who])
    return client


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_outside_the_organisation_reads_the_register(client, scene, who):
    client = _client_for(client, scene, who)
    for url in _pages(scene):
        response = client.get(url)
        assert response.status_code in ((302, 401, 403) if who == "anonymous" else (404,)), url
        assert b"Amina" not in response.content and b"791234567" not in response.content
    register, entry, incident = scene["register"].uuid, scene["entry"].uuid, scene["incident"].uuid
    for url, data in [(reverse("preparedness:entry-delete", args=[register, entry]), {}),
                      (reverse("preparedness:entry-link", args=[register, entry]), {}),
                      (reverse("preparedness:send", args=[incident]), {}),
                      (reverse("preparedness:incident-status", args=[incident]), {"action": "close"}),
                      (reverse("preparedness:record-answer", args=[incident, scene["checkin"].uuid]),
                       {f"{scene['checkin'].uuid.hex}-answer": "safe"})]:
        assert client.post(url, data).status_code in ((302,) if who == "anonymous" else (404,)), url
    assert ContactEntry.objects.filter(uuid=entry).exists()
    assert Incident.objects.get().status == "open" and CheckIn.objects.get().answer == "needs-help"
    if who != "anonymous":
        refused = AuditEvent.objects.filter(action="preparedness.access_refused", actor=scene["users"][who])
        assert refused.count() == len(_pages(scene)) + 5


def test_the_django_admin_does_not_list_registers_entries_incidents_or_check_ins(client, scene, users):
    registered = set(admin.site._registry)
    for model in (ContactRegister, ContactEntry, Incident, CheckIn):
        assert model not in registered
    client.force_login(users["platform"])
    assert client.get("/en/admin/preparedness/contactentry/").status_code == 404
    page = client.get("/en/admin/")
    assert b"Register entries" not in page.content and b"Contact registers" not in page.content


def test_other_apps_exports_and_the_audit_log_hold_no_personal_data(client, scene, users):
    client.force_login(users["platform"])
    for url in (reverse("directory:export-hsds-json"), "/en/admin/audit/auditevent/"):
        response = client.get(url)
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Amina" not in content and b"791234567" not in content


def test_the_owner_reads_and_every_read_is_logged(client, scene, users):
    client.force_login(users["caritas"])
    register, entry, incident = scene["register"], scene["entry"], scene["incident"]
    expected = {
        reverse("preparedness:entries", args=[register.uuid]): ("preparedness.entries.listed", register),
        reverse("preparedness:entry", args=[register.uuid, entry.uuid]): ("preparedness.entry.read", entry),
        reverse("preparedness:export", args=[register.uuid]): ("preparedness.register.exported", register),
        reverse("preparedness:people", args=[incident.uuid]): ("preparedness.checkins.listed", incident),
        reverse("preparedness:needs-help-export", args=[incident.uuid]): ("preparedness.needs_help.exported",
                                                                          incident),
        f"/api/v1/contact-registers/{register.uuid}/entries/": ("preparedness.entries.listed", register),
    }
    for url, (action, target) in expected.items():
        before = AuditEvent.objects.filter(action=action, actor=users["caritas"]).count()
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Amina Tesfaye" in response.content.decode()
        events = AuditEvent.objects.filter(action=action, actor=users["caritas"])
        assert events.count() == before + 1, url
        event = events.first()
        assert event.target_id == str(target.pk) and event.organisation == register.organisation
        assert "Amina" not in event.target_label + str(event.detail)
    # The register's page shows counts and the access log, not the people: not a read of entries.
    before = AuditEvent.objects.count()
    page = client.get(reverse("preparedness:register", args=[register.uuid]))
    assert b"Amina" not in page.content and AuditEvent.objects.count() == before
    assert b"preparedness.entry.read" in page.content  # the owner sees who read what


def test_a_platform_admin_who_joins_the_organisation_is_a_member_like_any_other(client, scene, users, organisations):
    Membership.objects.create(user=users["platform"], organisation=organisations["caritas"])
    client.force_login(users["platform"])
    assert client.get(reverse("preparedness:entries", args=[scene["register"].uuid])).status_code == 200
    assert AuditEvent.objects.filter(action="preparedness.entries.listed", actor=users["platform"]).exists()
