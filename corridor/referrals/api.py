"""Referrals in the JSON API, for the members of the organisations involved (anyone else gets 404, territory
and platform administrators included). Lists never carry the person's data: there is no bulk export of it. The
page of one referral carries it (`person`) for the two organisations only, and every such read is written to the
audit log, like a read on the web page. Sending and each step follow the same rules as the pages (sending.py,
workflow.py)."""
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from corridor.core.api import ApiSchema, ApiViewMixin, WriteScopeOrReadOnly
from corridor.directory.models import Organisation, Service
from corridor.directory.vocabularies import CATEGORY

from . import access, disclosure, sending, workflow
from .models import Consent, Referral

NEED_HELP = "A category of the directory: " + ", ".join(code for code, _label in CATEGORY.terms) + "."


class PartySerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class ReferralSerializer(serializers.ModelSerializer):
    """A referral without the person's data."""

    number = serializers.CharField(read_only=True)
    sender = PartySerializer(read_only=True)
    service = PartySerializer(read_only=True)
    receiver = PartySerializer(source="service.organisation", read_only=True)
    forwarded_from = serializers.UUIDField(source="forwarded_from_uuid", read_only=True, allow_null=True,
                                           help_text="The referral this one was forwarded from.")
    # Plain text with the values listed: other endpoints already name these choice sets (or their field names).
    need = serializers.CharField(read_only=True, help_text=NEED_HELP)
    status = serializers.CharField(read_only=True, help_text="One of: " + ", ".join(Referral.Status.values) + ".")
    personal_data_erased = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = ["uuid", "number", "need", "urgency", "status", "sender", "service", "receiver", "sent_at",
                  "accepted_at", "appointment_at", "ended_at", "decline_reason", "forwarded_from", "data_withheld",
                  "personal_data_erased"]

    def get_personal_data_erased(self, referral) -> bool:
        return referral.anonymised_at is not None


class PersonSerializer(serializers.Serializer):
    """The person's data. `reference`, `contact_preference` and `reason` come with every referral; the other
    fields only when the consent covers them (`consent.fields`)."""

    reference = serializers.CharField(required=False, allow_blank=True, max_length=60,
                                      help_text="A pseudonymous reference, never the person's name; made up "
                                                "when empty.")
    contact_preference = serializers.ChoiceField(choices=Referral.ContactPreference.choices)
    reason = serializers.CharField(allow_blank=True, required=False)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    email = serializers.EmailField(required=False, allow_blank=True)
    birth_date = serializers.CharField(required=False, allow_blank=True, help_text="YYYY-MM-DD")
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class EventSerializer(serializers.Serializer):
    action = serializers.CharField()
    status = serializers.CharField()
    at = serializers.DateTimeField()
    organisation = serializers.CharField(source="organisation.name", allow_null=True)


class ConsentSerializer(serializers.ModelSerializer):
    organisations = serializers.SlugRelatedField(slug_field="uuid", many=True, read_only=True)

    class Meta:
        model = Consent
        fields = ["given_at", "method", "language", "text", "fields", "organisations", "withdrawn_at"]


class ReferralDetailSerializer(ReferralSerializer):
    history = EventSerializer(source="events", many=True, read_only=True)
    consent = serializers.SerializerMethodField(help_text="For the organisations that read the person's data.")
    person = serializers.SerializerMethodField(
        help_text="The person's data, for the referring and the receiving organisation only (null otherwise); "
                  "each read is logged.")

    class Meta(ReferralSerializer.Meta):
        fields = [*ReferralSerializer.Meta.fields, "history", "consent", "person"]

    @extend_schema_field(ConsentSerializer(allow_null=True))
    def get_consent(self, referral):
        return ConsentSerializer(referral.consent).data if self.context.get("person") else None

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_person(self, referral):
        person = self.context.get("person")
        return {name: person[name] for name in Referral.PERSONAL_FIELDS} if person else None


class ConsentInputSerializer(serializers.Serializer):
    confirmed = serializers.BooleanField(help_text="The person read or heard the consent text (as the page shows "
                                                   "it, in `language`) and agrees.")
    language = serializers.CharField(help_text="The language the text was shown in: one of "
                                               + ", ".join(code for code, _name in settings.LANGUAGES) + ".")
    method = serializers.ChoiceField(choices=Consent.Method.choices, default=Consent.Method.IN_PERSON)
    fields = serializers.ListField(child=serializers.ChoiceField(choices=Referral.CONSENTED_FIELDS), required=False,
                                   default=list, help_text="The person's data they agree to share beyond the "
                                                           "reference, contact preference and reason.")
    organisations = serializers.ListField(child=serializers.UUIDField(), required=False, default=list,
                                          help_text="Other organisations the referral may be forwarded to with "
                                                    "this data.")

    def validate_language(self, value):
        if value not in dict(settings.LANGUAGES):
            raise serializers.ValidationError("Not a language of the interface.")
        return value

    def validate_confirmed(self, value):
        if not value:
            raise serializers.ValidationError("A referral is sent only with the person's consent.")
        return value


class SendSerializer(serializers.Serializer):
    sender = serializers.UUIDField(help_text="Your organisation.")
    service = serializers.UUIDField(help_text="The service referred to.")
    need = serializers.CharField(help_text=NEED_HELP)
    urgency = serializers.ChoiceField(choices=Referral.Urgency.choices, default=Referral.Urgency.NORMAL)
    consent = ConsentInputSerializer()
    person = PersonSerializer()


class StepSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(workflow.TRANSITIONS))
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, default="", help_text="For `decline`: one of "
                                   + ", ".join(Referral.DeclineReason.values) + ".")
    appointment_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                               help_text="For `set_appointment`.")
    service = serializers.UUIDField(required=False, allow_null=True, default=None, help_text="For `forward`.")


class InvolvedOnly(permissions.IsAuthenticated):
    message = "Referrals are for the members of the organisations involved."


class SignedInSchema(ApiSchema):
    def get_auth(self):
        return AutoSchema.get_auth(self)  # unlike the rest of the API, reading needs an account too


class ReferralViewSet(ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """Referrals sent, received or forwarded by your organisations."""

    lookup_field = "uuid"
    permission_classes = [InvolvedOnly, WriteScopeOrReadOnly]
    schema = SignedInSchema()

    def get_serializer_class(self):
        return {"retrieve": ReferralDetailSerializer, "create": SendSerializer, "steps": StepSerializer}.get(
            self.action, ReferralSerializer)

    def get_queryset(self):
        visible = access.visible(self.request.user).select_related("sender", "service__organisation").annotate(
            forwarded_from_uuid=F("forwarded_from__uuid"))
        if self.action == "retrieve":
            return visible.prefetch_related("events__organisation", "consent__organisations")
        return visible.without_personal_data()

    def retrieve(self, request, *args, **kwargs):
        referral = self.get_object()
        person = disclosure.personal_data(request.user, referral, via="api")
        return Response(ReferralDetailSerializer(referral, context={**self.get_serializer_context(),
                                                                    "person": person}).data)

    @extend_schema(request=SendSerializer, responses={201: ReferralSerializer})
    def create(self, request, *args, **kwargs):
        """Send a referral with the person's consent; a field of `person` the consent does not cover is refused."""
        given = SendSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        sender = get_object_or_404(Organisation, uuid=data["sender"])
        service = get_object_or_404(Service.objects.select_related("organisation"), uuid=data["service"])
        consent = data["consent"]
        others = list(Organisation.objects.filter(uuid__in=consent["organisations"]))
        try:
            referral = sending.send(
                user=request.user, sender=sender, service=service, need=data["need"], urgency=data["urgency"],
                consent=sending.ConsentGiven(language=consent["language"], fields=consent["fields"],
                                             organisations=others, method=consent["method"]),
                personal=data["person"])
        except PermissionDenied:
            raise exceptions.PermissionDenied("You may only send referrals for organisations you belong to.")
        except DjangoValidationError as error:
            raise exceptions.ValidationError(_nested(error.message_dict))
        return Response(ReferralSerializer(self.get_queryset().get(pk=referral.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=StepSerializer, responses={200: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def steps(self, request, uuid=None):
        """Take a step (see workflow.py): accept, decline (with `reason`), forward (to `service`), set_appointment
        (`appointment_at`), deliver, close, cancel. Answers the referral, or the new one after a forward."""
        referral = self.get_object()
        given = StepSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        service = None
        if data["service"]:
            service = get_object_or_404(Service.objects.select_related("organisation"), uuid=data["service"])
        try:
            result = workflow.perform(referral, data["action"], request.user, note=data["note"], reason=data["reason"],
                                      appointment_at=data["appointment_at"], service=service)
        except workflow.WorkflowError as error:
            raise exceptions.ValidationError({error.field or "action": [error.message]})
        return Response(ReferralSerializer(self.get_queryset().get(pk=result.pk)).data)


def _nested(errors: dict) -> dict:
    """Domain errors by field, placed where the request put the field (`person.name`, `consent.fields`)."""
    placed = {}
    for name, messages in errors.items():
        if name in PersonSerializer().fields:
            placed.setdefault("person", {})[name] = messages
        elif name in ("fields", "method", "language"):
            placed.setdefault("consent", {})[name] = messages
        else:
            placed["non_field_errors" if name == "__all__" else name] = messages
    return placed
