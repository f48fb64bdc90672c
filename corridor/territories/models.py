import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Territory(models.Model):
    """A country, region, province or city. Territories form a tree; `path` materialises the tree so
    that "everything inside the canton" is a single indexed prefix query."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        CITY = "city", _("City or municipality")

    name = models.CharField(_("name"), max_length=200)
    name_translations = models.JSONField(_("name in other languages"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("part of")
    )
    slug = models.SlugField(max_length=80)
    path = models.CharField(max_length=500, unique=True, editable=False)
    country_code = models.CharField(_("country (ISO 3166-1)"), max_length=2)
    subdivision_code = models.CharField(_("subdivision (ISO 3166-2)"), max_length=10, blank=True)
    is_origin = models.BooleanField(_("territory of origin"), default=False)
    is_transit = models.BooleanField(_("territory of transit"), default=False)
    is_destination = models.BooleanField(_("territory of destination"), default=False)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        constraints = [models.UniqueConstraint(fields=["parent", "slug"], name="territory_unique_slug_in_parent")]

    def __str__(self):
        return self.localized_name()

    def localized_name(self, language=None):
        language = (language or get_language() or "en").split("-")[0]
        return self.name_translations.get(language) or self.name

    @property
    def migration_roles(self):
        roles = [("origin", self.is_origin), ("transit", self.is_transit), ("destination", self.is_destination)]
        return [role for role, present in roles if present]

    def clean(self):
        if pycountry.countries.get(alpha_2=(self.country_code or "").upper()) is None:
            raise ValidationError({"country_code": _("Unknown ISO 3166-1 country code.")})
        self.country_code = self.country_code.upper()
        if self.subdivision_code and pycountry.subdivisions.get(code=self.subdivision_code.upper()) is None:
            raise ValidationError({"subdivision_code": _("Unknown ISO 3166-2 subdivision code.")})
        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": _("A territory cannot be inside itself.")})

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)[:80] or "territory"
        old_path = self.path
        self.path = (self.parent.path if self.parent_id else "") + self.slug + "/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def ancestors(self):
        """The territories containing this one, nearest last (country first)."""
        prefixes = [self.path[: i + 1] for i, ch in enumerate(self.path[:-1]) if ch == "/"]
        return list(Territory.objects.filter(path__in=prefixes).order_by("path"))

    def subtree(self):
        return Territory.objects.filter(path__startswith=self.path)

    def contains(self, other: "Territory") -> bool:
        return other.path.startswith(self.path)
