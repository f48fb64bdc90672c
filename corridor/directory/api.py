"""The directory as a JSON API (documented at /api/docs/). Everyone reads; organisation members
write their own services with a Bearer token. Permissions come from accounts.permissions, searching
from search.py, so the API answers exactly as the web pages do."""
import math

import pycountry
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from corridor.accounts import permissions
from corridor.core.api import ApiViewMixin, CanEditRecord, validated_query
from corridor.core.languages import is_language_code
from corridor.territories.models import Territory

from . import editing, search
from .models import Location, Organisation, Phone, Schedule, Service, ServiceAtLocation
from .vocabularies import CATEGORY, CHANNEL, PHASE, TARGET_GROUP, VOCABULARIES


class LanguageCodeField(serializers.CharField):
    """Any ISO 639-1 or 639-3 code: a service may be delivered in Tigrinya."""

    default_error_messages = {"language": _("“{value}” is not an ISO 639 language code.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 8)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        code = super().to_internal_value(data).lower()
        if code and not is_language_code(code):
            self.fail("language", value=code)
        return code


class SpokenLanguagesField(serializers.ListField):
    """Language codes, read from the service's ServiceLanguage rows."""

    child = LanguageCodeField()

    def to_representation(self, languages):
        return [language.code for language in languages.all()]


class TranslatedTextsSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=255)
    description = serializers.CharField(required=False)


class TranslationsField(serializers.DictField):
    """{"fr": {"name": ..., "description": ...}}: the texts in languages other than `content_language`."""

    child = TranslatedTextsSerializer()

    def to_internal_value(self, data):
        translations = super().to_internal_value(data)
        unknown = [code for code in translations if not is_language_code(code)]
        if unknown:
            raise serializers.ValidationError(
                _("Not ISO 639 language codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return {code.lower(): texts for code, texts in translations.items() if texts}


class WholeItemSerializer(serializers.ModelSerializer):
    """Nested items (hours, phones, places) are always replaced whole, so their required fields are
    required in a PATCH too."""

    def validate(self, attrs):
        missing = {name: [field.error_messages["required"]] for name, field in self.fields.items()
                   if field.required and not field.read_only and field.source not in attrs}
        if missing:
            raise serializers.ValidationError(missing)
        return super().validate(attrs)


class TermsSerializer(serializers.Serializer):
    """The classification as codes of each vocabulary (GET /api/v1/taxonomy/ lists them with labels).
    In a PATCH, only the vocabularies given are replaced."""

    phase = serializers.ListField(child=serializers.ChoiceField(PHASE.choices), allow_empty=False)
    category = serializers.ListField(child=serializers.ChoiceField(CATEGORY.choices), allow_empty=False)
    target_group = serializers.ListField(child=serializers.ChoiceField(TARGET_GROUP.choices), allow_empty=False)
    channel = serializers.ListField(child=serializers.ChoiceField(CHANNEL.choices), default=list)

    def to_representation(self, terms):
        terms = list(terms.all())
        return {code: [t.code for t in terms if t.vocabulary == code] for code in VOCABULARIES}


class ScheduleSerializer(WholeItemSerializer):
    days = serializers.ListField(child=serializers.ChoiceField(Schedule.WEEKDAYS), allow_empty=False)

    class Meta:
        model = Schedule
        fields = ["uuid", "days", "opens_at", "closes_at", "description", "valid_from", "valid_to"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs["opens_at"] >= attrs["closes_at"]:
            raise serializers.ValidationError({"closes_at": [_("Closing time must be after opening time.")]})
        if attrs.get("valid_from") and attrs.get("valid_to") and attrs["valid_from"] > attrs["valid_to"]:
            raise serializers.ValidationError({"valid_to": [_("The end date is before the start date.")]})
        days = attrs.pop("days")
        attrs["byday"] = ",".join(day for day in Schedule.WEEKDAYS if day in days)
        return attrs


class PhoneSerializer(WholeItemSerializer):
    languages = serializers.ListField(child=LanguageCodeField(), required=False)

    class Meta:
        model = Phone
        fields = ["uuid", "number", "extension", "type", "description", "languages"]


class LocationSerializer(WholeItemSerializer):
    """A place where the service is offered. Give the `uuid` of one of the organisation's places to
    keep or update it; without one a new place is created."""

    uuid = serializers.UUIDField(required=False)
    territory = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), required=False,
        help_text="Defaults to the territory the service serves.")

    class Meta:
        model = Location
        fields = ["uuid", "location_type", "name", "description", "address_1", "postal_code", "city", "region",
                  "country", "latitude", "longitude", "transportation", "accessibility", "territory"]
        extra_kwargs = {"latitude": {"min_value": -90, "max_value": 90},
                        "longitude": {"min_value": -180, "max_value": 180}}

    def to_representation(self, link):
        # Services reach their places through ServiceAtLocation.
        return super().to_representation(link.location)

    def validate_country(self, value):
        if value and pycountry.countries.get(alpha_2=value.upper()) is None:
            raise serializers.ValidationError(_("Unknown ISO 3166-1 country code."))
        return value.upper()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if (attrs.get("latitude") is None) != (attrs.get("longitude") is None):
            raise serializers.ValidationError({"longitude": [_("Give both latitude and longitude, or neither.")]})
        return attrs


class ServiceSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="uuid", queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    territory = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), required=False,
        help_text="The territory served: the organisation's own (the default), one inside it, or one of its areas.")
    territory_name = serializers.CharField(source="territory.localized_name", read_only=True)
    content_language = LanguageCodeField(required=False)
    translations = TranslationsField(required=False)
    terms = TermsSerializer()
    languages = SpokenLanguagesField(required=False, help_text="Languages the service is delivered in.")
    schedules = ScheduleSerializer(many=True, required=False)
    phones = PhoneSerializer(many=True, required=False)
    locations = LocationSerializer(many=True, required=False, source="service_at_locations")
    is_stale = serializers.BooleanField(read_only=True, help_text="Not verified for a year or more.")
    distance_km = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = ["uuid", "organisation", "organisation_name", "territory", "territory_name", "name",
                  "alternate_name", "description", "content_language", "translations", "status", "url", "email",
                  "application_process", "eligibility_description", "minimum_age", "maximum_age", "is_free",
                  "fees_description", "terms", "languages", "schedules", "phones", "locations", "last_verified_at",
                  "is_stale", "created_at", "updated_at", "distance_km"]
        read_only_fields = ["last_verified_at", "created_at", "updated_at"]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, service):
        """Set when searching near a point."""
        distance2 = getattr(service, "distance2", None)
        return round(math.sqrt(distance2) * search.KM_PER_DEGREE, 2) if distance2 is not None else None

    def validate(self, attrs):
        service = self.instance
        organisation = attrs.get("organisation") or service.organisation
        low = attrs.get("minimum_age", service.minimum_age if service else None)
        high = attrs.get("maximum_age", service.maximum_age if service else None)
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"maximum_age": [_("The maximum age is below the minimum age.")]})
        if service is None or "organisation" in attrs or "territory" in attrs:
            territory = attrs.setdefault("territory", service.territory if service else organisation.territory)
            if not (organisation.territory.contains(territory) or organisation.areas.filter(pk=territory.pk).exists()):
                raise serializers.ValidationError({"territory": [
                    _("The organisation does not work there: choose its territory, one inside it, or one of its areas.")
                ]})
        if "service_at_locations" in attrs:
            self._resolve_locations(attrs["service_at_locations"], organisation)
        return attrs

    def _resolve_locations(self, places, organisation):
        """Turn each given `uuid` into the organisation's Location, checking the places are its own."""
        wanted = [place["uuid"] for place in places if "uuid" in place]
        known = {location.uuid: location for location in organisation.locations.filter(uuid__in=wanted)}
        errors = []
        for place in places:
            error = {}
            if "uuid" in place:
                place["location"] = known.get(place.pop("uuid"))
                if place["location"] is None:
                    error["uuid"] = [_("The organisation has no place with this id.")]
            territory = place.get("territory")
            if territory is not None and not organisation.territory.contains(territory):
                error["territory"] = [_("Choose the organisation's territory or one inside it.")]
            errors.append(error)
        if any(errors):
            raise serializers.ValidationError({"locations": errors})

    @transaction.atomic
    def create(self, validated_data):
        return self._save(Service(), validated_data)

    @transaction.atomic
    def update(self, service, validated_data):
        return self._save(service, validated_data)

    def _save(self, service, data):
        """Like a save in the web form, an API save is also a verification and refreshes the search index."""
        nested = {name: data.pop(name) for name in ("terms", "languages", "schedules", "phones",
                                                    "service_at_locations") if name in data}
        for attribute, value in data.items():
            setattr(service, attribute, value)
        service.last_verified_at, service.last_verified_by = timezone.now(), self.context["request"].user
        service.save()
        if "terms" in nested:
            kept = [(t.vocabulary, t.code) for t in service.terms.all() if t.vocabulary not in nested["terms"]]
            editing.set_terms(service, kept + [(v, code) for v, codes in nested["terms"].items() for code in codes])
        if "languages" in nested:
            editing.set_languages(service, nested["languages"])
        for name in ("schedules", "phones"):
            if name in nested:
                related = getattr(service, name)
                related.all().delete()  # one by one, so that the history records each removal
                for item in nested[name]:
                    related.create(**item)
        if "service_at_locations" in nested:
            _set_places(service, nested["service_at_locations"])
        search.reindex(service)
        return service


def _set_places(service, places):
    kept = []
    for place in places:
        location = place.pop("location", None) or Location(organisation=service.organisation)
        for attribute, value in place.items():
            setattr(location, attribute, value)
        if location.territory_id is None:
            location.territory = service.territory
        location.save()
        ServiceAtLocation.objects.get_or_create(service=service, location=location)
        kept.append(location.pk)
    # The places themselves stay: they belong to the organisation and other services may use them.
    service.service_at_locations.exclude(location__in=kept).delete()


class ServiceFilters(serializers.Serializer):
    """The public search's criteria (see search.ServiceQuery)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200,
                              help_text="Words to look for, in any language of the directory.")
    phase = serializers.ChoiceField(PHASE.choices, required=False, allow_blank=True)
    category = serializers.ChoiceField(CATEGORY.choices, required=False, allow_blank=True)
    target_group = serializers.ChoiceField(TARGET_GROUP.choices, required=False, allow_blank=True)
    language = LanguageCodeField(required=False, allow_blank=True, help_text="A language the service is delivered in.")
    free = serializers.BooleanField(required=False, help_text="Only services free of charge.")
    open = serializers.ChoiceField(["now", *Schedule.WEEKDAYS], required=False, allow_blank=True,
                                   help_text="Open now, or on a weekday (MO..SU).")
    territory = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), required=False,
        help_text="Services in this territory, inside it, or serving a territory containing it.")
    near = serializers.CharField(required=False, allow_blank=True, max_length=60,
                                 help_text="A point as latitude,longitude; results are sorted by distance.")
    radius = serializers.FloatField(required=False, min_value=0.1, max_value=500,
                                    help_text=f"Kilometres around `near` (default {search.DEFAULT_RADIUS_KM}).")

    def validate_near(self, value):
        return search.parse_point(value)

    def validate(self, attrs):
        if attrs.get("radius") is not None and not attrs.get("near"):
            raise serializers.ValidationError({"radius": [_("A distance needs a point: give `near` too.")]})
        return attrs

    @staticmethod
    def to_query(filters, language) -> search.ServiceQuery:
        opening = filters.get("open", "")
        return search.ServiceQuery(
            text=filters.get("q", ""),
            language=language,
            phase=filters.get("phase", ""),
            category=filters.get("category", ""),
            target_group=filters.get("target_group", ""),
            spoken_language=filters.get("language", ""),
            free_only=filters.get("free", False),
            open_now=opening == "now",
            open_on=opening if opening in Schedule.WEEKDAYS else "",
            territory=filters.get("territory"),
            near=filters.get("near"),
            radius_km=filters.get("radius"),
        )


@extend_schema_view(
    list=extend_schema(parameters=[ServiceFilters], description=(
        "Active and temporarily closed services matching the public search's criteria, by relevance when `q` is "
        "given, by distance with `near`, else by name.")),
    create=extend_schema(description="Create a service of an organisation you belong to or administer."),
)
class ServiceViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """What organisations offer migrants. Members of the provider, and administrators of its territory,
    write with a token of the write scope; every save also counts as a verification of the record."""

    serializer_class = ServiceSerializer
    lookup_field = "uuid"
    can_edit = staticmethod(permissions.can_edit_service)

    def get_queryset(self):
        if self.action == "list":
            filters = validated_query(ServiceFilters, self.request)
            queryset = search.filter_services(ServiceFilters.to_query(filters, translation.get_language()))
        else:
            queryset = Service.objects.all()
        queryset = queryset.select_related("organisation__territory", "territory")
        if self.request.method not in SAFE_METHODS:
            return queryset  # a write reads its relations afresh
        return queryset.prefetch_related(
            "terms", "languages", "schedules", "phones",
            Prefetch("service_at_locations", ServiceAtLocation.objects.select_related("location").order_by("id")),
        )

    def _check_organisation(self, serializer):
        organisation = serializer.validated_data.get("organisation")
        if organisation is not None and not permissions.can_edit_organisation(self.request.user, organisation):
            raise exceptions.PermissionDenied(CanEditRecord.message)

    def perform_create(self, serializer):
        self._check_organisation(serializer)
        serializer.save()

    def perform_update(self, serializer):
        self._check_organisation(serializer)
        serializer.save()


class OrganisationSerializer(serializers.ModelSerializer):
    territory_name = serializers.CharField(source="territory.localized_name", read_only=True)
    content_language = LanguageCodeField(required=False)
    translations = TranslationsField(required=False)
    languages = serializers.ListField(child=LanguageCodeField(), required=False, help_text="Languages spoken.")
    is_verified = serializers.BooleanField(read_only=True, help_text="Checked by a territory administrator.")

    class Meta:
        model = Organisation
        fields = ["uuid", "name", "alternate_name", "description", "content_language", "translations", "kind",
                  "association_level", "territory", "territory_name", "areas", "email", "website", "phone",
                  "languages", "legal_status", "year_incorporated", "is_verified", "verified_at", "created_at",
                  "updated_at"]
        read_only_fields = ["territory", "verified_at", "created_at", "updated_at"]

    def validate(self, attrs):
        organisation = self.instance
        kind = attrs.get("kind", organisation.kind if organisation else "")
        if attrs.get("association_level", organisation.association_level if organisation else "") and \
                kind != Organisation.Kind.MIGRANT_ASSOCIATION:
            raise serializers.ValidationError({"association_level": [
                _("Only migrant and diaspora associations have a level.")]})
        if "areas" in attrs and organisation is not None:
            current = {area.pk for area in organisation.areas.all()}
            outside = [area.pk for area in attrs["areas"]
                       if area.pk not in current and not organisation.territory.contains(area)]
            if outside:
                raise serializers.ValidationError({"areas": [
                    _("Only territories inside the organisation's own can be added: %(ids)s.")
                    % {"ids": ", ".join(map(str, outside))}]})
        return attrs

    @transaction.atomic
    def update(self, organisation, validated_data):
        organisation = super().update(organisation, validated_data)
        # Services are found by their provider's names too.
        search.reindex_all(queryset=organisation.services.all())
        return organisation


class OrganisationFilters(serializers.Serializer):
    territory = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), required=False,
        help_text="Organisations based in this territory or inside it, or working there.")
    kind = serializers.ChoiceField(Organisation.Kind.choices, required=False, allow_blank=True)
    verified = serializers.BooleanField(required=False, allow_null=True,
                                        help_text="Only organisations checked (true) or not yet checked (false).")


@extend_schema_view(list=extend_schema(parameters=[OrganisationFilters]))
class OrganisationViewSet(ApiViewMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Actors: authorities, civil society, migrant associations. Members update their own."""

    serializer_class = OrganisationSerializer
    lookup_field = "uuid"
    can_edit = staticmethod(permissions.can_edit_organisation)

    def get_queryset(self):
        queryset = Organisation.objects.select_related("territory").prefetch_related("areas")
        if self.action != "list":
            return queryset
        filters = validated_query(OrganisationFilters, self.request)
        if filters.get("territory") is not None:
            path = filters["territory"].path
            queryset = queryset.filter(Q(territory__path__startswith=path) | Q(areas__path__startswith=path)).distinct()
        if filters.get("kind"):
            queryset = queryset.filter(kind=filters["kind"])
        if filters.get("verified") is not None:
            queryset = queryset.filter(verified_at__isnull=not filters["verified"])
        return queryset


class TermSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    id = serializers.UUIDField(help_text="The term's id in HSDS exports.")


class VocabularySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    id = serializers.UUIDField(help_text="The taxonomy's id in HSDS exports.")
    terms = TermSerializer(many=True)


def _vocabulary(vocabulary):
    return {
        "code": vocabulary.code, "name": vocabulary.name, "description": vocabulary.description,
        "id": vocabulary.taxonomy_id,
        "terms": [{"code": code, "label": label, "id": vocabulary.term_id(code)} for code, label in vocabulary.terms],
    }


class TaxonomyViewSet(ApiViewMixin, viewsets.ViewSet):
    """The vocabularies that classify services, labelled in the language of the response."""

    lookup_field = "code"
    pagination_class = None  # a handful of vocabularies, answered whole (and documented so)

    @extend_schema(responses=VocabularySerializer(many=True))
    def list(self, request, format=None):  # the router also serves /taxonomy.json
        return Response(VocabularySerializer([_vocabulary(v) for v in VOCABULARIES.values()], many=True).data)

    @extend_schema(responses=VocabularySerializer, parameters=[
        OpenApiParameter("code", str, OpenApiParameter.PATH, enum=[*VOCABULARIES])])
    def retrieve(self, request, code=None, format=None):
        if code not in VOCABULARIES:
            raise exceptions.NotFound()
        return Response(VocabularySerializer(_vocabulary(VOCABULARIES[code])).data)
