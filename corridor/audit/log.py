"""Writing to the audit log: `record("referral.read", actor=request.user, target=referral)`."""
from .models import AuditEvent


def record(action: str, *, actor=None, target=None, organisation=None, territory=None, **detail) -> AuditEvent:
    """Log `action` by `actor` on `target`. Never put personal data itself in `detail`: say what was
    done to which record, the record keeps the data (encrypted) and its own retention."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user, actor_name=user.get_username() if user else "", action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        organisation=organisation, territory=territory, detail=detail)


def events_for(target):
    """The audit trail of one record, newest first."""
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
