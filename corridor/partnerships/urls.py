from django.urls import path

from .views import corridors, partnerships

app_name = "partnerships"
urlpatterns = [
    # Partnerships between territories, their sides, stages, documents, indicators and agreement.
    path("", partnerships.partnership_list, name="list"),
    path("new/", partnerships.partnership_create, name="create"),
    path("<uuid:uuid>/", partnerships.partnership_detail, name="detail"),
    path("<uuid:uuid>/edit/", partnerships.partnership_edit, name="edit"),
    path("<uuid:uuid>/sides/<int:side>/", partnerships.side_edit, name="side"),
    path("<uuid:uuid>/sides/add/", partnerships.side_add, name="side-add"),
    path("<uuid:uuid>/indicators/", partnerships.indicators_edit, name="indicators"),
    path("<uuid:uuid>/stage/", partnerships.stage_change, name="stage"),
    path("<uuid:uuid>/documents/", partnerships.document_upload, name="document-upload"),
    path("<uuid:uuid>/documents/<int:pk>/", partnerships.document_download, name="document"),
    path("<uuid:uuid>/agreement/", partnerships.agreement_builder, name="agreement"),
    path("<uuid:uuid>/agreement/final/", partnerships.agreement_finalise, name="agreement-final"),
    path("<uuid:uuid>/agreement-<str:language>.<str:extension>", partnerships.agreement_document,
         name="agreement-document"),
    # Corridors between territories of origin and destination, and the partner finder.
    path("corridors/", corridors.corridor_list, name="corridors"),
    path("corridors/new/", corridors.corridor_create, name="corridor-create"),
    path("corridors/<uuid:uuid>/", corridors.corridor_detail, name="corridor"),
    path("corridors/<uuid:uuid>/edit/", corridors.corridor_edit, name="corridor-edit"),
    path("corridors/<uuid:uuid>/import/", corridors.corridor_import, name="corridor-import"),
    path("corridors/<uuid:uuid>/figures.csv", corridors.corridor_csv, name="corridor-csv"),
    path("corridors/<uuid:uuid>/draft/", corridors.corridor_draft, name="corridor-draft"),
    path("finder/", corridors.partner_finder, name="finder"),
    path("interests/", corridors.interests, name="interests"),
]
