"""The diaspora engagement portal: a territory of origin publishes its development priorities and the
projects it opens to its diaspora; members of the diaspora (people, and associations of the directory)
register with their consent, are matched with projects, and pledge money, hours or skills that the territory
follows up.

Personal data is kept to what matching and follow-up need. Each model that holds some names it in
`PERSONAL_FIELDS`, for the privacy export and erasure; the contact e-mail is encrypted (core/encryption.py)
and never shown to a territory unless the person opted in."""
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.core.encryption import EncryptedTextField, blind_index
from corridor.core.models import TranslatedContent

from .vocabularies import ENGAGEMENT, SECTOR, SKILL


class Priority(TranslatedContent):
    """A development priority of a territory (its integrated development plan), in a sector, that the
    diaspora can contribute to."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT,
                                  related_name="diaspora_priorities", verbose_name=_("territory"))
    sector = models.CharField(_("sector"), max_length=40, choices=SECTOR.choices)
    title = models.CharField(_("priority"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False,
                                       help_text=_("Published priorities are read by everyone."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("development priority")
        verbose_name_plural = _("development priorities")

    def __str__(self):
        return self.title


class Project(TranslatedContent):
    """A project of a territory open to its diaspora, for one kind of engagement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (not public)")
        OPEN = "open", _("Open to the diaspora")
        UNDERWAY = "underway", _("Under way")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="diaspora_projects",
                                  verbose_name=_("territory"))
    priority = models.ForeignKey(Priority, on_delete=models.SET_NULL, null=True, blank=True, related_name="projects",
                                 verbose_name=_("development priority"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    kind = models.CharField(_("kind of engagement"), max_length=20, choices=ENGAGEMENT.choices)
    sector = models.CharField(_("sector"), max_length=40, choices=SECTOR.choices)
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    skill_tags = models.JSONField(_("other skills wanted"), default=list, blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True,
                                 help_text=_("What the project asks the diaspora for, in money."))
    currency = models.CharField(_("currency"), max_length=3, default="XOF", help_text=_("ISO 4217 code"))
    hours_sought = models.PositiveIntegerField(_("hours wanted"), null=True, blank=True,
                                               help_text=_("Volunteering or skills transfer, in hours."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    deadline = models.DateField(_("pledges until"), null=True, blank=True)
    search_document = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("diaspora project")
        indexes = [models.Index(fields=["territory", "status"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from .search import build_document  # the document reads the model's labels

        self.search_document = build_document(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_document"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    def accepts_pledges(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and (self.deadline is None or today <= self.deadline)


class DiasporaProfile(models.Model):
    """A member of the diaspora (a person, without an account: they reach their profile through a signed link
    sent by e-mail) or a diaspora association (an organisation of the directory, managed by its members)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ASSOCIATION = "association", _("Association")

    # What identifies the person: exported and erased with the profile (privacy, issue 6).
    PERSONAL_FIELDS = ("display_name", "email", "email_index", "residence_country", "residence_place")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    organisation = models.OneToOneField("directory.Organisation", on_delete=models.CASCADE, null=True, blank=True,
                                        related_name="diaspora_profile", verbose_name=_("association"))
    display_name = models.CharField(_("name or alias"), max_length=80,
                                    help_text=_("How projects see you; an alias or a first name is enough."))
    email = EncryptedTextField(_("contact e-mail"))
    email_index = models.CharField(max_length=64, editable=False, db_index=True)
    residence_country = models.CharField(_("country of residence"), max_length=2)
    residence_place = models.CharField(_("town of residence"), max_length=120, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    skill_tags = models.JSONField(_("other skills"), default=list, blank=True)
    interest_sectors = models.JSONField(_("sectors of interest"), default=list, blank=True)
    interest_kinds = models.JSONField(_("kinds of engagement"), default=list, blank=True)
    origins = models.ManyToManyField("territories.Territory", blank=True, related_name="diaspora_profiles",
                                     verbose_name=_("territories of origin"))
    share_contact = models.BooleanField(
        _("share my contact e-mail with the teams of projects I am matched with"), default=False)
    language = models.CharField(_("language of the e-mails"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    consent_text = models.TextField(_("consent given"))
    consent_language = models.CharField(max_length=8)
    consented_at = models.DateTimeField(_("consent given on"))
    consented_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", help_text=_("The member who registered an association."))
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    access_version = models.PositiveIntegerField(default=0, editable=False)  # raising it voids earlier links
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("diaspora profile")
        constraints = [
            models.UniqueConstraint(fields=["email_index"], condition=Q(kind="person"),
                                    name="one_diaspora_person_per_email"),
            models.CheckConstraint(condition=Q(kind="person") | Q(organisation__isnull=False),
                                   name="diaspora_association_is_an_organisation"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        # The address is encrypted; its keyed hash finds a profile by address ("send me my link again").
        self.email_index = blind_index(self.email)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "email_index"}
        super().save(*args, **kwargs)

    @property
    def is_association(self) -> bool:
        return self.kind == self.Kind.ASSOCIATION


class Pledge(models.Model):
    """What a person or an association offers a project, followed up by the territory."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in-progress", _("In progress")
        FULFILLED = "fulfilled", _("Fulfilled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    PERSONAL_FIELDS = ("message",)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pledges")
    # Kept without its author when a person withdraws their consent: what was given stays in the totals.
    profile = models.ForeignKey(DiasporaProfile, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="pledges")
    kind = models.CharField(_("kind of engagement"), max_length=20, choices=ENGAGEMENT.choices)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    skill = models.CharField(_("skill"), max_length=40, blank=True, choices=SKILL.choices)
    message = models.TextField(_("message to the project team"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OFFERED,
                              db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("pledge")

    def __str__(self):
        return f"{self.project} ({self.get_status_display()})"


class PledgeEvent(models.Model):
    """A step of a pledge's follow-up: its new status, when, by whom, with a note."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=Pledge.Status.choices)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")
    by_pledger = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]


class ContactRequest(models.Model):
    """A message a project's team sent a matched person through the platform: the person receives it by
    e-mail and decides whether to answer; the team never sees their address."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contact_requests")
    profile = models.ForeignKey(DiasporaProfile, on_delete=models.CASCADE, related_name="contact_requests")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    message = models.TextField(_("message"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
