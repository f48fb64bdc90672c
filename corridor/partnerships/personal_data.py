"""What partnerships keep about a person (see core/personal_data.py): the corridors and partnerships they
recorded, the agreements they marked final, the stages and documents they recorded; and the places where a
partnership names them (a side's contact person or signatory, a stakeholder's contact person), which are
typed names, not accounts.

When the account is deleted, corridors, partnerships, stages and documents stay with their territories (the
links to the account are cleared with it); contact persons with the person's name are deleted, and the
signatory and stakeholder contact fields that hold it are emptied."""
from corridor.core.personal_data import identifiers as names_of

from .models import ContactPerson, Corridor, Partnership, PartnershipSide, StageDocument, StageRecord, Stakeholder


def _named(model, field: str, names) -> list:
    """The rows whose `field` is one of `names` (ignoring case and spacing: it is typed by hand)."""
    wanted = {" ".join(name.split()).casefold() for name in names}
    return [row for row in model.objects.exclude(**{field: ""}).select_related(*_partnership_path(model))
            if " ".join(getattr(row, field).split()).casefold() in wanted]


def _partnership_path(model) -> tuple:
    return ("partnership",) if model is PartnershipSide else ("side__partnership", "side__territory")


def _where(row) -> dict:
    side = row if isinstance(row, PartnershipSide) else row.side
    return {"partnership": side.partnership.title, "territory": str(side.territory)}


def export(user) -> dict:
    names = names_of(user)
    return {
        "corridors_recorded": [str(corridor) for corridor in Corridor.objects.filter(created_by=user)
                               .select_related("origin", "destination")],
        "partnerships_recorded": list(Partnership.objects.filter(created_by=user).values_list("title", flat=True)),
        "agreements_marked_final": list(Partnership.objects.filter(finalised_by=user).values_list("title", flat=True)),
        "stages_recorded": [{"partnership": record.partnership.title, "stage": record.stage,
                             "started_on": record.started_on, "note": record.note}
                            for record in StageRecord.objects.filter(recorded_by=user).select_related("partnership")],
        "documents_added": [{"partnership": document.record.partnership.title, "title": document.title,
                             "uploaded_at": document.uploaded_at}
                            for document in StageDocument.objects.filter(uploaded_by=user)
                            .select_related("record__partnership")],
        "named_as_contact_person": [{**_where(contact), "function": contact.function}
                                    for contact in _named(ContactPerson, "name", names)],
        "named_as_signatory": [{**_where(side), "office": side.signatory_title}
                               for side in _named(PartnershipSide, "signatory_name", names)],
        "named_as_stakeholder_contact": [{**_where(stakeholder), "organisation": stakeholder.organisation.name}
                                         for stakeholder in _named(Stakeholder, "contact_person", names)],
    }


def erase(user, identifiers) -> None:
    ContactPerson.objects.filter(pk__in=[row.pk for row in _named(ContactPerson, "name", identifiers)]).delete()
    PartnershipSide.objects.filter(pk__in=[row.pk for row in _named(PartnershipSide, "signatory_name", identifiers)]
                                   ).update(signatory_name="")
    Stakeholder.objects.filter(pk__in=[row.pk for row in _named(Stakeholder, "contact_person", identifiers)]
                               ).update(contact_person="")
