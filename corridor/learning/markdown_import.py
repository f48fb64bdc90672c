"""Import a learning module from Markdown files, one per topic, each with YAML front matter.

A module is a folder (or a zip archive, or files uploaded together):

- ``module.md``: front matter ``slug``, ``title``, ``language`` (of the text, default en), ``status``
  (draft or published, default draft), ``answers_visible_to_cohort`` (default false); its text is the
  module's summary;
- one file per topic, e.g. ``01-before-deciding.md``: front matter ``title``, ``order`` (1, 2, ...),
  ``phase`` (a migration-cycle phase of the directory: pre-decision, pre-departure, destination, return),
  ``objectives``, ``case_studies`` (good practices of the library, by id or exact title; published
  ones), ``points_for_reflection`` (questions, each a text or ``{question: ..., guidance: ...}``) and
  ``key_learning_points``; its text is cut into sections at its ``##`` headings;
- translations beside them, e.g. ``module.fr.md``, ``01-before-deciding.fr.md``: the same fields
  except the order, slug, status, phase and case studies, each optional; lists in the same order and
  of the same length as the original, and the same number of sections.

All or nothing: every file is checked first; if anything is wrong, nothing is written and each
problem names its file and field. Importing a module again (same slug) updates it in place: topics
are matched by their file name and points for reflection by their position in the topic, so that
learners' answers stay with their question; a topic or point that learners answered cannot be removed."""
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from corridor.consultations.models import Answer, Consultation, Question, Round
from corridor.core.languages import is_language_code
from corridor.directory.vocabularies import PHASE
from corridor.library.models import GoodPractice

from . import rendering
from .models import CaseStudy, Module, Section, Topic

MODULE_STEM = "module"
MAX_FILES = 200
MAX_FILE_BYTES = 1_000_000
_FILE_NAME = re.compile(r"^(?P<stem>[a-z0-9][a-z0-9_-]{0,79})(?:\.(?P<language>[a-z]{2,3}))?\.md$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
RESERVED_SLUGS = {"import"}  # a page of learning/
_MODULE_FIELDS = {"slug", "title", "language", "status", "answers_visible_to_cohort"}
_MODULE_TRANSLATION_FIELDS = {"title"}
_TOPIC_FIELDS = {"title", "order", "phase", "objectives", "case_studies", "points_for_reflection",
                 "key_learning_points"}
_TOPIC_TRANSLATION_FIELDS = {"title", "objectives", "points_for_reflection", "key_learning_points"}
_POINT_FIELDS = {"question", "guidance"}


@dataclass(frozen=True)
class Problem:
    file: str
    field: str  # "" for the file as a whole
    message: str

    def __str__(self):
        return f"{self.file}, {self.field}: {self.message}" if self.field else f"{self.file}: {self.message}"


class InvalidModule(ValueError):
    """Nothing was imported; `problems` says why, file by file."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class Point:
    question: str
    guidance: str = ""


@dataclass
class TopicSource:
    file: str
    slug: str
    number: int
    title: str
    phase: str
    objectives: list[str]
    case_studies: list[GoodPractice]
    points: list[Point]
    key_points: list[str]
    sections: list[rendering.Section]
    translations: dict[str, dict] = field(default_factory=dict)  # language -> the translated fields


@dataclass
class ModuleSource:
    slug: str
    title: str
    language: str
    status: str
    answers_visible_to_cohort: bool
    summary: str
    translations: dict[str, dict] = field(default_factory=dict)
    topics: list[TopicSource] = field(default_factory=list)


# Reading files.

def read_directory(path: str | Path) -> dict[str, bytes]:
    """The Markdown files of a folder, by name."""
    folder = Path(path)
    if not folder.is_dir():
        raise InvalidModule([Problem(str(path), "", _("not a folder"))])
    return {file.name: file.read_bytes() for file in sorted(folder.iterdir())
            if file.is_file() and file.suffix == ".md"}


def read_zip(stream) -> dict[str, bytes]:
    """The Markdown files of a zip archive, by name (folders inside it are ignored)."""
    try:
        with zipfile.ZipFile(stream if hasattr(stream, "read") else io.BytesIO(stream)) as archive:
            members = [member for member in archive.infolist()
                       if not member.is_dir() and member.filename.endswith(".md")
                       and not Path(member.filename).name.startswith(".")]
            problems = [Problem(member.filename, "", _("larger than %(size)s bytes") % {"size": MAX_FILE_BYTES})
                        for member in members if member.file_size > MAX_FILE_BYTES]
            if len(members) > MAX_FILES:
                problems.append(Problem("", "", _("more than %(count)s files") % {"count": MAX_FILES}))
            if problems:
                raise InvalidModule(problems)
            files = {}
            for member in members:
                name = Path(member.filename).name
                if name in files:
                    raise InvalidModule([Problem(member.filename, "", _("two files have this name"))])
                files[name] = archive.read(member)
            return files
    except zipfile.BadZipFile:
        raise InvalidModule([Problem("", "", _("not a zip archive"))]) from None


# Checking.

class _Checker:
    """Reads fields of one file's front matter, noting each problem instead of stopping at the first."""

    def __init__(self, file: str, data: dict, problems: list[Problem]):
        self.file, self.data, self.problems = file, data, problems

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, name, message))

    def unknown(self, allowed: set[str]) -> None:
        for name in self.data:
            if name not in allowed:
                self.problem(str(name), _("unknown field (expected one of: %(fields)s)")
                             % {"fields": ", ".join(sorted(allowed))})

    def text(self, name: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                self.problem(name, _("required"))
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(name, _("must be a text"))
            return ""
        value = str(value).strip()
        if max_length and len(value) > max_length:
            self.problem(name, _("at most %(count)s characters") % {"count": max_length})
        return value

    def texts(self, name: str) -> list[str] | None:
        """A list of texts; None when the field is absent."""
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, list):
            self.problem(name, _("must be a list (lines starting with “- ”)"))
            return []
        texts = []
        for index, item in enumerate(value, 1):
            if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
                self.problem(f"{name}[{index}]", _("must be a text"))
            else:
                texts.append(str(item).strip())
        return texts

    def boolean(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            self.problem(name, _("must be true or false"))
            return False
        return value

    def points(self, name: str = "points_for_reflection") -> list[Point] | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, list):
            self.problem(name, _("must be a list (lines starting with “- ”)"))
            return []
        points = []
        for index, item in enumerate(value, 1):
            where = f"{name}[{index}]"
            if isinstance(item, dict):
                unknown = set(item) - _POINT_FIELDS
                if unknown:
                    self.problem(where, _("unknown field %(field)s (expected question and guidance)")
                                 % {"field": ", ".join(map(str, sorted(unknown, key=str)))})
                question, guidance = item.get("question"), item.get("guidance") or ""
            else:
                question, guidance = item, ""
            if not isinstance(question, str) or not question.strip():
                self.problem(where, _("needs the text of the question"))
            elif not isinstance(guidance, str):
                self.problem(where, _("the guidance must be a text"))
            else:
                points.append(Point(question.strip(), guidance.strip()))
        return points


@dataclass
class _File:
    name: str
    stem: str
    language: str  # "" for an original
    data: dict
    body: str
    body_line: int  # the line of the file the body starts on


def parse(files: dict[str, bytes]) -> ModuleSource:
    """Check every file and return what they describe; InvalidModule lists every problem found."""
    problems: list[Problem] = []
    read = [parsed for name, content in sorted(files.items()) if (parsed := _read(name, content, problems))]
    originals = {parsed.stem: parsed for parsed in read if not parsed.language}
    translations = [parsed for parsed in read if parsed.language]
    module_file = originals.pop(MODULE_STEM, None)
    if module_file is None:
        if not any(problem.file == f"{MODULE_STEM}.md" for problem in problems):
            problems.append(Problem(f"{MODULE_STEM}.md", "", _("missing: it gives the module's slug and title")))
        raise InvalidModule(problems)
    module = _module(module_file, problems)
    if not originals and not any(problem.file != module_file.name for problem in problems):
        problems.append(Problem(module_file.name, "", _("the module has no topic: add a Markdown file per topic")))
    topics = {stem: _topic(parsed, problems) for stem, parsed in originals.items()}  # by file name
    module.topics = list(topics.values())
    _check_orders(module.topics, problems)
    for translation in translations:
        if translation.language == module.language:
            problems.append(Problem(translation.name, "", _("is in the language of the module itself (%(language)s)")
                                    % {"language": module.language}))
        elif translation.stem == MODULE_STEM:
            _translate_module(module, translation, problems)
        elif translation.stem in topics:
            _translate_topic(topics[translation.stem], translation, problems)
        else:
            problems.append(Problem(translation.name, "", _("translates %(file)s, which is not there")
                                    % {"file": f"{translation.stem}.md"}))
    if problems:
        raise InvalidModule(problems)
    module.topics.sort(key=lambda topic: topic.number)
    return module


def _read(name: str, content: bytes, problems: list[Problem]) -> _File | None:
    match = _FILE_NAME.match(name)
    if not match:
        problems.append(Problem(name, "", _("name it with lower-case letters, digits and hyphens, like "
                                            "01-before-deciding.md, or 01-before-deciding.fr.md for a translation")))
        return None
    language = match.group("language") or ""
    if language and not is_language_code(language):
        problems.append(Problem(name, "", _("“%(code)s” is not a language code") % {"code": language}))
        return None
    if len(content) > MAX_FILE_BYTES:
        problems.append(Problem(name, "", _("larger than %(size)s bytes") % {"size": MAX_FILE_BYTES}))
        return None
    try:
        text = content.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        problems.append(Problem(name, "", _("not UTF-8 text")))
        return None
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        problems.append(Problem(name, _("front matter"), _("the file must start with a “---” line, then its fields, "
                                                           "then another “---” line")))
        return None
    try:
        front, body = handler.split(text)
    except ValueError:
        problems.append(Problem(name, _("front matter"), _("no closing “---” line")))
        return None
    front_line = text[:text.find(front)].count("\n") + 1
    try:
        data = handler.load(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(line)s: ") % {"line": front_line + mark.line} if mark else ""
        problems.append(Problem(name, _("front matter"), where + str(getattr(error, "problem", None) or error)))
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(name, _("front matter"), _("must be fields, one per line (“title: …”)")))
        return None
    body_line = text[:len(text) - len(body)].count("\n") + 1
    return _File(name, match.group("stem"), language, data, body, body_line)


def _module(parsed: _File, problems: list[Problem]) -> ModuleSource:
    check = _Checker(parsed.name, parsed.data, problems)
    check.unknown(_MODULE_FIELDS)
    slug = check.text("slug", required=True)
    if slug and not _SLUG.match(slug):
        check.problem("slug", _("lower-case letters, digits and hyphens, at most 60"))
    elif slug in RESERVED_SLUGS:
        check.problem("slug", _("“%(slug)s” is reserved: choose another") % {"slug": slug})
    language = check.text("language") or "en"
    if not is_language_code(language):
        check.problem("language", _("“%(code)s” is not a language code") % {"code": language})
    status = check.text("status") or Module.Status.DRAFT
    if status not in Module.Status.values:
        check.problem("status", _("draft or published"))
    module = ModuleSource(slug=slug, title=check.text("title", required=True, max_length=255),
                          language=language.lower(), status=status,
                          answers_visible_to_cohort=check.boolean("answers_visible_to_cohort"),
                          summary=_html(parsed, check))
    return module


def _html(parsed: _File, check: _Checker) -> str:
    try:
        return rendering.to_html(parsed.body, parsed.body_line)
    except rendering.MarkdownProblem as problem:
        check.problem(_("text"), str(problem))
        return ""


def _sections(parsed: _File, check: _Checker) -> list[rendering.Section]:
    try:
        return rendering.split_sections(parsed.body, parsed.body_line)
    except rendering.MarkdownProblem as problem:
        check.problem(_("text"), str(problem))
        return []


def _topic(parsed: _File, problems: list[Problem]) -> TopicSource:
    check = _Checker(parsed.name, parsed.data, problems)
    check.unknown(_TOPIC_FIELDS)
    order = parsed.data.get("order")
    if order is None:
        check.problem("order", _("required: the topic's place in the module (1, 2, ...)"))
    elif not isinstance(order, int) or isinstance(order, bool) or not 1 <= order <= 999:
        check.problem("order", _("a whole number from 1 to 999"))
        order = None
    phase = check.text("phase")
    if phase and phase not in dict(PHASE.choices):
        check.problem("phase", _("one of: %(codes)s") % {"codes": ", ".join(dict(PHASE.choices))})
    return TopicSource(
        file=parsed.name, slug=parsed.stem, number=order or 0,
        title=check.text("title", required=True, max_length=255), phase=phase,
        objectives=check.texts("objectives") or [], case_studies=_case_studies(check),
        points=check.points() or [], key_points=check.texts("key_learning_points") or [],
        sections=_sections(parsed, check))


def _case_studies(check: _Checker) -> list[GoodPractice]:
    references = check.texts("case_studies") or []
    practices = []
    for index, reference in enumerate(references, 1):
        where = f"case_studies[{index}]"
        try:
            found = list(GoodPractice.objects.filter(uuid=uuid.UUID(reference)))
        except ValueError:
            found = list(GoodPractice.objects.filter(title=reference)[:2])
        if not found:
            check.problem(where, _("no good practice in the library has the id or title “%(reference)s”")
                          % {"reference": reference})
        elif len(found) > 1:
            check.problem(where, _("several good practices are called “%(reference)s”: give the id of the one you "
                                   "mean") % {"reference": reference})
        elif found[0].status != GoodPractice.Status.PUBLISHED:
            check.problem(where, _("“%(title)s” is not published in the library yet") % {"title": found[0].title})
        elif found[0] in practices:
            check.problem(where, _("“%(title)s” is listed twice") % {"title": found[0].title})
        else:
            practices.append(found[0])
    return practices


def _check_orders(topics: list[TopicSource], problems: list[Problem]) -> None:
    seen: dict[int, TopicSource] = {}
    for topic in topics:
        if topic.number and topic.number in seen:
            problems.append(Problem(topic.file, "order", _("%(order)s is also the order of %(file)s")
                                    % {"order": topic.number, "file": seen[topic.number].file}))
        seen.setdefault(topic.number, topic)


def _translate_module(module: ModuleSource, parsed: _File, problems: list[Problem]) -> None:
    check = _Checker(parsed.name, parsed.data, problems)
    check.unknown(_MODULE_TRANSLATION_FIELDS)
    translated = {"title": check.text("title", max_length=255), "summary": _html(parsed, check)}
    module.translations[parsed.language] = {key: value for key, value in translated.items() if value}


def _translate_topic(topic: TopicSource, parsed: _File, problems: list[Problem]) -> None:
    check = _Checker(parsed.name, parsed.data, problems)
    check.unknown(_TOPIC_TRANSLATION_FIELDS)
    translated: dict = {}
    if title := check.text("title", max_length=255):
        translated["title"] = title
    for name, key, original in (("objectives", "objectives", topic.objectives),
                                ("key_learning_points", "key_points", topic.key_points),
                                ("points_for_reflection", "points", topic.points)):
        values = check.points(name) if key == "points" else check.texts(name)
        if values is None:
            continue
        if len(values) != len(original):
            check.problem(name, _("%(count)s given, but %(file)s has %(original)s: translate each, in the same order")
                          % {"count": len(values), "file": topic.file, "original": len(original)})
        else:
            translated[key] = values
    sections = _sections(parsed, check)
    if sections and len(sections) != len(topic.sections):
        check.problem(_("text"), _("%(count)s sections, but %(file)s has %(original)s: translate each, in the same "
                                   "order") % {"count": len(sections), "file": topic.file,
                                               "original": len(topic.sections)})
    elif sections:
        translated["sections"] = sections
    topic.translations[parsed.language] = translated


# Writing.

def import_files(files: dict[str, bytes], *, by=None) -> Module:
    """Create or update the module the files describe, all or nothing."""
    source = parse(files)
    with transaction.atomic():
        return _write(source, by)


def import_directory(path: str | Path, *, by=None) -> Module:
    return import_files(read_directory(path), by=by)


def consultation_slug(module_slug: str) -> str:
    return f"learning-{module_slug}"


def _write(source: ModuleSource, by) -> Module:
    module = Module.objects.select_for_update().filter(slug=source.slug).first()
    reflection = module.reflection if module else _new_reflection(source, by)
    reflection.title, reflection.content_language = source.title, source.language
    reflection.translations = {language: {"title": fields["title"]}
                               for language, fields in source.translations.items() if "title" in fields}
    reflection.languages = sorted({source.language, *source.translations,
                                   *(language for topic in source.topics for language in topic.translations)})
    reflection.save()
    if module is None:
        module = Module(slug=source.slug, reflection=reflection, created_by=by)
    module.title, module.summary, module.content_language = source.title, source.summary, source.language
    module.status, module.answers_visible_to_cohort = source.status, source.answers_visible_to_cohort
    module.translations = source.translations
    module.save()

    existing = {topic.slug: topic for topic in module.topics.select_related("round")}
    _refuse_removing_answered(source, existing)
    for gone in set(existing) - {topic.slug for topic in source.topics}:
        topic = existing.pop(gone)
        topic.round.questions.all().delete()
        topic.delete()
        topic.round.delete()
    _make_room(Topic.objects.filter(module=module), Round.objects.filter(consultation=reflection),
               Question.objects.filter(consultation=reflection), source)
    question_number = 0
    for topic_source in source.topics:
        topic = _write_topic(module, reflection, existing.get(topic_source.slug), topic_source)
        question_number = _write_points(reflection, topic, topic_source, question_number)
    return module


def _new_reflection(source: ModuleSource, by) -> Consultation:
    """The consultation that holds the module's points for reflection and its learners' answers. Its
    visibility keeps it out of the consultations' lists; the module's pages say who reads the answers."""
    slug = consultation_slug(source.slug)
    if Consultation.objects.filter(slug=slug).exists():
        raise InvalidModule([Problem(f"{MODULE_STEM}.md", "slug", _(
            "a consultation already has the short name “%(slug)s”: choose another slug") % {"slug": slug})])
    return Consultation(slug=slug, kind=Consultation.Kind.REFLECTION, status=Consultation.Status.OPEN,
                        visibility=Consultation.Visibility.INVITED, premoderation=False, allow_anonymous=False,
                        created_by=by)


def _refuse_removing_answered(source: ModuleSource, existing: dict[str, Topic]) -> None:
    """Learners' answers are never lost by an import: answered topics and points must stay."""
    problems = []
    answered = set(Answer.objects.filter(question__round__topic__in=existing.values())
                   .values_list("question_id", flat=True))
    wanted = {topic.slug: topic for topic in source.topics}
    for slug, topic in existing.items():
        points = list(topic.points)
        kept = len(wanted[slug].points) if slug in wanted else 0
        for position, point in enumerate(points[kept:], kept + 1):
            if point.pk in answered:
                problems.append(Problem(wanted[slug].file if slug in wanted else f"{slug}.md",
                                        "points_for_reflection" if slug in wanted else "",
                                        _("point %(position)s (“%(text)s”) has answers from learners and cannot be "
                                          "removed") % {"position": position, "text": point.text[:60]}))
    if problems:
        raise InvalidModule(problems)


def _make_room(topics, rounds, questions, source: ModuleSource) -> None:
    """Move the numbers kept by the unique constraints out of the way of the new ones, in one update
    each: every moved number ends above every new one, so no two rows ever meet."""
    highest_order = max(topic.number for topic in source.topics)
    points = sum(len(topic.points) for topic in source.topics)
    for rows, highest_new in ((topics, highest_order), (rounds, highest_order), (questions, points)):
        highest = rows.aggregate(highest=Max("number"))["highest"] or 0
        rows.update(number=F("number") + max(highest, highest_new) + 1)


def _write_topic(module: Module, reflection: Consultation, topic: Topic | None, source: TopicSource) -> Topic:
    round_title = {language: {"title": fields["title"]} for language, fields in source.translations.items()
                   if "title" in fields}
    if topic is None:
        topic = Topic(module=module, slug=source.slug,
                      round=Round.objects.create(consultation=reflection, number=source.number, title=source.title,
                                                 content_language=module.content_language, translations=round_title))
    else:
        Round.objects.filter(pk=topic.round_id).update(number=source.number, title=source.title,
                                                      content_language=module.content_language,
                                                      translations=round_title)
    topic.number, topic.title, topic.phase = source.number, source.title, source.phase
    topic.objectives, topic.key_points = source.objectives, source.key_points
    topic.content_language = module.content_language
    topic.translations = {language: {key: value for key, value in fields.items() if key in
                                     ("title", "objectives", "key_points")}
                          for language, fields in source.translations.items()}
    topic.save()
    topic.sections.all().delete()
    Section.objects.bulk_create(
        Section(topic=topic, position=position, heading=section.heading, body=section.body,
                content_language=module.content_language,
                translations={language: {"heading": fields["sections"][position].heading,
                                         "body": fields["sections"][position].body}
                              for language, fields in source.translations.items() if "sections" in fields})
        for position, section in enumerate(source.sections))
    CaseStudy.objects.filter(topic=topic).delete()
    CaseStudy.objects.bulk_create(CaseStudy(topic=topic, practice=practice, position=position)
                                  for position, practice in enumerate(source.case_studies))
    return topic


def _write_points(reflection: Consultation, topic: Topic, source: TopicSource, numbered: int) -> int:
    """Points for reflection are the questions of the topic's round, numbered through the module."""
    existing = list(topic.round.questions.order_by("number"))
    for position, point in enumerate(source.points):
        numbered += 1
        translations = {language: {"text": fields["points"][position].question,
                                   "guidance": fields["points"][position].guidance}
                        for language, fields in source.translations.items() if "points" in fields}
        question = existing[position] if position < len(existing) else \
            Question(consultation=reflection, round=topic.round)
        question.number, question.text, question.guidance = numbered, point.question, point.guidance
        question.content_language, question.translations = topic.content_language, translations
        question.save()
    Question.objects.filter(pk__in=[question.pk for question in existing[len(source.points):]]).delete()
    return numbered

