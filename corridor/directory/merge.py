"""Merging two records of the same organisation: everything attached to the duplicate moves to the one
kept, blank fields are filled from the duplicate, and the duplicate is deleted (its history remains).

Every reference to an organisation moves, whatever app it is in (services, referrals, registers, proposals…),
found from the model's relations so that a new app's references move too. A reference that would become a
second copy of one the kept organisation already has (the same register locality, a second diaspora profile)
is not guessed at: the merge stops with the list, and nothing changes."""
from django.db import transaction

from corridor.accounts.models import Membership

from . import search
from .models import Organisation

FILLABLE = ["alternate_name", "description", "email", "website", "phone", "legal_status", "year_incorporated",
            "association_level"]


class MergeConflict(ValueError):
    def __init__(self, conflicts: list[str]):
        self.conflicts = conflicts
        super().__init__("; ".join(conflicts))


@transaction.atomic
def merge_organisations(keep: Organisation, duplicate: Organisation) -> Organisation:
    if keep.pk == duplicate.pk:
        raise ValueError("An organisation cannot be merged into itself.")
    conflicts = [conflict for relation in Organisation._meta.related_objects
                 if not relation.many_to_many and relation.related_model is not Membership
                 for conflict in _collisions(relation, keep, duplicate)]
    if conflicts:
        raise MergeConflict(conflicts)
    for field in FILLABLE:
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.languages = sorted(set(keep.languages) | set(duplicate.languages))
    for code, texts in duplicate.translations.items():
        keep.translations.setdefault(code, texts)
    keep.save()
    keep.areas.add(*duplicate.areas.all())
    moved = list(duplicate.services.all())
    # A person member of both stays a member of the one kept (their membership of the duplicate goes with it).
    for membership in duplicate.memberships.all():
        Membership.objects.get_or_create(user=membership.user, organisation=keep)
    for relation in Organisation._meta.related_objects:
        if relation.many_to_many:
            for related in relation.related_model._default_manager.filter(**{relation.field.name: duplicate}):
                getattr(related, relation.field.name).add(keep)
        elif relation.related_model is not Membership:
            relation.related_model._default_manager.filter(**{relation.field.name: duplicate}).update(
                **{relation.field.name: keep})
    duplicate.delete()
    for service in moved:
        service.organisation = keep
        search.reindex(service)
    return keep


def _collisions(relation, keep: Organisation, duplicate: Organisation) -> list[str]:
    """The duplicate's rows along `relation` that the kept organisation already has an equal of, by the
    uniqueness rules that include the reference."""
    model, name = relation.related_model, relation.field.name
    unique_sets = [set(fields) for fields in model._meta.unique_together] + [
        set(constraint.fields) for constraint in model._meta.constraints
        if getattr(constraint, "fields", None) and getattr(constraint, "condition", None) is None]
    if relation.one_to_one:
        unique_sets.append({name})
    found = []
    for fields in (fields for fields in unique_sets if name in fields):
        for row in model._default_manager.filter(**{name: duplicate}):
            others = {field: getattr(row, model._meta.get_field(field).attname) for field in fields - {name}}
            if model._default_manager.filter(**{name: keep}, **{
                    model._meta.get_field(field).attname: value for field, value in others.items()}).exists():
                found.append(f"{model._meta.verbose_name}: {row}")
    return found
