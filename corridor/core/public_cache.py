"""Whole-page caching of what anonymous readers see. Migrants read the directory far more often than
providers change it, so a page is rendered once per version of the content and served from the cache
until something changes; writes call `content_changed`, which bumps the version after the commit."""
import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from .models import ContentVersion

PAGE_SECONDS = 600


def content_changed(area: str) -> None:
    """Make the cached pages of `area` obsolete once the current transaction commits (at once
    outside a transaction; never if it rolls back). A transaction bumps each area once, however
    many rows it writes."""
    connection = transaction.get_connection()
    if any(getattr(callback, "area", None) == area for _savepoints, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_Bump(area))


class _Bump:
    def __init__(self, area: str):
        self.area = area

    def __call__(self):
        if not ContentVersion.objects.filter(area=self.area).update(number=F("number") + 1):
            ContentVersion.objects.get_or_create(area=self.area, defaults={"number": 1})


def current_version(area: str) -> int:
    return ContentVersion.objects.filter(area=area).values_list("number", flat=True).first() or 0


def _cacheable(request) -> bool:
    """Only requests that carry nothing personal: no session (so no messages, no account) and no
    message cookie."""
    return (request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES and not request.user.is_authenticated)


def cached_public_page(area: str, moment=lambda request: ""):
    """Cache the view's successful responses to anonymous readers, per language, full URL, day
    (pages mark entries not verified for a year, which depends on the date) and content version.
    `moment(request)` names a finer time a page depends on (the minute, for "open now")."""
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = (f"page:{area}:{current_version(area)}:{get_language()}:{timezone.localdate()}"
                   f"{moment(request)}:{path}")
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                if response.status_code == 200 and not response.streaming and not personal:
                    cache.set(key, response, PAGE_SECONDS)
            return response
        return wrapper
    return decorate
