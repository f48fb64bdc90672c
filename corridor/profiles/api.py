"""Migration profiles in the JSON API (documented at /api/docs/), read only: the templates and their
indicators, and the published profiles with their figures and sources. Labels come in the language of
the response (?lang= or Accept-Language); values are numbers, amounts in the profile's currency."""
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from corridor.core.api import ApiViewMixin, WriteScopeOrReadOnly, validated_query
from corridor.territories.models import Territory

from . import dimensions, figures
from .models import Indicator, Profile, ProfileTemplate, Section


class IndicatorSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    definition = serializers.SerializerMethodField()
    breakdown = serializers.ChoiceField(choices=[("", "none"), *dimensions.CHOICES],
                                        help_text="The dimension values may also be given by; empty: none.")

    class Meta:
        model = Indicator
        fields = ["code", "label", "kind", "unit", "breakdown", "definition", "preferred_source"]

    def get_label(self, indicator) -> str:
        return indicator.translated("label")[0]

    def get_unit(self, indicator) -> str:
        return indicator.translated("unit")[0]

    def get_definition(self, indicator) -> str:
        return indicator.translated("definition")[0]


class SectionSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["code", "title", "indicators"]

    def get_title(self, section) -> str:
        return section.translated("title")[0]


class ProfileTemplateSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = ProfileTemplate
        fields = ["id", "code", "version", "country_code", "name", "sections"]

    def get_name(self, template) -> str:
        return template.translated("name")[0]


class TerritoryBriefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="localized_name", read_only=True)

    class Meta:
        model = Territory
        fields = ["id", "path", "name", "country_code"]


class ProfileSummarySerializer(serializers.ModelSerializer):
    territory = TerritoryBriefSerializer(read_only=True)
    template = serializers.SlugRelatedField(slug_field="code", read_only=True)
    template_version = serializers.IntegerField(source="template.version", read_only=True)
    page = serializers.SerializerMethodField(help_text="The profile's page on the site.")

    class Meta:
        model = Profile
        fields = ["uuid", "territory", "period_start", "period_end", "template", "template_version", "currency",
                  "published_at", "page"]

    def get_page(self, profile) -> str:
        return self.context["request"].build_absolute_uri(reverse("profiles:detail", args=[profile.uuid]))


NUMBER = {"max_digits": 20, "decimal_places": 4, "coerce_to_string": False, "read_only": True}


class BreakdownValueSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="ISO 3166-1 alpha-2 code or “other” for countries; a key of the "
                                          "dimension otherwise.")
    label = serializers.CharField()
    value = serializers.DecimalField(**NUMBER)
    source = serializers.IntegerField(source="source.pk", help_text="One of the profile's `sources`.")


class FigureSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    total = serializers.DecimalField(**NUMBER, allow_null=True,
                                     help_text="The value reported, or else the sum of the breakdown (not for rates).")
    total_is_sum = serializers.BooleanField(help_text="Whether `total` is the sum of the breakdown.")
    total_source = serializers.IntegerField(source="reported_total.source.pk", allow_null=True, default=None)
    breakdown = BreakdownValueSerializer(many=True)


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    url = serializers.URLField()
    accessed_on = serializers.DateField(allow_null=True)


class ProfileSerializer(ProfileSummarySerializer):
    figures = serializers.SerializerMethodField(help_text="The indicators reported, in the template's order.")
    sources = SourceSerializer(many=True, read_only=True)

    class Meta(ProfileSummarySerializer.Meta):
        fields = [*ProfileSummarySerializer.Meta.fields, "summary", "content_language", "figures", "sources"]

    @extend_schema_field(FigureSerializer(many=True))
    def get_figures(self, profile):
        reported = [figure for _section, section_figures in figures.by_section(profile) for figure in section_figures
                    if figure.is_reported]
        return FigureSerializer(reported, many=True).data


class ProfileFilters(serializers.Serializer):
    territory = serializers.CharField(required=False, help_text="Path of a territory (ch/vaud): its profiles and "
                                                                "those of the territories inside it.")
    year = serializers.IntegerField(required=False, min_value=1, max_value=9999,
                                    help_text="Profiles whose period starts in this year.")
    template = serializers.CharField(required=False, help_text="Code of a template.")


@extend_schema_view(list=extend_schema(parameters=[ProfileFilters]))
class ProfileViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Published local migration profiles: the values of a territory for a period, each with its source."""

    lookup_field = "uuid"
    permission_classes = [WriteScopeOrReadOnly]

    def get_serializer_class(self):
        return ProfileSummarySerializer if self.action == "list" else ProfileSerializer

    def get_queryset(self):
        profiles = Profile.objects.filter(status=Profile.Status.PUBLISHED).select_related("territory", "template")
        if self.action != "list":
            return profiles.prefetch_related("sources")
        filters = validated_query(ProfileFilters, self.request)
        if filters.get("territory"):
            profiles = profiles.filter(territory__path__startswith=filters["territory"].strip("/") + "/")
        if filters.get("year"):
            profiles = profiles.filter(period_start__year=filters["year"])
        if filters.get("template"):
            profiles = profiles.filter(template__code=filters["template"])
        return profiles.order_by("territory__path", "-period_start")


class ProfileTemplateViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The templates of migration profiles: sections of indicators every territory reports the same way."""

    serializer_class = ProfileTemplateSerializer
    permission_classes = [WriteScopeOrReadOnly]
    queryset = ProfileTemplate.objects.prefetch_related("sections__indicators").order_by("code", "-version")
