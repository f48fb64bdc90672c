from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_taxonomy_terms(sender, using="default", **kwargs):
    """Mirror the vocabularies defined in code as TaxonomyTerm rows (after every migrate or flush)."""
    from .models import TaxonomyTerm
    from .vocabularies import VOCABULARIES

    existing = set(TaxonomyTerm.objects.using(using).values_list("vocabulary", "code"))
    TaxonomyTerm.objects.using(using).bulk_create([
        TaxonomyTerm(vocabulary=v.code, code=code)
        for v in VOCABULARIES.values() for code, _label in v.terms if (v.code, code) not in existing
    ])


class DirectoryConfig(AppConfig):
    name = "corridor.directory"
    verbose_name = _("Directory")

    def ready(self):
        post_migrate.connect(sync_taxonomy_terms, sender=self)
