"""Labels of the diaspora portal's vocabularies for the codes kept on profiles, and the visitor's profile."""
from django import template

from ..vocabularies import ENGAGEMENT, SECTOR

register = template.Library()


@register.filter
def engagement_label(code):
    return ENGAGEMENT.label(code)


@register.filter
def sector_label(code):
    return SECTOR.label(code)


@register.simple_tag(takes_context=True)
def diaspora_person(context):
    """The member of the diaspora whose profile the visitor opened with their signed link, if any."""
    from ..profiles import session_profile

    request = context.get("request")
    return session_profile(request) if request is not None and hasattr(request, "session") else None
