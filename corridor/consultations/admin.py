from django.contrib import admin

from .models import Answer, CandidatePractice, Consultation, Contribution, Participant, Question, Report, Round


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "visibility", "opens_at", "closes_at"]
    list_filter = ["kind", "status", "visibility"]
    search_fields = ["title", "slug"]
    filter_horizontal = ["organisers", "organising_organisations"]
    inlines = [RoundInline, QuestionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["consultation", "author_name", "organisation_name", "language", "channel", "status", "submitted_at"]
    list_filter = ["status", "channel", "language"]
    search_fields = ["author_name", "author_email", "organisation_name", "body_text"]
    inlines = [AnswerInline]


admin.site.register(Participant)
admin.site.register(Report)
admin.site.register(CandidatePractice)
