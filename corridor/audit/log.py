"""Writing to the audit log: `record("referral.read", actor=request.user, target=referral)`."""
from .models import AuditEvent


def record(action: str, *, actor=None, target=None, organisation=None, territory=None, target_label=None,
           **detail) -> AuditEvent:
    """Log `action` by `actor` on `target`. Never put personal data itself in `detail`: say what was
    done to which record, the record keeps the data (encrypted) and its own retention.

    Without an explicit organisation or territory, they are taken from the target when it has them, so that
    territory administrators see the events of their territories."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    organisation_id, territory_id = _scope(target)
    return AuditEvent.objects.create(
        actor=user, actor_name=user.get_username() if user else "", action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(target_label if target_label is not None else str(target) if target is not None else "")[:200],
        organisation_id=organisation.pk if organisation is not None else organisation_id,
        territory_id=territory.pk if territory is not None else territory_id, detail=detail)


def _scope(target) -> tuple:
    """(organisation id, territory id) of a record: its own, its organisation's, or none."""
    if target is None:
        return None, None
    label = target._meta.label
    if label == "directory.Organisation":
        return target.pk, target.territory_id
    if label == "territories.Territory":
        return None, target.pk
    organisation_id = getattr(target, "organisation_id", None)
    territory_id = getattr(target, "territory_id", None)
    if territory_id is None and organisation_id is not None:
        territory_id = target.organisation.territory_id
    return organisation_id, territory_id


def events_for(target):
    """The audit trail of one record, newest first."""
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
