"""A staff member's own data (core/personal_data.py): their download names what they did, never the
people of the register; deleting their account clears the links to it and their name from notes."""
import json
from datetime import date

import pytest

from corridor.core import personal_data
from corridor.preparedness import incidents
from corridor.preparedness.models import CheckIn, ContactEntry, ContactRegister, FocalPoint, Incident

pytestmark = pytest.mark.django_db


def test_a_staff_members_download_and_account_deletion(register, places, add_person, users, organisations):
    staff = users["caritas"]
    staff.first_name, staff.last_name = "Claire", "Dubois"
    staff.save()
    add_person("Amina Tesfaye", "+41791234567", needs="Insuline")
    FocalPoint.objects.create(organisation=organisations["caritas"], locality=places["bellevaux"], name="Claire Dubois",
                              role="Relais", email=staff.email, agreed_on=date(2026, 3, 1))
    incident = incidents.open_incident(register, staff, kind="fire", title="Feu", message="Ça va ?",
                                       localities=[places["bellevaux"]], content_language="fr")
    incidents.request_check_in(incident, staff)
    incidents.record_answer(CheckIn.objects.get(), "needs-help", user=staff, note="Appelée par Claire Dubois")

    exported = json.dumps(personal_data.export(staff)["preparedness"], default=str)
    assert '"Feu"' in exported and "Claire Dubois" in exported and "Contacts d'urgence" in exported
    assert "Amina" not in exported and "791234567" not in exported and "Insuline" not in exported

    personal_data.erase(staff)
    checkin = CheckIn.objects.get()
    assert checkin.answered_by is None and "Claire" not in checkin.note and checkin.answer == "needs-help"
    assert ContactEntry.objects.get().registered_by is None and Incident.objects.get().opened_by is None
    assert ContactRegister.objects.get().created_by is None and not FocalPoint.objects.exists()
