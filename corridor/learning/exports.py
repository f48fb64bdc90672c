"""A module as a printable document: HTML, and PDF made from it by WeasyPrint, in the language asked
for; the points for reflection are followed by room to write. Printing takes seconds, so PDFs are
cached until the module or one of its case studies changes."""
from django.core.cache import cache
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation

from corridor.core.links import absolute_url

from . import content
from .models import CaseStudy, Module

PDF_CACHE_SECONDS = 7 * 24 * 3600


def render_html(module: Module, language: str) -> str:
    with translation.override(language):
        return render_to_string("learning/document.html", {
            "language": language,
            "rtl": translation.get_language_bidi(),
            "module": module,
            "title": content.module_title(module, language),
            "summary": module.translated("summary", language),
            "topics": [content.topic_view(topic, language) for topic in module.topics.all()],
            "url": absolute_url("learning:module", module.slug, language=language),
        })


def render_pdf(module: Module, language: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=render_html(module, language)).write_pdf()  # self-contained: nothing to fetch


def cached_pdf(module: Module, language: str) -> bytes:
    practices_changed = CaseStudy.objects.filter(topic__module=module).aggregate(
        latest=Max("practice__updated_at"))["latest"]
    key = (f"learning-pdf:{module.pk}:{language}:{module.updated_at.timestamp()}:"
           f"{practices_changed.timestamp() if practices_changed else 0}")
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(module, language)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
