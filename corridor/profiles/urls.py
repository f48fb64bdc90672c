from django.urls import path

from . import views

app_name = "profiles"
urlpatterns = [
    path("", views.profile_list, name="list"),
    path("new/", views.create, name="create"),
    path("compare/", views.compare, name="compare"),
    path("templates/<int:pk>/", views.template_detail, name="template"),
    path("templates/<int:pk>/blank.csv", views.template_csv, name="template-csv"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/import/", views.import_values, name="import"),
    path("<uuid:uuid>/indicators/<str:code>/", views.edit_indicator, name="indicator"),
    path("<uuid:uuid>/status/", views.change_status, name="status"),
    path("<uuid:uuid>/delete/", views.delete, name="delete"),
    path("<uuid:uuid>/profile.csv", views.export_csv, name="csv"),
    path("<uuid:uuid>/profile.pdf", views.export_pdf, name="pdf"),
]
