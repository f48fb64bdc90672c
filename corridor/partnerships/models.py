"""Corridors between a territory of origin and a territory of destination, with their figures over time and
the diaspora associations active on them; and the decentralised cooperation partnerships local and regional
authorities build on them (seed 004: partnership agreement, memorandum of understanding or twinning), each side
with its authority, mandate, signatory, development plan, contact persons and stakeholders; the partnership's
lifecycle with its history and documents, and its indicators."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from corridor.core.models import TranslatedContent


class CooperationInterest(models.Model):
    """The sectors a territory would cooperate in (vocabularies.SECTOR), recorded by its administrators;
    the partner finder compares them."""

    territory = models.OneToOneField("territories.Territory", on_delete=models.CASCADE,
                                     related_name="cooperation_interest", verbose_name=_("territory"))
    sectors = models.JSONField(_("sectors of interest"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sectors of interest")
        verbose_name_plural = _("sectors of interest")

    def __str__(self):
        return str(self.territory)


class Corridor(TranslatedContent):
    """A migratory channel between two territories: people of the territory of origin living in the
    territory of destination, the flows between them and the remittances they send home."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    origin = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="corridors_from",
                               verbose_name=_("territory of origin"))
    destination = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="corridors_to",
                                    verbose_name=_("territory of destination"))
    description = models.TextField(_("description"), blank=True)
    associations = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="corridors",
        verbose_name=_("migrant and diaspora associations active on the corridor"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["origin__path", "destination__path"]
        verbose_name = _("corridor")
        constraints = [models.UniqueConstraint(fields=["origin", "destination"], name="one_corridor_per_pair")]

    def __str__(self):
        # Arrows are not mirrored in right-to-left text: there the origin, read first, is on the right.
        return f"{self.origin} {'←' if get_language_bidi() else '→'} {self.destination}"

    @property
    def ends(self):
        return (self.origin, self.destination)


class CorridorFigure(models.Model):
    """One figure of a corridor for a year, with where it comes from."""

    class Kind(models.TextChoices):
        DIASPORA = "diaspora", _("Diaspora (people)")
        FLOW = "flow", _("Arrivals in the year (people)")
        REMITTANCES = "remittances", _("Remittances sent home (US dollars)")

    corridor = models.ForeignKey(Corridor, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("figure"), max_length=20, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    source = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("source address"), blank=True)

    class Meta:
        ordering = ["year", "kind"]
        constraints = [models.UniqueConstraint(fields=["corridor", "year", "kind"], name="one_figure_per_year")]

    def __str__(self):
        return f"{self.corridor} {self.year} {self.kind}"


class Partnership(TranslatedContent):
    """A decentralised cooperation partnership between two or more territories. The texts the guidelines
    require of an agreement are its fields (aim, results, monitoring, management, governance…) and those of
    its sides; agreement.py says which are still missing."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Partnership agreement")
        MEMORANDUM = "memorandum", _("Memorandum of understanding")
        TWINNING = "twinning", _("Twinning agreement")

    class Stage(models.TextChoices):
        IDENTIFICATION = "identification", _("Identification")
        MISSION = "mission", _("Identification mission")
        DRAFTING = "drafting", _("Drafting")
        SIGNED = "signed", _("Signed")
        IMPLEMENTATION = "implementation", _("Implementation")
        EVALUATION = "evaluation", _("Evaluation")
        REVIEW = "review", _("Review")
        ENDED = "ended", _("Ended")

    # Stages reached only once the agreement is final (signed, or later).
    AFTER_SIGNATURE = (Stage.SIGNED, Stage.IMPLEMENTATION, Stage.EVALUATION, Stage.REVIEW, Stage.ENDED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind of agreement"), max_length=20, choices=Kind.choices, default=Kind.MEMORANDUM)
    title = models.CharField(_("title"), max_length=255)
    aim = models.TextField(_("aim of the partnership"), blank=True,
                           help_text=_("Concrete and results-oriented, defined together with the stakeholders."))
    expected_results = models.TextField(_("expected results"), blank=True)
    monitoring = models.TextField(_("monitoring and evaluation system"), blank=True,
                                  help_text=_("Who follows the indicators, how often, and how results are "
                                              "evaluated and made public."))
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    planned_signature_date = models.DateField(_("planned signature"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR", help_text=_("ISO 4217 code"))
    budget_note = models.TextField(_("who contributes what"), blank=True)
    management = models.TextField(_("management system"), blank=True,
                                  help_text=_("The units or administrative departments in charge on each side."))
    governance = models.TextField(_("governance system"), blank=True,
                                  help_text=_("How the partners and stakeholders decide together: a joint "
                                              "committee, its members, how often it meets."))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDENTIFICATION,
                             db_index=True)
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Anyone may read a public partnership and its documents."))
    agreement_languages = models.JSONField(_("languages of the agreement"), default=list, blank=True)
    corridor = models.ForeignKey(Corridor, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="partnerships", verbose_name=_("corridor"))
    territories = models.ManyToManyField("territories.Territory", through="PartnershipSide",
                                         related_name="partnerships")
    finalised_at = models.DateTimeField(_("agreement final"), null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")

    def __str__(self):
        return self.title

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


class PartnershipSide(models.Model):
    """One territory's part of a partnership: what only its own administrators write."""

    PERSONAL_FIELDS = ("signatory_name",)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="sides")
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="partnership_sides",
                                  verbose_name=_("territory"))
    authority = models.TextField(_("general information on the authority"), blank=True,
                                 help_text=_("Its name, level, competences related to migration, population, and "
                                             "the department in charge of the partnership."))
    development_plan = models.CharField(_("development plan"), max_length=255, blank=True,
                                        help_text=_("The plan the partnership contributes to, with its period."))
    plan_coherence = models.TextField(_("coherence with the development plan"), blank=True,
                                      help_text=_("Which priorities of the plan the partnership serves."))
    mandate = models.CharField(_("legal mandate or council resolution"), max_length=255, blank=True,
                               help_text=_("The decision that allows signing: its reference, like "
                                           "“Municipal council resolution 2025/14”."))
    mandate_date = models.DateField(_("date of the mandate"), null=True, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's office"), max_length=200, blank=True,
                                       help_text=_("Like “Mayor” or “President of the regional council”."))
    signatory_term_ends = models.DateField(_("end of the signatory's term of office"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("side of a partnership")
        constraints = [models.UniqueConstraint(fields=["partnership", "territory"], name="one_side_per_territory")]

    def __str__(self):
        return f"{self.partnership} – {self.territory}"


class ContactPerson(models.Model):
    """Someone who carries the partnership for a side: a committee rather than one individual."""

    PERSONAL_FIELDS = ("name",)

    side = models.ForeignKey(PartnershipSide, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("contact person")

    def __str__(self):
        return self.name


class Stakeholder(models.Model):
    """An organisation engaged on one side (a CSO, a diaspora association, a university…) and its role."""

    PERSONAL_FIELDS = ("contact_person",)

    class Role(models.TextChoices):
        COORDINATION = "coordination", _("Coordinates with the authority")
        IMPLEMENTING = "implementing", _("Implements actions")
        BRIDGE = "bridge", _("Bridge between the territories (diaspora)")
        FUNDING = "funding", _("Contributes resources")
        EXPERTISE = "expertise", _("Knowledge and technical assistance")
        MONITORING = "monitoring", _("Monitoring and accountability")

    side = models.ForeignKey(PartnershipSide, on_delete=models.CASCADE, related_name="stakeholders")
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT,
                                     related_name="partnership_roles", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("stakeholder")
        constraints = [models.UniqueConstraint(fields=["side", "organisation"], name="one_role_per_side")]

    def __str__(self):
        return f"{self.organisation} ({self.role})"


class Action(models.Model):
    """An action foreseen by the partnership, with how it is measured."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=500)
    measure = models.CharField(_("how it is measured"), max_length=255, blank=True,
                               help_text=_("A number or a deliverable, like “3 study visits” or “a joint plan”."))
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("action")

    def __str__(self):
        return self.description


class StageRecord(models.Model):
    """A stage the partnership went through, from the day it started to the day the next one started."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="stage_history")
    stage = models.CharField(_("stage"), max_length=20, choices=Partnership.Stage.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("stage of a partnership")

    def __str__(self):
        return f"{self.partnership}: {self.stage} {self.started_on}"


class StageDocument(models.Model):
    """A document of a stage (mission report, draft, signed agreement, evaluation), stored under MEDIA_ROOT
    with a random name and served only by a view that checks who may read the partnership."""

    record = models.ForeignKey(StageRecord, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(upload_to="partnerships/%Y/%m/")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("document")

    def __str__(self):
        return self.title


class PartnershipIndicator(models.Model):
    """An indicator of the partnership's monitoring system, shaped like an initiative's (coordination's
    Indicator) and linked to the initiative that carries the action when there is one."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="indicators")
    title = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_('For example "people" or "%".'))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    initiative = models.ForeignKey("coordination.Initiative", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="partnership_indicators", verbose_name=_("initiative"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")

    def __str__(self):
        return self.title


class IndicatorPeriod(models.Model):
    """The target and the actual value of an indicator for a period."""

    indicator = models.ForeignKey(PartnershipIndicator, on_delete=models.CASCADE, related_name="periods")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("period")

    def __str__(self):
        return f"{self.indicator} {self.period_start}–{self.period_end}"

    @property
    def baseline(self):  # coordination.initiatives.progress reads an indicator's baseline, target and actual
        return self.indicator.baseline
