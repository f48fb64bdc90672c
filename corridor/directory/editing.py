"""Changing services: every save is also a verification, keeps its history (django-simple-history
records who changed what) and refreshes the search index."""
from django.db import transaction
from django.utils import timezone

from . import search
from .models import Location, Service, ServiceAtLocation, ServiceLanguage, TaxonomyTerm


def set_terms(service: Service, terms: list[tuple[str, str]]) -> None:
    wanted = [TaxonomyTerm.objects.get(vocabulary=v, code=c).pk for v, c in terms]
    service.terms.set(wanted)


def set_languages(service: Service, codes: list[str]) -> None:
    codes = list(dict.fromkeys(code.lower() for code in codes))
    service.languages.exclude(code__in=codes).delete()
    existing = set(service.languages.values_list("code", flat=True))
    ServiceLanguage.objects.bulk_create([ServiceLanguage(service=service, code=c) for c in codes if c not in existing])


@transaction.atomic
def save_service(form, schedules, location_form, user) -> Service:
    """Save the service form with its schedules and main location, as `user`."""
    service = form.save(commit=False)
    service.translations = form.cleaned_translations()
    service.last_verified_at, service.last_verified_by = timezone.now(), user
    service.save()
    set_terms(service, form.cleaned_terms())
    set_languages(service, form.cleaned_data["spoken_languages"])
    schedules.instance = service
    schedules.save()
    if location_form.has_content():
        location = location_form.save(commit=False)
        location.organisation_id = service.organisation_id
        if location.territory_id is None:
            location.territory = service.territory
        location.save()
        ServiceAtLocation.objects.get_or_create(service=service, location=location)
    search.reindex(service)
    return service


def main_location(service: Service) -> Location | None:
    link = service.service_at_locations.select_related("location").order_by("id").first() if service.pk else None
    return link.location if link else None


def mark_verified(service: Service, user) -> None:
    """The provider confirms the information is still correct."""
    service.last_verified_at, service.last_verified_by = timezone.now(), user
    service.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])


def changes(record) -> list[dict]:
    """Each saved version with who made it, when, and which fields changed from what to what."""
    versions = list(record.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for newer, older in zip(versions, versions[1:] + [None]):
        diff = newer.diff_against(older).changes if older is not None else []
        entries.append({
            "date": newer.history_date,
            "user": newer.history_user,
            "kind": newer.get_history_type_display(),
            "changes": [{"field": record._meta.get_field(c.field).verbose_name if c.field != "terms" else c.field,
                         "old": c.old, "new": c.new} for c in diff],
        })
    return entries
