"""Finding the consultation a page is about, with the reader's rights checked on the server."""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import access
from ..models import Consultation


def readable_consultation(request, slug) -> Consultation:
    """The consultation, or "not found" for people who may not read it (drafts, invited only)."""
    consultation = get_object_or_404(Consultation, slug=slug)
    if not access.can_read(request.user, consultation):
        raise Http404
    return consultation


def organised_consultation(request, slug) -> Consultation:
    """The consultation, for its organisers only."""
    consultation = readable_consultation(request, slug)
    if not access.can_organise(request.user, consultation):
        raise PermissionDenied
    return consultation
