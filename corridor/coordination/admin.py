"""Platform administrators (superusers) see initiatives, calls, needs and overlap decisions here to repair data; everyone else uses
the site's pages, where the permission rules of initiatives.py and calls.py apply."""
from django.contrib import admin

from .models import (
    Call,
    Criterion,
    Funding,
    Indicator,
    Initiative,
    InitiativePartner,
    Need,
    OverlapReview,
    Proposal,
    Result,
    Review,
    Score,
)


class PartnerInline(admin.TabularInline):
    model = InitiativePartner
    extra = 0
    autocomplete_fields = ["organisation"]


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0
    autocomplete_fields = ["donor"]


class ResultInline(admin.StackedInline):
    model = Result
    extra = 0
    show_change_link = True


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "lead_organisation", "territory", "partner_territory", "status", "start_date", "end_date"]
    list_filter = ["status"]
    search_fields = ["title", "lead_organisation__name"]
    autocomplete_fields = ["lead_organisation"]
    raw_id_fields = ["territory", "partner_territory", "created_by"]
    filter_horizontal = ["terms"]
    inlines = [PartnerInline, FundingInline, ResultInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "initiative"]
    search_fields = ["title", "initiative__title"]
    raw_id_fields = ["initiative"]
    inlines = [IndicatorInline]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "territory", "status", "budget", "currency", "deadline"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["territory", "created_by"]
    filter_horizontal = ["terms", "reviewers"]
    inlines = [CriterionInline]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "organisation", "status", "requested_amount", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["call", "organisation", "submitted_by", "initiative"]
    filter_horizontal = ["terms"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "updated_at"]
    raw_id_fields = ["proposal", "reviewer"]
    inlines = [ScoreInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "territory", "category", "phase", "target_group", "severity", "source"]
    list_filter = ["severity", "source", "category"]
    search_fields = ["title", "description"]
    raw_id_fields = ["territory", "recorded_by"]


@admin.register(OverlapReview)
class OverlapReviewAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "territory", "decision", "reviewed_by", "reviewed_at"]
    list_filter = ["decision"]
    raw_id_fields = ["territory", "reviewed_by"]
