"""A module's content in the reader's language, for the pages and the printable document: each text
comes with the language it is in, which differs from the reader's when no translation exists."""
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from corridor.library.models import GoodPractice

from .models import CaseStudy, Module, Topic


@dataclass(frozen=True)
class Text:
    text: str
    language: str


@dataclass
class Point:
    number: int
    question: Text
    guidance: Text
    pk: int


@dataclass
class CaseStudyView:
    practice: GoodPractice
    title: Text
    # (label, text) of the template's fields that are filled in, in the template's order.
    facts: list[tuple[str, Text]] = field(default_factory=list)


@dataclass
class TopicView:
    topic: Topic
    title: Text
    objectives: list[Text]
    sections: list[tuple[Text, SafeString, str]]  # heading, sanitised HTML, its language
    case_studies: list[CaseStudyView]
    points: list[Point]
    key_points: list[Text]


_CASE_STUDY_FIELDS = ("dynamics", "objectives", "activities", "outputs", "obstacles", "success_factors",
                      "coordination", "partners", "period")


def _text(record, name: str, language: str) -> Text:
    return Text(*record.translated(name, language))


def _list(record, name: str, language: str) -> list[Text]:
    values, in_language = record.translated(name, language)
    return [Text(value, in_language) for value in values]


def module_title(module: Module, language: str | None = None) -> Text:
    return _text(module, "title", language or get_language())


def case_studies(topic: Topic, language: str) -> list[CaseStudyView]:
    """The topic's case studies that the library publishes, in the topic's order."""
    links = (CaseStudy.objects.filter(topic=topic, practice__status=GoodPractice.Status.PUBLISHED)
             .select_related("practice").order_by("position"))
    views = []
    for link in links:
        practice = link.practice
        facts = [(str(practice._meta.get_field(name).verbose_name), _text(practice, name, language))
                 for name in _CASE_STUDY_FIELDS if getattr(practice, name)]
        views.append(CaseStudyView(practice, _text(practice, "title", language), facts))
    return views


def topic_view(topic: Topic, language: str | None = None) -> TopicView:
    language = (language or get_language() or "en").split("-")[0]
    sections = []
    for section in topic.sections.all():
        body, in_language = section.translated("body", language)
        heading = Text(*section.translated("heading", language)) if section.heading else Text("", in_language)
        sections.append((heading, mark_safe(body), in_language))  # sanitised when imported
    return TopicView(
        topic=topic, title=_text(topic, "title", language), objectives=_list(topic, "objectives", language),
        sections=sections, case_studies=case_studies(topic, language),
        points=[Point(question.number, _text(question, "text", language), _text(question, "guidance", language),
                      question.pk) for question in topic.points],
        key_points=_list(topic, "key_points", language))
