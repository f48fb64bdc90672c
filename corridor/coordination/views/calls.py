"""Pages of the calls for proposals: territory administrators write, open and decide calls and assign
reviewers; organisation members write and submit proposals before the deadline; reviewers score them.
Every step is allowed or refused by calls.py, on the server."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record

from .. import calls, initiatives
from ..forms import CallForm, CriterionFormSet, DecisionForm, ProposalForm, ReviewerForm, ReviewForm
from ..models import Call, Proposal


def _call(request, uuid) -> Call:
    call = get_object_or_404(Call.objects.select_related("territory"), uuid=uuid)
    if not calls.can_read_call(request.user, call):
        raise Http404
    return calls.refresh_status(call)


def _managed_call(request, uuid) -> Call:
    call = _call(request, uuid)
    if not calls.can_manage(request.user, call):
        raise PermissionDenied
    return call


def _proposal(request, uuid) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("call__territory", "organisation", "initiative"),
                                 uuid=uuid)
    if not calls.can_read_proposal(request.user, proposal):
        raise Http404
    calls.refresh_status(proposal.call)
    return proposal


def call_list(request):
    listed = calls.readable_calls(request.user).select_related("territory").order_by("-deadline")
    now = timezone.now()
    mine = []
    if request.user.is_authenticated:
        mine = (Proposal.objects.filter(organisation__in=permissions.member_organisation_ids(request.user))
                .select_related("call", "organisation").order_by("-call__deadline", "title"))
    return render(request, "coordination/calls/list.html", {
        "open_calls": [call for call in listed if calls.accepts_proposals(call, now)],
        "other_calls": [call for call in listed if not calls.accepts_proposals(call, now)],
        "my_proposals": mine,
        "to_review": (Call.objects.filter(reviewers=request.user).exclude(status=Call.Status.DECIDED)
                      if request.user.is_authenticated else []),
        "can_create": permissions.is_territory_admin(request.user),
    })


def _settings_page(request, call: Call):
    data = request.POST if request.method == "POST" else None
    form = CallForm(data, instance=call, user=request.user)
    criteria = CriterionFormSet(data, instance=call, prefix="criteria") if call.status == Call.Status.DRAFT else None
    if request.method == "POST" and form.is_valid() and (criteria is None or criteria.is_valid()):
        with transaction.atomic():
            created = call.pk is None
            call = form.save()
            if criteria is not None:
                criteria.instance = call
                criteria.save()
        messages.success(request, _("Call created as a draft: check it, then open it.") if created
                         else _("Call saved."))
        return redirect("coordination:call", call.uuid)
    return render(request, "coordination/calls/form.html", {"form": form, "criteria": criteria, "call": call})


@login_required
def create(request):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    return _settings_page(request, Call(created_by=request.user))


@login_required
def edit(request, uuid):
    call = _managed_call(request, uuid)
    if call.status not in (Call.Status.DRAFT, Call.Status.OPEN):
        messages.error(request, _("The deadline has passed: the call can no longer be changed."))
        return redirect("coordination:call", call.uuid)
    return _settings_page(request, call)


def detail(request, uuid):
    call = _call(request, uuid)
    user = request.user
    proposals = call.proposals.select_related("organisation")
    manager, reviewer = calls.can_manage(user, call), calls.is_reviewer(user, call)
    return render(request, "coordination/calls/detail.html", {
        "call": call, "criteria": call.criteria.all(), "classification": initiatives.term_labels(call),
        "can_manage": manager, "is_reviewer": reviewer,
        "accepts_proposals": calls.accepts_proposals(call),
        "can_propose": calls.accepts_proposals(call) and calls.proposing_organisations(user).exists(),
        "my_proposals": proposals.filter(organisation__in=permissions.member_organisation_ids(user)),
        "to_review": ([(proposal, calls.can_review(user, proposal)) for proposal in
                       proposals.filter(status__in=calls.SUBMITTED_OR_DECIDED)] if reviewer else []),
        "accepted": proposals.filter(status=Proposal.Status.ACCEPTED).select_related("initiative"),
        "counts": {status: proposals.filter(status=status).count() for status in Proposal.Status} if manager else {},
        "committed": calls.committed(call),
    })


@login_required
@require_POST
def open_call(request, uuid):
    call = _managed_call(request, uuid)
    try:
        calls.open_call(call)
    except calls.CallError as refusal:
        messages.error(request, str(refusal))
    else:
        record("coordination.call_opened", actor=request.user, target=call)
        messages.success(request, _("The call is open: organisations can submit proposals until the deadline."))
    return redirect("coordination:call", call.uuid)


@login_required
def reviewers(request, uuid):
    call = _managed_call(request, uuid)
    form = ReviewerForm(request.POST if "person" in request.POST else None)
    if request.method == "POST":
        if "remove" in request.POST:
            for person in call.reviewers.filter(pk=request.POST["remove"]):
                call.reviewers.remove(person)
                record("coordination.call_reviewer_removed", actor=request.user, target=person,
                       territory=call.territory, call=str(call.uuid))
            messages.success(request, _("Reviewer removed; their scores are kept."))
            return redirect("coordination:call-reviewers", call.uuid)
        if form.is_valid():
            call.reviewers.add(form.cleaned_data["person"])
            record("coordination.call_reviewer_added", actor=request.user, target=form.cleaned_data["person"],
                   territory=call.territory, call=str(call.uuid))
            messages.success(request, _("%(name)s reviews the proposals of this call.")
                             % {"name": form.cleaned_data["person"].get_username()})
            return redirect("coordination:call-reviewers", call.uuid)
    return render(request, "coordination/calls/reviewers.html", {
        "call": call, "form": form, "reviewers": call.reviewers.order_by("username")})


@login_required
def ranking(request, uuid):
    call = _managed_call(request, uuid)
    criteria = list(call.criteria.all())
    standings = calls.standings(call)
    return render(request, "coordination/calls/ranking.html", {
        "call": call, "criteria": criteria, "can_decide": calls.can_decide(request.user, call),
        "rows": [(standing, [standing.criterion_means.get(criterion.pk) for criterion in criteria])
                 for standing in standings],
        "committed": calls.committed(call), "decision_form": DecisionForm(),
    })


def _proposal_page(request, proposal: Proposal, call: Call):
    form = ProposalForm(request.POST if request.method == "POST" else None, instance=proposal, user=request.user,
                        call=call)
    if request.method == "POST" and form.is_valid():
        created = proposal.pk is None
        proposal = form.save()
        messages.success(request, _("Draft saved. Submit it before the deadline.") if created else _("Proposal saved."))
        return redirect("coordination:proposal", proposal.uuid)
    return render(request, "coordination/calls/proposal_form.html", {"form": form, "proposal": proposal,
                                                                     "call": call})


@login_required
def propose(request, uuid):
    call = _call(request, uuid)
    if not calls.accepts_proposals(call):
        messages.error(request, _("The call no longer accepts proposals: its deadline has passed.")
                       if call.status != Call.Status.DRAFT else _("The call is not open yet."))
        return redirect("coordination:call", call.uuid)
    if not calls.proposing_organisations(request.user).exists():
        raise PermissionDenied
    return _proposal_page(request, Proposal(call=call), call)


def _editable_proposal(request, uuid) -> Proposal | None:
    """The proposal, when `request.user` may still change it; None (with the reason shown) when too late."""
    proposal = _proposal(request, uuid)
    if not calls.is_proposer(request.user, proposal):
        raise PermissionDenied
    if not calls.can_edit_proposal(request.user, proposal):
        messages.error(request, _("This proposal was already submitted.") if proposal.status != Proposal.Status.DRAFT
                       else _("The call no longer accepts proposals: its deadline has passed."))
        return None
    return proposal


def proposal_detail(request, uuid):
    proposal = _proposal(request, uuid)
    user, call = request.user, proposal.call
    manager = calls.can_manage(user, call)
    standing = next((s for s in calls.standings(call) if s.proposal.pk == proposal.pk), None) if manager else None
    own_review, own_scores = calls.reviewer_scores(proposal, user) if user.is_authenticated else (None, {})
    return render(request, "coordination/calls/proposal.html", {
        "proposal": proposal, "call": call, "classification": initiatives.term_labels(proposal),
        "is_proposer": calls.is_proposer(user, proposal), "can_edit": calls.can_edit_proposal(user, proposal),
        "can_review": calls.can_review(user, proposal), "own_review": own_review,
        "own_scores": [(criterion, own_scores.get(criterion.pk)) for criterion in call.criteria.all()],
        "standing": standing, "can_decide": calls.can_decide(user, call) and
        proposal.status == Proposal.Status.SUBMITTED, "decision_form": DecisionForm(),
        "reviews": proposal.reviews.select_related("reviewer").prefetch_related("scores__criterion") if manager else [],
    })


@login_required
def proposal_edit(request, uuid):
    proposal = _editable_proposal(request, uuid)
    if proposal is None:
        return redirect("coordination:proposal", uuid)
    return _proposal_page(request, proposal, proposal.call)


@login_required
@require_POST
def proposal_submit(request, uuid):
    proposal = _proposal(request, uuid)
    if not calls.is_proposer(request.user, proposal):
        raise PermissionDenied
    try:
        calls.submit(proposal, request.user)
    except calls.CallError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Proposal submitted. You will be told of the decision by e-mail."))
    return redirect("coordination:proposal", proposal.uuid)


@login_required
@require_POST
def proposal_delete(request, uuid):
    proposal = _editable_proposal(request, uuid)
    if proposal is None:
        return redirect("coordination:proposal", uuid)
    proposal.delete()
    messages.success(request, _("Draft deleted."))
    return redirect("coordination:call", proposal.call.uuid)


@login_required
def review(request, uuid):
    proposal = _proposal(request, uuid)
    if not calls.can_review(request.user, proposal):
        raise PermissionDenied
    criteria = proposal.call.criteria.all()
    existing, scores = calls.reviewer_scores(proposal, request.user)
    initial = {f"criterion_{pk}": value for pk, value in scores.items()}
    initial["comment"] = existing.comment if existing else ""
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        calls.save_review(proposal, request.user, form.scores(), form.cleaned_data["comment"])
        messages.success(request, _("Your scores are saved. You can change them until the decision."))
        return redirect("coordination:call", proposal.call.uuid)
    return render(request, "coordination/calls/review.html", {"proposal": proposal, "form": form})


@login_required
@require_POST
def decide(request, uuid):
    proposal = _proposal(request, uuid)
    if not calls.can_decide(request.user, proposal.call):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("coordination:proposal", proposal.uuid)
    note = form.cleaned_data["note"].strip()
    try:
        if form.cleaned_data["decision"] == "accept":
            initiative = calls.accept(proposal, request.user, note)
            record("coordination.proposal_accepted", actor=request.user, target=proposal,
                   territory=proposal.call.territory)
            messages.success(request, _("Proposal accepted: it is now the initiative “%(title)s”.")
                             % {"title": initiative.title})
        else:
            calls.reject(proposal, request.user, note)
            record("coordination.proposal_rejected", actor=request.user, target=proposal,
                   territory=proposal.call.territory)
            messages.success(request, _("Proposal rejected; the proposers are told why."))
    except calls.CallError as refusal:
        messages.error(request, str(refusal))
    return redirect("coordination:call-ranking", proposal.call.uuid)
