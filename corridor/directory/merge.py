"""Merging two records of the same organisation: everything attached to the duplicate moves to the one
kept, blank fields are filled from the duplicate, and the duplicate is deleted (its history remains)."""
from django.db import transaction

from corridor.accounts.models import Membership

from . import search
from .models import Organisation

FILLABLE = ["alternate_name", "description", "email", "website", "phone", "legal_status", "year_incorporated",
            "association_level"]


@transaction.atomic
def merge_organisations(keep: Organisation, duplicate: Organisation) -> Organisation:
    if keep.pk == duplicate.pk:
        raise ValueError("An organisation cannot be merged into itself.")
    for field in FILLABLE:
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.languages = sorted(set(keep.languages) | set(duplicate.languages))
    for code, texts in duplicate.translations.items():
        keep.translations.setdefault(code, texts)
    keep.save()
    keep.areas.add(*duplicate.areas.all())
    moved = list(duplicate.services.all())
    duplicate.services.update(organisation=keep)
    duplicate.locations.update(organisation=keep)
    for membership in duplicate.memberships.all():
        Membership.objects.get_or_create(user=membership.user, organisation=keep)
    duplicate.delete()
    for service in moved:
        service.organisation = keep
        search.reindex(service)
    return keep
