"""Who may read, contribute to and organise a consultation. Views and API ask these functions.

Organisers are the people named on the consultation, the members of its organising organisations,
the administrators of its territory and platform admins. Drafts are seen only by organisers; a
consultation for invited participants only by them and the organisers."""
from django.db.models import Q

from corridor.accounts import permissions

from .models import Consultation, Contribution


def can_create_consultation(user) -> bool:
    """Territory administrators and members of an organisation run consultations for them."""
    return permissions.is_territory_admin(user) or bool(permissions.member_organisation_ids(user))


def can_organise(user, consultation: Consultation) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if permissions.is_platform_admin(user):
        return True
    if consultation.territory_id and permissions.can_administer_territory(user, consultation.territory):
        return True
    if consultation.organisers.filter(pk=user.pk).exists():
        return True
    return consultation.organising_organisations.filter(pk__in=permissions.member_organisation_ids(user)).exists()


def organised_consultations(user):
    """The consultations a person organises."""
    if not (user and user.is_authenticated and user.is_active):
        return Consultation.objects.none()
    if permissions.is_platform_admin(user):
        return Consultation.objects.all()
    query = Q(organisers=user) | Q(organising_organisations__in=permissions.member_organisation_ids(user))
    for path in permissions.administered_paths(user):
        query |= Q(territory__path__startswith=path)
    return Consultation.objects.filter(query).distinct()


def is_invited(user, consultation: Consultation) -> bool:
    return bool(user and user.is_authenticated
                and consultation.participants.filter(invited=True).filter(Q(user=user) | Q(email__iexact=user.email)
                                                                          if user.email else Q(user=user)).exists())


def can_read(user, consultation: Consultation) -> bool:
    if consultation.status == Consultation.Status.DRAFT:
        return can_organise(user, consultation)
    if consultation.visibility == Consultation.Visibility.PUBLIC:
        return True
    if consultation.visibility == Consultation.Visibility.SIGNED_IN:
        return bool(user and user.is_authenticated)
    return is_invited(user, consultation) or can_organise(user, consultation)


def readable_consultations(user):
    """The consultations listed to a person (drafts only to their organisers)."""
    visible = Q(visibility=Consultation.Visibility.PUBLIC)
    if user and user.is_authenticated:
        visible |= Q(visibility=Consultation.Visibility.SIGNED_IN)
        visible |= Q(participants__invited=True, participants__user=user)
    listed = Consultation.objects.exclude(status=Consultation.Status.DRAFT).filter(visible)
    # Combined by primary key: both sides join to-many relations and one of them is distinct.
    return Consultation.objects.filter(Q(pk__in=listed.values("pk"))
                                       | Q(pk__in=organised_consultations(user).values("pk")))


def can_contribute(user, consultation: Consultation) -> bool:
    if not consultation.is_accepting() or not can_read(user, consultation):
        return False
    return bool(user and user.is_authenticated) or consultation.allow_anonymous


def visible_contributions(user, consultation: Consultation):
    """Published contributions, plus one's own whatever their state; organisers see every contribution."""
    contributions = consultation.contributions.all()
    if can_organise(user, consultation):
        return contributions
    shown = Q(status=Contribution.Status.PUBLISHED)
    if user and user.is_authenticated:
        shown |= Q(author=user)
    return contributions.filter(shown)
