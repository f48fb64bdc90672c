"""Possible overlaps, for the administrators of a territory: pairs of services and initiatives doing the same
thing for the same people in the same place at the same time, most alike first. The coordinator records a
decision on each pair (real overlap, complementary, not an overlap) with a note; a reviewed pair leaves the
list and is kept with its decision, which can be reopened."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record

from .. import briefing, coverage, overlaps
from ..forms_analysis import OverlapFilterForm, OverlapReviewForm, TerritoryForm
from ..models import OverlapReview

PAIRS_PER_PAGE = 20


def _administered(request, form):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    territory = form.chosen_territory(request.user)
    if form.has_error("territory") or territory is None or \
            not permissions.can_administer_territory(request.user, territory):
        raise PermissionDenied
    return territory


def _filters(request):
    return OverlapFilterForm(request.GET or None, territories=permissions.administered_territories(request.user))


@login_required
def overlap_list(request):
    """GET lists the pairs not reviewed yet; POST records a decision on one of them."""
    form = _filters(request)
    territory = _administered(request, form)
    review = None
    if request.method == "POST":
        review = OverlapReviewForm(request.POST)
        if review.is_valid():
            first, second = review.cleaned_data["first"], review.cleaned_data["second"]
            if not (overlaps.belongs(territory, first) and overlaps.belongs(territory, second)):
                raise PermissionDenied
            decided, _created = OverlapReview.objects.update_or_create(first=first, second=second, defaults={
                "territory": territory, "decision": review.cleaned_data["decision"],
                "note": review.cleaned_data["note"], "reviewed_by": request.user})
            record("coordination.overlap_decided", actor=request.user, target=decided, decision=decided.decision)
            messages.success(request, _("Decision recorded: %(decision)s.") % {
                "decision": OverlapReview.Decision(review.cleaned_data["decision"]).label})
            return redirect(request.get_full_path())
    found = overlaps.find(territory, min_similarity=form.min_similarity())
    page = Paginator(found, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    records = coverage.records(entry for overlap in page for entry in (overlap.first, overlap.second))
    places = briefing.place_names(page.object_list)
    pairs = []
    for number, overlap in enumerate(page, start=1):
        first, second = records.get(overlap.first.key), records.get(overlap.second.key)
        if first is None or second is None:  # deleted since the list was computed
            continue
        keys = sorted((overlaps.review_key(first), overlaps.review_key(second)))
        bound = review if review is not None and sorted(
            (review.data.get("first", ""), review.data.get("second", ""))) == keys else None
        pairs.append({"overlap": overlap, "first": first, "second": second,
                      "blocks": [briefing.block_label(block, places) for block in overlap.blocks],
                      "form": bound or OverlapReviewForm(initial={"first": keys[0], "second": keys[1]},
                                                         auto_id=f"pair-{number}-%s")})
    if review is not None and not any(pair["form"] is review for pair in pairs):
        messages.error(request, _("This pair is no longer in the list: it was reviewed already or changed."))
    return render(request, "coordination/overlaps/list.html", {
        "form": form, "territory": territory, "page": page, "pairs": pairs, "count": len(found),
        "reviewed": OverlapReview.objects.filter(territory__path__startswith=territory.path).count(),
    })


@login_required
def overlap_reviews(request):
    form = TerritoryForm(request.GET or None, territories=permissions.administered_territories(request.user))
    territory = _administered(request, form)
    reviews = list(OverlapReview.objects.filter(territory__path__startswith=territory.path)
                   .select_related("territory", "reviewed_by"))
    records = overlaps.records_for_keys(key for review in reviews for key in (review.first, review.second))
    return render(request, "coordination/overlaps/reviewed.html", {
        "form": form, "territory": territory,
        "reviews": [{"review": review, "names": [briefing.record_name(records[key]) if key in records else ""
                                                 for key in (review.first, review.second)]} for review in reviews],
    })


@login_required
@require_POST
def overlap_reopen(request, pk):
    review = get_object_or_404(OverlapReview.objects.select_related("territory"), pk=pk)
    if not permissions.can_administer_territory(request.user, review.territory):
        raise PermissionDenied
    record("coordination.overlap_reopened", actor=request.user, target=review)
    review.delete()
    messages.success(request, _("The pair is back in the list of possible overlaps."))
    return redirect(f"{reverse('coordination:overlap-reviews')}?{urlencode({'territory': review.territory.path})}")


@login_required
def overlap_csv(request):
    form = _filters(request)
    territory = _administered(request, form)
    found = overlaps.find(territory, min_similarity=form.min_similarity())
    return briefing.csv_response(briefing.overlap_rows(found), f"overlaps-{territory.slug}.csv")
