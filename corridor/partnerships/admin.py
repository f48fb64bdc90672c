"""Platform administrators (superusers) see corridors and partnerships here to repair data; everyone else uses
the site's pages, where the rules of access.py apply."""
from django.contrib import admin

from .models import (
    Action,
    ContactPerson,
    CooperationInterest,
    Corridor,
    CorridorFigure,
    Partnership,
    PartnershipIndicator,
    PartnershipSide,
    StageRecord,
    Stakeholder,
)


class FigureInline(admin.TabularInline):
    model = CorridorFigure
    extra = 0


@admin.register(Corridor)
class CorridorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at"]
    inlines = [FigureInline]
    filter_horizontal = ["associations"]


class SideInline(admin.StackedInline):
    model = PartnershipSide
    extra = 0


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0


class StageInline(admin.TabularInline):
    model = StageRecord
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "stage", "is_public", "finalised_at"]
    list_filter = ["kind", "stage", "is_public"]
    search_fields = ["title"]
    inlines = [SideInline, ActionInline, StageInline]


admin.site.register([CooperationInterest, ContactPerson, Stakeholder, PartnershipIndicator])
