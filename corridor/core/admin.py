from django.contrib import admin

from .models import Job


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the admin shows but never adds or changes: the platform's own rules write them. `deletable`
    says whether an administrator may remove them."""

    deletable = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    """Background jobs, to see what failed and why (core/jobs.py). Read only: the queue owns them."""

    deletable = True
    list_display = ["task", "arguments", "status", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "task"]
    search_fields = ["task", "error"]
    readonly_fields = [field.name for field in Job._meta.fields]
