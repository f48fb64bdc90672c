"""Corridors and partnerships in the JSON API (documented at /api/docs/), with the rights of the pages
(access.py): everyone reads corridors and public partnerships; administrators of a partnership's territories
also read theirs. Writing needs a token of the write scope: a corridor by the administrators of either end;
a partnership's shared fields by the administrators of any partner territory, a side only by those of its
territory. Figures, actions and indicators given replace the record's; sides given are written one by one and
the others kept."""
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, viewsets

from corridor.accounts import permissions
from corridor.coordination.initiatives import is_currency
from corridor.coordination.models import Initiative
from corridor.core.api import ApiViewMixin, validated_query
from corridor.directory.api import LanguageCodeField
from corridor.directory.models import Organisation
from corridor.library.vocabularies import is_sdg_target, sdg_sort_key
from corridor.territories.models import Territory

from . import access, agreement, corridors, lifecycle, risks
from .models import (
    Action,
    ContactPerson,
    Corridor,
    CorridorFigure,
    IndicatorPeriod,
    Partnership,
    PartnershipIndicator,
    PartnershipSide,
    Stakeholder,
)
from .vocabularies import AGREEMENT_LANGUAGES, SECTOR


def _check_period(attrs, start: str, end: str) -> None:
    if attrs.get(start) and attrs.get(end) and attrs[end] < attrs[start]:
        raise serializers.ValidationError({end: [_("The end is before the start.")]})


class PartnershipTextsSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, max_length=255)
    description = serializers.CharField(required=False)
    aim = serializers.CharField(required=False)
    expected_results = serializers.CharField(required=False)


class CorridorFigureSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=Decimal(0), coerce_to_string=False)

    class Meta:
        model = CorridorFigure
        fields = ["year", "kind", "value", "source", "source_url"]


class CorridorSerializer(serializers.ModelSerializer):
    origin = serializers.PrimaryKeyRelatedField(queryset=Territory.objects.all(),
                                                help_text="The territory of origin (an id in /territories/).")
    origin_path = serializers.CharField(source="origin.path", read_only=True)
    destination = serializers.PrimaryKeyRelatedField(queryset=Territory.objects.all(),
                                                     help_text="The territory of destination.")
    destination_path = serializers.CharField(source="destination.path", read_only=True)
    content_language = LanguageCodeField(required=False)
    translations = serializers.DictField(child=PartnershipTextsSerializer(), required=False,
                                         help_text='{"fr": {"description": ...}}')
    associations = serializers.SlugRelatedField(
        slug_field="uuid", many=True, required=False,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MIGRANT_ASSOCIATION),
        help_text="Migrant and diaspora associations of the directory (their uuid).")
    figures = CorridorFigureSerializer(many=True, required=False,
                               help_text="Remittances in US dollars; given figures replace the corridor's.")
    page = serializers.SerializerMethodField(help_text="The corridor's page on the site.")

    class Meta:
        model = Corridor
        fields = ["uuid", "origin", "origin_path", "destination", "destination_path", "description",
                  "content_language", "translations", "associations", "figures", "page", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def get_page(self, corridor) -> str:
        return self.context["request"].build_absolute_uri(reverse("partnerships:corridor", args=[corridor.uuid]))

    def validate_figures(self, figures):
        keys = [(figure["year"], figure["kind"]) for figure in figures]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError(_("A figure is given twice for the same year."))
        return figures

    def validate(self, attrs):
        corridor = self.instance
        origin = attrs.get("origin", corridor.origin if corridor else None)
        destination = attrs.get("destination", corridor.destination if corridor else None)
        if corridor is not None and (origin != corridor.origin or destination != corridor.destination):
            raise serializers.ValidationError({"origin": [_("The ends of a corridor stay; its figures belong to "
                                                            "them.")]})
        if origin == destination:
            raise serializers.ValidationError({"destination": [_("A corridor links two different territories.")]})
        if corridor is None:
            if not access.can_edit_corridor(self.context["request"].user, Corridor(origin=origin,
                                                                                    destination=destination)):
                raise exceptions.PermissionDenied(_("Choose a corridor with one end in a territory you administer."))
            if Corridor.objects.filter(origin=origin, destination=destination).exists():
                raise serializers.ValidationError({"destination": [_("This corridor already exists.")]})
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        return self._save(Corridor(created_by=self.context["request"].user), validated_data)

    @transaction.atomic
    def update(self, corridor, validated_data):
        return self._save(corridor, validated_data)

    def _save(self, corridor, data):
        associations, figures = data.pop("associations", None), data.pop("figures", None)
        for attribute, value in data.items():
            setattr(corridor, attribute, value)
        corridor.save()
        if associations is not None:
            corridor.associations.set(associations)
        if figures is not None:
            corridor.figures.all().delete()
            CorridorFigure.objects.bulk_create(CorridorFigure(corridor=corridor, **figure) for figure in figures)
        return corridor


class CorridorFilters(serializers.Serializer):
    territory = serializers.CharField(required=False, help_text="Path of a territory (ch/vaud): the corridors "
                                                                "with an end in it or inside it.")

    def validate_territory(self, value):
        territory = Territory.objects.filter(path=value.strip().strip("/") + "/").first()
        if territory is None:
            raise serializers.ValidationError(_("No territory has this path."))
        return territory


@extend_schema_view(list=extend_schema(parameters=[CorridorFilters]))
class CorridorViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """Corridors between a territory of origin and a territory of destination, with their figures by year
    (diaspora, arrivals, remittances in US dollars, each with its source) and the diaspora associations active
    on them. Public; written by the administrators of either end."""

    serializer_class = CorridorSerializer
    lookup_field = "uuid"
    can_edit = staticmethod(access.can_edit_corridor)

    def get_queryset(self):
        territory = validated_query(CorridorFilters, self.request).get("territory") if self.action == "list" \
            else None
        return corridors.corridors_of(territory).prefetch_related("figures", "associations").order_by("pk")


# Partnerships.

class PartnershipContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactPerson
        fields = ["name", "function"]


class PartnershipStakeholderSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="uuid", queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Stakeholder
        fields = ["organisation", "organisation_name", "role", "contact_person"]


SIDE_FIELDS = ["authority", "development_plan", "plan_coherence", "mandate", "mandate_date", "signatory_name",
               "signatory_title", "signatory_term_ends"]


class PartnershipSideSerializer(serializers.ModelSerializer):
    territory = serializers.PrimaryKeyRelatedField(queryset=Territory.objects.all())
    territory_path = serializers.CharField(source="territory.path", read_only=True)
    contacts = PartnershipContactSerializer(many=True, required=False)
    stakeholders = PartnershipStakeholderSerializer(many=True, required=False)

    class Meta:
        model = PartnershipSide
        fields = ["territory", "territory_path", *SIDE_FIELDS, "contacts", "stakeholders"]


class PartnershipActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["description", "measure", "due_on"]


class IndicatorPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorPeriod
        fields = ["period_start", "period_end", "target", "actual"]
        extra_kwargs = {name: {"coerce_to_string": False} for name in ("target", "actual")}

    def validate(self, attrs):
        _check_period(attrs, "period_start", "period_end")
        return attrs


class PartnershipIndicatorSerializer(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="uuid", queryset=Initiative.objects.all(), allow_null=True,
                                              required=False, help_text="An initiative of /initiatives/.")
    periods = IndicatorPeriodSerializer(many=True, required=False)

    class Meta:
        model = PartnershipIndicator
        fields = ["title", "unit", "baseline", "baseline_year", "initiative", "periods"]
        extra_kwargs = {"baseline": {"coerce_to_string": False}}


class PartnershipRiskSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    explanation = serializers.CharField()
    territory = serializers.CharField(source="side.territory.path", default=None)


class PartnershipSerializer(serializers.ModelSerializer):
    content_language = LanguageCodeField(required=False)
    translations = serializers.DictField(child=PartnershipTextsSerializer(), required=False,
                                         help_text='{"fr": {"title": ..., "aim": ..., "expected_results": ...}}')
    sectors = serializers.ListField(child=serializers.ChoiceField(SECTOR.choices), required=False)
    sdg_targets = serializers.ListField(child=serializers.CharField(max_length=6), required=False,
                                        help_text='Targets as the UN numbers them: ["10.7", "17.16"].')
    agreement_languages = serializers.ListField(child=serializers.ChoiceField(AGREEMENT_LANGUAGES), required=False)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0), allow_null=True,
                                      required=False, coerce_to_string=False)
    corridor = serializers.SlugRelatedField(slug_field="uuid", queryset=Corridor.objects.all(), allow_null=True,
                                            required=False)
    sides = PartnershipSideSerializer(many=True, required=False, help_text=(
        "Each partner territory and its part. A side is written only by the administrators of its territory."))
    actions = PartnershipActionSerializer(many=True, required=False)
    indicators = PartnershipIndicatorSerializer(many=True, required=False)
    is_final = serializers.BooleanField(read_only=True)
    missing = serializers.SerializerMethodField(help_text="The elements the agreement still lacks (agreement.py).")
    risks = serializers.SerializerMethodField(help_text="The risks found (risks.py).")
    page = serializers.SerializerMethodField(help_text="The partnership's page on the site.")

    class Meta:
        model = Partnership
        fields = ["uuid", "kind", "title", "content_language", "translations", "aim", "sectors", "sdg_targets",
                  "expected_results", "monitoring", "start_date", "end_date", "planned_signature_date", "budget",
                  "currency", "budget_note", "management", "governance", "stage", "is_public", "agreement_languages",
                  "corridor", "sides", "actions", "indicators", "is_final", "missing", "risks", "page", "created_at",
                  "updated_at"]
        read_only_fields = ["stage", "created_at", "updated_at"]

    def get_missing(self, partnership) -> list[str]:
        return [element.code for element in agreement.missing(partnership)]

    @extend_schema_field(PartnershipRiskSerializer(many=True))
    def get_risks(self, partnership) -> list[dict]:
        return PartnershipRiskSerializer(risks.risks(partnership), many=True).data

    def get_page(self, partnership) -> str:
        return self.context["request"].build_absolute_uri(reverse("partnerships:detail", args=[partnership.uuid]))

    def validate_sdg_targets(self, value):
        wrong = [code for code in value if not is_sdg_target(code.lower())]
        if wrong:
            raise serializers.ValidationError(_("Not SDG targets: %(codes)s. Write targets as the UN numbers them: "
                                                "10.7, 8.8, 17.b.") % {"codes": ", ".join(wrong)})
        return sorted({code.lower() for code in value}, key=sdg_sort_key)

    def validate_currency(self, value):
        if not is_currency(value):
            raise serializers.ValidationError(_("“%(code)s” is not an ISO 4217 currency code (like EUR, CHF, XOF).")
                                              % {"code": value})
        return value.upper()

    def validate_translations(self, value):
        return {code.lower(): texts for code, texts in value.items() if texts}

    def validate(self, attrs):
        partnership = self.instance
        _check_period({"start_date": attrs.get("start_date", partnership.start_date if partnership else None),
                       "end_date": attrs.get("end_date", partnership.end_date if partnership else None)},
                      "start_date", "end_date")
        user = self.context["request"].user
        sides = attrs.get("sides", [])
        territories = [side["territory"] for side in sides]
        if len(territories) != len(set(territories)):
            raise serializers.ValidationError({"sides": [_("A territory is given twice.")]})
        if partnership is None:
            if len(territories) < 2:
                raise serializers.ValidationError({"sides": [_("A partnership links at least two territories.")]})
            if not any(permissions.can_administer_territory(user, territory) for territory in territories):
                raise exceptions.PermissionDenied(_("One of the territories must be one you administer."))
        for side in sides:
            given = {name: value for name, value in side.items() if name != "territory"}
            territory = side["territory"]
            if given and not permissions.can_administer_territory(user, territory):
                raise exceptions.PermissionDenied(_("Only the administrators of %(territory)s write its part.") % {
                    "territory": territory})
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        sides = validated_data.pop("sides")
        nested = {name: validated_data.pop(name) for name in ("actions", "indicators") if name in validated_data}
        partnership = lifecycle.create_partnership(
            title=validated_data.pop("title"), territories=[side["territory"] for side in sides],
            user=self.context["request"].user, **validated_data)
        return self._save(partnership, {}, sides, nested)

    @transaction.atomic
    def update(self, partnership, validated_data):
        sides = validated_data.pop("sides", [])
        nested = {name: validated_data.pop(name) for name in ("actions", "indicators") if name in validated_data}
        return self._save(partnership, validated_data, sides, nested)

    def _save(self, partnership, data, sides, nested):
        for attribute, value in data.items():
            setattr(partnership, attribute, value)
        partnership.save()
        for item in sides:
            side = lifecycle.add_side(partnership, item.pop("territory"), self.context["request"].user)
            contacts, stakeholders = item.pop("contacts", None), item.pop("stakeholders", None)
            for attribute, value in item.items():
                setattr(side, attribute, value)
            side.save()
            if contacts is not None:
                side.contacts.all().delete()
                ContactPerson.objects.bulk_create(ContactPerson(side=side, **contact) for contact in contacts)
            if stakeholders is not None:
                side.stakeholders.all().delete()
                Stakeholder.objects.bulk_create(Stakeholder(side=side, **stakeholder) for stakeholder in
                                                {s["organisation"].pk: s for s in stakeholders}.values())
        if "actions" in nested:
            partnership.actions.all().delete()
            Action.objects.bulk_create(Action(partnership=partnership, **action) for action in nested["actions"])
        if "indicators" in nested:
            partnership.indicators.all().delete()
            for item in nested["indicators"]:
                periods = item.pop("periods", [])
                indicator = PartnershipIndicator.objects.create(partnership=partnership, **item)
                IndicatorPeriod.objects.bulk_create(IndicatorPeriod(indicator=indicator, **period)
                                                    for period in periods)
        fresh = lifecycle.with_details(Partnership.objects.all()).get(pk=partnership.pk)
        agreement.recheck(fresh)
        return fresh


class PartnershipFilters(serializers.Serializer):
    territory = serializers.CharField(required=False, help_text="Path of a territory (ch/vaud): the partnerships "
                                                                "of a territory in it or inside it.")
    stage = serializers.ChoiceField(Partnership.Stage.choices, required=False, allow_blank=True)

    validate_territory = CorridorFilters.validate_territory


@extend_schema_view(list=extend_schema(parameters=[PartnershipFilters]))
class PartnershipViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """Decentralised cooperation partnerships between territories: the public ones, and those of the
    territories you administer. Shared fields are written by the administrators of any partner territory; a
    side only by those of its territory. `missing` lists what the agreement still lacks, `risks` the risks
    found. Stages change on the site, where their history and documents are kept."""

    serializer_class = PartnershipSerializer
    lookup_field = "uuid"
    can_edit = staticmethod(access.can_edit_shared)

    def get_queryset(self):
        partnerships = access.readable_partnerships(self.request.user)
        if self.action == "list":
            filters = validated_query(PartnershipFilters, self.request)
            if filters.get("territory") is not None:
                partnerships = partnerships.filter(pk__in=Partnership.objects.filter(
                    sides__territory__path__startswith=filters["territory"].path).values("pk"))
            if filters.get("stage"):
                partnerships = partnerships.filter(stage=filters["stage"])
        return lifecycle.with_details(partnerships.order_by("title", "pk"))
