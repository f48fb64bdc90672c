from django.contrib import admin

from .models import ApiToken, Membership, Profile, TerritoryAdministrator

admin.site.register(Profile)


@admin.register(TerritoryAdministrator)
class TerritoryAdministratorAdmin(admin.ModelAdmin):
    list_display = ["user", "territory"]
    autocomplete_fields = ["territory"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "scope", "expires_at", "last_used_at"]
    readonly_fields = ["prefix", "last_used_at"]
