"""What learners do in a module: enrol, say they have read a topic, answer its points for reflection
(through the consultations' intake, like any contribution), and how far they are."""
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from corridor.consultations import intake
from corridor.consultations.models import Answer, Contribution, Question

from .models import Cohort, Enrolment, Module, Topic, TopicRead


class NotAllowed(ValueError):
    """The learner cannot do this; the message says why."""


def enrol(module: Module, learner, cohort: Cohort | None = None) -> Enrolment:
    """Enrol a learner (again: nothing changes, except joining `cohort` when one is given)."""
    if cohort is not None and cohort.module_id != module.pk:
        raise ValueError("The cohort follows another module.")
    enrolment, created = Enrolment.objects.get_or_create(module=module, learner=learner,
                                                         defaults={"cohort": cohort})
    if not created and cohort is not None and enrolment.cohort_id != cohort.pk:
        enrolment.cohort = cohort
        enrolment.save(update_fields=["cohort"])
    return enrolment


def add_to_cohort(cohort: Cohort, identifier: str) -> Enrolment:
    """Enrol someone, by user name or e-mail address, in a cohort of the module."""
    identifier = identifier.strip()
    people = get_user_model().objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier),
                                             is_active=True)[:2]
    if len(people) != 1:
        raise NotAllowed(_("Nobody has the user name or e-mail address “%(identifier)s”.") % {"identifier": identifier}
                         if not people else
                         _("Several people have the e-mail address “%(identifier)s”: give the user name.")
                         % {"identifier": identifier})
    return enrol(cohort.module, people[0], cohort)


def mark_read(enrolment: Enrolment, topic: Topic) -> TopicRead:
    if topic.module_id != enrolment.module_id:
        raise ValueError("The topic belongs to another module.")
    return TopicRead.objects.get_or_create(enrolment=enrolment, topic=topic)[0]


def answer(enrolment: Enrolment, question: Question, text: str) -> intake.Outcome:
    """A learner's answer to a point for reflection, received like any contribution (sanitised, its
    language detected, stored once). Raises intake.Refused for an empty answer."""
    module = enrolment.module
    if question.consultation_id != module.reflection_id:
        raise ValueError("The point for reflection belongs to another module.")
    learner = enrolment.learner
    return intake.receive(intake.Submission(
        consultation=module.reflection, body=text, author=learner,
        author_name=learner.get_full_name() or learner.get_username(), question_numbers=[question.number],
        channel=Contribution.Channel.WEB))


@dataclass
class Progress:
    topics: int
    points: int
    read_topic_ids: set[int] = field(default_factory=set)
    answered_question_ids: set[int] = field(default_factory=set)

    @property
    def topics_read(self) -> int:
        return len(self.read_topic_ids)

    @property
    def points_answered(self) -> int:
        return len(self.answered_question_ids)

    @property
    def complete(self) -> bool:
        return self.topics_read == self.topics and self.points_answered == self.points


def _answers_of(module: Module):
    return Answer.objects.filter(contribution__consultation_id=module.reflection_id, question__isnull=False) \
        .exclude(contribution__status=Contribution.Status.REJECTED)


def progress(enrolment: Enrolment) -> Progress:
    """Topics read and points for reflection answered by one learner."""
    module = enrolment.module
    return Progress(
        topics=module.topics.count(), points=Question.objects.filter(consultation_id=module.reflection_id).count(),
        read_topic_ids=set(enrolment.reads.values_list("topic_id", flat=True)),
        answered_question_ids=set(_answers_of(module).filter(contribution__author_id=enrolment.learner_id)
                                  .values_list("question_id", flat=True)))


def cohort_progress(cohort: Cohort) -> list[tuple[Enrolment, int, int]]:
    """(enrolment, topics read, points answered) for each learner of a cohort, in three queries."""
    enrolments = list(cohort.enrolments.select_related("learner").annotate(read=Count("reads"))
                      .order_by("learner__username"))
    answered = dict(_answers_of(cohort.module).filter(contribution__author__in=[e.learner for e in enrolments])
                    .values("contribution__author").annotate(points=Count("question", distinct=True))
                    .values_list("contribution__author", "points"))
    return [(enrolment, enrolment.read, answered.get(enrolment.learner_id, 0)) for enrolment in enrolments]
