"""Crisis preparedness in the JSON API: emergency contacts are public; a register's entries are read by
the members of the organisation that keeps it, and by nobody else (not platform nor territory
administrators, whom it answers 404). Every read of entries is written to the audit log."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions, serializers, viewsets

from corridor.audit.log import record
from corridor.core.api import ApiViewMixin, WriteScopeOrReadOnly, validated_query
from corridor.territories.models import Territory

from . import access
from .models import ContactEntry, ContactRegister, EmergencyContact


class EmergencyContactSerializer(serializers.ModelSerializer):
    territory = serializers.CharField(source="territory.path", help_text="Path of the territory, e.g. ch/vaud/.")
    name = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()

    class Meta:
        model = EmergencyContact
        fields = ["territory", "kind", "name", "number", "country_code", "languages", "hours", "notes"]

    def get_name(self, contact) -> str:
        return contact.translated("name")[0]

    def get_notes(self, contact) -> str:
        return contact.translated("notes")[0]


class ContactFilters(serializers.Serializer):
    territory = serializers.CharField(required=False, help_text="A territory's path: its contacts and those of the "
                                                                "territories containing it.")


@extend_schema_view(list=extend_schema(parameters=[ContactFilters]))
class EmergencyContactViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Public emergency numbers of territories: police, ambulance, consulates, helplines."""

    serializer_class = EmergencyContactSerializer
    permission_classes = [WriteScopeOrReadOnly]

    def get_queryset(self):
        contacts = EmergencyContact.objects.select_related("territory")
        path = validated_query(ContactFilters, self.request).get("territory")
        if path:
            territory = Territory.objects.filter(path=path).first()
            if territory is None:
                return contacts.none()
            contacts = contacts.filter(territory__in=[*territory.ancestors(), territory])
        return contacts


class EntrySerializer(serializers.ModelSerializer):
    locality = serializers.CharField(source="locality.__str__")
    consent_version = serializers.IntegerField(source="consent.version")
    languages = serializers.ListField(child=serializers.CharField())
    confirmed = serializers.SerializerMethodField()

    class Meta:
        model = ContactEntry
        fields = ["uuid", "name", "channel", "contact", "locality", "household_size", "languages", "needs",
                  "consent_version", "consented_at", "consent_method", "confirmed"]

    def get_confirmed(self, entry) -> bool:
        return entry.confirmed_at is not None


@extend_schema(parameters=[OpenApiParameter("uuid", str, OpenApiParameter.PATH, description="The register.")])
class RegisterEntriesView(ApiViewMixin, generics.ListAPIView):
    """The entries of a contact register, for the members of its organisation only."""

    serializer_class = EntrySerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        register = get_object_or_404(ContactRegister, uuid=self.kwargs["uuid"])
        if not access.can_use_register(self.request.user, register):
            record("preparedness.access_refused", actor=self.request.user, target=register,
                   organisation=register.organisation, path=self.request.path[:200])
            raise Http404
        self.register = register
        return register.entries.select_related("locality__territory", "consent")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        record("preparedness.entries.listed", actor=request.user, target=self.register,
               organisation=self.register.organisation, via="api",
               count=len(response.data["results"]) if isinstance(response.data, dict) else len(response.data))
        return response
