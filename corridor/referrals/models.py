"""Referrals: a caseworker of one organisation refers a person to a service of another, with the person's
consent, and both follow the referral until the service is delivered.

The person's data is the most sensitive of the platform. Every field about the person is listed in
PERSONAL_FIELDS and encrypted (core/encryption.py); only the two organisations involved read it (access.py),
every read is in the audit log (disclosure.py), and it is blanked after the territory's retention period
(retention.py). What remains for coordination and statistics (need, urgency, organisations, dates, statuses)
says nothing about who the person is. See docs/referrals.md."""
import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.core.encryption import EncryptedJSONField, EncryptedTextField
from corridor.core.models import TranslatedContent
from corridor.directory.vocabularies import CATEGORY, TARGET_GROUP


class ReferralSettings(models.Model):
    """What a territory decides for the referrals made in it and in the territories inside it (unless one of
    those decides otherwise): how long personal data is kept once a referral is over."""

    territory = models.OneToOneField("territories.Territory", on_delete=models.CASCADE,
                                     related_name="referral_settings", verbose_name=_("territory"))
    retention_days = models.PositiveIntegerField(
        _("keep personal data for (days)"), validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_("Days after a referral is closed, declined or forwarded before the person's data is erased. "
                    "The referral stays, without it, for statistics."))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("referral settings")
        verbose_name_plural = _("referral settings")

    def __str__(self):
        return str(self.territory)


class Pathway(TranslatedContent):
    """Which services receive referrals for a need in a territory, in the order caseworkers should try them."""

    TRANSLATED_FIELDS = ("note",)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="referral_pathways",
                                  verbose_name=_("territory"))
    category = models.CharField(_("need"), max_length=40, choices=CATEGORY.choices)
    target_group = models.CharField(_("for the target group"), max_length=40, choices=TARGET_GROUP.choices,
                                    blank=True, help_text=_("Leave empty for everyone."))
    note = models.TextField(_("note for caseworkers"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["territory__path", "category", "target_group"]
        verbose_name = _("referral pathway")
        verbose_name_plural = _("referral pathways")
        constraints = [models.UniqueConstraint(fields=["territory", "category", "target_group"],
                                               name="referrals_one_pathway_per_need")]

    def __str__(self):
        need = CATEGORY.label(self.category)
        if self.target_group:
            return f"{need} – {TARGET_GROUP.label(self.target_group)} ({self.territory})"
        return f"{need} ({self.territory})"


class PathwayStep(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("service"))
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["pathway", "service"],
                                               name="referrals_service_once_per_pathway")]


class Consent(models.Model):
    """What the person agreed to: which of their data is shared (`fields`, beyond the pseudonymous reference,
    the contact preference and the reason, which every referral carries), with which organisations, when, how,
    and the exact text they were shown. It holds nothing about the person."""

    class Method(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        INTERPRETER = "interpreter", _("In person, through an interpreter")
        PHONE = "phone", _("By phone")
        WRITING = "writing", _("In writing")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_at = models.DateTimeField(_("given on"), default=timezone.now)
    method = models.CharField(_("how consent was given"), max_length=20, choices=Method.choices,
                              default=Method.IN_PERSON)
    language = models.CharField(_("language of the text"), max_length=8)
    text = models.TextField(_("text shown to the person"))
    fields = models.JSONField(_("data shared"), default=list, blank=True)
    organisations = models.ManyToManyField("directory.Organisation", related_name="+",
                                           verbose_name=_("organisations it may be shared with"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")

    def covers(self, organisation) -> bool:
        return self.withdrawn_at is None and self.organisations.filter(pk=organisation.pk).exists()


class ReferralQuerySet(models.QuerySet):
    def without_personal_data(self):
        """Lists, statistics and jobs never load (nor decrypt) the person's data."""
        return self.defer(*Referral.PERSONAL_FIELDS)


class Referral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        APPOINTMENT = "appointment", _("Appointment set")
        DELIVERED = "delivered", _("Service delivered")
        CLOSED = "closed", _("Closed")
        DECLINED = "declined", _("Declined")
        FORWARDED = "forwarded", _("Forwarded")

    class Urgency(models.TextChoices):
        URGENT = "urgent", _("Urgent")
        HIGH = "high", _("High")
        NORMAL = "normal", _("Normal")

    class ContactPreference(models.TextChoices):
        THROUGH_SENDER = "sender", _("Through the referring organisation")
        PHONE = "phone", _("By phone")
        TEXT = "text", _("By text message")
        EMAIL = "email", _("By e-mail")
        VISIT = "visit", _("The person will come to the service")

    class DeclineReason(models.TextChoices):
        NOT_ELIGIBLE = "not-eligible", _("Not eligible for the service")
        NO_CAPACITY = "no-capacity", _("No capacity at the moment")
        OUT_OF_AREA = "out-of-area", _("Outside the area served")
        UNREACHABLE = "unreachable", _("The person could not be reached")
        PERSON_DECLINED = "person-declined", _("The person no longer wants it")
        OTHER = "other", _("Other reason")

    # Every field about the person: encrypted, read only by the two organisations, erased after retention.
    PERSONAL_FIELDS = ("reference", "contact_preference", "reason", "name", "phone", "email", "birth_date",
                       "languages", "notes")
    # Those shared only when the consent names them; the others come with every referral.
    CONSENTED_FIELDS = ("name", "phone", "email", "birth_date", "languages", "notes")
    OPEN_STATUSES = (Status.SENT, Status.ACCEPTED, Status.APPOINTMENT)
    # Over for this service: the period of retention starts.
    ENDED_STATUSES = (Status.CLOSED, Status.DECLINED, Status.FORWARDED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("territory"), help_text=_("Where the person was met: the "
                                                                           "referring organisation's territory."))
    sender = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="referrals_sent",
                               verbose_name=_("referred by"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("caseworker"))
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="referrals",
                                verbose_name=_("referred to"))
    need = models.CharField(_("need"), max_length=40, choices=CATEGORY.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SENT)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals")
    forwarded_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="forwards", verbose_name=_("forwarded from"))
    # A forward to an organisation the consent does not name carries no personal data.
    data_withheld = models.BooleanField(_("personal data not passed on"), default=False)
    decline_reason = models.CharField(_("reason for declining"), max_length=20, choices=DeclineReason.choices,
                                      blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    ended_at = models.DateTimeField(_("closed, declined or forwarded"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    reference = EncryptedTextField(_("pseudonymous reference"),
                                   help_text=_("Your own code for the person, never their name."))
    contact_preference = EncryptedTextField(_("how to contact the person"), blank=True)
    reason = EncryptedTextField(_("reason for the referral"), blank=True)
    name = EncryptedTextField(_("name"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    birth_date = EncryptedTextField(_("date of birth"), blank=True)  # ISO 8601, encrypted like the rest
    languages = EncryptedJSONField(_("languages spoken"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["status", "sent_at"])]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        """What people call the referral by: says nothing about the person."""
        return f"R-{self.uuid.hex[:8].upper()}"

    @property
    def receiver_id(self):
        return self.service.organisation_id

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @staticmethod
    def new_reference() -> str:
        return "P-" + secrets.token_hex(3).upper()


class ReferralEvent(models.Model):
    """One step of a referral's history. The note may speak of the person: it is encrypted and shown with the
    personal data only."""

    PERSONAL_FIELDS = ("note",)

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    status = models.CharField(max_length=12, choices=Referral.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    organisation = models.ForeignKey("directory.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
