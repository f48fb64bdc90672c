"""What the diaspora portal keeps about an account holder (see core/personal_data.py): the associations they
registered (their consent on the association's behalf), the pledge steps they recorded and the messages they
sent matched people as a project's team, and the priorities and projects they wrote. The records belong to
associations and territories and stay, without the person (their links are cleared with the account); their
name is taken out of the notes and messages they wrote.

Members of the diaspora registered without an account see, download and delete their own profile through their
signed link (profiles.py); their personal fields are declared on the models (PERSONAL_FIELDS)."""
from corridor.core.personal_data import replace_in_text

from .models import ContactRequest, DiasporaProfile, PledgeEvent, Priority, Project


def export(user) -> dict:
    return {
        "associations_registered": [
            {"association": p.display_name, "consent": p.consent_text, "consented_at": p.consented_at}
            for p in DiasporaProfile.objects.filter(consented_by=user).order_by("pk")],
        "pledge_steps_recorded": [
            {"project": e.pledge.project.title, "status": e.status, "note": e.note, "at": e.at}
            for e in PledgeEvent.objects.filter(by=user).select_related("pledge__project").order_by("pk")],
        "messages_sent": [{"project": c.project.title, "message": c.message, "sent_at": c.sent_at}
                          for c in ContactRequest.objects.filter(sender=user).select_related("project").order_by("pk")],
        "priorities_written": list(Priority.objects.filter(created_by=user).values_list("title", flat=True)),
        "projects_written": list(Project.objects.filter(created_by=user).values_list("title", flat=True)),
    }


def erase(user, identifiers) -> None:
    for model, field, rows in ((PledgeEvent, "note", PledgeEvent.objects.filter(by=user).exclude(note="")),
                               (ContactRequest, "message", ContactRequest.objects.filter(sender=user))):
        for pk, text in rows.values_list("pk", field):
            cleaned = replace_in_text(text, identifiers, "—")
            if cleaned != text:
                model.objects.filter(pk=pk).update(**{field: cleaned})
