"""Learning modules in the JSON API (documented at /api/docs/): published modules with their topics,
sections, case studies (uuids of library practices) and points for reflection (the numbered questions
of the module's consultation), and the signed-in learner's own progress. Answers are not served here:
who reads them is decided by access.py, on the module's pages."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from corridor.consultations.models import Question
from corridor.core.api import ApiViewMixin, WriteScopeOrReadOnly

from . import access, participation
from .models import Module, Section, Topic


class TopicSectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["position", "heading", "body", "content_language", "translations"]


class ReflectionPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["number", "text", "guidance", "content_language", "translations"]


class LearningTopicSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(source="number", read_only=True)
    sections = TopicSectionSerializer(many=True, read_only=True)
    case_studies = serializers.SlugRelatedField(slug_field="uuid", many=True, read_only=True,
                                                help_text="Good practices of the knowledge library, by uuid.")
    points_for_reflection = ReflectionPointSerializer(source="round.questions", many=True, read_only=True)

    class Meta:
        model = Topic
        fields = ["order", "slug", "title", "phase", "objectives", "key_points", "content_language", "translations",
                  "sections", "case_studies", "points_for_reflection"]


class LearningModuleSerializer(serializers.ModelSerializer):
    topics = LearningTopicSerializer(many=True, read_only=True)

    class Meta:
        model = Module
        fields = ["uuid", "slug", "title", "summary", "content_language", "translations", "status", "topics"]


class LearningProgressSerializer(serializers.Serializer):
    topics = serializers.IntegerField()
    topics_read = serializers.IntegerField()
    points = serializers.IntegerField()
    points_answered = serializers.IntegerField()
    complete = serializers.BooleanField()


class ModuleViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Learning modules: published ones (drafts too for platform admins)."""

    serializer_class = LearningModuleSerializer
    lookup_field = "slug"
    permission_classes = [WriteScopeOrReadOnly]

    def get_queryset(self):
        return access.readable_modules(self.request.user).prefetch_related(
            "topics__sections", "topics__case_studies", "topics__round__questions")

    @extend_schema(responses=LearningProgressSerializer,
                   description="Your progress in the module; 404 when you are not enrolled in it.")
    @action(detail=True)
    def progress(self, request, slug=None):
        module = get_object_or_404(self.get_queryset(), slug=slug)
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        enrolment = access.enrolment(request.user, module)
        if enrolment is None:
            raise exceptions.NotFound()
        return Response(LearningProgressSerializer(participation.progress(enrolment)).data)
