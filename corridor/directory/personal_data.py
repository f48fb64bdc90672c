"""What the directory keeps about a person (see core/personal_data.py): the changes they made to
organisations and services (their history). The records belong to organisations and stay; the history
forgets who made a change when the account is deleted."""
from .models import Organisation, Service


def export(user) -> dict:
    return {"changes": [{"record": h.name, "kind": str(model._meta.verbose_name),
                         "change": h.get_history_type_display(), "at": h.history_date}
                        for model in (Organisation, Service)
                        for h in model.history.filter(history_user=user).order_by("history_date")]}


def erase(user, identifiers) -> None:
    """Nothing beyond the account's deletion (the history's link to its author is cleared)."""
