"""Organisers set up their consultations: settings, rounds and questions, opening and closing,
invitations. Every view checks access.can_organise on the server."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions

from .. import access, moderation
from ..forms import (
    ConsultationForm,
    InviteForm,
    QuestionFormSet,
    RoundFormSet,
    rounds_and_questions_valid,
    save_rounds_and_questions,
)
from ..models import Consultation, Contribution
from .common import organised_consultation


@login_required
def my_consultations(request):
    # Distinct: the organisers' filter joins rows that would otherwise multiply the count.
    pending = Count("contributions", filter=Q(contributions__status=Contribution.Status.PENDING), distinct=True)
    return render(request, "consultations/organise/mine.html", {
        "consultations": access.organised_consultations(request.user).annotate(pending=pending)
                                                                      .order_by("-created_at")[:200],
        "may_create": access.can_create_consultation(request.user),
    })


def _settings_form(request, consultation):
    return ConsultationForm(request.POST if request.method == "POST" else None, instance=consultation,
                            territories=permissions.administered_territories(request.user),
                            organisations=permissions.editable_organisations(request.user))


@login_required
def create(request):
    if not access.can_create_consultation(request.user):
        raise PermissionDenied
    form = _settings_form(request, Consultation(created_by=request.user))
    if request.method == "POST" and form.is_valid():
        consultation = form.save()
        consultation.organisers.add(request.user)
        messages.success(request, _("Consultation created. Now write its questions."))
        return redirect("consultations:questions", consultation.slug)
    return render(request, "consultations/organise/settings.html", {"form": form, "consultation": None})


@login_required
def edit(request, slug):
    consultation = organised_consultation(request, slug)
    form = _settings_form(request, consultation)
    if request.method == "POST" and form.is_valid():
        consultation = form.save()
        messages.success(request, _("Settings saved."))
        return redirect("consultations:detail", consultation.slug)
    return render(request, "consultations/organise/settings.html", {"form": form, "consultation": consultation})


@login_required
def questions(request, slug):
    """Rounds (weeks) and numbered questions, with their translations into the consultation's
    other languages."""
    consultation = organised_consultation(request, slug)
    data = request.POST if request.method == "POST" else None
    languages = [code for code in consultation.languages if code != consultation.content_language]
    rounds = RoundFormSet(data, instance=consultation, prefix="rounds", languages=languages)
    question_forms = QuestionFormSet(data, instance=consultation, prefix="questions", languages=languages,
                                     queryset=consultation.questions.select_related("round"))
    if request.method == "POST" and rounds_and_questions_valid(rounds, question_forms):
        save_rounds_and_questions(rounds, question_forms)
        messages.success(request, _("Questions saved."))
        return redirect("consultations:questions", slug)
    return render(request, "consultations/organise/questions.html", {
        "consultation": consultation, "rounds": rounds, "questions": question_forms,
    })


@login_required
@require_POST
def change_status(request, slug):
    consultation = organised_consultation(request, slug)
    try:
        moderation.change_status(consultation, request.POST.get("status", ""), request.user)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The consultation is now “%(status)s”.") % {
            "status": consultation.get_status_display()})
    return redirect("consultations:detail", slug)


@login_required
def invite(request, slug):
    consultation = organised_consultation(request, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invited = moderation.invite(consultation, form.cleaned_data["emails"], request.user)
        messages.success(request, _("%(count)d people invited.") % {"count": len(invited)})
        return redirect("consultations:invite", slug)
    return render(request, "consultations/organise/invite.html", {
        "consultation": consultation, "form": form,
        "invited": consultation.participants.filter(invited=True).order_by("email"),
    })
