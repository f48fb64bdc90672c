"""The pages, through the test client: self-registration and the personal page, answering a check-in,
running an incident, localities and focal points, emergency contacts and contingency plans."""
import re

import pytest
from django.urls import reverse

from corridor.audit.models import AuditEvent
from corridor.preparedness import incidents, registration
from corridor.preparedness.models import (
    CheckIn,
    ContactEntry,
    ContactRegister,
    ContingencyPlan,
    EmergencyContact,
    FocalPoint,
    Incident,
    Locality,
    PlanTask,
)

pytestmark = pytest.mark.django_db


def _join(client, register, **changes):
    data = {"name": "Amina", "channel": "sms", "contact": "079 123 45 67", "locality": "", "household_size": "2",
            "languages": ["ar"], "needs": "", "consent": "on", "website": "", **changes}
    return client.post(reverse("preparedness:join", args=[register.uuid]), data)


def test_self_registration_form_confirmation_correction_and_withdrawal(client, register, places, sms_outbox,
                                                                       django_capture_on_commit_callbacks):
    page = client.get(reverse("preparedness:join", args=[register.uuid]))
    assert "J'accepte d'être contacté" in page.content.decode() and page["Cache-Control"].startswith("max-age=0")
    # Mistakes are named and what was typed is kept.
    response = _join(client, register, contact="12", locality=places["bellevaux"].pk, consent="")
    assert response.status_code == 200 and not ContactEntry.objects.exists()
    assert response.context["form"].errors.keys() == {"contact", "consent"}
    assert 'value="Amina"' in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = _join(client, register, locality=places["bellevaux"].pk)
    assert "We sent a link to your phone" in response.content.decode()
    entry = ContactEntry.objects.get()
    assert entry.confirmed_at is None and entry.household_size == 2 and entry.languages == ["ar"]
    token = re.search(r"/me/([^/\s]+)/", sms_outbox[0].text).group(1)
    me = reverse("preparedness:me", args=[token])

    page = client.get(me)
    assert "Confirm your registration" in page.content.decode()
    client.post(reverse("preparedness:me-confirm", args=[token]))
    entry.refresh_from_db()
    assert entry.confirmed_at is not None
    page = client.post(me, {"name": "Amina K.", "channel": "sms", "contact": "+41 79 123 45 67",
                            "locality": places["prelaz"].pk, "household_size": "3", "languages": ["ar", "fr"],
                            "needs": ""})
    assert "Your changes are saved." in page.content.decode()
    entry.refresh_from_db()
    assert (entry.name, entry.locality, entry.household_size) == ("Amina K.", places["prelaz"], 3)

    page = client.post(reverse("preparedness:me-withdraw", args=[token]))
    assert "Your entry is deleted" in page.content.decode()
    assert not ContactEntry.objects.exists()
    assert ContactRegister.objects.get().withdrawn_count == 1
    assert client.get(me).status_code == 404


def test_the_form_answers_the_same_for_a_contact_already_registered(client, register, places, add_person):
    add_person("Amina", "+41791234567")
    response = _join(client, register, name="Somebody", locality=places["bellevaux"].pk)
    assert "We sent a link to your phone" in response.content.decode()
    assert ContactEntry.objects.get().name == "Amina"


def test_robots_and_closed_registers(client, register, places):
    response = _join(client, register, locality=places["bellevaux"].pk, website="http://spam.example")
    assert response.status_code == 200 and not ContactEntry.objects.exists()
    register.is_open = False
    register.save()
    assert client.get(reverse("preparedness:join", args=[register.uuid])).status_code == 410


def test_answering_through_the_link(client, register, places, add_person, users, sms_outbox,
                                    django_capture_on_commit_callbacks):
    add_person("Amina", "+41791234567", languages=["ar"])
    incident = incidents.open_incident(register, users["caritas"], kind="fire", title="Incendie rue de la Borde",
                                       localities=[places["bellevaux"]], message="Ça va ?", content_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        incidents.request_check_in(incident, users["caritas"])
    link = re.search(r"https://corridor\.example\.org(/\S+)", sms_outbox[0].text).group(1)
    assert link.startswith("/ar/preparedness/answer/")
    page = client.get(link)
    assert page.status_code == 200 and CheckIn.objects.get().answer == "no-answer"  # opening it answers nothing
    page = client.post(link, {"answer": "safe"})
    assert CheckIn.objects.get().answer == "safe" and CheckIn.objects.get().answered_via == "link"
    incidents.close(incident, users["caritas"])
    page = client.post(link, {"answer": "needs-help"})
    assert CheckIn.objects.get().answer == "safe"
    assert client.get("/en/preparedness/answer/not-a-token/").status_code == 404


def test_running_an_incident_from_the_pages(client, register, places, add_person, users, sms_outbox,
                                            django_capture_on_commit_callbacks):
    amina = add_person("Amina", "+41791234567")
    add_person("Yonas", "+41791234568", "prelaz")
    client.force_login(users["caritas"])
    form = client.get(reverse("preparedness:incident-new", args=[register.uuid]))
    assert {"message__ar", "message__ti"} <= set(form.context["form"].fields)
    response = client.post(reverse("preparedness:incident-new", args=[register.uuid]), {
        "kind": "flood", "title": "Crue", "description": "", "localities": [places["bellevaux"].pk],
        "content_language": "fr", "message": "Ça va ?", "message__ar": "هل أنت بخير؟", "message__ti": ""})
    incident = Incident.objects.get()
    assert response.url == reverse("preparedness:incident", args=[incident.uuid])
    assert incident.translations == {"ar": {"message": "هل أنت بخير؟"}}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("preparedness:send", args=[incident.uuid]))
    assert [m.to for m in sms_outbox] == ["+41791234567"]
    checkin = amina.checkins.get()
    client.post(reverse("preparedness:record-answer", args=[incident.uuid, checkin.uuid]),
                {f"{checkin.uuid.hex}-answer": "needs-help", f"{checkin.uuid.hex}-note": "Cave inondée"})
    checkin.refresh_from_db()
    assert (checkin.answer, checkin.note, checkin.answered_by) == ("needs-help", "Cave inondée", users["caritas"])
    page = client.get(reverse("preparedness:incident", args=[incident.uuid]))
    html = page.content.decode()
    assert 'src="/static/preparedness/tally.js"' in html and "<script>" not in html
    tally = client.get(reverse("preparedness:tally", args=[incident.uuid])).content.decode()
    assert re.search(r"Lausanne – Bellevaux</th><td class=\"number\">0</td><td class=\"number\">1</td>"
                     r"<td class=\"number\">0</td><td class=\"number\">1</td>", tally)
    needing = client.get(reverse("preparedness:people", args=[incident.uuid]) + "?answer=needs-help")
    assert "Amina" in needing.content.decode()
    client.post(reverse("preparedness:incident-status", args=[incident.uuid]), {"action": "close"})
    assert Incident.objects.get().status == "closed"
    client.post(reverse("preparedness:incident-status", args=[incident.uuid]), {"action": "reopen"})
    assert Incident.objects.get().status == "open"


def test_staff_register_someone_in_person_and_see_the_link_once(client, register, places, users):
    client.force_login(users["caritas"])
    data = {"name": "Yonas", "channel": "sms", "contact": "+41 79 123 45 68", "locality": places["prelaz"].pk,
            "household_size": "1", "languages": ["ti"], "needs": ""}
    response = client.post(reverse("preparedness:entry-new", args=[register.uuid]), data)
    assert "consent" in response.context["form"].errors  # staff must confirm the person agreed
    response = client.post(reverse("preparedness:entry-new", args=[register.uuid]), {**data, "consent": "on"})
    entry = ContactEntry.objects.get()
    assert entry.confirmed_at is not None
    link = response.context["link"]
    assert registration.entry_from_token(link.rstrip("/").rsplit("/", 1)[1]) == entry
    response = client.post(reverse("preparedness:entry-new", args=[register.uuid]), {**data, "consent": "on"})
    assert response.context["form"].errors["contact"] == ["This contact is already in the register."]
    client.post(reverse("preparedness:entry-delete", args=[register.uuid, entry.uuid]))
    assert not ContactEntry.objects.exists()


def test_a_new_register_with_its_consent_text(client, organisations, places, users):
    client.force_login(users["caritas"])
    url = reverse("preparedness:register-new", args=[organisations["caritas"].uuid])
    response = client.post(url, {"name": "Urgences", "description": "", "content_language": "fr",
                                 "languages": ["fr", "ar"], "is_open": "on", "consent_text": "J'accepte.",
                                 "consent_text__ar": "أوافق.", "name__ar": "طوارئ", "description__ar": ""})
    register = ContactRegister.objects.get()
    assert response.url == reverse("preparedness:register", args=[register.uuid])
    consent = register.current_consent()
    assert (consent.version, consent.text, consent.translations) == (1, "J'accepte.", {"ar": {"text": "أوافق."}})
    assert register.translations == {"ar": {"name": "طوارئ"}}
    edit = reverse("preparedness:register-edit", args=[register.uuid])
    client.post(edit, {"name": "Urgences", "description": "", "content_language": "fr", "languages": ["fr", "ar"],
                       "is_open": "on", "consent_text": "J'accepte, version 2.", "consent_text__ar": "أوافق."})
    assert register.current_consent().version == 2
    qr = client.get(reverse("preparedness:join-qr", args=[register.uuid]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content


def test_localities_and_focal_points(client, organisations, territories, users, places):
    caritas = organisations["caritas"]
    client.force_login(users["caritas"])
    workspace = reverse("preparedness:organisation", args=[caritas.uuid])
    client.post(reverse("preparedness:locality-add", args=[caritas.uuid]),
                {"territory": territories["lausanne"].pk, "name": "Ouchy"})
    assert Locality.objects.filter(organisation=caritas, name="Ouchy").exists()
    response = client.post(reverse("preparedness:locality-add", args=[caritas.uuid]),
                           {"territory": territories["geneva"].pk, "name": "Pâquis"})  # outside its territories
    assert not Locality.objects.filter(name="Pâquis").exists() and response.url == workspace
    client.post(reverse("preparedness:focal-point-new", args=[caritas.uuid]), {
        "locality": places["bellevaux"].pk, "name": "Almaz", "role": "Relais de quartier", "phone": "+41 79 000 22 01",
        "email": "", "languages": ["ti"], "visibility": "public", "agreed_on": "2026-03-14"})
    client.post(reverse("preparedness:focal-point-new", args=[caritas.uuid]), {
        "locality": places["prelaz"].pk, "name": "Kidane", "role": "Relais", "phone": "", "email": "",
        "visibility": "organisation", "agreed_on": "2026-03-14"})
    assert FocalPoint.objects.count() == 2
    client.logout()
    place = client.get(reverse("preparedness:place", args=[territories["lausanne"].path])).content.decode()
    assert "Almaz" in place and "Kidane" not in place  # only the focal point who agreed to be public
    assert client.get(workspace).status_code == 302  # the workspace needs an account


def test_emergency_contacts_are_public_and_kept_by_territory_administrators(client, territories, users):
    EmergencyContact.objects.create(territory=territories["ch"], kind="emergency", name="Urgences", number="112",
                                    content_language="fr", translations={"en": {"name": "Emergency"}})
    url = reverse("preparedness:contact-new", args=[territories["lausanne"].pk])
    for who in ("caritas", "geneva_admin"):
        client.force_login(users[who])
        assert client.get(url).status_code == 403
    client.force_login(users["vaud_admin"])
    response = client.post(url, {"kind": "helpline", "name": "Permanence de nuit", "number": "+41 21 000 71 71",
                                 "country_code": "", "hours": "20h–8h", "languages": ["fr", "ar"], "notes": "",
                                 "content_language": "fr", "name__ar": "خط ليلي", "name__en": ""})
    contact = EmergencyContact.objects.get(number="+41 21 000 71 71")
    assert response.url == reverse("preparedness:place", args=[territories["lausanne"].path])
    assert contact.territory == territories["lausanne"] and contact.translations == {"ar": {"name": "خط ليلي"}}
    client.logout()
    page = client.get(reverse("preparedness:place", args=[territories["lausanne"].path])).content.decode()
    # The national number (from Switzerland) comes first, then the local helpline.
    assert page.index("112") < page.index("Permanence de nuit")
    arabic = client.get("/ar" + reverse("preparedness:place", args=[territories["lausanne"].path])[3:])
    assert "خط ليلي" in arabic.content.decode()
    api = client.get("/api/v1/emergency-contacts/", {"territory": territories["lausanne"].path}).json()
    assert [c["number"] for c in api["results"]] == ["112", "+41 21 000 71 71"]
    assert client.get("/api/v1/emergency-contacts/", {"territory": territories["geneva"].path}).json()[
        "results"] == [{"territory": "ch/", "kind": "emergency", "name": "Emergency", "number": "112",
                        "country_code": "", "languages": [], "hours": "", "notes": ""}]


def test_contingency_plans_tasks_and_their_statuses(client, organisations, territories, users):
    client.force_login(users["caritas"])
    response = client.post(reverse("preparedness:plan-new", args=[organisations["caritas"].uuid]), {
        "title": "Plan canicule", "scope": "", "content_language": "fr",
        "tasks-TOTAL_FORMS": "3", "tasks-INITIAL_FORMS": "0", "tasks-MIN_NUM_FORMS": "0", "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-stage": "before", "tasks-0-task": "Lister les personnes isolées",
        "tasks-0-owner_role": "Coordinatrice",
        "tasks-0-status": "todo", "tasks-0-order": "0",
        "tasks-1-stage": "during", "tasks-1-task": "Appeler chaque personne isolée", "tasks-1-owner_role": "Relais",
        "tasks-1-status": "todo", "tasks-1-order": "1",
        "tasks-2-stage": "", "tasks-2-task": "", "tasks-2-owner_role": "", "tasks-2-status": "todo",
        "tasks-2-order": "0"})
    plan = ContingencyPlan.objects.get()
    assert response.url == reverse("preparedness:plan", args=[plan.uuid]) and plan.tasks.count() == 2
    task = plan.tasks.get(stage="before")
    for status in ("doing", "done", "todo"):
        client.post(reverse("preparedness:task-status", args=[task.pk]), {"status": status})
        task.refresh_from_db()
        assert task.status == status
    assert AuditEvent.objects.filter(action="preparedness.plan_task.status").count() == 3
    client.post(reverse("preparedness:task-status", args=[task.pk]), {"status": "finished"})
    assert PlanTask.objects.get(pk=task.pk).status == "todo"
    # An internal plan: other organisations neither read nor change it.
    client.force_login(users["geneva_member"])
    assert client.get(reverse("preparedness:plan", args=[plan.uuid])).status_code == 404
    assert client.post(reverse("preparedness:task-status", args=[task.pk]), {"status": "done"}).status_code == 403
    plan.is_public = True
    plan.save()
    assert client.get(reverse("preparedness:plan", args=[plan.uuid])).status_code == 200
    # Territory plans belong to the territory's administrators.
    url = reverse("preparedness:territory-plan-new", args=[territories["lausanne"].pk])
    assert client.get(url).status_code == 403
    client.force_login(users["vaud_admin"])
    assert client.get(url).status_code == 200
