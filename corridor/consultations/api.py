"""Consultations in the JSON API (documented at /api/docs/): the consultations a person may read,
their rounds and questions, their published contributions, and contributing with a token of the
write scope. Rights come from access.py and contributions go through intake.receive, so the API
answers exactly as the web pages do. No e-mail address is ever returned, nor the name of an
anonymous contributor."""
import pycountry
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from corridor.core.api import ApiViewMixin, WriteScopeOrReadOnly, validated_query
from corridor.directory.api import LanguageCodeField
from corridor.directory.models import Organisation

from . import access, intake
from .models import Answer, Attachment, Consultation, Contribution, Question, Round


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["number", "title", "content_language", "translations", "starts_at", "ends_at"]


class QuestionSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.number", allow_null=True, read_only=True,
                                     help_text="The number of its week or round.")

    class Meta:
        model = Question
        fields = ["number", "round", "text", "guidance", "content_language", "translations"]


class ConsultationSerializer(serializers.ModelSerializer):
    accepting = serializers.BooleanField(source="is_accepting", read_only=True,
                                         help_text="Whether contributions are accepted now.")
    mail_address = serializers.EmailField(read_only=True, help_text="Contributions can also be sent here.")
    organised_by = serializers.SlugRelatedField(source="organising_organisations", slug_field="uuid", many=True,
                                                read_only=True, help_text="Organisations (uuids in /organisations/).")
    rounds = RoundSerializer(many=True, read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Consultation
        fields = ["uuid", "slug", "title", "description", "content_language", "translations", "kind", "status",
                  "visibility", "languages", "opens_at", "closes_at", "accepting", "mail_address", "territory",
                  "organised_by", "rounds", "questions"]


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.IntegerField(source="question.number", allow_null=True, read_only=True)

    class Meta:
        model = Answer
        fields = ["question", "text"]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["filename", "content_type", "size", "url"]

    def get_url(self, attachment) -> str:
        contribution = attachment.contribution
        return self.context["request"].build_absolute_uri(reverse(
            "consultations:attachment", args=[contribution.consultation.slug, contribution.uuid, attachment.pk]))


class ContributionSerializer(serializers.ModelSerializer):
    """A contribution as the public sees it."""

    author = serializers.CharField(source="display_author", read_only=True,
                                   help_text="“Anonymous” when published without the name.")
    organisation = serializers.CharField(source="display_organisation", read_only=True)
    country = serializers.CharField(source="country_code", read_only=True)
    reply_to = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField(help_text="The contribution's page.")

    class Meta:
        model = Contribution
        fields = ["uuid", "url", "author", "organisation", "country", "language", "subject", "body", "answers",
                  "attachments", "links", "reply_to", "submitted_at"]
        read_only_fields = fields

    def get_url(self, contribution) -> str:
        return self.context["request"].build_absolute_uri(reverse(
            "consultations:contribution", args=[contribution.consultation.slug, contribution.uuid]))


class ReceivedContributionSerializer(ContributionSerializer):
    """A contribution just sent, which may wait for moderation."""

    created = serializers.BooleanField(help_text="False when the same contribution had already been received.")

    class Meta(ContributionSerializer.Meta):
        fields = [*ContributionSerializer.Meta.fields, "status", "created"]


class NewContributionSerializer(serializers.Serializer):
    """A contribution sent by the token's owner. Its language is detected when not given, and the
    text is split into answers wherever it names a question ("Question 2: ...")."""

    body = serializers.CharField(help_text="Plain text.")
    questions = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, default=list,
                                      help_text="Numbers of the questions answered by text that names none.")
    language = LanguageCodeField(required=False, allow_blank=True, default="",
                                 help_text="Leave out to detect it.")
    subject = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    is_anonymous = serializers.BooleanField(required=False, default=False, help_text="Publish without the name.")
    organisation = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Organisation.objects.all(), required=False, allow_null=True, default=None,
        help_text="One of your organisations, on whose behalf you write.")
    country = serializers.CharField(required=False, allow_blank=True, default="", max_length=2,
                                    help_text="ISO 3166-1 code.")
    reply_to = serializers.UUIDField(required=False, allow_null=True, default=None,
                                     help_text="The contribution this one answers.")
    links = serializers.ListField(child=serializers.URLField(), required=False, default=list)

    def validate_organisation(self, organisation):
        user = self.context["request"].user
        if organisation is not None and not organisation.memberships.filter(user=user).exists():
            raise serializers.ValidationError(_("You are not a member of this organisation."))
        return organisation

    def validate_country(self, value):
        if value and pycountry.countries.get(alpha_2=value.upper()) is None:
            raise serializers.ValidationError(_("Unknown ISO 3166-1 country code."))
        return value.upper()

    def validate_reply_to(self, uuid):
        if uuid is None:
            return None
        request, consultation = self.context["request"], self.context["consultation"]
        contribution = access.visible_contributions(request.user, consultation).filter(uuid=uuid).first()
        if contribution is None:
            raise serializers.ValidationError(_("No such contribution in this consultation."))
        return contribution

    def submission(self) -> "intake.Submission":
        data, user = self.validated_data, self.context["request"].user
        organisation = data["organisation"]
        return intake.Submission(
            consultation=self.context["consultation"], body=data["body"], author=user,
            author_name=user.get_full_name(), author_email=user.email, is_anonymous=data["is_anonymous"],
            organisation=organisation, organisation_name=organisation.name if organisation else "",
            organisation_kind=organisation.kind if organisation else "", country_code=data["country"],
            language=data["language"], subject=data["subject"], question_numbers=data["questions"],
            reply_to=data["reply_to"], channel=Contribution.Channel.API, links=data["links"])


class ContributionRefused(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"


class ContributionFilters(serializers.Serializer):
    question = serializers.IntegerField(required=False, min_value=1, help_text="Only answers to this question.")
    language = LanguageCodeField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(description="The consultations you may read: public ones, those for people with an "
                                   "account or for invited participants when you are one, drafts you organise."),
)
class ConsultationViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """E-discussions, points for reflection and guiding questions, with their numbered questions."""

    serializer_class = ConsultationSerializer
    lookup_field = "slug"
    permission_classes = [WriteScopeOrReadOnly]

    def get_queryset(self):
        consultations = access.readable_consultations(self.request.user) if self.action == "list" \
            else Consultation.objects.all()
        return consultations.prefetch_related("organising_organisations", "rounds", "questions__round")

    def get_object(self):
        consultation = super().get_object()
        if not access.can_read(self.request.user, consultation):
            raise exceptions.NotFound()
        return consultation

    @extend_schema(methods=["GET"], parameters=[ContributionFilters], responses=ContributionSerializer(many=True),
                   description="Published contributions, oldest first.")
    @extend_schema(methods=["POST"], request=NewContributionSerializer, responses={
        201: ReceivedContributionSerializer,
        200: OpenApiResponse(ReceivedContributionSerializer, description="Already received: nothing added."),
        400: OpenApiResponse(description="Invalid, or refused (closed consultation, empty text...)."),
    }, description="Contribute, with a token of the write scope. Like the web form's, your contribution may wait "
                   "for moderation before it is published.")
    @action(detail=True, methods=["get", "post"])
    def contributions(self, request, slug=None):
        consultation = self.get_object()
        if request.method == "POST":
            return self._contribute(request, consultation)
        filters = validated_query(ContributionFilters, request)
        contributions = consultation.contributions.filter(status=Contribution.Status.PUBLISHED)
        if filters.get("question"):
            contributions = contributions.filter(answers__question__number=filters["question"]).distinct()
        if filters.get("language"):
            contributions = contributions.filter(language=filters["language"])
        contributions = contributions.select_related("consultation", "organisation", "author", "reply_to") \
            .prefetch_related("answers__question", "attachments__contribution__consultation")
        page = self.paginate_queryset(contributions)
        return self.get_paginated_response(ContributionSerializer(page, many=True, context={"request": request}).data)

    def _contribute(self, request, consultation):
        if not access.can_contribute(request.user, consultation):
            raise exceptions.PermissionDenied(_("This consultation is not accepting contributions."))
        serializer = NewContributionSerializer(data=request.data,
                                               context={"request": request, "consultation": consultation})
        serializer.is_valid(raise_exception=True)
        try:
            outcome = intake.receive(serializer.submission())
        except intake.Refused as refusal:
            raise ContributionRefused(str(refusal))
        contribution = outcome.contribution
        contribution.created = outcome.created
        return Response(ReceivedContributionSerializer(contribution, context={"request": request}).data,
                        status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK)
