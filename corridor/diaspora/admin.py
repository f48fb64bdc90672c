"""Platform administrators (superusers) repair diaspora data here. Profiles are listed without their contact
e-mail: nobody reads it on a screen, it is only used to send the person e-mails."""
from django.contrib import admin

from .models import DiasporaProfile, Pledge, PledgeEvent, Priority, Project


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "territory", "sector", "is_published"]
    list_filter = ["is_published", "sector"]
    search_fields = ["title"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "territory", "kind", "sector", "status", "deadline"]
    list_filter = ["status", "kind", "sector"]
    search_fields = ["title"]


@admin.register(DiasporaProfile)
class DiasporaProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "kind", "residence_country", "confirmed_at", "consented_at"]
    list_filter = ["kind", "residence_country"]
    exclude = ["email"]
    readonly_fields = ["consent_text", "consent_language", "consented_at", "consented_by", "confirmed_at"]


class PledgeEventInline(admin.TabularInline):
    model = PledgeEvent
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["project", "profile", "kind", "amount", "currency", "hours", "status", "created_at"]
    list_filter = ["status", "kind"]
    inlines = [PledgeEventInline]
