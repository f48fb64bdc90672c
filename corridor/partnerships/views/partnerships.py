"""Pages of the partnerships: the list and each partnership (public ones for everyone, the others for the
administrators of their territories), the shared page and each side's page, the indicators, stages and
documents, and the agreement builder with its checklist and its documents. Rights come from access.py; what
a page refuses is refused on the server (403), whatever the page shows."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.audit import log as audit
from corridor.coordination.initiatives import progress
from corridor.core import uploads
from corridor.core.links import next_address

from .. import access, agreement, drafts, lifecycle, risks
from ..forms import (
    AddSideForm,
    DocumentForm,
    PartnershipCreateForm,
    StageForm,
    TerritoryFilterForm,
    indicator_formset,
    partnership_editor,
    side_editor,
)
from ..models import Partnership, PartnershipSide, StageDocument
from ..vocabularies import AGREEMENT_LANGUAGES, sector_labels

FORMATS = {"docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", drafts.render_docx),
           "pdf": ("application/pdf", drafts.render_pdf)}


def partnership_list(request):
    form = TerritoryFilterForm(request.GET or None)
    territory = form.territory()
    listed = access.readable_partnerships(request.user)
    if territory is not None:
        listed = listed.filter(pk__in=Partnership.objects.filter(
            sides__territory__path__startswith=territory.path).values("pk"))
    stage = request.GET.get("stage", "")
    if stage in Partnership.Stage.values:
        listed = listed.filter(stage=stage)
    return render(request, "partnerships/list.html", {
        "form": form, "territory": territory, "stage": stage, "stages": Partnership.Stage.choices,
        "partnerships": listed.prefetch_related("sides__territory").order_by("title"),
        "can_create": access.can_create_partnership(request.user)})


def _partnership(request, uuid) -> Partnership:
    """The partnership if the reader may read it; a private one is as good as absent to others."""
    partnership = get_object_or_404(lifecycle.with_details(Partnership.objects.all()), uuid=uuid)
    if not access.can_read(request.user, partnership):
        if request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return partnership


def _shared(request, uuid) -> Partnership:
    partnership = _partnership(request, uuid)
    if not access.can_edit_shared(request.user, partnership):
        raise PermissionDenied
    return partnership


@login_required
def partnership_create(request):
    if not access.can_create_partnership(request.user):
        raise PermissionDenied
    form = PartnershipCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        partnership = lifecycle.create_partnership(title=form.cleaned_data["title"],
                                                   territories=form.cleaned_data["territories"], user=request.user,
                                                   kind=form.cleaned_data["kind"])
        messages.success(request, _("Partnership created."))
        return redirect("partnerships:detail", partnership.uuid)
    return render(request, "partnerships/create.html", {"form": form})


def partnership_detail(request, uuid):
    partnership = _partnership(request, uuid)
    can_edit = access.can_edit_shared(request.user, partnership)
    checklist = agreement.checklist(partnership)
    return render(request, "partnerships/detail.html", {
        "partnership": partnership, "sectors": sector_labels(partnership.sectors),
        "sides": [(side, access.can_edit_side(request.user, side)) for side in partnership.sides.all()],
        "risks": risks.risks(partnership), "missing": [element for element in checklist if not element.done],
        "indicators": [(indicator, [(period, progress(period)) for period in indicator.periods.all()])
                       for indicator in partnership.indicators.all()],
        "history": sorted(partnership.stage_history.all(), key=lambda record: (record.started_on, record.pk),
                          reverse=True),
        "can_edit": can_edit,
        "stage_form": StageForm(initial={"stage": partnership.stage, "started_on": timezone.localdate()})
        if can_edit else None,
        "document_form": DocumentForm(partnership=partnership) if can_edit else None,
        "side_form": AddSideForm(partnership=partnership) if can_edit else None,
    })


def _after_change(request, partnership: Partnership) -> None:
    fresh = lifecycle.with_details(Partnership.objects.all()).get(pk=partnership.pk)
    if agreement.recheck(fresh):
        messages.warning(request, _("Something the agreement needs is now missing: it is a draft again."))


def _saved(request, partnership: Partnership, message: str):
    """After a part of the partnership is saved: the same page again for more rows ("continue"), else back."""
    messages.success(request, message)
    _after_change(request, partnership)
    if "continue" in request.POST:  # blank rows again, to add more
        return redirect(request.get_full_path())
    return redirect(next_address(request, reverse("partnerships:detail", args=[partnership.uuid])))


@login_required
def partnership_edit(request, uuid):
    partnership = _shared(request, uuid)
    editor = partnership_editor(request.POST if request.method == "POST" else None, partnership)
    if request.method == "POST" and editor.is_valid():
        editor.save()
        audit.record("partnership.edited", actor=request.user, target=partnership)
        return _saved(request, partnership, _("Partnership saved."))
    return render(request, "partnerships/edit.html", {"editor": editor, "partnership": partnership,
                                                      "next": next_address(request, "")})


@login_required
def side_edit(request, uuid, side):
    partnership = _partnership(request, uuid)
    side = get_object_or_404(PartnershipSide.objects.select_related("territory"), pk=side, partnership=partnership)
    if not access.can_edit_side(request.user, side):
        raise PermissionDenied
    editor = side_editor(request.POST if request.method == "POST" else None, side)
    if request.method == "POST" and editor.is_valid():
        editor.save()
        audit.record("partnership.side_edited", actor=request.user, target=partnership, territory=side.territory)
        return _saved(request, partnership, _("The part of %(territory)s is saved.") % {"territory": side.territory})
    return render(request, "partnerships/side.html", {"editor": editor, "partnership": partnership, "side": side,
                                                      "next": next_address(request, "")})


@login_required
def indicators_edit(request, uuid):
    partnership = _shared(request, uuid)
    formset = indicator_formset(request.POST if request.method == "POST" else None, partnership)
    if request.method == "POST" and formset.is_valid():
        formset.save()
        return _saved(request, partnership, _("Indicators saved."))
    return render(request, "partnerships/indicators.html", {"formset": formset, "partnership": partnership,
                                                            "next": next_address(request, "")})


@login_required
@require_POST
def stage_change(request, uuid):
    partnership = _shared(request, uuid)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new stage and the day it started."))
    else:
        try:
            lifecycle.change_stage(partnership, form.cleaned_data["stage"], form.cleaned_data["started_on"],
                                   form.cleaned_data["note"], request.user)
        except lifecycle.StageRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The partnership is now at the stage “%(stage)s”.") % {
                "stage": Partnership.Stage(form.cleaned_data["stage"]).label})
    return redirect(f"{reverse('partnerships:detail', args=[partnership.uuid])}#stages")


@login_required
@require_POST
def document_upload(request, uuid):
    partnership = _shared(request, uuid)
    form = DocumentForm(request.POST, request.FILES, partnership=partnership)
    if not form.is_valid():
        messages.error(request, _("Choose the stage and the file to add."))
    else:
        upload = form.cleaned_data["file"]
        content = upload.read(settings.CORRIDOR_MAX_UPLOAD_BYTES + 1)  # enough to know it is too large
        try:
            lifecycle.add_document(form.cleaned_data["record"], form.cleaned_data["title"], upload.name, content,
                                   request.user)
        except uploads.Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Document added."))
    return redirect(f"{reverse('partnerships:detail', args=[partnership.uuid])}#stages")


def document_download(request, uuid, pk):
    """Documents are served only to those who may read the partnership, always as downloads, so that a
    file cannot run as a page of this site."""
    partnership = _partnership(request, uuid)
    document = get_object_or_404(StageDocument, pk=pk, record__partnership=partnership)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename,
                        content_type=document.content_type)


@login_required
@require_POST
def side_add(request, uuid):
    partnership = _shared(request, uuid)
    form = AddSideForm(request.POST, partnership=partnership)
    if form.is_valid():
        lifecycle.add_side(partnership, form.cleaned_data["territory"], request.user)
        messages.success(request, _("%(territory)s is a partner now; its administrators write its part.") % {
            "territory": form.cleaned_data["territory"]})
        _after_change(request, partnership)
    else:
        messages.error(request, _("Choose a territory that is not a partner yet."))
    return redirect("partnerships:detail", partnership.uuid)


def agreement_builder(request, uuid):
    """The agreement's checklist, each gap with a link to where it is written, its documents in each
    language, and the button that marks it final."""
    partnership = _partnership(request, uuid)
    checklist = agreement.checklist(partnership)
    missing_count = sum(not element.done for element in checklist)
    return render(request, "partnerships/agreement.html", {
        "partnership": partnership, "checklist": checklist, "complete": not missing_count,
        "missing_count": missing_count, "risks": risks.risks(partnership),
        "document_languages": [code for code in AGREEMENT_LANGUAGES
                               if code in partnership.agreement_languages] or ["en"],
        "can_edit": access.can_edit_shared(request.user, partnership),
        "editable_sides": {side.pk for side in access.editable_sides(request.user, partnership)},
        "here": request.get_full_path()})


@login_required
@require_POST
def agreement_finalise(request, uuid):
    partnership = _shared(request, uuid)
    try:
        agreement.finalise(partnership, request.user)
    except agreement.Incomplete as incomplete:
        messages.error(request, _("The agreement cannot be final yet. Missing: %(elements)s.") % {
            "elements": ", ".join(element.name for element in incomplete.elements)})
    else:
        audit.record("partnership.finalised", actor=request.user, target=partnership)
        messages.success(request, _("The agreement is marked final."))
    return redirect("partnerships:agreement", partnership.uuid)


def agreement_document(request, uuid, language, extension):
    partnership = _partnership(request, uuid)
    if language not in AGREEMENT_LANGUAGES or extension not in FORMATS:
        raise Http404
    content_type, render_document = FORMATS[extension]
    response = HttpResponse(render_document(partnership, language), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="agreement-{partnership.uuid}-{language}.{extension}"'
    return response
