"""Learning modules (seed 002): a module has topics; a topic has learning objectives, sections, case
studies (good practices of the knowledge library), points for reflection and key learning points.

Points for reflection are not a model of their own: a module owns a consultation of the kind "points
for reflection", each topic is one of its rounds and each point one of its questions, so learners'
answers are contributions that come in through `consultations.intake.receive` like any other.
Learners enrol in a module, alone or in a cohort that facilitators follow."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.consultations.models import Consultation, Round
from corridor.core.models import TranslatedContent
from corridor.directory.vocabularies import PHASE


class Module(TranslatedContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Sanitised HTML."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers_visible_to_cohort = models.BooleanField(
        _("learners see the answers of their cohort"), default=False,
        help_text=_("Otherwise learners see only their own answers; facilitators always see their cohort's."))
    reflection = models.OneToOneField(Consultation, on_delete=models.PROTECT, related_name="learning_module",
                                      verbose_name=_("points for reflection"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("learning module")

    def __str__(self):
        return self.title


class Topic(TranslatedContent):
    """Translations hold "title", "objectives" and "key_points" (lists, in the same order)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="topics")
    number = models.PositiveSmallIntegerField(_("order"))
    slug = models.SlugField(_("short name"), max_length=80, help_text=_("From the name of its Markdown file."))
    title = models.CharField(_("title"), max_length=255)
    phase = models.CharField(_("migration-cycle phase"), max_length=20, choices=PHASE.choices, blank=True)
    objectives = models.JSONField(_("learning objectives"), default=list, blank=True)
    key_points = models.JSONField(_("key learning points"), default=list, blank=True)
    case_studies = models.ManyToManyField("library.GoodPractice", through="CaseStudy", related_name="learning_topics",
                                          verbose_name=_("case studies"))
    # The round of the module's consultation whose questions are this topic's points for reflection.
    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="topic")

    class Meta:
        ordering = ["module", "number"]
        constraints = [models.UniqueConstraint(fields=["module", "number"], name="unique_topic_number"),
                       models.UniqueConstraint(fields=["module", "slug"], name="unique_topic_slug")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def points(self):
        """The points for reflection, in order."""
        return self.round.questions.order_by("number")


class Section(TranslatedContent):
    """A part of a topic's text, from one "##" heading to the next; the text before the first heading
    has no heading. Translations hold "heading" and "body"."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(_("heading"), max_length=255, blank=True)
    body = models.TextField(_("text"), help_text=_("Sanitised HTML."))

    class Meta:
        ordering = ["topic", "position"]
        constraints = [models.UniqueConstraint(fields=["topic", "position"], name="unique_section_position")]

    def __str__(self):
        return self.heading or f"{self.topic} §{self.position}"


class CaseStudy(models.Model):
    """A good practice of the library studied in a topic, in the order the topic gives."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    practice = models.ForeignKey("library.GoodPractice", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["topic", "position"]
        constraints = [models.UniqueConstraint(fields=["topic", "practice"], name="unique_case_study")]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")


class Cohort(models.Model):
    """Learners who follow a module together, with the facilitators who read their answers."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_cohorts",
                                          verbose_name=_("facilitators"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["module", "name"]
        constraints = [models.UniqueConstraint(fields=["module", "name"], name="unique_cohort_name")]
        verbose_name = _("cohort")

    def __str__(self):
        return f"{self.name} ({self.module})"


class Enrolment(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="enrolments")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_enrolments",
                                verbose_name=_("learner"))
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments",
                               verbose_name=_("cohort"))
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["module", "enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["module", "learner"], name="unique_enrolment")]
        verbose_name = _("enrolment")

    def __str__(self):
        return f"{self.learner} → {self.module}"


class TopicRead(models.Model):
    """A learner said they have read a topic."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reads")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "topic"], name="unique_topic_read")]
