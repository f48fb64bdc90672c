"""Calls for proposals: weighted scores and ranking on proposals whose scores are worked out by hand, the
deadline, reviews, decisions and the proposal that becomes an initiative, and who may do each step."""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from corridor.accounts.models import Membership, Profile
from corridor.coordination import calls, initiatives
from corridor.coordination.models import Call, Criterion, Funding, Initiative, Proposal

from .initiative_data import make_proposal, past_deadline

User = get_user_model()


@pytest.fixture
def reviewers(users, open_call, organisations):
    """Two reviewers of the call; the second is also a member of Caritas."""
    first = User.objects.create_user("reviewer-1", "r1@example.org", "pw-r1-12345")
    second = User.objects.create_user("reviewer-2", "r2@example.org", "pw-r2-12345")
    Membership.objects.create(user=second, organisation=organisations["caritas"])
    open_call.reviewers.add(first, second)
    return first, second


def score(proposal, reviewer, *values):
    criteria = list(proposal.call.criteria.all())
    calls.save_review(proposal, reviewer, {c.pk: v for c, v in zip(criteria, values)})


@pytest.fixture
def scored(open_call, organisations, reviewers):
    """Criteria: relevance ×3 /5, feasibility ×2 /5, cost ×1 /10 (Σ weights 6). A reviewer's score is
    100 × Σ(weight × score ÷ highest) ÷ 6:
      A: 5,4,6 -> (3 + 1.6 + 0.6) / 6 = 86.667 %; 4,4,10 -> (2.4 + 1.6 + 1) / 6 = 83.333 %; mean 85.00
      B: 5,5,0 -> 5 / 6 = 83.333 %; 5,4,10 -> 5.6 / 6 = 93.333 %; mean 88.33
      C: 4,4,10 -> 83.333 %; 5,5,0 -> 83.333 %; mean 83.33
      D: 5,3,8 -> (3 + 1.2 + 0.8) / 6 = 83.333 % (one review); 83.33, equal to C
      E: only the first criterion scored: no complete review, no rank."""
    first, second = reviewers
    caritas, appartenances, roseraie = (organisations[k] for k in ("caritas", "appartenances", "geneva_cso"))
    proposals = {
        "A": make_proposal(open_call, appartenances, "A – ateliers", 30000),
        "B": make_proposal(open_call, roseraie, "B – mentorat", 20000),
        "C": make_proposal(open_call, appartenances, "C – cafés", 10000),
        "D": make_proposal(open_call, roseraie, "D – bibliothèque", 10000),
        "E": make_proposal(open_call, roseraie, "E – théâtre", 5000),
        "draft": make_proposal(open_call, caritas, "Brouillon", 5000, status=Proposal.Status.DRAFT),
    }
    score(proposals["A"], first, 5, 4, 6)
    score(proposals["A"], second, 4, 4, 10)
    score(proposals["B"], first, 5, 5, 0)
    score(proposals["B"], second, 5, 4, 10)
    score(proposals["C"], first, 4, 4, 10)
    score(proposals["C"], second, 5, 5, 0)
    score(proposals["D"], first, 5, 3, 8)
    relevance = open_call.criteria.get(title="Pertinence")
    calls.save_review(proposals["E"], first, {relevance.pk: 5})
    return proposals


def test_a_reviewers_score_is_the_weighted_share_of_the_highest_marks(open_call):
    criteria = list(open_call.criteria.all())
    values = {c.pk: v for c, v in zip(criteria, (5, 4, 6))}
    assert calls.weighted_score(criteria, values).quantize(Decimal("0.0001")) == Decimal("86.6667")
    assert calls.weighted_score(criteria, {criteria[0].pk: 5}) is None  # incomplete
    full = {c.pk: c.max_score for c in criteria}
    assert calls.weighted_score(criteria, full) == 100
    assert calls.weighted_score(criteria, {c.pk: 0 for c in criteria}) == 0


def test_proposals_are_ranked_by_their_mean_score_ties_sharing_a_rank(open_call, scored):
    standings = calls.standings(open_call)
    assert [(s.proposal.title[0], s.rank, s.score, s.reviews, s.incomplete) for s in standings] == [
        ("B", 1, Decimal("88.33"), 2, 0),
        ("A", 2, Decimal("85.00"), 2, 0),
        ("C", 3, Decimal("83.33"), 2, 0),
        ("D", 3, Decimal("83.33"), 1, 0),
        ("E", None, None, 0, 1),
    ]  # the draft is not ranked
    a = standings[1]
    relevance, feasibility, cost = open_call.criteria.all()
    assert a.criterion_means == {relevance.pk: Decimal("4.50"), feasibility.pk: Decimal("4.00"),
                                 cost.pk: Decimal("8.00")}


def test_a_reviewer_changes_only_their_own_scores(open_call, scored, reviewers):
    first, second = reviewers
    score(scored["A"], first, 0, 0, 0)  # (0 + 83.333) / 2
    assert scored["A"].reviews.count() == 2
    assert next(s for s in calls.standings(open_call) if s.proposal == scored["A"]).score == Decimal("41.67")
    review, values = calls.reviewer_scores(scored["A"], second)
    assert sorted(values.values()) == [4, 4, 10]
    with pytest.raises(calls.CallError):
        calls.save_review(scored["A"], first, {open_call.criteria.first().pk: 6})  # above the highest score


def test_the_ranking_page_shows_scores_to_the_calls_administrators_only(client, users, open_call, scored):
    client.force_login(users["vaud_admin"])
    page = client.get(f"/en/coordination/calls/{open_call.uuid}/ranking/").content.decode()
    assert page.index("B – mentorat") < page.index("A – ateliers") < page.index("C – cafés")
    assert "88.33%" in page and "85%" in page
    for user in ("caritas", "geneva_admin"):
        client.force_login(users[user])
        assert client.get(f"/en/coordination/calls/{open_call.uuid}/ranking/").status_code == 403


def test_reviewers_score_submitted_proposals_of_other_organisations(client, open_call, organisations, reviewers):
    first, second = reviewers  # second is a member of Caritas
    theirs = make_proposal(open_call, organisations["caritas"], "Proposition de Caritas", 20000)
    other = make_proposal(open_call, organisations["appartenances"], "Proposition d'Appartenances", 20000)
    client.force_login(second)
    assert client.get(f"/en/coordination/proposals/{theirs.uuid}/review/").status_code == 403
    fields = {f"criterion_{c.pk}": v for c, v in zip(open_call.criteria.all(), (4, 3, 12))}
    response = client.post(f"/en/coordination/proposals/{other.uuid}/review/", {**fields, "comment": "Bien."})
    assert response.status_code == 200 and "Ensure this value is less than or equal to 10" in response.content.decode()
    assert not other.reviews.exists()  # nothing saved from a wrong form
    fields = {f"criterion_{c.pk}": v for c, v in zip(open_call.criteria.all(), (4, 3, 7))}
    response = client.post(f"/en/coordination/proposals/{other.uuid}/review/", {**fields, "comment": "Bien."})
    assert response.status_code == 302
    assert calls.reviewer_scores(other, second)[1] == {c.pk: v for c, v in zip(open_call.criteria.all(), (4, 3, 7))}
    client.force_login(first)  # sees the proposal, not the other reviewer's scores
    page = client.get(f"/en/coordination/proposals/{other.uuid}/").content.decode()
    assert "Score this proposal" in page and "Bien." not in page


def test_a_call_opens_with_criteria_and_a_deadline_to_come(open_call):
    open_call.status = Call.Status.DRAFT
    open_call.save()
    open_call.criteria.all().delete()
    with pytest.raises(calls.CallError, match="criterion"):
        calls.open_call(open_call)
    Criterion.objects.create(call=open_call, title="Pertinence")
    calls.open_call(open_call)
    assert open_call.status == Call.Status.OPEN
    with pytest.raises(calls.CallError):
        calls.open_call(open_call)


def test_members_write_and_submit_a_proposal_before_the_deadline(client, users, organisations, open_call):
    client.force_login(users["caritas"])
    url = f"/en/coordination/calls/{open_call.uuid}/propose/"
    data = {"organisation": organisations["caritas"].pk, "title": "Cours de français pour les mères",
            "summary": "Cours avec garde d'enfants.", "content_language": "fr", "requested_amount": "250000",
            "categories": ["language"], "phases": ["destination"]}
    refused = client.post(url, data)
    assert "The call&#x27;s whole budget is 100000" in refused.content.decode()
    assert 'value="Cours de français pour les mères"' in refused.content.decode()  # what was typed is kept
    data["requested_amount"] = "40000"
    response = client.post(url, data)
    proposal = Proposal.objects.get(title="Cours de français pour les mères")
    assert response.url == f"/en/coordination/proposals/{proposal.uuid}/"
    assert proposal.status == Proposal.Status.DRAFT and proposal.requested_amount == 40000
    assert initiatives.term_codes(proposal)["category"] == ["language"]
    assert client.post(f"/en/coordination/proposals/{proposal.uuid}/edit/", {**data, "title": "Cours pour mères"}
                       ).status_code == 302
    client.post(f"/en/coordination/proposals/{proposal.uuid}/submit/")
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status, proposal.submitted_by) == (
        "Cours pour mères", Proposal.Status.SUBMITTED, users["caritas"])
    client.post(f"/en/coordination/proposals/{proposal.uuid}/edit/", {**data, "title": "Changé après"})
    proposal.refresh_from_db()
    assert proposal.title == "Cours pour mères"  # submitted: final


def test_after_the_deadline_proposals_are_refused(client, users, organisations, open_call):
    draft = make_proposal(open_call, organisations["caritas"], "Brouillon", 20000, status=Proposal.Status.DRAFT)
    past_deadline(open_call)
    with pytest.raises(calls.CallError, match="deadline"):
        calls.submit(draft, users["caritas"])
    client.force_login(users["caritas"])
    response = client.post(f"/en/coordination/proposals/{draft.uuid}/submit/", follow=True)
    assert "deadline has passed" in response.content.decode()
    response = client.post(f"/en/coordination/proposals/{draft.uuid}/edit/", {"title": "Trop tard"}, follow=True)
    assert "deadline has passed" in response.content.decode()
    response = client.get(f"/en/coordination/calls/{open_call.uuid}/propose/", follow=True)
    assert "deadline has passed" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Brouillon", Proposal.Status.DRAFT)
    open_call.refresh_from_db()
    assert open_call.status == Call.Status.REVIEW  # the call moved on when read after its deadline


def test_only_members_of_an_organisation_propose_and_only_for_it(client, users, organisations, open_call):
    client.force_login(users["vaud_admin"])
    assert client.get(f"/en/coordination/calls/{open_call.uuid}/propose/").status_code == 403
    client.force_login(users["caritas"])
    response = client.post(f"/en/coordination/calls/{open_call.uuid}/propose/", {
        "organisation": organisations["appartenances"].pk, "title": "Au nom d'un autre", "summary": "…",
        "content_language": "fr", "requested_amount": "1000", "categories": ["language"]})
    assert response.status_code == 200 and not Proposal.objects.exists()
    theirs = make_proposal(open_call, organisations["appartenances"], "D'Appartenances", 1000,
                           status=Proposal.Status.DRAFT)
    assert client.get(f"/en/coordination/proposals/{theirs.uuid}/").status_code == 404
    assert client.post(f"/en/coordination/proposals/{theirs.uuid}/submit/").status_code == 404
    client.force_login(users["vaud_admin"])  # drafts stay with their organisation
    assert client.get(f"/en/coordination/proposals/{theirs.uuid}/").status_code == 404


def test_decisions_wait_for_the_deadline(open_call, organisations, users):
    proposal = make_proposal(open_call, organisations["caritas"], "Cours", 20000)
    with pytest.raises(calls.CallError, match="after the deadline"):
        calls.accept(proposal, users["vaud_admin"])
    assert not calls.can_decide(users["vaud_admin"], open_call)


def test_an_accepted_proposal_becomes_a_funded_initiative(open_call, organisations, users, authority,
                                                          django_capture_on_commit_callbacks):
    Profile.objects.create(user=users["caritas"], language="fr")
    proposal = make_proposal(open_call, organisations["caritas"], "Cours pour mères", 40000,
                             planned_beneficiaries=80, submitted_by=users["caritas"],
                             translations={"en": {"title": "Courses for mothers", "summary": "With childcare."}})
    other = make_proposal(open_call, organisations["appartenances"], "Autre", 10000)
    past_deadline(open_call)
    with django_capture_on_commit_callbacks(execute=True):
        initiative = calls.accept(proposal, users["vaud_admin"], "Bravo.")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.initiative, proposal.decision_note) == (
        Proposal.Status.ACCEPTED, initiative, "Bravo.")
    assert (initiative.title, initiative.description, initiative.lead_organisation, initiative.territory) == (
        "Cours pour mères", "Résumé de Cours pour mères.", organisations["caritas"], open_call.territory)
    assert (initiative.budget, initiative.currency, initiative.planned_beneficiaries, initiative.status) == (
        40000, "CHF", 80, Initiative.Status.IMPLEMENTATION)
    assert initiative.translations == {"en": {"title": "Courses for mothers", "description": "With childcare."}}
    assert initiatives.term_codes(initiative) == {"phase": ["destination"], "category": ["language"],
                                                  "target_group": []}
    [funding] = initiative.fundings.all()
    assert (funding.donor, funding.amount, funding.currency) == (authority, 40000, "CHF")
    [message] = mail.outbox
    assert message.to == ["staff@caritas.example.org"]
    assert "Cours pour mères" in message.subject and f"/fr/coordination/initiatives/{initiative.uuid}/" in message.body
    open_call.refresh_from_db()
    assert open_call.status == Call.Status.REVIEW  # "Autre" still waits
    calls.reject(other, users["vaud_admin"], "Hors du champ de l'appel.")
    open_call.refresh_from_db()
    assert open_call.status == Call.Status.DECIDED


def test_without_a_known_authority_the_territory_is_the_donor(open_call, organisations, users):
    proposal = make_proposal(open_call, organisations["caritas"], "Cours", 20000)
    past_deadline(open_call)
    initiative = calls.accept(proposal, users["vaud_admin"])
    [funding] = Funding.objects.filter(initiative=initiative)
    assert (funding.donor, funding.donor_name) == (None, "Vaud")


def test_the_budget_of_the_call_is_not_exceeded(open_call, organisations, users):
    first = make_proposal(open_call, organisations["caritas"], "Grand", 70000)
    second = make_proposal(open_call, organisations["appartenances"], "Trop", 40000)
    past_deadline(open_call)
    calls.accept(first, users["vaud_admin"])
    with pytest.raises(calls.CallError, match="110000"):
        calls.accept(second, users["vaud_admin"])
    second.refresh_from_db()
    assert second.status == Proposal.Status.SUBMITTED and Initiative.objects.count() == 1


def test_a_rejection_gives_its_reason_to_the_proposers(client, open_call, organisations, users,
                                                       django_capture_on_commit_callbacks):
    proposal = make_proposal(open_call, organisations["caritas"], "Cours", 20000, submitted_by=users["caritas"])
    past_deadline(open_call)
    client.force_login(users["vaud_admin"])
    url = f"/en/coordination/proposals/{proposal.uuid}/decide/"
    response = client.post(url, {"decision": "reject", "note": ""}, follow=True)
    assert "Give the reason" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "note": "Le budget est déjà engagé ailleurs."})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED and not Initiative.objects.exists()
    [message] = mail.outbox
    # Written in the proposal's language (French), whatever the language of the reviewer's page.
    assert "n’a pas été acceptée" in message.subject and "Le budget est déjà engagé ailleurs." in message.body
    client.force_login(users["caritas"])  # the proposers read the decision
    assert "Le budget est déjà engagé ailleurs." in client.get(f"/en/coordination/proposals/{proposal.uuid}/"
                                                               ).content.decode()


def test_only_the_calls_territory_administrators_decide(client, open_call, organisations, users):
    proposal = make_proposal(open_call, organisations["caritas"], "Cours", 20000)
    past_deadline(open_call)
    for user in ("geneva_admin", "caritas"):
        client.force_login(users[user])
        assert client.post(f"/en/coordination/proposals/{proposal.uuid}/decide/",
                           {"decision": "accept"}).status_code in (403, 404)
    client.force_login(users["vaud_admin"])
    assert client.post(f"/en/coordination/proposals/{proposal.uuid}/decide/", {"decision": "accept"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED


def test_a_territory_administrator_writes_and_opens_a_call(client, users, territories):
    client.force_login(users["geneva_admin"])
    data = {"territory": territories["vaud"].pk, "title": "Appel", "content_language": "fr", "budget": "50000",
            "currency": "CHF", "deadline": "2099-01-31T12:00", "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "0", "criteria-0-title": "Pertinence", "criteria-0-weight": "2",
            "criteria-0-max_score": "5"}
    response = client.post("/en/coordination/calls/new/", data)
    assert response.status_code == 200 and not Call.objects.exists()  # not a territory Geneva administers
    client.force_login(users["vaud_admin"])
    response = client.post("/en/coordination/calls/new/", data)
    call = Call.objects.get()
    assert (call.status, call.criteria.get().weight) == (Call.Status.DRAFT, 2)
    client.logout()
    assert client.get(f"/en/coordination/calls/{call.uuid}/").status_code == 404  # drafts are not public
    client.force_login(users["vaud_admin"])
    client.post(f"/en/coordination/calls/{call.uuid}/open/")
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN
    client.logout()
    assert "Pertinence" in client.get(f"/en/coordination/calls/{call.uuid}/").content.decode()
    assert "Appel" in client.get("/en/coordination/calls/").content.decode()
