from django.contrib import admin

from .models import Cohort, Enrolment, Module


class CohortInline(admin.TabularInline):
    model = Cohort
    extra = 0
    fields = ["name"]
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    """Content comes from Markdown (manage.py import_module or the import page); here, only its
    status, whether cohorts share answers, and its cohorts."""

    list_display = ["title", "slug", "status", "answers_visible_to_cohort", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    fields = ["title", "slug", "status", "answers_visible_to_cohort"]
    readonly_fields = ["title", "slug"]
    inlines = [CohortInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # its learners' answers would go with it: set it back to draft to withdraw it


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = ["learner", "enrolled_at"]
    readonly_fields = ["enrolled_at"]
    autocomplete_fields = ["learner"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "module", "created_at"]
    list_filter = ["module"]
    search_fields = ["name"]
    filter_horizontal = ["facilitators"]
    inlines = [EnrolmentInline]

    def save_formset(self, request, form, formset, change):
        # A learner enrolled here follows the cohort's module.
        for enrolment in formset.save(commit=False):
            enrolment.module = form.instance.module
            enrolment.save()
        for removed in formset.deleted_objects:
            removed.delete()
