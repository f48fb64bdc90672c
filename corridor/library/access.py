"""Who may write, submit, review and publish good practices, built on accounts.permissions.

- Writers: the members of an organisation the practice concerns (and so the administrators of that
  organisation's territory, who may edit it), and the person who created the practice (an organiser who
  accepted it from a consultation). Writers edit drafts and submit them for review.
- Reviewers: platform administrators, and the administrators of a territory the practice concerns,
  directly or through one of its organisations (territories inside theirs included). Reviewers edit the
  practice at any stage, publish it (from review, or directly from a draft they wrote), return it to its
  writers with a note, and withdraw a published practice. A practice about a place outside every
  administered territory is reviewed by platform administrators.
- Everyone reads published practices and their published translations.

Translations follow the same rules, each on its own: writers edit and submit them, reviewers publish."""
from django.db.models import Q

from corridor.accounts import permissions

from .models import GoodPractice


def can_create(user) -> bool:
    return bool(permissions.member_organisation_ids(user)) or permissions.is_territory_admin(user)


def can_review(user, practice: GoodPractice) -> bool:
    if permissions.is_platform_admin(user):
        return True
    if not permissions.administered_paths(user) or practice.pk is None:
        return False
    territories = [*practice.territories.all(), *(o.territory for o in practice.organisations.all())]
    return any(permissions.can_administer_territory(user, territory) for territory in territories)


def can_write(user, practice: GoodPractice) -> bool:
    if not (user and user.is_authenticated):
        return False
    if practice.created_by_id == user.pk or can_review(user, practice):
        return True
    return any(permissions.can_edit_organisation(user, organisation) for organisation in practice.organisations.all())


def can_edit_now(user, practice: GoodPractice) -> bool:
    """Writers edit drafts; reviewers edit at every stage."""
    return can_review(user, practice) or (practice.status == GoodPractice.Status.DRAFT and can_write(user, practice))


def can_read(user, practice: GoodPractice) -> bool:
    return practice.status == GoodPractice.Status.PUBLISHED or can_write(user, practice)


def can_import(user) -> bool:
    return permissions.is_territory_admin(user)


def _reviewable_query(user) -> Q | None:
    query = None
    for path in permissions.administered_paths(user):
        here = Q(territories__path__startswith=path) | Q(organisations__territory__path__startswith=path)
        query = here if query is None else query | here
    return query


def reviewable_practices(user):
    if permissions.is_platform_admin(user):
        return GoodPractice.objects.all()
    query = _reviewable_query(user)
    if query is None:
        return GoodPractice.objects.none()
    return GoodPractice.objects.filter(pk__in=GoodPractice.objects.filter(query).values("pk"))


def writable_practices(user):
    if permissions.is_platform_admin(user):
        return GoodPractice.objects.all()
    if not (user and user.is_authenticated):
        return GoodPractice.objects.none()
    query = Q(created_by=user) | Q(organisations__in=permissions.editable_organisations(user))
    reviewable = _reviewable_query(user)
    if reviewable is not None:
        query |= reviewable
    return GoodPractice.objects.filter(pk__in=GoodPractice.objects.filter(query).values("pk"))
