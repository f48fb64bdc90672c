"""The directory of actors and services, shaped after Open Referral HSDS 3.0 so that export and import
map field for field. Records have an integer key for joins and a UUID that is their HSDS id."""
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from corridor.core.models import TranslatedContent

from .vocabularies import VOCABULARIES


class Organisation(TranslatedContent):
    # Public contact details of an organisation, which often name a person (marie.dupont@…).
    PERSONAL_FIELDS = ("email", "phone")

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local-authority", _("Local or regional authority")
        NATIONAL_AGENCY = "national-agency", _("National agency")
        CSO = "cso", _("Civil-society organisation / NGO")
        MIGRANT_ASSOCIATION = "migrant-association", _("Migrant or diaspora association")
        INTERNATIONAL = "international", _("International organisation")
        PRIVATE = "private", _("Private sector")
        ACADEMIA = "academia", _("Academia")
        TRADE_UNION = "trade-union", _("Trade union")
        FAITH_BASED = "faith-based", _("Faith-based organisation")

    class AssociationLevel(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        UMBRELLA = "umbrella", _("Umbrella organisation")
        FEDERATION = "federation", _("Federation")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("other name or acronym"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of actor"), max_length=30, choices=Kind.choices)
    association_level = models.CharField(
        _("level (associations)"), max_length=20, choices=AssociationLevel.choices, blank=True
    )
    territory = models.ForeignKey(
        "territories.Territory", on_delete=models.PROTECT, related_name="organisations",
        verbose_name=_("home territory"),
    )
    areas = models.ManyToManyField(
        "territories.Territory", blank=True, related_name="active_organisations",
        verbose_name=_("territories where it works"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    legal_status = models.CharField(_("legal status"), max_length=100, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def is_verified(self):
        return self.verified_at is not None


class TaxonomyTerm(models.Model):
    """A term of one of the vocabularies in vocabularies.py, mirrored in a table so services can be
    filtered by joins. Rows are created by a data migration from the code."""

    vocabulary = models.CharField(max_length=20, choices=[(v.code, v.name) for v in VOCABULARIES.values()])
    code = models.CharField(max_length=40)

    class Meta:
        ordering = ["vocabulary", "id"]
        constraints = [models.UniqueConstraint(fields=["vocabulary", "code"], name="unique_term")]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return VOCABULARIES[self.vocabulary].label(self.code)

    @property
    def hsds_id(self):
        return VOCABULARIES[self.vocabulary].term_id(self.code)


class ServiceQuerySet(models.QuerySet):
    def stale(self, now=None):
        return self.filter(models.Q(last_verified_at__lt=stale_threshold(now)) | models.Q(last_verified_at__isnull=True))

    def due_for_verification(self, now=None):
        """Services already stale or becoming stale within the reminder window."""
        now = now or timezone.now()
        horizon = stale_threshold(now) + timedelta(days=settings.CORRIDOR_REMIND_BEFORE_DAYS)
        return self.filter(models.Q(last_verified_at__lt=horizon) | models.Q(last_verified_at__isnull=True))


def stale_threshold(now=None):
    return (now or timezone.now()) - timedelta(days=settings.CORRIDOR_STALE_AFTER_DAYS)


class Service(TranslatedContent):
    PERSONAL_FIELDS = ("email",)

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Closed for good")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services", verbose_name=_("provider")
    )
    territory = models.ForeignKey(
        "territories.Territory", on_delete=models.PROTECT, related_name="services",
        verbose_name=_("territory served"),
    )
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"))
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    application_process = models.TextField(_("how to apply"), blank=True)
    eligibility_description = models.TextField(_("who can use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=False)
    fees_description = models.TextField(_("fees"), blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services", verbose_name=_("classification"))
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True, db_index=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Every text a reader might type to find this service, in every language, normalised
    # (see search.py); kept up to date on save and indexed with the database's full-text engine.
    search_document = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[terms], excluded_fields=["search_document"])

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        # By name: the order of a listing without search words, read from the index page by page.
        indexes = [models.Index(fields=["territory", "status"]), models.Index(fields=["name", "id"],
                                                                               name="service_by_name")]

    def __str__(self):
        return self.name

    @property
    def is_stale(self):
        return self.last_verified_at is None or self.last_verified_at < stale_threshold()

    def term_codes(self, vocabulary: str) -> list[str]:
        return [t.code for t in self.terms.all() if t.vocabulary == vocabulary]


class Location(TranslatedContent):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical place")
        POSTAL = "postal", _("Postal address")
        VIRTUAL = "virtual", _("Online")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="locations")
    location_type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    name = models.CharField(_("name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    address_1 = models.CharField(_("street address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("location")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        return self.name or self.address_1 or str(self.uuid)

    @property
    def one_line_address(self):
        return ", ".join(p for p in (self.address_1, f"{self.postal_code} {self.city}".strip(), self.country) if p)


class ServiceAtLocation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="unique_service_at_location")]


class Phone(models.Model):
    class Type(models.TextChoices):
        VOICE = "voice", _("Voice")
        TEXT = "text", _("Text message")
        CELL = "cell", _("Mobile")
        FAX = "fax", _("Fax")
        VIDEO = "video", _("Video call")
        TEXTPHONE = "textphone", _("Textphone")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.CharField(_("description"), max_length=255, blank=True)
    languages = models.JSONField(_("languages answered in"), default=list, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.number


class Schedule(models.Model):
    """Weekly opening hours, as HSDS's RFC 5545-style schedule with freq=WEEKLY."""

    WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Hours belong to a service or to a place, so each key is empty in part of the rows; partial
    # indexes (below) keep the database's statistics about them meaningful.
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules",
                                db_index=False)
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules",
                                 db_index=False)
    byday = models.CharField(_("days"), max_length=20, help_text=_("e.g. MO,TU,WE"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    description = models.CharField(_("notes"), max_length=255, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["service"], condition=models.Q(service__isnull=False), name="schedule_of_service"),
            models.Index(fields=["location"], condition=models.Q(location__isnull=False), name="schedule_of_place"),
        ]

    @property
    def days(self):
        return [d for d in self.byday.split(",") if d]


class ServiceLanguage(models.Model):
    """A language the service is delivered in (HSDS `language`)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="unique_service_language")]
        indexes = [models.Index(fields=["code", "service"])]


class CostOption(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("what it is for"), max_length=255, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount_description = models.CharField(_("details"), max_length=255, blank=True)


class RequiredDocument(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="required_documents")
    document = models.CharField(_("document"), max_length=255)
