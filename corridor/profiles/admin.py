"""Platform administrators edit the templates of migration profiles here. A template in use is
changed by making its next version, so that the profiles made with it keep their meaning."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import access
from .models import Indicator, Profile, ProfileTemplate, Section


class PlatformAdminsOnly:
    def has_view_permission(self, request, obj=None):
        return access.can_edit_templates(request.user)

    has_module_permission = has_add_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return access.can_edit_templates(request.user)

    has_delete_permission = has_change_permission


class SectionInline(PlatformAdminsOnly, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "code", "title", "content_language", "translations"]


class IndicatorInline(PlatformAdminsOnly, admin.StackedInline):
    model = Indicator
    extra = 0
    fields = [("section", "order", "code"), ("label", "kind", "unit", "breakdown"), "definition", "preferred_source",
              "content_language", "translations"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            template_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Section.objects.filter(template_id=template_id) if template_id else \
                Section.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ProfileTemplate)
class ProfileTemplateAdmin(PlatformAdminsOnly, admin.ModelAdmin):
    list_display = ["name", "code", "version", "country_code", "created_at"]
    list_filter = ["code", "country_code"]
    inlines = [SectionInline, IndicatorInline]
    actions = ["make_next_version"]

    @admin.action(description=_("Make the next version (a copy to change)"))
    def make_next_version(self, request, queryset):
        for template in queryset:
            copy = template.next_version()
            self.message_user(request, _("%(template)s created.") % {"template": copy}, messages.SUCCESS)


@admin.register(Profile)
class ProfileAdmin(PlatformAdminsOnly, admin.ModelAdmin):
    list_display = ["territory", "period_start", "period_end", "template", "status", "updated_at"]
    list_filter = ["status", "template"]
    search_fields = ["territory__name"]
    raw_id_fields = ["territory", "created_by"]
