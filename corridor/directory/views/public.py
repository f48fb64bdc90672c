"""What anyone can read without an account: the search, service and organisation pages."""
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from corridor.territories.models import Territory

from ..forms_search import WEEKDAY_LABELS, SearchForm
from ..models import Organisation, Service
from ..search import search as run_search
from ..vocabularies import VOCABULARIES


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


def _service_context(service):
    terms = {code: [t for t in service.terms.all() if t.vocabulary == code] for code in VOCABULARIES}
    day_names = dict(WEEKDAY_LABELS)
    return {
        "service": service,
        "terms": terms,
        "locations": [sal.location for sal in service.service_at_locations.all()],
        "day_names": day_names,
    }


def service_detail(request, uuid):
    return render(request, "directory/public/service.html", _service_context(_service(uuid)))


def service_print(request, uuid):
    return render(request, "directory/public/service_print.html", _service_context(_service(uuid)))


def organisation_detail(request, uuid):
    organisation = get_object_or_404(Organisation.objects.select_related("territory"), uuid=uuid)
    services = organisation.services.filter(status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED])
    return render(request, "directory/public/organisation.html", {
        "organisation": organisation,
        "services": services.select_related("territory"),
        "areas": organisation.areas.all(),
    })
