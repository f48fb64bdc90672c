"""Pages of the knowledge library: everyone searches, browses (facets, map by country), reads and
compares published practices; writers and reviewers edit, translate and move practices through the
workflow; administrators import files. Rights come from access.py, steps from workflow.py."""
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.audit.log import record
from corridor.core.languages import is_language_code
from corridor.core.public_cache import cached_public_page
from corridor.directory.importing import ImportFailed

from . import access, exchange, mapping, presentation, search, similarity, template, workflow
from .forms import CompareForm, ImportForm, PracticeForm, SearchForm, TranslationForm
from .models import GoodPractice

INTERFACE_LANGUAGES = ("en", "fr", "es", "ar")


def _practice(request, uuid) -> GoodPractice:
    practice = get_object_or_404(GoodPractice.objects.select_related("source_contribution__consultation")
                                 .prefetch_related("terms", "organisations__territory", "territories",
                                                   "initiatives"), uuid=uuid)
    if not access.can_read(request.user, practice):
        raise Http404
    return practice


def _searched(request):
    form = SearchForm(request.GET)
    result = None
    if form.is_valid():
        page = request.GET.get("page", "1")
        result = search.search(form.to_query(get_language()), page=int(page) if page.isdigit() else 1)
        _link_facets(request, result)
    return form, result


def _link_facets(request, result: search.SearchResult) -> None:
    """Give each facet option the address that selects it (or, when selected, removes it), so that
    refining is a plain link."""
    for facet in result.facets:
        for option in facet.options:
            params = request.GET.copy()
            params.pop("page", None)
            if option.selected:
                params.pop(facet.parameter, None)
            else:
                params[facet.parameter] = option.code
            option.url = "?" + params.urlencode()
    result.active = [(facet.name, option) for facet in result.facets for option in facet.options if option.selected]


@cached_public_page("library")
def practice_list(request):
    form, result = _searched(request)
    return render(request, "library/list.html", {
        "form": form, "result": result, "can_create": access.can_create(request.user),
        "can_import": access.can_import(request.user)})


@cached_public_page("library")
def practice_map(request):
    form, result = _searched(request)
    return render(request, "library/map.html", {
        "form": form, "result": result,
        "map": mapping.country_map(result.countries, rtl=get_language_bidi()) if result else ""})


def detail(request, uuid):
    practice = _practice(request, uuid)
    user = request.user
    can_write, can_review = access.can_write(user, practice), access.can_review(user, practice)
    translations = [(code, practice.translations.get(code), practice.status_of_translation(code))
                    for code in dict.fromkeys([*INTERFACE_LANGUAGES, *practice.translations])
                    if code != practice.content_language]
    return render(request, "library/detail.html", {
        "practice": practice, "fields": presentation.fields(practice), "tags": presentation.tags(practice),
        "links": presentation.links(practice), "similar": similarity.similar(practice),
        "can_write": can_write, "can_review": can_review, "can_edit": access.can_edit_now(user, practice),
        "problems": [(GoodPractice._meta.get_field(name).verbose_name, message)
                     for name, message in template.problems(practice).items()] if can_write else [],
        "translations": translations if can_write else [],
    })


@login_required
def create(request):
    if not access.can_create(request.user):
        raise PermissionDenied
    return _edit(request, GoodPractice(content_language=get_language()))


@login_required
def edit(request, uuid):
    practice = _practice(request, uuid)
    if not access.can_edit_now(request.user, practice):
        raise PermissionDenied
    return _edit(request, practice)


def _edit(request, practice: GoodPractice):
    submitting = request.POST.get("action") == "submit"
    form = PracticeForm(request.POST or None, instance=practice, user=request.user,
                        complete=submitting or practice.status != GoodPractice.Status.DRAFT)
    if request.method == "POST" and form.is_valid():
        practice = form.save(request.user)
        if submitting:
            try:
                workflow.submit(practice, request.user)
            except workflow.WorkflowError as error:
                messages.error(request, _problem_list(error))
            else:
                messages.success(request, _("Saved and submitted for review."))
        else:
            messages.success(request, _("Saved."))
        return redirect("library:detail", practice.uuid)
    return render(request, "library/form.html", {"form": form, "practice": practice})


STEPS = {
    "submit": lambda practice, user, note: workflow.submit(practice, user),
    "publish": lambda practice, user, note: workflow.publish(practice, user),
    "return": workflow.return_to_writers,
    "withdraw": lambda practice, user, note: workflow.withdraw(practice, user),
}
DONE = {
    "submit": _("Submitted for review."),
    "publish": _("Published: everyone can read it now."),
    "return": _("Returned to its writers with your note."),
    "withdraw": _("Withdrawn: only its writers and reviewers see it now."),
}


@login_required
@require_POST
def change_status(request, uuid):
    practice = _practice(request, uuid)
    action = request.POST.get("action", "")
    if action not in STEPS:
        raise Http404
    try:
        STEPS[action](practice, request.user, request.POST.get("note", ""))
    except workflow.WorkflowError as error:
        messages.error(request, _problem_list(error))
    else:
        record(f"library.practice_{action}", actor=request.user, target=practice,
               territory=practice.territories.order_by("path").first())
        messages.success(request, str(DONE[action]))
    return redirect("library:detail", practice.uuid)


def _problem_list(error: workflow.WorkflowError) -> str:
    """The problems as one message, each after the label of its field."""
    labels = {name: str(GoodPractice._meta.get_field(name).verbose_name) for name in error.problems
              if name in template.TRANSLATED_FIELDS or name in template.REQUIRED_FIELDS}
    return " ".join(f"{labels[name].capitalize()}: {message}" if name in labels else message
                    for name, message in error.problems.items())


def _translation_language(practice: GoodPractice, language: str) -> str:
    if not is_language_code(language) or language == practice.content_language:
        raise Http404
    return language


@login_required
def translation(request, uuid, language):
    practice = _practice(request, uuid)
    if not access.can_write(request.user, practice):
        raise PermissionDenied
    language = _translation_language(practice, language)
    form = TranslationForm(request.POST or None, language=language, initial=practice.translations.get(language, {}))
    if request.method == "POST" and form.is_valid():
        workflow.save_translation(practice, request.user, language, form.cleaned_data)
        messages.success(request, _("Translation saved."))
        return redirect(reverse("library:detail", args=[practice.uuid]) + "#translations")
    originals = {name: getattr(practice, name) for name in template.TRANSLATED_FIELDS}
    return render(request, "library/translation.html", {
        "practice": practice, "language": language, "form": form,
        "rows": [(form[name], originals[name]) for name in template.TRANSLATED_FIELDS],
        "status": practice.status_of_translation(language) if language in practice.translations else "",
    })


TRANSLATION_STEPS = {"submit": workflow.submit_translation, "publish": workflow.publish_translation,
                     "return": workflow.return_translation}


@login_required
@require_POST
def translation_status(request, uuid, language):
    practice = _practice(request, uuid)
    language = _translation_language(practice, language)
    action = request.POST.get("action", "")
    if action not in TRANSLATION_STEPS:
        raise Http404
    try:
        TRANSLATION_STEPS[action](practice, request.user, language)
    except workflow.WorkflowError as error:
        messages.error(request, _problem_list(error))
    else:
        record(f"library.translation_{action}", actor=request.user, target=practice,
               territory=practice.territories.order_by("path").first(), language=language)
        messages.success(request, _("Status of the translation changed."))
    return redirect(reverse("library:detail", args=[practice.uuid]) + "#translations")


@cached_public_page("library")
def compare(request):
    published = GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED).prefetch_related(
        "terms", "organisations", "territories", "initiatives")
    form = CompareForm(request.GET or None, practices=published.filter(uuid__in=_uuids(request.GET.getlist("p"))))
    context = {"form": form}
    if form.is_valid():
        practices = form.cleaned_data["p"]
        titles = [practice.translated("title")[0] for practice in practices]
        context.update(practices=practices, rows=[(label, list(zip(titles, cells)))
                                                  for label, cells in presentation.comparison(practices)])
    return render(request, "library/compare.html", context)


def _uuids(values: list[str]) -> list[UUID]:
    """The values that are ids; the form refuses the others as unknown choices."""
    found = []
    for value in values:
        try:
            found.append(UUID(value))
        except ValueError:
            continue
    return found


@login_required
def mine(request):
    """The practices a person writes, and those waiting for their review."""
    writable = access.writable_practices(request.user).order_by("status", "-updated_at")
    to_review = access.reviewable_practices(request.user).filter(status=GoodPractice.Status.REVIEW)
    translations = [(practice, language) for practice in access.reviewable_practices(request.user)
                    .exclude(translation_status={})
                    for language, status in practice.translation_status.items()
                    if status == GoodPractice.Status.REVIEW]
    return render(request, "library/mine.html", {
        "writable": writable, "to_review": to_review.order_by("submitted_at"), "translations": translations,
        "can_create": access.can_create(request.user), "can_import": access.can_import(request.user)})


@login_required
def import_practices(request):
    if not access.can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": exchange.COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = exchange.import_practices(upload, upload.name, user=request.user)
        except ImportFailed as failure:
            context.update(failure.shown())
        else:
            record("library.practices_imported", actor=request.user, file=upload.name[:100])
            context["report"] = report
    return render(request, "library/import.html", context)
