"""The knowledge library in the JSON API (documented at /api/docs/), read only: the published good
practices, searched and filtered as on the library's pages (search.py), each with its template's
fields in the language of the response (?lang= or Accept-Language; a field not translated comes in the
practice's own language, named in `languages`), its classification, its links and its published
translations; and the practices most similar to one (similarity.py)."""
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from corridor.core.api import ApiViewMixin, WriteScopeOrReadOnly, validated_query
from corridor.directory.models import Organisation
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP

from . import search, similarity, template
from .models import GoodPractice
from .vocabularies import SECTOR, is_sdg_target


class LinkedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class PracticeSummarySerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    country = serializers.CharField(source="country_code", help_text="ISO 3166-1 alpha-2 code.")
    # Plain text: the directory's organisations already name this choice set in the schema.
    organisation_kind = serializers.CharField(help_text="Type of organisation, one of: "
                                                        + ", ".join(Organisation.Kind.values) + "; or empty.")
    phases = serializers.SerializerMethodField()
    categories = serializers.SerializerMethodField()
    target_groups = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField(help_text="The practice's page on the site.")

    class Meta:
        model = GoodPractice
        fields = ["uuid", "title", "organisation_kind", "country", "region", "phases", "categories", "target_groups",
                  "sectors", "sdg_targets", "content_language", "published_at", "page"]

    def get_title(self, practice) -> str:
        return practice.translated("title")[0]

    def _codes(self, practice, vocabulary) -> list[str]:
        return [term.code for term in practice.terms.all() if term.vocabulary == vocabulary.code]

    def get_phases(self, practice) -> list[str]:
        return self._codes(practice, PHASE)

    def get_categories(self, practice) -> list[str]:
        return self._codes(practice, CATEGORY)

    def get_target_groups(self, practice) -> list[str]:
        return self._codes(practice, TARGET_GROUP)

    def get_page(self, practice) -> str:
        return self.context["request"].build_absolute_uri(reverse("library:detail", args=[practice.uuid]))


class TemplateTextsSerializer(serializers.Serializer):
    """The template's texts in one language."""

    title = serializers.CharField()
    region = serializers.CharField(required=False)
    dynamics = serializers.CharField(required=False, help_text="Main migration and development dynamics of the "
                                                                "territory.")
    objectives = serializers.CharField(required=False)
    activities = serializers.CharField(required=False)
    outputs = serializers.CharField(required=False, help_text="Main outputs and achievements, with figures.")
    obstacles = serializers.CharField(required=False)
    success_factors = serializers.CharField(required=False)
    coordination = serializers.CharField(required=False, help_text="Key coordination mechanisms.")
    partners = serializers.CharField(required=False)
    period = serializers.CharField(required=False)


class PracticeSerializer(PracticeSummarySerializer):
    texts = serializers.SerializerMethodField(help_text="The template's texts in the language of the response "
                                                        "where translated, else in the practice's language.")
    languages = serializers.SerializerMethodField(help_text="The language each of `texts` is written in.")
    translations = serializers.SerializerMethodField(help_text="The published translations, by language.")
    organisations = serializers.SerializerMethodField()
    territories = serializers.SerializerMethodField()
    initiatives = serializers.SerializerMethodField()
    from_contribution = serializers.SerializerMethodField(
        help_text="The consultation contribution the practice was accepted from, if any.")

    class Meta(PracticeSummarySerializer.Meta):
        fields = [*PracticeSummarySerializer.Meta.fields, "website", "sources", "texts", "languages", "translations",
                  "organisations", "territories", "initiatives", "from_contribution"]

    def _translated(self, practice) -> dict:
        if not hasattr(practice, "_texts"):
            practice._texts = {name: practice.translated(name) for name in template.TRANSLATED_FIELDS}
        return practice._texts

    @extend_schema_field(TemplateTextsSerializer)
    def get_texts(self, practice):
        return {name: text for name, (text, _language) in self._translated(practice).items()}

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_languages(self, practice):
        return {name: language for name, (_text, language) in self._translated(practice).items()}

    @extend_schema_field(serializers.DictField(child=TemplateTextsSerializer()))
    def get_translations(self, practice):
        return practice.published_translations()

    @extend_schema_field(LinkedSerializer(many=True))
    def get_organisations(self, practice):
        return [{"uuid": o.uuid, "name": o.name} for o in practice.organisations.all()]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_territories(self, practice):
        return [{"path": t.path, "name": t.localized_name(), "country_code": t.country_code}
                for t in practice.territories.all()]

    @extend_schema_field(LinkedSerializer(many=True))
    def get_initiatives(self, practice):
        return [{"uuid": i.uuid, "name": i.translated("title")[0]} for i in practice.initiatives.all()]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_from_contribution(self, practice):
        contribution = practice.source_contribution
        if contribution is None:
            return None
        return {"consultation": contribution.consultation.slug, "contribution": str(contribution.uuid)}


class SimilarPracticeSerializer(serializers.Serializer):
    practice = PracticeSummarySerializer()
    similarity = serializers.FloatField(help_text="Cosine similarity of the practices' words and tags, 0 to 1.")


def _choices(vocabulary):
    return [code for code, _label in vocabulary.terms]


class PracticeFilters(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=200, help_text="Free text, in any of en, fr, es, ar.")
    phase = serializers.ChoiceField(choices=_choices(PHASE), required=False)
    category = serializers.ChoiceField(choices=_choices(CATEGORY), required=False)
    target_group = serializers.ChoiceField(choices=_choices(TARGET_GROUP), required=False)
    sector = serializers.ChoiceField(choices=_choices(SECTOR), required=False)
    sdg = serializers.CharField(required=False, max_length=10, help_text="An SDG target, like 10.7.")
    country = serializers.CharField(required=False, max_length=2, help_text="ISO 3166-1 alpha-2 code.")
    organisation_kind = serializers.ChoiceField(choices=Organisation.Kind.values, required=False)

    def validate_sdg(self, value):
        if not is_sdg_target(value.lower()):
            raise serializers.ValidationError("Write an SDG target as the UN numbers it: 10.7, 8.8, 17.b.")
        return value.lower()


@extend_schema_view(list=extend_schema(parameters=[PracticeFilters]))
class PracticeViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Published good practices of the knowledge library, on a common template."""

    lookup_field = "uuid"
    permission_classes = [WriteScopeOrReadOnly]

    def get_serializer_class(self):
        return PracticeSummarySerializer if self.action == "list" else PracticeSerializer

    def get_queryset(self):
        published = GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED).prefetch_related("terms")
        if self.action == "list":
            filters = validated_query(PracticeFilters, self.request)
            query = search.PracticeQuery(
                text=filters.get("q", ""), language=get_language(), phase=filters.get("phase", ""),
                category=filters.get("category", ""), group=filters.get("target_group", ""),
                sector=filters.get("sector", ""), sdg=filters.get("sdg", ""),
                country=filters.get("country", "").upper(), kind=filters.get("organisation_kind", ""))
            return search.filter_practices(query, published)
        return published.select_related("source_contribution__consultation").prefetch_related(
            "organisations", "territories", "initiatives")

    @extend_schema(responses=SimilarPracticeSerializer(many=True))
    @action(detail=True)
    def similar(self, request, uuid=None):
        """The published practices most similar to this one, best first."""
        ranked = similarity.similar(self.get_object(), limit=5)
        data = [{"practice": practice, "similarity": round(score, 4)} for practice, score in ranked]
        return Response(SimilarPracticeSerializer(data, many=True, context=self.get_serializer_context()).data)
