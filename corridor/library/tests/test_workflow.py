"""The editorial workflow and who may take each step: members of an organisation write for it; the
administrators of its territory (or of the practice's territories) and platform admins review."""
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from corridor.library import access, workflow
from corridor.library.models import GoodPractice

Status = GoodPractice.Status


@pytest.fixture
def caritas_draft(make_practice, users, organisations):
    return make_practice("Accueil des nouveaux arrivants", status=Status.DRAFT,
                         organisations=[organisations["caritas"]], content_language="fr")


def test_members_write_for_their_organisation_and_its_territory_admins_review(caritas_draft, users):
    assert access.can_write(users["caritas"], caritas_draft) and not access.can_review(users["caritas"], caritas_draft)
    assert access.can_review(users["vaud_admin"], caritas_draft)  # Lausanne is inside Vaud
    assert access.can_review(users["platform"], caritas_draft)
    for outsider in ("geneva_member", "geneva_admin"):
        assert not access.can_write(users[outsider], caritas_draft)
        assert not access.can_read(users[outsider], caritas_draft)


def test_a_member_submits_and_the_territory_admin_publishes(caritas_draft, users):
    workflow.submit(caritas_draft, users["caritas"])
    assert caritas_draft.status == Status.REVIEW and caritas_draft.submitted_at is not None
    assert not access.can_edit_now(users["caritas"], caritas_draft)  # in review: the reviewers' turn
    with pytest.raises(PermissionDenied):
        workflow.publish(caritas_draft, users["caritas"])
    with pytest.raises(PermissionDenied):
        workflow.publish(caritas_draft, users["geneva_admin"])
    workflow.publish(caritas_draft, users["vaud_admin"])
    caritas_draft.refresh_from_db()
    assert caritas_draft.status == Status.PUBLISHED and caritas_draft.published_at is not None
    assert access.can_read(None, caritas_draft)


def test_an_incomplete_practice_cannot_be_submitted_nor_published(caritas_draft, users):
    caritas_draft.outputs = "Beaucoup de familles accueillies."
    caritas_draft.objectives = ""
    caritas_draft.save()
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.submit(caritas_draft, users["caritas"])
    assert set(raised.value.problems) == {"objectives", "outputs"}
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(caritas_draft, users["platform"])
    assert GoodPractice.objects.get(pk=caritas_draft.pk).status == Status.DRAFT


def test_the_reviewer_returns_it_with_a_note_and_the_writers_edit_again(caritas_draft, users):
    workflow.submit(caritas_draft, users["caritas"])
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.return_to_writers(caritas_draft, users["vaud_admin"], "  ")
    assert set(raised.value.problems) == {"note"}
    workflow.return_to_writers(caritas_draft, users["vaud_admin"], "Give the number of families.")
    caritas_draft.refresh_from_db()
    assert caritas_draft.status == Status.DRAFT and caritas_draft.review_note == "Give the number of families."
    assert access.can_edit_now(users["caritas"], caritas_draft)


def test_only_reviewers_withdraw_a_published_practice(make_practice, users, organisations):
    practice = make_practice(organisations=[organisations["caritas"]])
    with pytest.raises(PermissionDenied):
        workflow.withdraw(practice, users["caritas"])
    workflow.withdraw(practice, users["vaud_admin"])
    assert practice.status == Status.DRAFT
    with pytest.raises(workflow.WorkflowError):
        workflow.withdraw(practice, users["vaud_admin"])  # not published any more


def test_a_practice_about_a_territory_is_reviewed_by_its_administrators(make_practice, users, territories):
    practice = make_practice(status=Status.REVIEW, territories=[territories["geneva"]])
    assert access.can_review(users["geneva_admin"], practice)
    assert not access.can_review(users["vaud_admin"], practice)
    assert list(access.reviewable_practices(users["geneva_admin"])) == [practice]
    assert not access.reviewable_practices(users["vaud_admin"]).exists()


def test_a_practice_linked_to_nothing_is_reviewed_by_platform_admins_only(make_practice, users):
    practice = make_practice(status=Status.REVIEW)
    assert access.can_review(users["platform"], practice)
    assert not any(access.can_review(users[name], practice) for name in ("vaud_admin", "geneva_admin", "caritas"))


def test_an_accepted_candidate_is_a_draft_its_creator_completes(users):
    """As consultations.reporting.accept_candidate makes them: a passage as activities, nothing else."""
    practice = GoodPractice.objects.create(title="A one-stop office for returnees", activities="In 2012 …",
                                           country_code="SN", created_by=users["geneva_member"])
    assert access.can_write(users["geneva_member"], practice) and access.can_edit_now(users["geneva_member"], practice)
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.submit(practice, users["geneva_member"])
    assert set(raised.value.problems) == {"objectives", "outputs"}


def test_translations_have_their_own_status_and_readers_see_only_published_ones(make_practice, users,
                                                                                  organisations):
    practice = make_practice(organisations=[organisations["caritas"]], title="Welcome desk")
    workflow.save_translation(practice, users["caritas"], "fr", {"title": "Guichet d'accueil", "outputs": ""})
    assert practice.translation_status == {"fr": Status.DRAFT}
    with translation.override("fr"):
        assert practice.translated("title") == ("Welcome desk", "en")
    workflow.submit_translation(practice, users["caritas"], "fr")
    with pytest.raises(PermissionDenied):
        workflow.publish_translation(practice, users["caritas"], "fr")
    workflow.publish_translation(practice, users["vaud_admin"], "fr")
    with translation.override("fr"):
        assert practice.translated("title") == ("Guichet d'accueil", "fr")
    # A writer's change sends it back to draft; a reviewer's keeps it published.
    workflow.save_translation(practice, users["caritas"], "fr", {"title": "Guichet d'accueil de Lausanne"})
    assert practice.status_of_translation("fr") == Status.DRAFT
    workflow.publish_translation(practice, users["vaud_admin"], "fr")
    workflow.save_translation(practice, users["vaud_admin"], "fr", {"title": "Guichet d'accueil (Lausanne)"})
    assert practice.status_of_translation("fr") == Status.PUBLISHED


def test_a_translation_without_figures_in_its_outputs_is_not_submitted(make_practice, users, organisations):
    practice = make_practice(organisations=[organisations["caritas"]])
    workflow.save_translation(practice, users["caritas"], "es", {"title": "Ventanilla", "outputs": "Mucha gente"})
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.submit_translation(practice, users["caritas"], "es")
    assert set(raised.value.problems) == {"outputs"}


def test_writers_and_reviewers_lists(make_practice, users, organisations):
    mine = make_practice("Mine", status=Status.DRAFT, organisations=[organisations["caritas"]])
    other = make_practice("Other", status=Status.DRAFT, organisations=[organisations["geneva_cso"]])
    created = make_practice("Created", status=Status.DRAFT, created_by=users["caritas"])
    assert set(access.writable_practices(users["caritas"])) == {mine, created}
    assert set(access.writable_practices(users["vaud_admin"])) == {mine}
    assert set(access.writable_practices(users["platform"])) == {mine, other, created}
    assert not access.writable_practices(None).exists()
