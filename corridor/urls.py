from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("corridor.directory.api_urls")),
    path("api/v1/", include("corridor.consultations.api_urls")),
    path("api/v1/", include("corridor.profiles.api_urls")),
    path("api/v1/", include("corridor.coordination.api_urls")),
    path("api/v1/", include("corridor.library.api_urls")),
    path("api/v1/", include("corridor.learning.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Redoc styles its page from script and renders in a worker made from a blob.
    path("api/docs/", csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
        SpectacularRedocView.as_view(url_name="api-schema", template_name="core/api_docs.html")), name="api-docs"),
]
urlpatterns += i18n_patterns(
    path("", include("corridor.core.urls")),
    path("accounts/", include("corridor.accounts.urls")),
    path("", include("corridor.directory.urls")),
    path("consultations/", include("corridor.consultations.urls")),
    path("profiles/", include("corridor.profiles.urls")),
    path("coordination/", include("corridor.coordination.urls")),
    path("learning/", include("corridor.learning.urls")),
    path("library/", include("corridor.library.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
