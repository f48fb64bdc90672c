"""Absolute addresses of the site, for what leaves the request that would tell the host: e-mails,
exported documents, jobs. The address is configured (CORRIDOR_BASE_URL)."""
from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute_url(viewname: str, *args, language: str | None = None) -> str:
    """The address of a page, in `language` or else the language active at the time (/fr/...)."""
    with translation.override(language or translation.get_language()):
        return settings.CORRIDOR_BASE_URL.rstrip("/") + reverse(viewname, args=args)
