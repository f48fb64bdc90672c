"""What everyone reads: the projects open to the diaspora (searchable, filtered), a project with its needs and
the progress of its pledges, and the development priorities of the territories. Drafts are read only by
their territory's administrators, who also find their follow-up tools on the project's page."""
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from corridor.accounts import permissions
from corridor.consultations import charts
from corridor.coordination.templatetags.funding import count, money
from corridor.territories.models import Territory

from .. import access, pledges, profiles, search
from ..forms import ProjectFilterForm
from ..models import Pledge, Project
from ..vocabularies import ENGAGEMENT, SECTOR, SKILL

PER_PAGE = 20


def _with_containing(territories) -> list[Territory]:
    """The territories given and those containing them, in tree order, for a filter's choices."""
    paths = {path for path in territories.values_list("path", flat=True)}
    prefixes = {path[:index + 1] for path in paths for index, char in enumerate(path) if char == "/"}
    return list(Territory.objects.filter(path__in=prefixes).order_by("path"))


def project_list(request):
    public = access.public_projects()
    form = ProjectFilterForm(request.GET or None, territories=_with_containing(
        Territory.objects.filter(diaspora_projects__in=public)))
    query = search.ProjectQuery(text=form.value("q"), language=(get_language() or "en").split("-")[0],
                                territory=form.chosen_territory(), kind=form.value("kind"), sector=form.value("sector"),
                                skill=form.value("skill"), status=form.value("status"))
    page = Paginator(search.filter_projects(query, public), PER_PAGE).get_page(request.GET.get("page"))
    totals = pledges.totals_for(page)
    return render(request, "diaspora/projects/list.html", {
        "form": form, "page": page, "query": query,
        "rows": [(project, totals[project.pk]) for project in page],
        "filtered": any(form.value(name) for name in ("kind", "sector", "skill", "status")),
        "person": profiles.session_profile(request),
        "can_manage": permissions.is_territory_admin(request.user),
    })


def progress_charts(totals: pledges.Totals) -> list[tuple[str, str]]:
    """(caption, SVG): a bar chart per currency pledged in (the budget's first) and one of hours."""
    rtl, drawn = get_language_bidi(), []
    for amounts in totals.money:
        rows = ([(_("Budget"), amounts.budget)] if amounts.budget is not None else []) + [
            (_("Fulfilled"), amounts.fulfilled), (_("Accepted, to come"), amounts.committed),
            (_("Offered, awaiting an answer"), amounts.offered)]
        title = _("Pledges in %(currency)s") % {"currency": amounts.currency}
        drawn.append((title, mark_safe(charts.bar_chart(
            rows, rtl=rtl, title=title, value_label=lambda number, currency=amounts.currency: money(number, currency),
            description="; ".join(f"{label}: {money(number, amounts.currency)}" for label, number in rows)))))
    hours = totals.hours
    if hours.sought or hours.offered or hours.pledged:
        rows = ([(_("Hours wanted"), hours.sought)] if hours.sought else []) + [
            (_("Fulfilled"), hours.fulfilled), (_("Accepted, to come"), hours.committed),
            (_("Offered, awaiting an answer"), hours.offered)]
        drawn.append((_("Hours pledged"), mark_safe(charts.bar_chart(
            rows, rtl=rtl, title=_("Hours pledged"), value_label=count,
            description="; ".join(f"{label}: {count(number)}" for label, number in rows)))))
    return drawn


def project_detail(request, uuid):
    project = get_object_or_404(Project.objects.select_related("territory", "priority"), uuid=uuid)
    if not access.can_read_project(request.user, project):
        raise PermissionDenied
    totals = pledges.totals(project)
    person = profiles.session_profile(request)
    mine = [profile.pk for profile in access.association_profiles(request.user)] + ([person.pk] if person else [])
    can_manage = access.can_manage(request.user, project)
    return render(request, "diaspora/projects/detail.html", {
        "project": project, "totals": totals, "charts": progress_charts(totals),
        "kind": ENGAGEMENT.label(project.kind), "sector": SECTOR.label(project.sector),
        "skills": [SKILL.label(code) for code in project.skills], "person": person,
        "accepts_pledges": project.accepts_pledges(), "can_manage": can_manage,
        "my_pledges": Pledge.objects.filter(project=project, profile__in=mine).select_related("profile"),
        "pledges": project.pledges.select_related("profile") if can_manage else None,
    })


def priority_list(request):
    readable = access.public_priorities()
    territories = _with_containing(Territory.objects.filter(diaspora_priorities__in=readable))
    chosen = next((t for t in territories if t.path == request.GET.get("territory")), None)
    if chosen is not None:
        readable = readable.filter(territory__path__startswith=chosen.path)
    listed = list(readable.select_related("territory").order_by("territory__path", "sector", "title"))
    projects = {}
    for project in access.public_projects().filter(priority__in=listed).order_by("title"):
        projects.setdefault(project.priority_id, []).append(project)
    return render(request, "diaspora/priorities/list.html", {
        "territories": territories, "chosen": chosen,
        "rows": [(priority, SECTOR.label(priority.sector), projects.get(priority.pk, [])) for priority in listed],
    })
