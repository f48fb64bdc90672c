"""The knowledge library: good practices written on one common template so that they can be compared
(seed 002 and the consultations' story template), tagged with the directory's vocabularies."""
import uuid

from django.conf import settings
from django.db import models
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
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
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

    def __str__(self):
        return self.title
