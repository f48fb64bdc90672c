from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from corridor.accounts.views import admin_sign_in

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("corridor.directory.api_urls")),
    path("api/v1/", include("corridor.consultations.api_urls")),
    path("api/v1/", include("corridor.profiles.api_urls")),
    path("api/v1/", include("corridor.coordination.api_urls")),
    path("api/v1/", include("corridor.library.api_urls")),
    path("api/v1/", include("corridor.learning.api_urls")),
    path("api/v1/", include("corridor.preparedness.api_urls")),
    path("api/v1/", include("corridor.diaspora.api_urls")),
    path("api/v1/", include("corridor.partnerships.api_urls")),
    path("api/v1/", include("corridor.referrals.api_urls")),
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
    path("preparedness/", include("corridor.preparedness.urls")),
    path("diaspora/", include("corridor.diaspora.urls")),
    path("partnerships/", include("corridor.partnerships.urls")),
    path("referrals/", include("corridor.referrals.urls")),
    path("audit/", include("corridor.audit.urls")),
    # The admin signs people in through the site's own sign-in: one throttled path, with two factors.
    path("admin/login/", admin_sign_in),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
# A database that cannot be reached answers 503 with a page that says so (core/views.py).
handler500 = "corridor.core.views.server_error"
