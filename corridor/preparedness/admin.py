"""Only public records are in the Django admin. Contact registers, their entries, incidents and
check-ins are deliberately absent: platform administrators have no access to them (access.py)."""
from django.contrib import admin

from .models import EmergencyContact


@admin.register(EmergencyContact)
class EmergencyContactAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "kind", "territory"]
    list_filter = ["kind"]
    search_fields = ["name", "number"]
