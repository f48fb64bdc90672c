"""The diaspora portal in the JSON API (documented at /api/docs/), read only and public: the published
development priorities and the projects that are not drafts, filtered as on the portal's pages, with their
texts in the language of the response (?lang= or Accept-Language; a text not translated comes in the
record's own language, named in `language`) and each project's pledge totals. Pledges and profiles are not
in the API: they concern people."""
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from corridor.core.api import ApiViewMixin, WriteScopeOrReadOnly, validated_query
from corridor.territories.models import Territory

from . import access, pledges, search
from .models import Priority, Project
from .vocabularies import ENGAGEMENT, SECTOR, SKILL


class DiasporaTerritorySerializer(serializers.Serializer):
    path = serializers.CharField()
    name = serializers.CharField(source="localized_name")
    country_code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")


class TranslatedSerializer(serializers.ModelSerializer):
    """Title and description in the language of the response where translated."""

    title = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField(help_text="The language the title is written in.")
    territory = DiasporaTerritorySerializer()

    def get_title(self, record) -> str:
        return record.translated("title")[0]

    def get_description(self, record) -> str:
        return record.translated("description")[0]

    def get_language(self, record) -> str:
        return record.translated("title")[1]


class DiasporaPrioritySerializer(TranslatedSerializer):
    sector = serializers.ChoiceField(choices=SECTOR.choices)

    class Meta:
        model = Priority
        fields = ["uuid", "title", "description", "language", "territory", "sector", "updated_at"]


class PledgeAmountsSerializer(serializers.Serializer):
    currency = serializers.CharField()
    budget = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True,
                                      help_text="The project's budget, when it is in this currency.")
    offered = serializers.DecimalField(max_digits=16, decimal_places=2, help_text="Offered, awaiting an answer.")
    committed = serializers.DecimalField(max_digits=16, decimal_places=2, help_text="Accepted or in progress.")
    fulfilled = serializers.DecimalField(max_digits=16, decimal_places=2)
    share = serializers.IntegerField(allow_null=True, help_text="Committed and fulfilled, in % of the budget.")


class PledgeHoursSerializer(serializers.Serializer):
    sought = serializers.IntegerField(allow_null=True)
    offered = serializers.IntegerField()
    committed = serializers.IntegerField()
    fulfilled = serializers.IntegerField()
    share = serializers.IntegerField(allow_null=True)


class PledgeTotalsSerializer(serializers.Serializer):
    money = PledgeAmountsSerializer(many=True, help_text="Per currency, without conversion; the budget's first.")
    hours = PledgeHoursSerializer()
    pledges = serializers.IntegerField(help_text="Pledges not withdrawn.")


class DiasporaProjectSerializer(TranslatedSerializer):
    kind = serializers.ChoiceField(choices=ENGAGEMENT.choices)
    sector = serializers.ChoiceField(choices=SECTOR.choices)
    skills = serializers.ListField(child=serializers.ChoiceField(choices=SKILL.choices))
    skill_tags = serializers.ListField(child=serializers.CharField(), help_text="Other skills wanted, free tags.")
    languages = serializers.ListField(child=serializers.CharField(), help_text="Working languages (ISO 639).")
    priority = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    totals = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField(help_text="The project's page on the site.")

    class Meta:
        model = Project
        fields = ["uuid", "title", "description", "language", "territory", "priority", "kind", "sector", "skills",
                  "skill_tags", "languages", "budget", "currency", "hours_sought", "status", "deadline", "totals",
                  "page", "updated_at"]

    @extend_schema_field(PledgeTotalsSerializer)
    def get_totals(self, project):
        totals = self.context["totals"].get(project.pk) or pledges.totals(project)
        return PledgeTotalsSerializer(totals).data

    def get_page(self, project) -> str:
        return self.context["request"].build_absolute_uri(reverse("diaspora:project", args=[project.uuid]))


def _codes(vocabulary):
    return [code for code, _label in vocabulary.terms]


class PriorityFilters(serializers.Serializer):
    territory = serializers.CharField(required=False, max_length=500,
                                      help_text="A territory's path, like sn/sedhiou/: its records and those of the "
                                                "territories inside it.")
    sector = serializers.ChoiceField(choices=_codes(SECTOR), required=False)

    def validate_territory(self, path):
        territory = Territory.objects.filter(path=path if path.endswith("/") else path + "/").first()
        if territory is None:
            raise serializers.ValidationError("No territory has this path.")
        return territory


class ProjectFilters(PriorityFilters):
    q = serializers.CharField(required=False, max_length=200, help_text="Free text, in any of en, fr, es, ar.")
    kind = serializers.ChoiceField(choices=_codes(ENGAGEMENT), required=False)
    skill = serializers.ChoiceField(choices=_codes(SKILL), required=False)
    status = serializers.ChoiceField(choices=[s for s in Project.Status.values if s != Project.Status.DRAFT],
                                     required=False)


@extend_schema_view(list=extend_schema(parameters=[PriorityFilters]))
class PriorityViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Published development priorities of territories, which the diaspora can contribute to."""

    lookup_field = "uuid"
    permission_classes = [WriteScopeOrReadOnly]
    serializer_class = DiasporaPrioritySerializer

    def get_queryset(self):
        published = access.public_priorities().select_related("territory").order_by("territory__path", "title")
        if self.action == "list":
            filters = validated_query(PriorityFilters, self.request)
            if "territory" in filters:
                published = published.filter(territory__path__startswith=filters["territory"].path)
            if "sector" in filters:
                published = published.filter(sector=filters["sector"])
        return published


@extend_schema_view(list=extend_schema(parameters=[ProjectFilters]))
class ProjectViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Projects that territories open to their diaspora (drafts excepted), with their pledge totals."""

    lookup_field = "uuid"
    permission_classes = [WriteScopeOrReadOnly]
    serializer_class = DiasporaProjectSerializer

    def get_queryset(self):
        public = access.public_projects().select_related("territory", "priority")
        if self.action != "list":
            return public
        filters = validated_query(ProjectFilters, self.request)
        return search.filter_projects(search.ProjectQuery(
            text=filters.get("q", ""), language=(get_language() or "en").split("-")[0],
            territory=filters.get("territory"), kind=filters.get("kind", ""), sector=filters.get("sector", ""),
            skill=filters.get("skill", ""), status=filters.get("status", "")), public)

    def get_serializer(self, *args, **kwargs):
        # The totals of a page of projects are read in one query.
        if args and self.action == "list":
            kwargs.setdefault("context", self.get_serializer_context())["totals"] = pledges.totals_for(args[0])
        return super().get_serializer(*args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "totals": {}}
