from django.contrib import admin

from corridor.core.admin import ReadOnlyAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the log is evidence, nobody edits it."""

    list_display = ("at", "actor_name", "action", "target_type", "target_label", "organisation", "territory")
    list_filter = ("action", "target_type")
    search_fields = ("actor_name", "action", "target_label", "target_id")
    date_hierarchy = "at"
