from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, Service


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "territory", "verified_at"]
    list_filter = ["kind", "association_level"]
    search_fields = ["name", "alternate_name"]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "territory", "status", "last_verified_at"]
    list_filter = ["status", "is_free"]
    search_fields = ["name"]
    raw_id_fields = ["organisation", "territory"]
