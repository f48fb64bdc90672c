"""Territories in the JSON API: read only, for everyone."""
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from corridor.core.api import ApiViewMixin, validated_query

from .models import Territory


class TerritorySerializer(serializers.ModelSerializer):
    localized_name = serializers.CharField(read_only=True, help_text="The name in the language of the response.")
    migration_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=["origin", "transit", "destination"]), read_only=True
    )

    class Meta:
        model = Territory
        fields = ["id", "name", "localized_name", "name_translations", "kind", "parent", "path", "country_code",
                  "subdivision_code", "migration_roles", "latitude", "longitude"]


class TerritoryFilters(serializers.Serializer):
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), required=False, help_text="Only the territories directly inside this one."
    )
    kind = serializers.ChoiceField(choices=Territory.Kind.choices, required=False)
    country = serializers.CharField(required=False, max_length=2, help_text="ISO 3166-1 alpha-2 country code.")


@extend_schema_view(list=extend_schema(parameters=[TerritoryFilters]))
class TerritoryViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Countries, regions and cities, as a tree (`parent`, and `path` from the root)."""

    serializer_class = TerritorySerializer
    queryset = Territory.objects.all()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "list":
            return queryset
        filters = validated_query(TerritoryFilters, self.request)
        if "parent" in filters:
            queryset = queryset.filter(parent=filters["parent"])
        if filters.get("kind"):
            queryset = queryset.filter(kind=filters["kind"])
        if filters.get("country"):
            queryset = queryset.filter(country_code=filters["country"].upper())
        return queryset
