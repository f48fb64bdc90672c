"""The demo loads twice without duplicates and tells a coherent story; the API documents its endpoints."""
import pytest

from corridor.directory import demo as directory_demo
from corridor.preparedness import demo, incidents
from corridor.preparedness.models import (
    CheckIn,
    ContactEntry,
    ContactRegister,
    ContingencyPlan,
    EmergencyContact,
    FocalPoint,
    Incident,
)

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_duplicates(client):
    directory_demo.load()
    demo.load()
    demo.load()
    assert ContactRegister.objects.count() == 1 and ContactEntry.objects.count() == len(demo.PEOPLE)
    assert EmergencyContact.objects.count() == len(demo.NATIONAL_CONTACTS) + len(demo.LOCAL_CONTACTS)
    assert FocalPoint.objects.count() == 2 and ContingencyPlan.objects.get().tasks.count() == len(demo.PLAN_TASKS)
    incident = Incident.objects.get()
    rows, totals = incidents.tally(incident)
    assert [(row.locality, row.cells) for row in rows] == [
        ("Lausanne – Bellevaux", [3, 1, 0]), ("Lausanne – Prélaz-Valency", [2, 0, 1])]
    assert CheckIn.objects.get(answer="needs-help").entry.name == "Dawit H."
    assert client.login(username="eritrea-coord", password="eritrea-coord")
    register = ContactRegister.objects.get()
    assert client.get(f"/en/preparedness/registers/{register.uuid}/entries/").status_code == 200
    client.logout()
    assert client.login(username="admin", password="admin")
    assert client.get(f"/en/preparedness/registers/{register.uuid}/entries/").status_code == 404


def test_the_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/v1/emergency-contacts/", "/api/v1/contact-registers/{uuid}/entries/"} <= set(schema["paths"])
