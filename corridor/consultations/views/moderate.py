"""The moderation queue: organisers read pending contributions, oldest first, correct how they were
read (language, questions answered) and publish or reject them. Decisions are taken by moderation.py."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import moderation
from ..forms import AnswerQuestionForm, BulkPublishForm, LanguageForm, RejectForm
from ..models import Answer, Contribution
from .common import organised_consultation


@login_required
def queue(request, slug):
    consultation = organised_consultation(request, slug)
    pending = list(consultation.contributions.filter(status=Contribution.Status.PENDING).order_by("received_at", "id")
                   .select_related("author", "organisation").prefetch_related("answers__question", "attachments"))
    # Each contribution gets its own small forms; ids are made unique across the page.
    for contribution in pending:
        contribution.author_real_name = moderation.author_name(contribution)
        contribution.language_form = LanguageForm(consultation=consultation,
                                                  initial={"language": contribution.language},
                                                  auto_id=f"id_{contribution.uuid}_%s")
        contribution.reject_form = RejectForm(auto_id=f"id_{contribution.uuid}_%s")
        for answer in contribution.answers.all():
            answer.form = AnswerQuestionForm(consultation=consultation, initial={"question": answer.question_id},
                                             auto_id=f"id_answer{answer.pk}_%s")
    counts = {status: consultation.contributions.filter(status=status).count() for status in Contribution.Status}
    return render(request, "consultations/moderation/queue.html", {
        "consultation": consultation, "pending": pending, "counts": counts,
    })


def _contribution(request, slug, uuid):
    consultation = organised_consultation(request, slug)
    return get_object_or_404(consultation.contributions, uuid=uuid)


def _back_to(contribution):
    return redirect(reverse("consultations:moderation", args=[contribution.consultation.slug])
                    + f"#c-{contribution.uuid}")


@login_required
@require_POST
def publish(request, slug, uuid):
    contribution = _contribution(request, slug, uuid)
    moderation.publish(contribution, request.user)
    messages.success(request, _("Contribution by %(author)s published.") % {"author": contribution.display_author})
    return redirect("consultations:moderation", slug)


@login_required
@require_POST
def publish_selected(request, slug):
    consultation = organised_consultation(request, slug)
    form = BulkPublishForm(request.POST, consultation=consultation)
    if form.is_valid():
        count = moderation.publish_many(form.cleaned_data["contributions"], request.user)
        messages.success(request, _("%(count)d contributions published.") % {"count": count})
    else:
        messages.error(request, _("Tick the contributions to publish."))
    return redirect("consultations:moderation", slug)


@login_required
@require_POST
def reject(request, slug, uuid):
    contribution = _contribution(request, slug, uuid)
    try:
        moderation.reject(contribution, request.user, request.POST.get("reason", ""))
    except ValueError as error:  # no reason given
        messages.error(request, str(error))
        return _back_to(contribution)
    messages.success(request, _("Contribution by %(author)s rejected; its author is told why.") % {
        "author": contribution.display_author})
    return redirect("consultations:moderation", slug)


@login_required
@require_POST
def correct_language(request, slug, uuid):
    contribution = _contribution(request, slug, uuid)
    form = LanguageForm(request.POST, consultation=contribution.consultation)
    if form.is_valid():
        moderation.correct_language(contribution, form.cleaned_data["language"], request.user)
        messages.success(request, _("Language corrected."))
    else:
        messages.error(request, _("Choose a language from the list."))
    return _back_to(contribution)


@login_required
@require_POST
def reassign_answer(request, slug, pk):
    consultation = organised_consultation(request, slug)
    answer = get_object_or_404(Answer.objects.select_related("contribution__consultation"),
                               pk=pk, contribution__consultation=consultation)
    form = AnswerQuestionForm(request.POST, consultation=consultation)
    if form.is_valid():
        moderation.reassign_answer(answer, form.cleaned_data["question"], request.user)
        messages.success(request, _("Answer moved."))
    else:
        messages.error(request, _("Choose a question from the list."))
    return _back_to(answer.contribution)
