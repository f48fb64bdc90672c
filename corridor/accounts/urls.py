from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("login/code/", views.sign_in_code, name="login-code"),
    path("security/", views.security, name="security"),
    path("data/", views.data, name="data"),
    path("data/export.json", views.data_export, {"extension": "json"}, name="data-export-json"),
    path("data/export.zip", views.data_export, {"extension": "zip"}, name="data-export-zip"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
]
