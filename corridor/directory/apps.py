from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
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


def directory_changed(sender, **kwargs):
    from corridor.core.public_cache import content_changed

    content_changed("directory")


class DirectoryConfig(AppConfig):
    name = "corridor.directory"
    verbose_name = _("Directory")

    def ready(self):
        from simple_history.models import HistoricalChanges

        from corridor.territories.models import Territory

        post_migrate.connect(sync_taxonomy_terms, sender=self)
        # Public pages show directory records and territory names; writes through the ORM make
        # their cached copies obsolete (bulk imports say so themselves, in importing.py).
        for model in [*self.get_models(), Territory]:
            if issubclass(model, HistoricalChanges):
                continue
            post_save.connect(directory_changed, sender=model)
            post_delete.connect(directory_changed, sender=model)
            for relation in model._meta.local_many_to_many:
                m2m_changed.connect(directory_changed, sender=relation.remote_field.through)
