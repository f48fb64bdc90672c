"""What the audit log records by itself: signing in and out, failed sign-ins of existing accounts, and every
change made in the Django admin (copied from its own log). Other admin actions call log.record() in the
views that do them (see docs/security.md)."""
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .log import record

_ADMIN_ACTIONS = {ADDITION: "admin.added", CHANGE: "admin.changed", DELETION: "admin.deleted"}


@receiver(user_logged_in, dispatch_uid="audit-signed-in")
def signed_in(sender, request, user, **kwargs):
    record("account.signed_in", actor=user, target=user)


@receiver(user_logged_out, dispatch_uid="audit-signed-out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record("account.signed_out", actor=user, target=user)


@receiver(user_login_failed, dispatch_uid="audit-sign-in-failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    """Only failures against an existing account: what strangers type as a user name (sometimes a
    password) is not kept."""
    username = credentials.get("username") or ""
    user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    if user is not None:
        record("account.sign_in_failed", target=user)


@receiver(post_save, sender=LogEntry, dispatch_uid="audit-admin-change")
def admin_change(sender, instance, created, **kwargs):
    if not created:
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    target = None
    if model is not None and instance.object_id:
        # After a deletion the record is gone: a bare instance still names its type and key.
        target = model._default_manager.filter(pk=instance.object_id).first() or model(pk=instance.object_id)
    record(_ADMIN_ACTIONS.get(instance.action_flag, "admin.action"), actor=instance.user, target=target,
           target_label=instance.object_repr, changes=instance.get_change_message())
