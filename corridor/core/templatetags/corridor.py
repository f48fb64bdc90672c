from babel.lists import format_list
from django import template
from django.template.defaultfilters import linebreaks
from django.urls import translate_url
from django.utils.html import conditional_escape, escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, to_locale

from corridor.core.languages import country_name, language_name

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """The current page in another interface language (a plain link: no JavaScript needed)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, removing a filter)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.filter
def language_label(code):
    return language_name(code)


@register.filter
def language_labels(codes):
    return [language_name(code) for code in codes]


@register.filter
def spoken_languages(service_languages):
    """ "French (by appointment)" for each language a service is given in."""
    return [f"{language_name(spoken.code)} ({spoken.note})" if spoken.note else language_name(spoken.code)
            for spoken in service_languages]


@register.filter(needs_autoescape=True)
def as_list(items, autoescape=True):
    """Items joined the way the reader's language lists things ("A, B and C", "A، B و C")."""
    items = [conditional_escape(item) if autoescape else str(item) for item in items]
    if not items:
        return ""
    return mark_safe(format_list(items, locale=to_locale(get_language() or "en")))


@register.filter
def country_label(code):
    return country_name(code) if code else ""


@register.simple_tag
def translated(record, field, paragraphs=False):
    """A content field in the reader's language when a translation exists, marked with its language
    (lang attribute) when it is in another one, so screen readers and browsers render it right."""
    text, language = record.translated(field)
    body = linebreaks(text) if paragraphs else escape(text)
    if language == (get_language() or "").split("-")[0]:
        return mark_safe(body)
    tag = "div" if paragraphs else "span"
    return format_html('<{} lang="{}">{}</{}>', tag, language, mark_safe(body), tag)
