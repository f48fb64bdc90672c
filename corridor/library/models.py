"""The knowledge library: good practices written on one common template so that they can be compared
(seed 002 and the consultations' story template), tagged with the directory's vocabularies, the sectors
and SDG targets of vocabularies.py, and linked to the organisations, territories and initiatives they
concern. A practice goes from draft to review to published (workflow.py); each of its translations has a
status of its own, and readers see only published translations."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.core.models import TranslatedContent
from corridor.directory.models import Organisation, TaxonomyTerm


class GoodPractice(TranslatedContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    organisation_kind = models.CharField(_("type of organisation"), max_length=30, choices=Organisation.Kind.choices,
                                         blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="good_practices",
                                           verbose_name=_("organisations"))
    website = models.URLField(_("website"), blank=True)
    country_code = models.CharField(_("country"), max_length=2, blank=True)
    territories = models.ManyToManyField("territories.Territory", blank=True, related_name="good_practices",
                                         verbose_name=_("territories"))
    region = models.CharField(_("region or territory"), max_length=255, blank=True)
    dynamics = models.TextField(_("main migration and development dynamics of the territory"), blank=True)
    objectives = models.TextField(_("main objectives"), blank=True)
    activities = models.TextField(_("main activities"), blank=True)
    outputs = models.TextField(_("main outputs and achievements"), blank=True)
    obstacles = models.TextField(_("main obstacles"), blank=True)
    success_factors = models.TextField(_("key success factors"), blank=True)
    coordination = models.TextField(_("key coordination mechanisms"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    sources = models.TextField(_("sources"), blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="good_practices",
                                   verbose_name=_("phase, category and target group"))
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True, help_text=_('For example "10.7".'))
    initiatives = models.ManyToManyField("coordination.Initiative", blank=True, related_name="good_practices",
                                         verbose_name=_("initiatives"))
    # Partnerships between territories are not modelled yet; link them here when they are.
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    translation_status = models.JSONField(_("status of each translation"), default=dict, blank=True,
                                          help_text=_('By language, for example {"fr": "review"}.'))
    review_note = models.TextField(_("note from the reviewer"), blank=True)
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Kept by search.reindex; indexed by the database's full-text engine (migration 0003).
    search_document = models.TextField(blank=True, default="", editable=False)
    source_contribution = models.ForeignKey("consultations.Contribution", on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="good_practices",
                                            verbose_name=_("from the contribution"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self):
        return self.title

    def status_of_translation(self, language: str) -> str:
        """A translation written outside the workflow (by code, or before it existed) counts as published."""
        return self.translation_status.get(language, self.Status.PUBLISHED)

    def translated(self, field: str, language: str | None = None) -> tuple[str, str]:
        """As TranslatedContent, but only from a published translation."""
        language = (language or get_language() or "en").split("-")[0]
        if language != self.content_language and self.status_of_translation(language) != self.Status.PUBLISHED:
            return getattr(self, field), self.content_language
        return super().translated(field, language)

    def published_translations(self) -> dict:
        return {language: texts for language, texts in self.translations.items()
                if self.status_of_translation(language) == self.Status.PUBLISHED}
