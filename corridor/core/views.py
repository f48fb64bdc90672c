import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

from .context_processors import site

# How long a client should wait before trying again when the database cannot be reached.
RETRY_AFTER_SECONDS = 30


def home(request):
    return redirect("directory:search")


def server_error(request):
    """The 500 handler. A database that cannot be reached (restarting, failing over, out of connections) is
    passing: the reader gets a 503 that says so and when to try again, not an error page."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request):
    message = _("Corridor cannot reach its database for a moment. Please try again in a minute.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # Drawn without the request's context: the user, the session and the messages live in the database.
        response = HttpResponse(render_to_string("core/unavailable.html", {**site(request), "message": message}),
                                status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
