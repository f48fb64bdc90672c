"""Who may read a module, take part in it and read learners' answers. Views ask these functions.

Anyone reads a published module; platform admins also read drafts and manage modules and cohorts.
Signed-in people enrol and answer its points for reflection. A learner reads their own answers, and
those of their cohort when the module says so; facilitators read the answers of the cohorts they
facilitate; nobody else reads answers (the module's consultation is for invited participants only,
so the consultations' own pages and API show them to platform admins alone)."""
from django.db.models import Q

from corridor.accounts import permissions
from corridor.consultations.models import Answer, Contribution

from .models import Cohort, Enrolment, Module


def can_manage(user) -> bool:
    """Import modules, create cohorts and read every answer."""
    return permissions.is_platform_admin(user)


def can_read(user, module: Module) -> bool:
    return module.status == Module.Status.PUBLISHED or can_manage(user)


def readable_modules(user):
    modules = Module.objects.all()
    return modules if can_manage(user) else modules.filter(status=Module.Status.PUBLISHED)


def can_enrol(user, module: Module) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and can_read(user, module)


def enrolment(user, module: Module) -> Enrolment | None:
    if not (user and user.is_authenticated):
        return None
    return module.enrolments.filter(learner=user).select_related("cohort").first()


def facilitated_cohorts(user, module: Module):
    if can_manage(user):
        return module.cohorts.all()
    if not (user and user.is_authenticated and user.is_active):
        return Cohort.objects.none()
    return module.cohorts.filter(facilitators=user)


def can_follow_cohort(user, cohort: Cohort) -> bool:
    """Facilitators (and platform admins) read a cohort's answers and progress, and add learners."""
    return facilitated_cohorts(user, cohort.module).filter(pk=cohort.pk).exists()


def cohort_peers(user, module: Module) -> set[int]:
    """The other learners of one's cohort whose answers one reads, when the module shares them."""
    if not (module.answers_visible_to_cohort and user and user.is_authenticated and user.is_active):
        return set()
    own_cohorts = Enrolment.objects.filter(module=module, learner=user, cohort__isnull=False).values("cohort")
    return set(Enrolment.objects.filter(module=module, cohort__in=own_cohorts).exclude(learner=user)
               .values_list("learner_id", flat=True))


def visible_answers(user, module: Module):
    """The answers to the module's points for reflection that `user` may read (rejected ones never)."""
    answers = (Answer.objects.filter(contribution__consultation_id=module.reflection_id, question__isnull=False)
               .exclude(contribution__status=Contribution.Status.REJECTED))
    if can_manage(user):
        return answers
    if not (user and user.is_authenticated and user.is_active):
        return answers.none()
    authors = Q(contribution__author=user)
    authors |= Q(contribution__author__in=Enrolment.objects.filter(module=module, cohort__facilitators=user)
                 .values("learner"))
    authors |= Q(contribution__author__in=cohort_peers(user, module))
    return answers.filter(authors)
