"""What the audit log keeps about a person (see core/personal_data.py): what they did. The events stay
after the account is deleted (they are evidence of what administrators did), under a pseudonym."""
from django.contrib.auth import get_user_model
from django.db.models import Q

from corridor.core.personal_data import pseudonym, replace_in_text

from .models import AuditEvent


def _events(user):
    return AuditEvent.objects.filter(
        Q(actor=user) | Q(target_type=get_user_model()._meta.label_lower, target_id=str(user.pk)))


def export(user) -> dict:
    """Which record, by type and key, never by label: a label can name what the person may not read (a record
    they were refused) or other people (a contribution is labelled by its author)."""
    return {"events": [{"at": e.at, "action": e.action, "by_you": e.actor_id == user.pk, "record_type": e.target_type,
                        "record": e.target_id} for e in _events(user).order_by("at", "id")]}


def erase(user, identifiers) -> None:
    name = pseudonym(user)
    # Append-only: a pseudonym replaces the name through the table, never by editing events one by one.
    AuditEvent.objects.filter(actor=user).update(actor_name=name)
    AuditEvent.objects.filter(target_type=get_user_model()._meta.label_lower, target_id=str(user.pk)).update(
        target_label=name)
    # Labels of other records that carried the person's name (a contribution is labelled by its author).
    mentions = Q()
    for identifier in identifiers:
        mentions |= Q(target_label__icontains=identifier)
    for event in AuditEvent.objects.filter(mentions).only("target_label") if identifiers else ():
        AuditEvent.objects.filter(pk=event.pk).update(
            target_label=replace_in_text(event.target_label, identifiers, name))
