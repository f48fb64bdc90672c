from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs, to see what failed and why (core/jobs.py). Read only: the queue owns them."""

    list_display = ["task", "arguments", "status", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "task"]
    search_fields = ["task", "error"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
