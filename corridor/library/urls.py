from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("map/", views.practice_map, name="map"),
    path("compare/", views.compare, name="compare"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("import/", views.import_practices, name="import"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/edit/", views.edit, name="edit"),
    path("<uuid:uuid>/status/", views.change_status, name="status"),
    path("<uuid:uuid>/translations/<str:language>/", views.translation, name="translation"),
    path("<uuid:uuid>/translations/<str:language>/status/", views.translation_status, name="translation-status"),
]
