"""Initiatives in the JSON API (documented at /api/docs/). Everyone reads every initiative (funding
transparency); the members of the lead organisation and the administrators of its territory write them with
a token of the write scope. Rights and filters come from initiatives.py, so the API answers as the pages do.
Partners, fundings and results are replaced whole when given."""
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, viewsets

from corridor.core.api import ApiViewMixin, validated_query
from corridor.directory.api import LanguageCodeField
from corridor.directory.models import Organisation
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.territories.models import Territory

from . import iati, initiatives
from .models import Funding, Indicator, Initiative, InitiativePartner, Result


def _check_period(attrs, start: str, end: str) -> None:
    if attrs.get(start) and attrs.get(end) and attrs[end] < attrs[start]:
        raise serializers.ValidationError({end: [_("The end is before the start.")]})


def _check_currency(value: str) -> str:
    if not initiatives.is_currency(value):
        raise serializers.ValidationError(_("“%(code)s” is not an ISO 4217 currency code (like EUR, CHF, XOF).")
                                          % {"code": value})
    return value.upper()


class InitiativeTermsSerializer(serializers.Serializer):
    """The classification as codes of each vocabulary (GET /api/v1/taxonomy/ lists them with labels)."""

    phase = serializers.ListField(child=serializers.ChoiceField(PHASE.choices), default=list)
    category = serializers.ListField(child=serializers.ChoiceField(CATEGORY.choices), allow_empty=False)
    target_group = serializers.ListField(child=serializers.ChoiceField(TARGET_GROUP.choices), default=list)

    def to_representation(self, initiative):
        return initiatives.term_codes(initiative)


class InitiativeTextsSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, max_length=255)
    description = serializers.CharField(required=False)


class PartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="uuid", queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = InitiativePartner
        fields = ["organisation", "organisation_name", "role"]


class FundingSerializer(serializers.ModelSerializer):
    donor = serializers.SlugRelatedField(slug_field="uuid", queryset=Organisation.objects.all(), allow_null=True,
                                         required=False, help_text="An organisation of the directory, or null.")
    donor_name = serializers.CharField(required=False, allow_blank=True, max_length=255,
                                       help_text="The donor's name; given when it is not in the directory.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"),
                                      coerce_to_string=False)

    class Meta:
        model = Funding
        fields = ["donor", "donor_name", "amount", "currency", "period_start", "period_end"]

    def validate_currency(self, value):
        return _check_currency(value)

    def validate(self, attrs):
        _check_period(attrs, "period_start", "period_end")
        if attrs.get("donor") is None and not attrs.get("donor_name", "").strip():
            raise serializers.ValidationError({"donor_name": [_("Choose the donor in the directory or write its "
                                                                "name.")]})
        if attrs.get("donor") is not None:
            attrs["donor_name"] = ""
        return attrs

    def to_representation(self, funding):
        data = super().to_representation(funding)
        data["donor_name"] = funding.donor_label
        return data


class ResultIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["title", "unit", "baseline", "baseline_year", "target", "actual", "period_start", "period_end"]
        extra_kwargs = {name: {"coerce_to_string": False} for name in ("baseline", "target", "actual")}

    def validate(self, attrs):
        _check_period(attrs, "period_start", "period_end")
        return attrs


class ResultSerializer(serializers.ModelSerializer):
    indicators = ResultIndicatorSerializer(many=True, required=False)

    class Meta:
        model = Result
        fields = ["kind", "title", "description", "indicators"]


class InitiativeSerializer(serializers.ModelSerializer):
    lead_organisation = serializers.SlugRelatedField(slug_field="uuid", queryset=Organisation.objects.all(),
                                                     help_text="The uuid of an organisation in /organisations/.")
    lead_organisation_name = serializers.CharField(source="lead_organisation.name", read_only=True)
    territory = serializers.PrimaryKeyRelatedField(queryset=Territory.objects.all(),
                                                   help_text="Where it works (an id in /territories/).")
    territory_path = serializers.CharField(source="territory.path", read_only=True)
    partner_territory = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), allow_null=True, required=False,
        help_text="For local-to-local work: the territory at the other end of the corridor.")
    partner_territory_path = serializers.CharField(source="partner_territory.path", read_only=True, default=None)
    content_language = LanguageCodeField(required=False)
    translations = serializers.DictField(child=InitiativeTextsSerializer(), required=False,
                                         help_text='{"fr": {"title": ..., "description": ...}}')
    terms = InitiativeTermsSerializer(source="*", required=False)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0), allow_null=True,
                                      required=False,
                                      coerce_to_string=False)
    partners = PartnerSerializer(many=True, required=False)
    fundings = FundingSerializer(many=True, required=False)
    results = ResultSerializer(many=True, required=False)
    iati_identifier = serializers.SerializerMethodField(help_text="Its identifier in the IATI export.")
    page = serializers.SerializerMethodField(help_text="The initiative's page on the site.")

    class Meta:
        model = Initiative
        fields = ["uuid", "title", "description", "content_language", "translations", "lead_organisation",
                  "lead_organisation_name", "territory", "territory_path", "partner_territory",
                  "partner_territory_path", "terms", "status", "start_date", "end_date", "budget", "currency",
                  "planned_beneficiaries", "actual_beneficiaries", "website", "partners", "fundings", "results",
                  "iati_identifier", "page", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def get_iati_identifier(self, initiative) -> str:
        return iati.activity_identifier(initiative)

    def get_page(self, initiative) -> str:
        return self.context["request"].build_absolute_uri(reverse("coordination:initiative", args=[initiative.uuid]))

    def validate_currency(self, value):
        return _check_currency(value)

    def validate_translations(self, value):
        return {code.lower(): texts for code, texts in value.items() if texts}

    def validate(self, attrs):
        initiative = self.instance
        if initiative is None and not attrs.get("category"):
            raise serializers.ValidationError({"terms": [_("Say what the initiative does: give at least one "
                                                           "category.")]})
        start = attrs.get("start_date", initiative.start_date if initiative else None)
        end = attrs.get("end_date", initiative.end_date if initiative else None)
        _check_period({"start_date": start, "end_date": end}, "start_date", "end_date")
        territory = attrs.get("territory", initiative.territory if initiative else None)
        partner = attrs.get("partner_territory", initiative.partner_territory if initiative else None)
        if partner is not None and partner == territory:
            raise serializers.ValidationError({"partner_territory": [_(
                "The partner territory is the other end of the corridor: choose another territory than the "
                "initiative's, or none.")]})
        lead = attrs.get("lead_organisation", initiative.lead_organisation if initiative else None)
        if not initiatives.can_edit(self.context["request"].user, Initiative(lead_organisation=lead,
                                                                             territory=territory)):
            raise exceptions.PermissionDenied(_("You could no longer edit the initiative: choose a territory you "
                                                "administer, or a lead organisation you belong to."))
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        return self._save(Initiative(created_by=self.context["request"].user), validated_data)

    @transaction.atomic
    def update(self, initiative, validated_data):
        return self._save(initiative, validated_data)

    def _save(self, initiative, data):
        terms = {vocabulary: data.pop(vocabulary) for vocabulary in ("phase", "category", "target_group")
                 if vocabulary in data}
        nested = {name: data.pop(name) for name in ("partners", "fundings", "results") if name in data}
        for attribute, value in data.items():
            setattr(initiative, attribute, value)
        initiative.save()
        if terms:
            initiatives.set_terms(initiative, terms)
        if "partners" in nested:
            initiative.partners.all().delete()
            InitiativePartner.objects.bulk_create(InitiativePartner(initiative=initiative, **item)
                                                  for item in {(p["organisation"].pk, p["role"]): p
                                                               for p in nested["partners"]}.values())
        if "fundings" in nested:
            initiative.fundings.all().delete()
            Funding.objects.bulk_create(Funding(initiative=initiative, **item) for item in nested["fundings"])
        if "results" in nested:
            initiative.results.all().delete()
            for item in nested["results"]:
                indicators = item.pop("indicators", [])
                result = Result.objects.create(initiative=initiative, **item)
                Indicator.objects.bulk_create(Indicator(result=result, **indicator) for indicator in indicators)
        return initiative


class InitiativeFilters(serializers.Serializer):
    territory = serializers.CharField(required=False, help_text=(
        "Path of a territory (ch/vaud): its initiatives, those inside it and those it is partner territory of."))
    phase = serializers.ChoiceField(PHASE.choices, required=False, allow_blank=True)
    category = serializers.ChoiceField(CATEGORY.choices, required=False, allow_blank=True)
    target_group = serializers.ChoiceField(TARGET_GROUP.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(Initiative.Status.choices, required=False, allow_blank=True)
    organisation = serializers.SlugRelatedField(slug_field="uuid", queryset=Organisation.objects.all(),
                                                required=False, help_text="As lead, partner or donor.")
    q = serializers.CharField(required=False, allow_blank=True, max_length=200,
                              help_text="Words in the title or description.")

    def validate_territory(self, value):
        territory = Territory.objects.filter(path=value.strip().strip("/") + "/").first()
        if territory is None:
            raise serializers.ValidationError(_("No territory has this path."))
        return territory


@extend_schema_view(
    list=extend_schema(parameters=[InitiativeFilters]),
    create=extend_schema(description="Record an initiative led by an organisation you belong to, or in a territory "
                                     "you administer."),
)
class InitiativeViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """Initiatives (projects): who leads and funds them, where, for whom, with their results. Public, whatever
    their status. Members of the lead organisation and administrators of its territory write with a token of the
    write scope; partners, fundings and results given replace the initiative's."""

    serializer_class = InitiativeSerializer
    lookup_field = "uuid"
    can_edit = staticmethod(initiatives.can_edit)

    def get_queryset(self):
        if self.action == "list":
            filters = validated_query(InitiativeFilters, self.request)
            queryset = initiatives.filter_initiatives(initiatives.InitiativeQuery(
                territory=filters.get("territory"), phase=filters.get("phase", ""),
                category=filters.get("category", ""), target_group=filters.get("target_group", ""),
                status=filters.get("status", ""), organisation=filters.get("organisation"),
                text=filters.get("q", "").strip())).order_by("title", "pk")
        else:
            queryset = Initiative.objects.all()
        return initiatives.with_details(queryset)
