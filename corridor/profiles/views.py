"""Pages of the migration profiles: everyone reads published profiles, compares them and downloads
them (CSV, PDF); the administrators of a territory create, fill in (form or spreadsheet) and publish its
profiles. Rights come from access.py; figures from figures.py and exports.py."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import permissions
from corridor.audit.log import record
from corridor.directory.forms_exchange import SpreadsheetImportForm
from corridor.directory.importing import ImportFailed

from . import access, exchange, exports, figures
from .forms import CompareForm, ProfileForm, value_formset
from .models import Indicator, Profile, ProfileTemplate, Value

def _readable(request, uuid) -> Profile:
    profile = get_object_or_404(Profile.objects.select_related("territory", "template"), uuid=uuid)
    if not access.can_read(request.user, profile):
        raise Http404
    return profile


def _editable(request, uuid) -> Profile:
    profile = _readable(request, uuid)
    if not access.can_edit(request.user, profile):
        raise PermissionDenied
    return profile


def profile_list(request):
    profiles = access.readable_profiles(request.user).select_related("territory", "template")
    territories = {}
    for profile in profiles.order_by("territory__path", "-period_start", "-period_end"):
        territories.setdefault(profile.territory, []).append(profile)
    return render(request, "profiles/list.html", {
        "territories": list(territories.items()),
        "compare_form": CompareForm(user=request.user),
        "can_create": permissions.is_territory_admin(request.user),
        "templates": ProfileTemplate.objects.order_by("code", "-version"),
    })


@login_required
def create(request):
    if not permissions.is_territory_admin(request.user):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        profile = form.save(request.user)
        messages.success(request, _("Profile created as a draft. Fill it in, then publish it."))
        return redirect("profiles:import", profile.uuid)
    return render(request, "profiles/create.html", {"form": form})


def detail(request, uuid):
    profile = _readable(request, uuid)
    others = access.readable_profiles(request.user).filter(
        territory=profile.territory, template=profile.template).exclude(pk=profile.pk).order_by("-period_start")
    return render(request, "profiles/detail.html", {
        **exports.profile_view(profile), "can_edit": access.can_edit(request.user, profile), "other_periods": others,
    })


@login_required
def import_values(request, uuid):
    profile = _editable(request, uuid)
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    context = {"profile": profile, "form": form, "columns": exchange.COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = exchange.import_values(profile, upload, upload.name)
        except ImportFailed as failure:
            context.update(failure.shown())
        else:
            record("profiles.values_imported", actor=request.user, target=profile, file=upload.name[:100])
            messages.success(request, _("%(count)d values imported.") % {"count": report.created[Value]})
            for warning in report.warnings:
                messages.warning(request, warning)
            return redirect("profiles:detail", profile.uuid)
    return render(request, "profiles/import.html", context)


@login_required
def edit_indicator(request, uuid, code):
    """The values of one indicator (its total and breakdown), checked like an imported file."""
    profile = _editable(request, uuid)
    indicator = get_object_or_404(Indicator.objects.select_related("section"), template=profile.template, code=code)
    values = [{"breakdown": value.breakdown_key, "value": exchange.plain_number(value.value),
               "source": value.source.name, "source_url": value.source.url,
               "accessed_on": value.source.accessed_on.isoformat() if value.source.accessed_on else ""}
              for value in profile.values.filter(indicator=indicator).select_related("source")
              .order_by("breakdown_key")]
    formset = value_formset(indicator, values, request.POST or None)
    if request.method == "POST" and formset.is_valid():
        errors = []
        checker = exchange.ValueChecker(profile.template, "", errors)
        checked = [checker.check(number, {**form.cleaned_data, "indicator": indicator.code})
                   for number, form in enumerate(formset.forms, 1)]
        for error in errors:
            form = formset.forms[error.row - 1]
            form.add_error(error.field if error.field in form.fields else None, error.message)
        if not errors:
            exchange.replace_values(profile, [row for row in checked if row is not None], indicators=[indicator])
            messages.success(request, _("Values of “%(indicator)s” saved.") % {"indicator": indicator})
            return redirect(reverse("profiles:detail", args=[profile.uuid]) + f"#indicator-{indicator.code}")
    return render(request, "profiles/edit_indicator.html", {
        "profile": profile, "indicator": indicator, "formset": formset})


@login_required
@require_POST
def change_status(request, uuid):
    profile = _editable(request, uuid)
    if request.POST.get("status") == Profile.Status.PUBLISHED:
        profile.status, profile.published_at = Profile.Status.PUBLISHED, timezone.now()
        messages.success(request, _("Profile published."))
    else:
        profile.status = Profile.Status.DRAFT
        messages.success(request, _("Profile withdrawn: only its territory's administrators see it now."))
    profile.save(update_fields=["status", "published_at", "updated_at"])
    record(f"profiles.profile_{profile.status}", actor=request.user, target=profile)
    return redirect("profiles:detail", profile.uuid)


@login_required
@require_POST
def delete(request, uuid):
    profile = _editable(request, uuid)
    if profile.status != Profile.Status.DRAFT:
        messages.error(request, _("Withdraw the profile before deleting it."))
        return redirect("profiles:detail", profile.uuid)
    record("profiles.profile_deleted", actor=request.user, target=profile)
    profile.delete()
    messages.success(request, _("Draft deleted."))
    return redirect("profiles:list")


def compare(request):
    form = CompareForm(request.GET or None, user=request.user)
    context = {"form": form}
    if form.is_valid():
        first, second = form.cleaned_data["first"], form.cleaned_data["second"]
        if first.territory_id == second.territory_id and first.period_start > second.period_start:
            first, second = second, first  # earlier period first: changes read forwards in time
        try:
            context.update(exports.comparison_view(first, second))
        except figures.NotComparable:  # the form refuses them; a template changed in between
            raise Http404
    return render(request, "profiles/compare.html", context)


def _csv_response(rows, filename: str) -> HttpResponse:
    response = HttpResponse(exchange.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _file_stem(profile: Profile) -> str:
    return f"profile-{profile.territory.slug}-{profile.period_start.isoformat()}-{profile.period_end.isoformat()}"


def export_csv(request, uuid):
    profile = _readable(request, uuid)
    return _csv_response(exchange.export_rows(profile), f"{_file_stem(profile)}.csv")


def export_pdf(request, uuid):
    profile = _readable(request, uuid)
    response = HttpResponse(exports.render_pdf(profile, get_language()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_stem(profile)}.pdf"'
    return response


def template_detail(request, pk):
    template = get_object_or_404(ProfileTemplate, pk=pk)
    sections = template.sections.prefetch_related("indicators")
    return render(request, "profiles/template.html", {"template": template, "sections": sections})


def template_csv(request, pk):
    template = get_object_or_404(ProfileTemplate, pk=pk)
    return _csv_response(exchange.blank_rows(template), f"{template.code}-v{template.version}.csv")
