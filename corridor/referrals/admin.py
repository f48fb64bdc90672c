"""The Django admin shows referrals without any personal field and lets nobody change them there: the person's
data is for the two organisations involved only (access.py), and the steps follow workflow.py."""
from django.contrib import admin

from corridor.core.admin import ReadOnlyAdmin

from .models import Pathway, PathwayStep, Referral, ReferralSettings

NOT_PERSONAL = ("number", "territory", "sender", "service", "need", "urgency", "status", "sent_at", "accepted_at",
                "appointment_at", "ended_at", "decline_reason", "forwarded_from", "data_withheld", "anonymised_at")


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("number", "need", "urgency", "status", "sender", "service", "sent_at")
    list_filter = ("status", "need", "urgency")
    fields = readonly_fields = NOT_PERSONAL
    list_select_related = ("sender", "service")

    def get_queryset(self, request):
        return super().get_queryset(request).without_personal_data()


class StepInline(admin.TabularInline):
    model = PathwayStep
    autocomplete_fields = ("service",)
    extra = 0


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):
    list_display = ("__str__", "territory", "category", "target_group")
    list_filter = ("category",)
    search_fields = ("territory__name",)
    inlines = [StepInline]


@admin.register(ReferralSettings)
class ReferralSettingsAdmin(admin.ModelAdmin):
    list_display = ("territory", "retention_days", "updated_at")
    search_fields = ("territory__name",)
