"""What coordination keeps about a person (see core/personal_data.py): the proposals they submitted, their
reviews of proposals and the calls they review, and what they recorded. The records themselves belong to
organisations and territories and stay, without the person (their links are cleared with the account);
reviews go with their reviewer's account."""
from .models import Initiative, Need, OverlapReview, Proposal, Review


def export(user) -> dict:
    return {
        "proposals_submitted": [{"call": p.call.title, "title": p.title, "organisation": p.organisation.name,
                                 "submitted_at": p.submitted_at}
                                for p in Proposal.objects.filter(submitted_by=user).select_related("call", "organisation")],
        "reviews": [{"proposal": r.proposal.title, "comment": r.comment, "updated_at": r.updated_at,
                     "scores": {s.criterion.title: s.value for s in r.scores.select_related("criterion")}}
                    for r in Review.objects.filter(reviewer=user).select_related("proposal")],
        "calls_to_review": list(user.calls_to_review.values_list("title", flat=True)),
        "initiatives_created": list(Initiative.objects.filter(created_by=user).values_list("title", flat=True)),
        "needs_recorded": list(Need.objects.filter(recorded_by=user).values_list("title", flat=True)),
        "overlap_reviews": OverlapReview.objects.filter(reviewed_by=user).count(),
    }


def erase(user, identifiers) -> None:
    """Nothing to do beyond the account's deletion: reviews cascade, authorship links are cleared."""
