"""Calls for proposals, from opening to decision.

1. The administrators of a territory write a call (budget, deadline, weighted criteria) as a draft and open
   it; its criteria are fixed from then on, so that every proposal is judged by the same rules.
2. Members of an organisation write proposals for it, as drafts they edit, and submit them before the
   deadline. After the deadline nothing can be written, edited or submitted any more.
3. Reviewers assigned to the call score each submitted proposal against every criterion; each reviewer
   sees and changes only their own scores, and nobody reviews a proposal of their own organisation.
4. After the deadline the territory's administrators see the ranking and decide: an accepted proposal
   becomes an initiative of the call's territory funded by the territory; a rejected one gets a reason.
   The proposers are told by e-mail. When every proposal is decided, so is the call.

How proposals are scored and ranked (also explained on the ranking page):
- A reviewer's score is the weighted share of the highest possible marks, in percent:
  100 × Σ(weight × score ÷ highest score) ÷ Σ weight. Criteria with different scales weigh only by their weight.
- A proposal's score is the mean of its complete reviews (every criterion scored).
- Proposals are ranked by score, highest first; equal scores share a rank (1, 2, 2, 4). A proposal without
  a complete review has no rank yet."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from corridor.accounts import permissions
from corridor.core.links import absolute_url
from corridor.directory.models import Organisation

from . import initiatives
from .models import Call, Criterion, Funding, Initiative, Proposal, Review, Score

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
SUBMITTED_OR_DECIDED = (Proposal.Status.SUBMITTED, Proposal.Status.ACCEPTED, Proposal.Status.REJECTED)


class CallError(Exception):
    """A step of the workflow refused, with the reason to show the person who tried it."""


# Who may do what.

def can_manage(user, call: Call) -> bool:
    return permissions.can_administer_territory(user, call.territory)


def can_read_call(user, call: Call) -> bool:
    return call.status != Call.Status.DRAFT or can_manage(user, call)


def readable_calls(user):
    if permissions.is_platform_admin(user):
        return Call.objects.all()
    managed = Q(pk__in=[])
    for path in permissions.administered_paths(user):
        managed |= Q(territory__path__startswith=path)
    return Call.objects.filter(~Q(status=Call.Status.DRAFT) | managed)


def accepts_proposals(call: Call, now=None) -> bool:
    return call.status == Call.Status.OPEN and (now or timezone.now()) < call.deadline


def proposing_organisations(user):
    """The organisations `user` may write proposals for: those they belong to."""
    return Organisation.objects.filter(pk__in=permissions.member_organisation_ids(user)).order_by("name")


def is_proposer(user, proposal: Proposal) -> bool:
    return proposal.organisation_id in permissions.member_organisation_ids(user)


def can_edit_proposal(user, proposal: Proposal, now=None) -> bool:
    return (proposal.status == Proposal.Status.DRAFT and is_proposer(user, proposal)
            and accepts_proposals(proposal.call, now))


def is_reviewer(user, call: Call) -> bool:
    return user.is_authenticated and call.reviewers.filter(pk=user.pk).exists()


def can_review(user, proposal: Proposal) -> bool:
    """Assigned reviewers score submitted proposals, except those of their own organisations."""
    return (proposal.status == Proposal.Status.SUBMITTED and is_reviewer(user, proposal.call)
            and not is_proposer(user, proposal))


def can_read_proposal(user, proposal: Proposal) -> bool:
    """Proposers read their own, drafts included; the call's administrators and reviewers the submitted ones;
    everyone the accepted ones (they become public initiatives)."""
    return (proposal.status == Proposal.Status.ACCEPTED or is_proposer(user, proposal)
            or (proposal.status in SUBMITTED_OR_DECIDED
                and (can_manage(user, proposal.call) or is_reviewer(user, proposal.call))))


def deadline_passed(call: Call, now=None) -> bool:
    return (now or timezone.now()) >= call.deadline


def can_decide(user, call: Call, now=None) -> bool:
    return (can_manage(user, call) and call.status in (Call.Status.OPEN, Call.Status.REVIEW)
            and deadline_passed(call, now))


# The call's steps.

def open_call(call: Call, now=None) -> None:
    if call.status != Call.Status.DRAFT:
        raise CallError(_("Only a draft call can be opened."))
    if not call.criteria.exists():
        raise CallError(_("Give the call at least one criterion before opening it."))
    if deadline_passed(call, now):
        raise CallError(_("The deadline has passed: set a later one before opening the call."))
    call.status = Call.Status.OPEN
    call.save(update_fields=["status"])


def refresh_status(call: Call, now=None) -> Call:
    """An open call whose deadline has passed is in review."""
    if call.status == Call.Status.OPEN and deadline_passed(call, now):
        call.status = Call.Status.REVIEW
        call.save(update_fields=["status"])
    return call


def submit(proposal: Proposal, user, now=None) -> None:
    now = now or timezone.now()
    if proposal.status != Proposal.Status.DRAFT:
        raise CallError(_("This proposal was already submitted."))
    if not accepts_proposals(proposal.call, now):
        raise CallError(_("The call no longer accepts proposals: its deadline has passed."))
    proposal.status, proposal.submitted_at, proposal.submitted_by = Proposal.Status.SUBMITTED, now, user
    proposal.save(update_fields=["status", "submitted_at", "submitted_by"])


@transaction.atomic
def save_review(proposal: Proposal, reviewer, scores: dict[int, int], comment: str = "") -> Review:
    """Record `reviewer`'s scores ({criterion id: score}) and comment, replacing their earlier ones."""
    criteria = {criterion.pk: criterion for criterion in proposal.call.criteria.all()}
    for criterion_id, value in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None or not 0 <= value <= criterion.max_score:
            raise CallError(_("A score is outside its criterion's scale."))
    review, _created = Review.objects.update_or_create(proposal=proposal, reviewer=reviewer,
                                                       defaults={"comment": comment})
    for criterion_id, value in scores.items():
        Score.objects.update_or_create(review=review, criterion_id=criterion_id, defaults={"value": value})
    return review


# Scores and ranking.

def weighted_score(criteria: list[Criterion], values: dict[int, int]) -> Decimal | None:
    """One reviewer's score in percent (see the module's rules), unrounded; None unless every criterion
    is scored."""
    if not criteria or any(criterion.pk not in values for criterion in criteria):
        return None
    weights = sum(criterion.weight for criterion in criteria)
    if not weights:
        return None
    earned = sum(Decimal(criterion.weight) * values[criterion.pk] / criterion.max_score for criterion in criteria)
    return HUNDRED * earned / weights


@dataclass
class Standing:
    proposal: Proposal
    reviews: int = 0  # complete reviews counted in the score
    incomplete: int = 0  # reviews that miss a criterion, not counted
    score: Decimal | None = None  # mean of the complete reviews, in percent, to the hundredth
    rank: int | None = None
    criterion_means: dict[int, Decimal] = field(default_factory=dict)  # mean score per criterion


def standings(call: Call) -> list[Standing]:
    """The submitted (and decided) proposals of a call, ranked."""
    criteria = list(call.criteria.all())
    proposals = list(call.proposals.filter(status__in=SUBMITTED_OR_DECIDED).select_related("organisation"))
    values: dict[int, dict[int, int]] = {}  # review id -> {criterion id: value}
    for review_id, criterion_id, value in Score.objects.filter(review__proposal__in=proposals).values_list(
            "review_id", "criterion_id", "value"):
        values.setdefault(review_id, {})[criterion_id] = value
    reviews: dict[int, list[int]] = {}
    for review_id, proposal_id in Review.objects.filter(proposal__in=proposals).values_list("pk", "proposal_id"):
        reviews.setdefault(proposal_id, []).append(review_id)
    result = []
    for proposal in proposals:
        standing = Standing(proposal)
        complete = []
        for review_id in reviews.get(proposal.pk, []):
            score = weighted_score(criteria, values.get(review_id, {}))
            if score is None:
                standing.incomplete += 1
            else:
                complete.append(score)
                for criterion in criteria:
                    standing.criterion_means[criterion.pk] = (standing.criterion_means.get(criterion.pk, 0)
                                                              + values[review_id][criterion.pk])
        if complete:
            standing.reviews = len(complete)
            standing.score = (sum(complete) / len(complete)).quantize(CENT)
            standing.criterion_means = {pk: (Decimal(total) / len(complete)).quantize(CENT)
                                        for pk, total in standing.criterion_means.items()}
        result.append(standing)
    result.sort(key=lambda s: (s.score is None, -(s.score or 0), s.proposal.title.casefold()))
    for position, standing in enumerate(result, 1):
        if standing.score is None:
            break
        previous = result[position - 2] if position > 1 else None
        standing.rank = previous.rank if previous and previous.score == standing.score else position
    return result


def reviewer_scores(proposal: Proposal, reviewer) -> tuple[Review | None, dict[int, int]]:
    review = proposal.reviews.filter(reviewer=reviewer).first()
    return review, dict(review.scores.values_list("criterion_id", "value")) if review else {}


# Decisions.

def committed(call: Call) -> Decimal:
    """What the accepted proposals of the call have been granted."""
    return call.proposals.filter(status=Proposal.Status.ACCEPTED).aggregate(
        total=Sum("requested_amount"))["total"] or Decimal(0)


def _check_decidable(proposal: Proposal, now) -> None:
    if proposal.status != Proposal.Status.SUBMITTED:
        raise CallError(_("Only submitted proposals wait for a decision."))
    if not deadline_passed(proposal.call, now):
        raise CallError(_("Decide after the deadline, when every proposal is in."))
    refresh_status(proposal.call, now)


def _close_when_all_decided(call: Call) -> None:
    if not call.proposals.filter(status=Proposal.Status.SUBMITTED).exists():
        call.status = Call.Status.DECIDED
        call.save(update_fields=["status"])


@transaction.atomic
def accept(proposal: Proposal, by, note: str = "", now=None) -> Initiative:
    """Accept a proposal: it becomes an initiative led by the proposing organisation in the call's territory,
    with the amount requested as its budget, funded by the territory's authority."""
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=proposal.call_id)
    proposal.call = call
    _check_decidable(proposal, now)
    granted = committed(call) + proposal.requested_amount
    if granted > call.budget:
        raise CallError(_("Accepting it would grant %(total)s %(currency)s in all, more than the call's budget of "
                          "%(budget)s %(currency)s.") % {"total": granted, "budget": call.budget,
                                                         "currency": call.currency})
    start = proposal.start_date
    initiative = Initiative.objects.create(
        title=proposal.title, description=proposal.summary, content_language=proposal.content_language,
        translations={language: {"title": texts["title"]} | ({"description": texts["summary"]}
                                                              if texts.get("summary") else {})
                      for language, texts in proposal.translations.items() if texts.get("title")},
        lead_organisation=proposal.organisation, territory=call.territory,
        status=(Initiative.Status.IMPLEMENTATION if start is None or start <= timezone.localdate(now)
                else Initiative.Status.PIPELINE),
        start_date=start, end_date=proposal.end_date, budget=proposal.requested_amount, currency=call.currency,
        planned_beneficiaries=proposal.planned_beneficiaries, created_by=by)
    initiative.terms.set(proposal.terms.all())
    authority = initiatives.authority_of(call.territory)
    Funding.objects.create(initiative=initiative, donor=authority,
                           donor_name="" if authority else call.territory.localized_name(call.content_language),
                           amount=proposal.requested_amount, currency=call.currency,
                           period_start=proposal.start_date, period_end=proposal.end_date)
    proposal.status, proposal.decision_note, proposal.initiative = Proposal.Status.ACCEPTED, note, initiative
    proposal.save(update_fields=["status", "decision_note", "initiative"])
    _close_when_all_decided(call)
    transaction.on_commit(lambda: proposal_decided(proposal))
    return initiative


@transaction.atomic
def reject(proposal: Proposal, by, reason: str, now=None) -> None:
    if not reason.strip():
        raise CallError(_("Give the reason for rejecting the proposal: the proposers will read it."))
    _check_decidable(proposal, now or timezone.now())
    proposal.status, proposal.decision_note = Proposal.Status.REJECTED, reason.strip()
    proposal.save(update_fields=["status", "decision_note"])
    _close_when_all_decided(proposal.call)
    transaction.on_commit(lambda: proposal_decided(proposal))


# E-mails to the proposers, in their language.

def _recipient(proposal: Proposal) -> tuple[str, str]:
    """(address, language) of whoever submitted the proposal, else of its organisation."""
    person = proposal.submitted_by
    if person is not None and person.is_active and person.email:
        profile = getattr(person, "profile", None)
        return person.email, getattr(profile, "language", "") or proposal.content_language
    return proposal.organisation.email, proposal.content_language


def proposal_decided(proposal: Proposal) -> int:
    address, language = _recipient(proposal)
    if not address:
        return 0
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    template = "accepted" if proposal.status == Proposal.Status.ACCEPTED else "rejected"
    with translation.override(language):
        context = {"proposal": proposal, "call_title": proposal.call.translated("title")[0],
                   "url": absolute_url("coordination:proposal", proposal.uuid)}
        if proposal.initiative_id:
            context["initiative_url"] = absolute_url("coordination:initiative", proposal.initiative.uuid)
        subject, _blank, body = render_to_string(f"coordination/calls/email/{template}.txt", context).partition("\n")
    message = EmailMultiAlternatives(subject.strip(), body.lstrip("\n"), settings.DEFAULT_FROM_EMAIL, [address])
    return get_connection().send_messages([message])
