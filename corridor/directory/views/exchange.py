"""Placeholder: being written."""
from django.http import HttpResponse


def export_hsds_json(request):
    return HttpResponse(status=501)


export_hsds_datapackage = import_hsds = import_organisations = export_hsds_json
