from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A number that changes whenever the public content of an area changes. Cached pages are
    keyed on it, so that one write makes every worker's copies obsolete at once."""

    area = models.CharField(max_length=40, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)


class TranslatedContent(models.Model):
    """Content written in one language (`content_language`) with optional translations, stored as
    {"fr": {"name": ..., "description": ...}}. Readers get the text in their language when it exists."""

    content_language = models.CharField(_("language of the text"), max_length=8, default="en")
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def translated(self, field: str, language: str | None = None) -> tuple[str, str]:
        """(text, language it is in) for `field`, preferring the reader's language."""
        language = (language or get_language() or "en").split("-")[0]
        if language != self.content_language:
            text = (self.translations.get(language) or {}).get(field)
            if text:
                return text, language
        return getattr(self, field), self.content_language
