"""Local migration profiles. A template (global or for one country, versioned) lists the indicators,
in sections, that every territory reports the same way; a profile holds the values of one territory
for one period, each value with its source."""
import uuid
from datetime import date

from babel.numbers import get_territory_currencies
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from corridor.core.models import TranslatedContent
from corridor.territories.models import Territory

from . import dimensions

CODE_VALIDATOR = RegexValidator(r"^[a-z0-9_]+$", _("Use lowercase letters, digits and underscores."))


class ProfileTemplate(TranslatedContent):
    """The common list of indicators. Profiles keep the version they were made with: change the
    indicators of a template in use by making its next version (admin action)."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    country_code = models.CharField(_("country (ISO 3166-1)"), max_length=2, blank=True,
                                    help_text=_("Empty: for territories of every country."))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("profile template")
        verbose_name_plural = _("profile templates")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="profile_template_unique_version")]

    def __str__(self):
        return f"{self.translated('name')[0]} (v{self.version})"

    @transaction.atomic
    def next_version(self) -> "ProfileTemplate":
        """A copy of this template, its sections and indicators, numbered after the newest version of its code."""
        newest = ProfileTemplate.objects.filter(code=self.code).aggregate(models.Max("version"))["version__max"]
        sections, indicators = list(self.sections.all()), list(self.indicators.all())
        copy = ProfileTemplate.objects.get(pk=self.pk)
        copy.pk, copy.version = None, newest + 1
        copy.save()
        copied_sections = {}
        for section in sections:
            copied_sections[section.pk] = section
            section.pk, section.template = None, copy
            section.save()
        for indicator in indicators:
            indicator.pk, indicator.template = None, copy
            indicator.section = copied_sections[indicator.section_id]
        Indicator.objects.bulk_create(indicators)
        return copy


class Section(TranslatedContent):
    template = models.ForeignKey(ProfileTemplate, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=60, validators=[CODE_VALIDATOR])
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["template", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="profile_section_unique_code")]

    def __str__(self):
        return self.translated("title")[0]


class Indicator(TranslatedContent):
    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENTAGE = "percentage", _("Percentage")
        AMOUNT = "amount", _("Amount of money")

    template = models.ForeignKey(ProfileTemplate, on_delete=models.CASCADE, related_name="indicators")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name=_("section"))
    code = models.CharField(_("code"), max_length=60, validators=[CODE_VALIDATOR],
                            help_text=_("How import files name the indicator."))
    label = models.CharField(_("label"), max_length=255)
    kind = models.CharField(_("kind of value"), max_length=20, choices=Kind.choices, default=Kind.NUMBER)
    unit = models.CharField(_("unit"), max_length=60, blank=True,
                            help_text=_("What is counted (persons, hours…); amounts are in the profile's currency."))
    breakdown = models.CharField(_("breakdown"), max_length=20, blank=True, choices=dimensions.CHOICES,
                                 help_text=_("Values may also be given for each key of this dimension."))
    definition = models.TextField(_("definition"), blank=True)
    preferred_source = models.CharField(_("preferred source"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["template", "section__order", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="profile_indicator_unique_code")]

    def __str__(self):
        return self.translated("label")[0]

    @property
    def dimension(self):
        return dimensions.DIMENSIONS.get(self.breakdown)

    @property
    def adds_up(self) -> bool:
        """Whether the values of a breakdown add up to the total (counts and amounts, not rates)."""
        return self.kind != self.Kind.PERCENTAGE

    def clean(self):
        if self.section_id and self.template_id and self.section.template_id != self.template_id:
            raise ValidationError({"section": _("Choose a section of the same template.")})


class Profile(TranslatedContent):
    """The values of one territory for one period (a year, or any range of dates)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    template = models.ForeignKey(ProfileTemplate, on_delete=models.PROTECT, related_name="profiles",
                                 verbose_name=_("template"))
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="migration_profiles",
                                  verbose_name=_("territory"))
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3,
                                help_text=_("Of the amounts of money. By default, the territory's."))
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["territory__path", "-period_start", "-period_end"]
        verbose_name = _("migration profile")
        verbose_name_plural = _("migration profiles")
        constraints = [
            models.UniqueConstraint(fields=["territory", "template", "period_start", "period_end"],
                                    name="profile_unique_period"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="profile_period_in_order"),
        ]

    def __str__(self):
        return f"{self.territory.localized_name()}, {self.period_label}"

    @property
    def is_calendar_year(self) -> bool:
        start, end = self.period_start, self.period_end
        return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year

    @property
    def period_label(self) -> str:
        if self.is_calendar_year:
            return str(self.period_start.year)
        return f"{formats.date_format(self.period_start, 'SHORT_DATE_FORMAT')} – " \
               f"{formats.date_format(self.period_end, 'SHORT_DATE_FORMAT')}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})

    def save(self, *args, **kwargs):
        if not self.currency:
            self.currency = default_currency(self.territory.country_code)
        super().save(*args, **kwargs)


def default_currency(country_code: str) -> str:
    currencies = get_territory_currencies(country_code or "ZZ", date.today())
    return currencies[0] if currencies else "EUR"


class Source(models.Model):
    """Where values were taken from; the values of a profile taken from one place share one source."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("source"), max_length=300)
    url = models.URLField(_("address of the source"), max_length=500, blank=True)
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)

    class Meta:
        ordering = ["profile", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name


class Value(models.Model):
    """One figure: the indicator's total (empty key) or the value for one key of its breakdown."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    breakdown_key = models.CharField(_("breakdown key"), max_length=20, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    source = models.ForeignKey(Source, on_delete=models.RESTRICT, related_name="values")

    class Meta:
        ordering = ["profile", "indicator", "breakdown_key"]
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [models.UniqueConstraint(fields=["profile", "indicator", "breakdown_key"],
                                               name="profile_value_unique_key")]

    def __str__(self):
        return f"{self.indicator.code}[{self.breakdown_key}] = {self.value}"
