from django.contrib import admin

from .models import GoodPractice


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "country_code", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "objectives", "activities"]
    filter_horizontal = ["organisations", "territories", "initiatives", "terms"]
    readonly_fields = ["submitted_at", "published_at"]
