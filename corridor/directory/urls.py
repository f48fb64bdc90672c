from django.urls import path

from .views import administration, exchange, manage, public

app_name = "directory"
urlpatterns = [
    # The public directory: what migrants and anyone else read, without an account.
    path("services/", public.search, name="search"),
    path("services/<uuid:uuid>/", public.service_detail, name="service-detail"),
    path("services/<uuid:uuid>/print/", public.service_print, name="service-print"),
    path("organisations/<uuid:uuid>/", public.organisation_detail, name="organisation-detail"),
    # Providers keep their own records current.
    path("manage/", manage.my_services, name="my-services"),
    path("manage/services/new/", manage.service_create, name="service-create"),
    path("manage/services/<uuid:uuid>/edit/", manage.service_edit, name="service-edit"),
    path("manage/services/<uuid:uuid>/verify/", manage.service_verify, name="service-verify"),
    path("manage/services/<uuid:uuid>/history/", manage.service_history, name="service-history"),
    path("manage/organisations/<uuid:uuid>/edit/", manage.organisation_edit, name="organisation-edit"),
    # Territory administrators look after the quality of their territory's directory.
    path("administration/", administration.home, name="admin-home"),
    path("administration/organisations/<uuid:uuid>/verify/", administration.organisation_verify, name="organisation-verify"),
    path("administration/organisations/merge/", administration.organisation_merge, name="organisation-merge"),
    path("administration/duplicates/", administration.duplicate_services, name="duplicates"),
    # Data exchange.
    path("exchange/hsds.json", exchange.export_hsds_json, name="export-hsds-json"),
    path("exchange/hsds.zip", exchange.export_hsds_datapackage, name="export-hsds-datapackage"),
    path("exchange/import/hsds/", exchange.import_hsds, name="import-hsds"),
    path("exchange/import/organisations/", exchange.import_organisations, name="import-organisations"),
]
