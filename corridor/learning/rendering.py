"""Markdown to safe HTML for learning modules: CommonMark with tables (markdown-it-py), raw HTML left
as text, then sanitised with nh3 like every HTML Corridor stores. A topic's text is cut into sections
at its "##" headings."""
from dataclasses import dataclass

import nh3
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "hr", "ul", "ol", "li", "strong", "em", "blockquote", "a", "h3", "h4", "h5", "h6", "code",
                "pre", "table", "thead", "tbody", "tr", "th", "td"}
_SANITISER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "th": {"style"}, "td": {"style"}},
                         url_schemes={"http", "https", "mailto"}, url_relative="deny",
                         link_rel="noopener nofollow", filter_style_properties={"text-align"})
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


class MarkdownProblem(ValueError):
    """Markdown that a module cannot contain; the message says what to write instead."""


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the text before the first "##" heading
    body: str  # sanitised HTML


def to_html(text: str, first_line: int = 1) -> str:
    """Safe HTML of a Markdown text without sections (a module's summary). `first_line` is the line
    of the file the text starts on, for the messages."""
    tokens = _MARKDOWN.parse(text)
    _check(tokens, first_line, allow_sections=False)
    return _render(tokens)


def split_sections(text: str, first_line: int = 1) -> list[Section]:
    """The sections of a topic's text; empty text has none."""
    tokens = _MARKDOWN.parse(text)
    _check(tokens, first_line, allow_sections=True)
    sections, heading, start = [], "", 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            if index > start or heading:
                sections.append(Section(heading, _render(tokens[start:index])))
            heading, start = tokens[index + 1].content.strip(), index + 3  # open, inline, close
    if start < len(tokens) or heading:
        sections.append(Section(heading, _render(tokens[start:])))
    return [section for section in sections if section.heading or section.body]


def _render(tokens) -> str:
    return _SANITISER.clean(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})).strip()


def _check(tokens, first_line: int, *, allow_sections: bool) -> None:
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open" and (token.tag == "h1" or (token.tag == "h2" and not allow_sections)):
            marks = "#" * int(token.tag[1])
            raise MarkdownProblem(
                _("line %(line)s: “%(marks)s” headings cannot be used here; start sections with “##” (the title "
                  "comes from the front matter).") % {"line": line, "marks": marks} if allow_sections
                else _("line %(line)s: “%(marks)s” headings cannot be used here; use “###” or lower.")
                % {"line": line, "marks": marks})
        if any(child.type == "image" for child in token.children or ()):
            raise MarkdownProblem(_("line %(line)s: images cannot be imported; link to them instead.")
                                  % {"line": line})
