from django.contrib import admin

from .models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country_code", "subdivision_code", "path"]
    list_filter = ["kind", "country_code", "is_origin", "is_transit", "is_destination"]
    search_fields = ["name", "path"]
