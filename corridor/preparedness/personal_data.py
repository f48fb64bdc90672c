"""What crisis preparedness keeps about a platform user (see core/personal_data.py): the registers they
started, the people they registered and the answers they noted, by reference only, the incidents they
opened, and their listing as a focal point (matched by e-mail). The people in a register are not the
user's data and are not in their download: they see, correct and delete their own entries with their
personal link (registration.py). When the account is deleted, the links to it are cleared, their name
is removed from the notes they wrote on check-ins, and their focal point listings are deleted."""
from corridor.core.personal_data import replace_in_text

from .models import CheckIn, ConsentText, ContactEntry, ContactRegister, FocalPoint, Incident


def _focal_points(user):
    return FocalPoint.objects.filter(email__iexact=user.email) if user.email else FocalPoint.objects.none()


def export(user) -> dict:
    return {
        "registers_started": [{"register": r.name, "organisation": r.organisation.name, "at": r.created_at}
                              for r in ContactRegister.objects.filter(created_by=user).select_related("organisation")],
        "people_registered": [{"entry": str(e), "at": e.created_at}
                              for e in ContactEntry.objects.filter(registered_by=user).only("uuid", "created_at")],
        "incidents_opened": [{"incident": i.title, "at": i.opened_at}
                             for i in Incident.objects.filter(opened_by=user)],
        "answers_noted": [{"check_in": str(c), "answer": c.answer, "at": c.answered_at}
                          for c in CheckIn.objects.filter(answered_by=user).only("uuid", "answer", "answered_at")],
        "focal_point_listings": [{"name": p.name, "role": p.role, "phone": p.phone, "email": p.email,
                                  "organisation": p.organisation.name, "listed_for": p.visibility}
                                 for p in _focal_points(user).select_related("organisation")],
    }


def erase(user, identifiers) -> None:
    for checkin in CheckIn.objects.filter(answered_by=user).only("pk", "note"):  # encrypted: filtered here
        if checkin.note:
            checkin.note = replace_in_text(checkin.note, identifiers, "[…]")
            checkin.save(update_fields=["note"])
    CheckIn.objects.filter(answered_by=user).update(answered_by=None)
    ContactEntry.objects.filter(registered_by=user).update(registered_by=None)
    ContactRegister.objects.filter(created_by=user).update(created_by=None)
    ConsentText.objects.filter(created_by=user).update(created_by=None)
    Incident.objects.filter(opened_by=user).update(opened_by=None)
    _focal_points(user).delete()
