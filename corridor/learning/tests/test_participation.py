import pytest

from corridor.consultations import intake
from corridor.consultations.models import Contribution
from corridor.learning import access, participation
from corridor.learning.models import Cohort


@pytest.fixture
def cohort(module, people):
    cohort = Cohort.objects.create(module=module, name="Lausanne spring")
    cohort.facilitators.add(people["facilitator"])
    for name in ("amina", "bruno"):
        participation.enrol(module, people[name], cohort)
    return cohort


def points(module):
    return [point for topic in module.topics.all() for point in topic.points]


def test_progress_counts_topics_read_and_points_answered(module, people):
    enrolment = participation.enrol(module, people["amina"])
    assert participation.enrol(module, people["amina"]).pk == enrolment.pk
    progress = participation.progress(enrolment)
    assert (progress.topics_read, progress.topics, progress.points_answered, progress.points) == (0, 2, 0, 3)
    first, second = module.topics.all()
    participation.mark_read(enrolment, first)
    participation.mark_read(enrolment, first)
    one, two, three = points(module)
    participation.answer(enrolment, one, "The bus lines and where to register.")
    participation.answer(enrolment, one, "Also: the opening hours of the library.")  # a second answer, same point
    progress = participation.progress(enrolment)
    assert (progress.topics_read, progress.points_answered, progress.complete) == (1, 1, False)
    participation.mark_read(enrolment, second)
    participation.answer(enrolment, two, "The Eritrean association, in Tigrinya.")
    participation.answer(enrolment, three, "Parents without childcare.")
    assert participation.progress(enrolment).complete


def test_an_answer_is_a_contribution_received_through_the_intake(module, people):
    enrolment = participation.enrol(module, people["amina"])
    one = points(module)[0]
    outcome = participation.answer(enrolment, one, "Les horaires des guichets et les cours de français gratuits.")
    contribution = outcome.contribution
    assert outcome.created and contribution.consultation == module.reflection
    assert (contribution.author, contribution.status, contribution.language) == (
        people["amina"], Contribution.Status.PUBLISHED, "fr")
    assert [(answer.question, answer.text) for answer in contribution.answers.all()] == [
        (one, "Les horaires des guichets et les cours de français gratuits.")]
    again = participation.answer(enrolment, one, "Les horaires des guichets et les cours de français gratuits.")
    assert not again.created and again.contribution == contribution
    with pytest.raises(intake.Refused):
        participation.answer(enrolment, one, "   ")


def test_cohort_progress_lists_each_learner(module, cohort, people):
    amina = module.enrolments.get(learner=people["amina"])
    participation.mark_read(amina, module.topics.first())
    participation.answer(amina, points(module)[0], "Where the doctors are.")
    participation.answer(amina, points(module)[2], "Night workers.")
    rows = {enrolment.learner.username: (read, answered)
            for enrolment, read, answered in participation.cohort_progress(cohort)}
    assert rows == {"amina": (1, 2), "bruno": (0, 0)}


def test_adding_a_learner_by_user_name_or_e_mail(module, cohort, people):
    enrolment = participation.add_to_cohort(cohort, "CHLOE@example.org")
    assert (enrolment.learner, enrolment.cohort) == (people["chloe"], cohort)
    with pytest.raises(participation.NotAllowed, match="nobody"):
        participation.add_to_cohort(cohort, "nobody")


class TestWhoReadsAnswers:
    @pytest.fixture
    def answered(self, module, cohort, people):
        """Amina and Bruno (cohort) and Chloe (alone) each answer the first point."""
        participation.enrol(module, people["chloe"])
        one = points(module)[0]
        for name in ("amina", "bruno", "chloe"):
            participation.answer(module.enrolments.get(learner=people[name]), one, f"Answer written by {name}.")
        return module

    @staticmethod
    def readable(user, module):
        return sorted(answer.contribution.author.username for answer in access.visible_answers(user, module))

    def test_learners_read_only_their_own_answers(self, answered, people):
        assert self.readable(people["amina"], answered) == ["amina"]
        assert self.readable(people["chloe"], answered) == ["chloe"]

    def test_a_module_can_share_answers_within_a_cohort(self, answered, people):
        answered.answers_visible_to_cohort = True
        answered.save()
        assert self.readable(people["amina"], answered) == ["amina", "bruno"]
        assert self.readable(people["chloe"], answered) == ["chloe"]  # not in the cohort

    def test_facilitators_read_their_cohort_only(self, answered, people):
        assert self.readable(people["facilitator"], answered) == ["amina", "bruno"]
        other = Cohort.objects.create(module=answered, name="Geneva")
        other.facilitators.add(people["outsider"])
        assert self.readable(people["outsider"], answered) == []

    def test_others_read_nothing_and_platform_admins_everything(self, answered, people):
        from django.contrib.auth.models import AnonymousUser

        assert self.readable(people["vaud_admin"], answered) == []
        assert self.readable(people["caritas"], answered) == []
        assert self.readable(AnonymousUser(), answered) == []
        assert self.readable(people["platform"], answered) == ["amina", "bruno", "chloe"]

    def test_the_module_consultation_shows_answers_to_nobody_else(self, answered, people):
        from corridor.consultations import access as consultation_access

        for name in ("amina", "facilitator", "vaud_admin"):
            assert not consultation_access.can_read(people[name], answered.reflection)
        assert answered.reflection not in consultation_access.readable_consultations(people["amina"])


def test_drafts_are_read_by_platform_admins_only(module, people):
    module.status = module.Status.DRAFT
    module.save()
    assert not access.can_read(people["amina"], module) and not access.can_enrol(people["amina"], module)
    assert access.can_read(people["platform"], module)
    assert list(access.readable_modules(people["amina"])) == []
