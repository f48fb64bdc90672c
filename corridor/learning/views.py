"""Learning modules: the list, a module with the reader's progress, a topic with its points for
reflection, a cohort's answers for its facilitators, the printable PDF and the import for platform
admins. Every right is checked here, on the server, through access.py."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.audit.log import record
from corridor.consultations import intake

from . import access, content, exports, markdown_import, participation
from .forms import AddLearnerForm, AnswerForm, ImportForm
from .models import Module


def _module(request, slug) -> Module:
    """The module, or "not found" for people who may not read it (drafts)."""
    module = get_object_or_404(Module.objects.select_related("reflection"), slug=slug)
    if not access.can_read(request.user, module):
        raise Http404
    return module


def _enrolment_or_refuse(request, module):
    enrolment = access.enrolment(request.user, module)
    if enrolment is None:
        messages.error(request, _("Enrol in the module first."))
    return enrolment


def module_list(request):
    modules = list(access.readable_modules(request.user).annotate(topic_count=Count("topics")))
    enrolled = {}
    if request.user.is_authenticated:
        for enrolment in request.user.learning_enrolments.select_related("module"):
            enrolled[enrolment.module_id] = participation.progress(enrolment)
    for module in modules:
        module.progress = enrolled.get(module.pk)
    return render(request, "learning/list.html", {"modules": modules, "can_manage": access.can_manage(request.user)})


def module_detail(request, slug):
    module = _module(request, slug)
    enrolment = access.enrolment(request.user, module)
    progress = participation.progress(enrolment) if enrolment else None
    topics = list(module.topics.prefetch_related("round__questions"))
    for topic in topics:
        topic.title_text = content.Text(*topic.translated("title"))
        point_ids = {question.pk for question in topic.round.questions.all()}
        topic.point_count = len(point_ids)
        if progress:
            topic.is_read = topic.pk in progress.read_topic_ids
            topic.answered = len(point_ids & progress.answered_question_ids)
    return render(request, "learning/module.html", {
        "module": module, "title": content.module_title(module), "summary": module.translated("summary"),
        "topics": topics, "enrolment": enrolment, "progress": progress,
        "can_enrol": access.can_enrol(request.user, module),
        "cohorts": access.facilitated_cohorts(request.user, module).annotate(learners=Count("enrolments")),
        "can_manage": access.can_manage(request.user),
    })


@login_required
@require_POST
def enrol(request, slug):
    module = _module(request, slug)
    if not access.can_enrol(request.user, module):
        raise PermissionDenied
    participation.enrol(module, request.user)
    messages.success(request, _("You are enrolled. Start with the first topic."))
    return redirect("learning:module", slug)


def _topic_page(request, module, number, *, bound_form=None, status=200):
    topic = get_object_or_404(module.topics.select_related("round"), number=number)
    view = content.topic_view(topic)
    enrolment = access.enrolment(request.user, module)
    visible = access.visible_answers(request.user, module).filter(question__round=topic.round) \
        .select_related("contribution__author").order_by("-contribution__submitted_at", "position")
    peers = access.cohort_peers(request.user, module)
    for point in view.points:
        point.own_answers = [a for a in visible if a.question_id == point.pk
                             and a.contribution.author_id == request.user.pk]
        point.cohort_answers = [a for a in visible if a.question_id == point.pk
                                and a.contribution.author_id in peers]
        point.form = bound_form if bound_form is not None and bound_form.prefix == f"point-{point.number}" \
            else AnswerForm(question=point)
    topics = list(module.topics.only("number", "title", "translations", "content_language"))
    index = next(i for i, other in enumerate(topics) if other.pk == topic.pk)
    return render(request, "learning/topic.html", {
        "module": module, "module_title": content.module_title(module), "topic": topic, "view": view,
        "enrolment": enrolment, "can_enrol": access.can_enrol(request.user, module),
        "is_read": bool(enrolment and enrolment.reads.filter(topic=topic).exists()),
        "previous": topics[index - 1] if index else None,
        "next": topics[index + 1] if index + 1 < len(topics) else None,
    }, status=status)


def topic_detail(request, slug, number):
    return _topic_page(request, _module(request, slug), number)


@login_required
@require_POST
def answer(request, slug, number, point):
    module = _module(request, slug)
    topic = get_object_or_404(module.topics.select_related("round"), number=number)
    question = get_object_or_404(topic.round.questions, number=point)
    enrolment = _enrolment_or_refuse(request, module)
    if enrolment is None:
        return redirect("learning:module", slug)
    form = AnswerForm(request.POST, question=question)
    if form.is_valid():
        try:
            outcome = participation.answer(enrolment, question, form.cleaned_data["text"])
        except intake.Refused as refusal:
            form.add_error("text", str(refusal))
        else:
            messages.success(request, _("Your answer is saved.") if outcome.created
                             else _("You had already sent this answer: it was not added a second time."))
            return redirect(reverse("learning:topic", args=[slug, number]) + f"#point-{question.number}")
    return _topic_page(request, module, number, bound_form=form, status=400)


@login_required
@require_POST
def mark_read(request, slug, number):
    module = _module(request, slug)
    topic = get_object_or_404(module.topics, number=number)
    enrolment = _enrolment_or_refuse(request, module)
    if enrolment is None:
        return redirect("learning:module", slug)
    participation.mark_read(enrolment, topic)
    messages.success(request, _("Topic %(number)s is marked as read.") % {"number": topic.number})
    return redirect("learning:module", slug)


def cohort_detail(request, slug, pk):
    """A cohort's learners, their progress and their answers, for its facilitators."""
    module = _module(request, slug)
    cohort = get_object_or_404(module.cohorts, pk=pk)
    if not access.can_follow_cohort(request.user, cohort):
        raise Http404 if not request.user.is_authenticated else PermissionDenied
    form = AddLearnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = participation.add_to_cohort(cohort, form.cleaned_data["identifier"])
        except participation.NotAllowed as refusal:
            form.add_error("identifier", str(refusal))
        else:
            messages.success(request, _("%(name)s follows the module in this cohort.")
                             % {"name": enrolment.learner.get_username()})
            return redirect("learning:cohort", slug, pk)
    learners = cohort.enrolments.values("learner")
    answers = (access.visible_answers(request.user, module).filter(contribution__author__in=learners)
               .select_related("contribution__author").order_by("contribution__submitted_at", "position"))
    by_question = {}
    for found in answers:
        by_question.setdefault(found.question_id, []).append(found)
    topics = [content.topic_view(topic) for topic in module.topics.select_related("round")]
    for view in topics:
        for point in view.points:
            point.cohort_answers = by_question.get(point.pk, [])
    return render(request, "learning/cohort.html", {
        "module": module, "module_title": content.module_title(module), "cohort": cohort,
        "learners": participation.cohort_progress(cohort), "topics": topics, "form": form,
        "topic_count": len(topics), "point_count": sum(len(view.points) for view in topics),
    }, status=400 if form.errors else 200)


def download_pdf(request, slug):
    module = _module(request, slug)
    language = (get_language() or "en").split("-")[0]
    response = HttpResponse(exports.cached_pdf(module, language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{module.slug}-{language}.pdf"'
    return response


@login_required
def import_module(request):
    if not access.can_manage(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            module = markdown_import.import_files(form.module_files(), by=request.user)
        except markdown_import.InvalidModule as invalid:
            problems = invalid.problems
        else:
            record("learning.module_imported", actor=request.user, target=module)
            messages.success(request, _("The module “%(title)s” is imported.") % {"title": module.title})
            return redirect("learning:module", module.slug)
    return render(request, "learning/import.html", {"form": form, "problems": problems},
                  status=400 if problems or form.errors else 200)
