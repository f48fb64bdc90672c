from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

INDEXED_RELATIONS = ("terms", "organisations", "territories", "initiatives")


def practice_saved(sender, instance, raw=False, **kwargs):
    """Every write reaches the search index, whoever makes it (forms, imports, the consultations'
    accepted candidates, the admin), and makes cached public pages obsolete."""
    from corridor.core.public_cache import content_changed

    from .search import reindex

    if not raw:
        reindex(instance)
    content_changed("library")


def links_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    from .models import GoodPractice

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    practices = [instance] if not reverse else GoodPractice.objects.filter(pk__in=pk_set or ())
    for practice in practices:
        practice_saved(sender, practice)


def library_changed(sender, **kwargs):
    from corridor.core.public_cache import content_changed

    content_changed("library")


class LibraryConfig(AppConfig):
    name = "corridor.library"
    verbose_name = _("Knowledge library")

    def ready(self):
        from corridor.directory.models import Organisation
        from corridor.territories.models import Territory

        from .models import GoodPractice

        post_save.connect(practice_saved, sender=GoodPractice)
        post_delete.connect(library_changed, sender=GoodPractice)
        for name in INDEXED_RELATIONS:
            m2m_changed.connect(links_changed, sender=getattr(GoodPractice, name).through)
        for model in (Organisation, Territory):  # their names show on the library's pages
            post_save.connect(library_changed, sender=model)
