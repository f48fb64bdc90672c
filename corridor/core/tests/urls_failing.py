"""Views that fail as a database that cannot be reached makes them fail (test_unavailable.py)."""
from django.db import InterfaceError, OperationalError
from django.urls import path


def _raise(error):
    def view(request):
        raise error
    return view


urlpatterns = [
    path("page/", _raise(OperationalError('connection to server at "127.0.0.1", port 5432 failed'))),
    path("api/v1/things/", _raise(InterfaceError("connection already closed"))),
    path("bug/", _raise(ValueError("a bug"))),
]
handler500 = "corridor.core.views.server_error"
