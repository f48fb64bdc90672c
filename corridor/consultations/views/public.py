"""What participants read and do: the list of consultations, a consultation with its questions and
its threaded discussion, a contribution's own page, the contribution form, following and the
published report."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import access, intake, notifications, reporting
from ..forms import ContributionFilterForm, ContributionForm
from ..models import Consultation, Contribution, Participant, Report
from .common import readable_consultation

THREADS_PER_PAGE = 30


def consultation_list(request):
    """Open consultations first, then the others, most recent first."""
    consultations = access.readable_consultations(request.user).annotate(
        open_first=Case(When(status=Consultation.Status.OPEN, then=Value(0)), default=Value(1),
                        output_field=IntegerField()),
    ).order_by("open_first", "-opens_at", "-created_at").prefetch_related("organising_organisations")
    return render(request, "consultations/list.html", {
        "consultations": consultations[:200],
        "organises_some": access.organised_consultations(request.user).exists(),
    })


def _discussion(user, consultation):
    """What the discussion shows: the contributions the reader may see, except rejected ones."""
    return (access.visible_contributions(user, consultation).exclude(status=Contribution.Status.REJECTED)
            .select_related("author", "organisation")
            .prefetch_related("answers__question", "attachments"))


def _threads(contributions) -> list[Contribution]:
    """The contributions that start a thread, each with `thread_replies` (recursively). A reply whose
    parent is not shown starts its own thread."""
    shown = {contribution.pk: contribution for contribution in contributions}
    roots = []
    for contribution in contributions:
        contribution.thread_replies = []
    for contribution in contributions:
        parent = shown.get(contribution.reply_to_id)
        (parent.thread_replies if parent else roots).append(contribution)
    return roots


def published_report(consultation) -> Report | None:
    return consultation.reports.filter(status=Report.Status.PUBLISHED).first()


def consultation_detail(request, slug):
    consultation = readable_consultation(request, slug)
    contributions = _discussion(request.user, consultation)
    languages = sorted(set(contributions.values_list("language", flat=True)) | set(consultation.languages))
    filters = ContributionFilterForm(request.GET, consultation=consultation, languages=languages)
    threads = Paginator(_threads(list(filters.apply(contributions))), THREADS_PER_PAGE).get_page(
        request.GET.get("page"))
    can_organise = access.can_organise(request.user, consultation)
    return render(request, "consultations/detail.html", {
        "consultation": consultation,
        "rounds": consultation.rounds.prefetch_related("questions"),
        "questions_without_round": consultation.questions.filter(round=None),
        "filters": filters,
        "threads": threads,
        "report": published_report(consultation),
        "can_contribute": access.can_contribute(request.user, consultation),
        "opens_later": consultation.status == Consultation.Status.OPEN and consultation.opens_at is not None
        and consultation.opens_at > timezone.now(),
        "can_organise": can_organise,
        "pending_count": consultation.contributions.filter(status=Contribution.Status.PENDING).count()
        if can_organise else 0,
        "following": notifications.follower(consultation, request.user),
    })


def _visible_contribution(request, consultation, uuid) -> Contribution:
    return get_object_or_404(access.visible_contributions(request.user, consultation), uuid=uuid)


def contribution_detail(request, slug, uuid):
    """A contribution's own address, which the report cites, with the replies to it."""
    consultation = readable_consultation(request, slug)
    contribution = _visible_contribution(request, consultation, uuid)
    replies = _discussion(request.user, consultation).filter(reply_to=contribution)
    return render(request, "consultations/contribution.html", {
        "consultation": consultation,
        "contribution": contribution,
        "replies": replies,
        "parent": (_discussion(request.user, consultation).filter(pk=contribution.reply_to_id).first()
                   if contribution.reply_to_id else None),
        "can_contribute": access.can_contribute(request.user, consultation),
    })


def attachment(request, slug, uuid, pk):
    """Attachments are served only to those who may read their contribution, and always as
    downloads, so that a file cannot run as a page of this site."""
    consultation = readable_consultation(request, slug)
    contribution = _visible_contribution(request, consultation, uuid)
    document = get_object_or_404(contribution.attachments, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename,
                        content_type=document.content_type or "application/octet-stream")


def contribute(request, slug, uuid=None):
    """The contribution form; with `uuid`, a reply to that contribution."""
    consultation = readable_consultation(request, slug)
    reply_to = _visible_contribution(request, consultation, uuid) if uuid else None
    if not access.can_contribute(request.user, consultation):
        if consultation.is_accepting() and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        messages.error(request, _("This consultation is not accepting contributions."))
        return redirect("consultations:detail", slug)
    initial = {"questions": sorted({a.question.number for a in reply_to.answers.all() if a.question_id})
               } if reply_to else None
    form = ContributionForm(request.POST or None, request.FILES or None, consultation=consultation,
                            user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = intake.receive(form.submission(reply_to))
        except intake.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            if not outcome.created:
                messages.info(request, _("We already have this contribution: it was not added a second time."))
            return redirect("consultations:contributed", slug, outcome.contribution.uuid)
    return render(request, "consultations/contribute.html", {
        "consultation": consultation, "form": form, "reply_to": reply_to,
    })


def contributed(request, slug, uuid):
    """The confirmation after sending: published at once, or waiting for the organisers."""
    consultation = readable_consultation(request, slug)
    contribution = get_object_or_404(consultation.contributions, uuid=uuid)
    return render(request, "consultations/contributed.html", {
        "consultation": consultation, "contribution": contribution,
    })


@login_required
@require_POST
def follow(request, slug):
    consultation = readable_consultation(request, slug)
    if request.POST.get("action") == "unfollow":
        notifications.unfollow(consultation, request.user)
        messages.success(request, _("You will no longer receive e-mails about this consultation."))
    elif not request.user.email:
        messages.error(request, _("Add an e-mail address to your account to follow a consultation."))
    else:
        notifications.follow(consultation, request.user)
        messages.success(request, _("You will receive an e-mail when the consultation opens and when its report "
                                    "is published."))
    return redirect("consultations:detail", slug)


@csrf_exempt  # the secret token authorises it, and mail programs unsubscribe in one click (RFC 8058)
def unsubscribe(request, token):
    participant = get_object_or_404(Participant.objects.select_related("consultation"), token=token)
    done = request.method == "POST"
    if done:
        notifications.unsubscribe(token)
    return render(request, "consultations/unsubscribe.html", {"participant": participant, "done": done})


def report(request, slug):
    """The published report of a consultation, in a page, with its downloads."""
    consultation = readable_consultation(request, slug)
    published = published_report(consultation)
    if published is None:
        raise Http404
    return render(request, "consultations/report_public.html", {
        "consultation": consultation, "report": published, "document": reporting.document(published),
    })
