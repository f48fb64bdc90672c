"""The consolidated report: organisers request one (a background job writes it), follow its
progress, edit and publish it, and sort its candidate good practices; everyone downloads the
published report. The report itself is computed and rendered by reporting.py and exports.py."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.audit.log import record

from .. import access, exports, notifications, reporting
from ..forms import AcceptPracticeForm, ReportEditForm
from ..models import CandidatePractice, Report
from .common import organised_consultation, readable_consultation

DOWNLOADS = {
    "html": ("text/html; charset=utf-8", exports.render_html),
    "pdf": ("application/pdf", exports.render_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", exports.render_docx),
}
IN_PROGRESS = (Report.Status.QUEUED, Report.Status.RUNNING)
GENERATED = (Report.Status.READY, Report.Status.PUBLISHED)


def _report(request, slug, uuid):
    consultation = organised_consultation(request, slug)
    return get_object_or_404(consultation.reports, uuid=uuid)


@login_required
def reports(request, slug):
    """The versions of the report; a POST asks for a new one."""
    consultation = organised_consultation(request, slug)
    if request.method == "POST":
        report = reporting.request_report(consultation, request.user)
        return redirect("consultations:report-review", slug, report.uuid)
    return render(request, "consultations/organise/reports.html", {
        "consultation": consultation, "reports": consultation.reports.all(),
    })


@login_required
def review(request, slug, uuid):
    """Progress while the job runs (the page refreshes itself), then the document to review."""
    report = _report(request, slug, uuid)
    ready = report.status in GENERATED
    candidates = report.candidate_practices.select_related("contribution", "question") if ready else []
    for candidate in candidates:
        candidate.form = AcceptPracticeForm(candidate=candidate, prefix=f"candidate-{candidate.pk}")
    return render(request, "consultations/organise/report.html", {
        "consultation": report.consultation, "report": report, "in_progress": report.status in IN_PROGRESS,
        "document": reporting.document(report) if ready else None, "candidates": candidates,
    })


@login_required
def edit(request, slug, uuid):
    report = _report(request, slug, uuid)
    if report.status not in GENERATED:
        raise Http404
    form = ReportEditForm(request.POST or None, document=reporting.document(report))
    if request.method == "POST" and form.is_valid():
        try:
            reporting.save_edits(report, form.edits())
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("consultations:report-review", slug, uuid)
    return render(request, "consultations/organise/report_edit.html", {
        "consultation": report.consultation, "report": report, "form": form,
    })


@login_required
@require_POST
def publish(request, slug, uuid):
    report = _report(request, slug, uuid)
    try:
        reporting.publish(report, request.user)
    except ValueError:  # not ready for review: still being written, failed, or already published
        messages.error(request, _("Only a report ready for review can be published."))
        return redirect("consultations:report-review", slug, uuid)
    record("consultation.report_published", actor=request.user, target=report.consultation, version=report.version)
    notifications.report_published(report)
    messages.success(request, _("Report published. Followers are told by e-mail."))
    return redirect("consultations:report", slug)


@login_required
@require_POST
def accept_candidate(request, slug, uuid, pk):
    report = _report(request, slug, uuid)
    candidate = get_object_or_404(report.candidate_practices, pk=pk, status=CandidatePractice.Status.PROPOSED)
    form = AcceptPracticeForm(request.POST, candidate=candidate, prefix=f"candidate-{candidate.pk}")
    if form.is_valid():
        practice = reporting.accept_candidate(candidate, request.user, tags=form.tags())
        record("consultation.candidate_accepted", actor=request.user, target=practice,
               territory=report.consultation.territory)
        messages.success(request, _("Added to the library as a draft good practice."))
    else:
        messages.error(request, _("Choose the classification from the lists."))
    return redirect("consultations:report-review", slug, uuid)


@login_required
@require_POST
def dismiss_candidate(request, slug, uuid, pk):
    report = _report(request, slug, uuid)
    candidate = get_object_or_404(report.candidate_practices, pk=pk, status=CandidatePractice.Status.PROPOSED)
    reporting.dismiss_candidate(candidate)
    messages.success(request, _("Candidate dismissed."))
    return redirect("consultations:report-review", slug, uuid)


def download(request, slug, uuid, fmt):
    """HTML, PDF or Word, in the reader's language: the published report for anyone who may read
    the consultation, drafts ready for review for its organisers."""
    consultation = readable_consultation(request, slug)
    report = get_object_or_404(consultation.reports, uuid=uuid)
    draft = report.status != Report.Status.PUBLISHED
    if fmt not in DOWNLOADS or (draft and not (report.status == Report.Status.READY
                                               and access.can_organise(request.user, consultation))):
        raise Http404
    content_type, render_report = DOWNLOADS[fmt]
    response = HttpResponse(render_report(report, get_language()), content_type=content_type)
    name = f"{consultation.slug}-report-v{report.version}{'-draft' if draft else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
