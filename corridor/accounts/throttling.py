"""Slowing down password guessing: after too many failed sign-ins for one account, or from one
address, within a window, further attempts are refused until the window has passed. Attempts are
counted in the database so that every worker process sees them."""
import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import FailedSignIn

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20


def client_address(request) -> str:
    """The client's address; behind TRUSTED_PROXIES reverse proxies, the one they saw."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _address_hash(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _recent(now):
    return FailedSignIn.objects.filter(at__gte=now - WINDOW)


def retry_after(username: str, address: str, now=None) -> timedelta | None:
    """How long until sign-in may be tried again, or None when it may be tried now."""
    now = now or timezone.now()
    recent = _recent(now)
    for failures, limit in ((recent.filter(username__iexact=username), MAX_FAILURES_PER_ACCOUNT),
                            (recent.filter(address_hash=_address_hash(address)), MAX_FAILURES_PER_ADDRESS)):
        times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            return times[-1] + WINDOW - now
    return None


def record_failure(username: str, address: str) -> None:
    FailedSignIn.objects.filter(at__lt=timezone.now() - WINDOW).delete()
    FailedSignIn.objects.create(username=username[:150], address_hash=_address_hash(address))


def record_success(username: str) -> None:
    # Old attempts are forgotten here too, so that no address hash outlives its window for long.
    FailedSignIn.objects.filter(Q(username__iexact=username) | Q(at__lt=timezone.now() - WINDOW)).delete()
