"""Splitting a post into the answers it gives. Participants answer several questions in one post and
say so in many ways: "Pregunta 1: ... Pregunta 3: ...", "Q2) ...", "Réponse à la question 2",
"Question n° 5", or paragraphs numbered "1." "2." after a greeting. Numbered lines are the risky
case: posts also contain numbered lists of challenges or proposals inside one answer, so they count
as answers only when the whole post is organised that way (see `_answer_numbering`)."""
import re
from collections.abc import Iterable

# A greeting or a line of context before the first answer belongs to it; a longer introduction is a
# part of its own.
SHORT_PREAMBLE = 200

# Words that introduce the number of a question, in English, French, Spanish and Arabic.
_QUESTION_WORDS = r"""
    (?: (?:answers?|repl(?:y|ies)|responses?)(?:\s+to)?(?:\s+(?:the\s+)?questions?)?
      | r[ée]ponses?(?:\s+[àa](?:\s+la)?)?(?:\s+questions?)?
      | respuestas?(?:\s+a(?:\s+la)?)?(?:\s+preguntas?)?
      | (?:ال)?(?:إجابة|اجابة)\s+(?:على|عن)\s+(?:ال)?سؤال
      | questions? | preguntas? | q\.? | (?:ال)?سؤال )
"""
_NUMBERS = r"""
    (?:\s*(?:n[°º]|no\.?|nr\.?|núm(?:ero)?\.?|\#))?\s*(?P<first>\d{1,2})(?!\d)
    (?P<more>(?:\s*(?:,|;|/|&|and|et|y|e|و)\s*\d{1,2}(?!\d))*)
"""
_REPLY_PREFIX = r"(?:re\s*:?\s*)?"

# At the start of a line, after a bullet or emphasis: "- **Question 2:**", "RE: Q.3 -", "Pregunta 1".
_MARKER = re.compile(rf"^[ \t]*(?:[-–—•*#_]+[ \t]*)?{_REPLY_PREFIX}{_QUESTION_WORDS}{_NUMBERS}",
                     re.IGNORECASE | re.MULTILINE | re.VERBOSE)
_SEPARATOR = re.compile(r"(?:\*\*)?[ \t]*(?P<punctuation>[:.)\-–—،])?[ \t]*(?:\*\*)?[ \t]*")
# Flattened posts run answers together: "... plans. Question 5: The main factors..."
_MARKER_INSIDE_LINE = re.compile(rf"(?<=[.!?])[ \t]+(?={_QUESTION_WORDS}{_NUMBERS}[ \t]*:)",
                                 re.IGNORECASE | re.VERBOSE)
# "Q: What are the main challenges...?": the post follows the questions by their text, so numbered
# lines in it are lists inside answers.
_QUESTION_HEADING = re.compile(r"^[ \t]*(?:q|question|pregunta|السؤال)[ \t]*:", re.IGNORECASE | re.MULTILINE)
_REFERENCE = re.compile(rf"(?<!\w){_QUESTION_WORDS}{_NUMBERS}", re.IGNORECASE | re.VERBOSE)
_NUMBERED_LINE = re.compile(r"^[ \t]*(?P<first>\d{1,2})[.)]-?(?=[ \t]+\S)", re.MULTILINE)
# "Here are my answers:" introduces answers; "The challenges are:" introduces a list.
_ANSWER_WORDS = re.compile(r"answer|r[ée]ponse|respuesta|question|pregunta|سؤال|إجاب", re.IGNORECASE)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$\n?", re.MULTILINE)
_SIGNATURE = re.compile(r"^--[ \t]*$.*", re.MULTILINE | re.DOTALL)
_DIGITS = re.compile(r"\d{1,2}")
_BLANK_LINE_BEFORE = re.compile(r"\n[ \t]*\n\Z")


def own_words(text: str) -> str:
    """The text without the lines it quotes ("> ...") and without the signature after "-- "."""
    text = text.replace("\r\n", "\n")
    return _SIGNATURE.sub("", _QUOTED_LINE.sub("", text)).strip()


def question_references(text: str) -> list[int]:
    """The question numbers named anywhere in a short text such as a subject ("Re: Question 3")."""
    numbers = []
    for match in _REFERENCE.finditer(text):
        numbers.extend(number for number in _numbers(match) if number not in numbers)
    return numbers


def split_answers(text: str, question_numbers: Iterable[int]) -> list[tuple[int | None, str]]:
    """The parts of `text` with the question each answers, in order; [(None, text)] when it names
    none. Numbers named explicitly ("Question 7:") are kept even when they are not in
    `question_numbers`, which only decides whether numbered paragraphs are answers."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return []
    marked = _MARKER_INSIDE_LINE.sub("\n", text)
    markers = _explicit_markers(marked)
    if not markers and not _QUESTION_HEADING.search(marked):
        markers = _answer_numbering(marked, set(question_numbers))
    parts = _cut(marked, markers) if markers else []
    return parts or [(None, text)]


def _numbers(match: re.Match) -> list[int]:
    return [int(match["first"]), *(int(number) for number in _DIGITS.findall(match["more"]))]


def _explicit_markers(text: str) -> list[tuple[int, int, list[int]]]:
    """(start, end, numbers) of each line that names a question before its answer."""
    markers = []
    for match in _MARKER.finditer(text):
        line_end = text.find("\n", match.end())
        rest = text[match.end():line_end if line_end >= 0 else len(text)]
        separator = _SEPARATOR.match(rest)
        following = rest[separator.end():]
        # "Question 2" alone on its line or followed by a sentence; "Question 2 is about..." is prose.
        if separator["punctuation"] or not following[:1].islower():
            markers.append((match.start(), match.end() + separator.end(), _numbers(match)))
    return markers


def _answer_numbering(text: str, question_numbers: set[int]) -> list[tuple[int, int, list[int]]]:
    """Numbered paragraphs read as answers only when there are at least two, every number is a
    question's, they rise, each starts a paragraph, and what comes before is a short greeting rather
    than an introduction to a list ("The main challenges are:")."""
    lines = list(_NUMBERED_LINE.finditer(text))
    numbers = [int(line["first"]) for line in lines]
    if len(lines) < 2 or not set(numbers) <= question_numbers or numbers != sorted(set(numbers)):
        return []
    if not all(_starts_paragraph(text, line.start()) for line in lines):
        return []
    preamble = text[:lines[0].start()].strip()
    if len(preamble) > SHORT_PREAMBLE or (preamble.endswith(":") and not _ANSWER_WORDS.search(preamble)):
        return []
    return [(line.start(), line.end(), [number]) for line, number in zip(lines, numbers)]


def _starts_paragraph(text: str, start: int) -> bool:
    before = text[:start]
    return not before.strip() or bool(_BLANK_LINE_BEFORE.search(before))


def _cut(text: str, markers: list[tuple[int, int, list[int]]]) -> list[tuple[int | None, str]]:
    parts: list[tuple[int | None, str]] = []
    for (_, end, numbers), following in zip(markers, [*(start for start, _, _ in markers[1:]), len(text)]):
        answer = text[end:following].strip()
        if answer:
            parts.extend((number, answer) for number in numbers)
    preamble = text[:markers[0][0]].strip()
    if preamble and parts and len(preamble) <= SHORT_PREAMBLE:
        parts[0] = (parts[0][0], f"{preamble}\n\n{parts[0][1]}")
    elif preamble:
        parts.insert(0, (None, preamble))
    return parts
