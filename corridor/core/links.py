"""Addresses of the site: absolute ones for what leaves the request that would tell the host (e-mails,
exported documents, jobs; the address is configured, CORRIDOR_BASE_URL), and where to go back to after a form."""
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme


def absolute_url(viewname: str, *args, language: str | None = None) -> str:
    """The address of a page, in `language` or else the language active at the time (/fr/...)."""
    with translation.override(language or translation.get_language()):
        return settings.CORRIDOR_BASE_URL.rstrip("/") + reverse(viewname, args=args)


def next_address(request, default: str) -> str:
    """Where to go after a form: the page that sent the person there (`next`, posted or in the query) when it
    is on this site, else `default`, so that a link cannot send people elsewhere."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default
