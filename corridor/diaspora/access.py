"""Who may do what in the diaspora portal. Every page and API endpoint asks these functions.

- Everyone reads the published priorities and the projects that are not drafts.
- The administrators of a territory (and of the territories containing it, and platform administrators) write
  its priorities and projects, follow up the pledges made to them and see the people matched with them:
  by alias, skills and country only, unless a person opted in to share their contact e-mail.
- A person reaches their own profile through a signed link (profiles.py); the members of an association
  of the directory manage its diaspora profile and pledge on its behalf."""
from django.db.models import QuerySet

from corridor.accounts import permissions
from corridor.directory.models import Organisation

from .models import DiasporaProfile, Priority, Project


def can_manage(user, record) -> bool:
    """`record`: a Priority, a Project or a Territory."""
    territory = getattr(record, "territory", record)
    return permissions.can_administer_territory(user, territory)


def public_priorities() -> QuerySet:
    return Priority.objects.filter(is_published=True)


def public_projects() -> QuerySet:
    return Project.objects.exclude(status=Project.Status.DRAFT)


def can_read_project(user, project: Project) -> bool:
    return project.is_public or can_manage(user, project)


def sees_contact(user, project: Project, profile: DiasporaProfile) -> bool:
    """A project's administrators see a matched person's e-mail only when the person opted in."""
    return profile.share_contact and can_manage(user, project)


def association_profiles(user) -> QuerySet:
    """The diaspora profiles of the associations `user` belongs to."""
    return DiasporaProfile.objects.filter(organisation__in=permissions.member_organisation_ids(user))


def registrable_associations(user) -> QuerySet:
    """The migrant and diaspora associations `user` belongs to that have no diaspora profile yet."""
    return Organisation.objects.filter(pk__in=permissions.member_organisation_ids(user),
                                       kind=Organisation.Kind.MIGRANT_ASSOCIATION,
                                       diaspora_profile__isnull=True).order_by("name")


def can_act_for(user, person: DiasporaProfile | None, profile: DiasporaProfile) -> bool:
    """Whether the visitor (`user`, and `person`, the profile their signed link opened) speaks for `profile`."""
    if profile.is_association:
        return profile.organisation_id in permissions.member_organisation_ids(user)
    return person is not None and person.pk == profile.pk
