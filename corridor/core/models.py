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


class Job(models.Model):
    """A background job that must run to completion exactly once, whatever happens to the worker that
    runs it (see core/jobs.py). Written in the same transaction as what asked for it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    task = models.CharField(max_length=200)
    arguments = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    # A pending or running job not finished by then is handed to a worker again.
    lease_until = models.DateTimeField()
    # Which run holds the lease: a run that lost it (its worker stalled) does not record the outcome.
    claim = models.CharField(max_length=32, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "lease_until"], name="job_due")]

    def __str__(self):
        return f"{self.task}{tuple(self.arguments)} ({self.status})"
