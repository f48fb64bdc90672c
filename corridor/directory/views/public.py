"""What anyone can read without an account: the search, service and organisation pages."""
from babel.numbers import format_currency, format_decimal
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from corridor.core.public_cache import cached_public_page
from corridor.territories.models import Territory

from ..forms_search import SearchForm, weekday_name
from ..models import Organisation, Schedule, Service
from ..search import search as run_search
from ..vocabularies import VOCABULARIES


def _open_now_minute(request) -> str:
    """Pages of services open now hold for the minute."""
    return timezone.localtime().strftime("T%H:%M") if request.GET.get("open") == "now" else ""


@cached_public_page("directory", moment=_open_now_minute)
def search(request):
    # An empty query is valid too: it lists every service, for browsing.
    form = SearchForm(request.GET, territories=Territory.objects.only("name", "name_translations", "path"))
    result = None
    if form.is_valid():
        page = request.GET.get("page", "1")
        result = run_search(form.to_query(get_language()), page=int(page) if page.isdigit() else 1)
    return render(request, "directory/public/search.html", {"form": form, "result": result})


def _service(uuid):
    queryset = Service.objects.select_related("organisation", "territory").prefetch_related(
        "terms", "languages", "phones", "schedules", "cost_options", "required_documents",
        "service_at_locations__location__phones", "service_at_locations__location__schedules",
    )
    return get_object_or_404(queryset, uuid=uuid)


def _service_context(request, service):
    """What the service page and its printable version show. Weekday names and amounts are
    formatted here with Babel, in the reader's language."""
    language = get_language()
    locations = [sal.location for sal in service.service_at_locations.all()]
    for schedule in [*service.schedules.all(), *(s for place in locations for s in place.schedules.all())]:
        schedule.day_names = [weekday_name(Schedule.WEEKDAYS.index(day), language)
                              for day in schedule.days if day in Schedule.WEEKDAYS]
    for cost in service.cost_options.all():
        if cost.amount is None:
            cost.amount_text = ""
        elif cost.currency:
            cost.amount_text = format_currency(cost.amount, cost.currency, locale=language)
        else:
            cost.amount_text = format_decimal(cost.amount, locale=language)
    return {
        "service": service,
        "name": service.translated("name")[0],
        "terms": {code: [t for t in service.terms.all() if t.vocabulary == code] for code in VOCABULARIES},
        "locations": locations,
        # The address to share or find again: the service page itself, also from its printout.
        "share_url": request.build_absolute_uri(reverse("directory:service-detail", args=[service.uuid])),
    }


@cached_public_page("directory")
def service_detail(request, uuid):
    return render(request, "directory/public/service.html", _service_context(request, _service(uuid)))


@cached_public_page("directory")
def service_print(request, uuid):
    return render(request, "directory/public/service_print.html", _service_context(request, _service(uuid)))


@cached_public_page("directory")
def organisation_detail(request, uuid):
    organisation = get_object_or_404(Organisation.objects.select_related("territory"), uuid=uuid)
    services = organisation.services.filter(status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED])
    return render(request, "directory/public/organisation.html", {
        "organisation": organisation,
        "name": organisation.translated("name")[0],
        "services": services.select_related("territory"),
        "areas": organisation.areas.all(),
    })
