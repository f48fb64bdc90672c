"""Coordination: the initiatives (projects) of a territory, who runs and funds them, their results;
the calls for proposals that fund them; the needs a territory records. Initiatives are classified with
the directory's vocabularies (phase, category, target group) so that services and initiatives fall in
the same cells of the coverage matrix. Field names follow IATI's activity standard where it has one."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.core.models import TranslatedContent
from corridor.directory.models import Organisation, TaxonomyTerm


class Initiative(TranslatedContent):
    class Status(models.TextChoices):  # IATI ActivityStatus 1-6
        PIPELINE = "pipeline", _("Identification")
        IMPLEMENTATION = "implementation", _("Implementation")
        FINALISATION = "finalisation", _("Finalisation")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")
        SUSPENDED = "suspended", _("Suspended")

    ACTIVE_STATUSES = (Status.IMPLEMENTATION, Status.FINALISATION)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="led_initiatives",
                                          verbose_name=_("lead organisation"))
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="initiatives",
                                  verbose_name=_("territory"))
    partner_territory = models.ForeignKey(
        "territories.Territory", on_delete=models.PROTECT, null=True, blank=True, related_name="partner_initiatives",
        verbose_name=_("partner territory"),
        help_text=_("For local-to-local work: the territory at the other end of the corridor."))
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="initiatives",
                                   verbose_name=_("phase, category and target group"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PIPELINE,
                              db_index=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR", help_text=_("ISO 4217 code"))
    planned_beneficiaries = models.PositiveIntegerField(_("planned beneficiaries"), null=True, blank=True)
    actual_beneficiaries = models.PositiveIntegerField(_("actual beneficiaries"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("initiative")
        indexes = [models.Index(fields=["territory", "status"])]

    def __str__(self):
        return self.title


class InitiativePartner(models.Model):
    class Role(models.TextChoices):  # IATI OrganisationRole 1-4
        FUNDING = "funding", _("Funding")
        ACCOUNTABLE = "accountable", _("Accountable")
        EXTENDING = "extending", _("Extending")
        IMPLEMENTING = "implementing", _("Implementing")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="initiative_roles",
                                     verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "organisation", "role"],
                                               name="unique_initiative_partner_role")]


class Funding(models.Model):
    """Money committed to an initiative by a donor for a period."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="fundings")
    donor = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="fundings",
                              verbose_name=_("donor"))
    donor_name = models.CharField(_("donor name"), max_length=255, blank=True,
                                  help_text=_("When the donor is not in the directory."))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)

    @property
    def donor_label(self) -> str:
        return self.donor.name if self.donor_id else self.donor_name


class Result(models.Model):
    class Kind(models.TextChoices):  # IATI ResultType
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")
        IMPACT = "impact", _("Impact")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OUTPUT)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["id"]


class Indicator(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicators")
    title = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_('For example "people" or "%".'))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)

    class Meta:
        ordering = ["id"]


class Call(TranslatedContent):
    """A call for proposals opened by a territory."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        REVIEW = "review", _("In review")
        DECIDED = "decided", _("Decided")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="calls",
                                  verbose_name=_("territory"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="calls",
                                   verbose_name=_("phase, category and target group"))
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="calls_to_review",
                                       verbose_name=_("reviewers"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("call for proposals")

    def __str__(self):
        return self.title


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("criterion"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["id"]


class Proposal(TranslatedContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="proposals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="proposals",
                                     verbose_name=_("organisation"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"))
    requested_amount = models.DecimalField(_("amount requested"), max_digits=14, decimal_places=2)
    planned_beneficiaries = models.PositiveIntegerField(_("planned beneficiaries"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="proposals",
                                   verbose_name=_("phase, category and target group"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    decision_note = models.TextField(_("reason for the decision"), blank=True)
    initiative = models.OneToOneField(Initiative, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="proposal", verbose_name=_("initiative it became"))

    class Meta:
        ordering = ["call", "title"]

    def __str__(self):
        return self.title


class Review(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_reviewer")]


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")]


class Need(TranslatedContent):
    """What a territory lacks, in the cells of the coverage matrix: a phase, a category and a target group
    (blank: any), with how severe it is and where it was found."""

    class Severity(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")
        CRITICAL = 4, _("Critical")

    class Source(models.TextChoices):
        PROFILE = "profile", _("Migration profile")
        CONSULTATION = "consultation", _("Consultation")
        ASSESSMENT = "assessment", _("Needs assessment")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="needs",
                                  verbose_name=_("territory"))
    title = models.CharField(_("need"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    phase = models.CharField(_("phase"), max_length=40, blank=True)
    category = models.CharField(_("category"), max_length=40)
    target_group = models.CharField(_("target group"), max_length=40, blank=True)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices, default=Severity.MEDIUM)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OTHER)
    source_reference = models.CharField(_("reference"), max_length=255, blank=True,
                                        help_text=_("The report, consultation or study the need comes from."))
    is_open = models.BooleanField(_("still open"), default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-severity", "title"]

    def __str__(self):
        return self.title


class OverlapReview(models.Model):
    """A coordinator's decision on a possible overlap: a pair of records (services or initiatives) that
    target the same phase, category, group and place at the same time. Records are named by kind and
    UUID ("service:…", "initiative:…"), the smaller first, so that a pair has one key however it was found
    and a reviewed pair is not proposed again."""

    class Decision(models.TextChoices):
        OVERLAP = "overlap", _("Real overlap")
        COMPLEMENTARY = "complementary", _("Complementary")
        NOT_OVERLAP = "not-overlap", _("Not an overlap")

    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="overlap_reviews",
                                  verbose_name=_("territory"))
    first = models.CharField(max_length=60)
    second = models.CharField(max_length=60)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("overlap review")
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="one_review_per_pair")]

    def __str__(self):
        return f"{self.first} / {self.second}: {self.decision}"
