from django.db import models


class ContentVersion(models.Model):
    """A number that changes whenever the public content of an area changes. Cached pages are
    keyed on it, so that one write makes every worker's copies obsolete at once."""

    area = models.CharField(max_length=40, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)
