"""The consolidated report as a standalone HTML document, as PDF (WeasyPrint, from the same HTML) and
as Word (python-docx), in the interface language asked for. All three show `reporting.document`:
the analysis with the organiser's edits, excerpts they left out not shown. Quotes link back to their
contribution on the site (CORRIDOR_BASE_URL)."""
import io
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from corridor.core.languages import country_name, language_name
from corridor.core.links import absolute_url
from corridor.core.word import right_to_left
from corridor.directory.models import Organisation
from corridor.directory.vocabularies import VOCABULARIES

from . import charts, reporting
from .analysis.lexicon import concept_label
from .models import Report

TOP_COUNTRIES = 15
MAP_LABELS = 12


def contribution_url(consultation_slug: str, contribution_uuid: str, language: str) -> str:
    return absolute_url("consultations:contribution", consultation_slug, contribution_uuid, language=language)


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)


def render_html(report: Report, language: str) -> str:
    with translation.override(language):
        view = _view(report, language)
        view["charts"] = _charts(view)
        return render_to_string("consultations/report/document.html", view)


def render_pdf(report: Report, language: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=render_html(report, language)).write_pdf()  # self-contained: nothing to fetch


def _kind_label(code: str) -> str:
    return str(Organisation.Kind(code).label) if code in Organisation.Kind.values else _("Not given")


def _country_label(code: str, language: str) -> str:
    return country_name(code, language) if code else _("Not given")


def _attribution(item: dict) -> str:
    author = item["author"] or _("Anonymous")
    return f"{author}, {item['organisation']}" if item["organisation"] else author


def _quote(item: dict, slug: str, language: str) -> dict:
    return {"text": item["text"], "language": item["language"], "attribution": _attribution(item),
            "url": contribution_url(slug, item["contribution"], language)}


def _place_name(place: dict, language: str) -> str:
    return country_name(place["country_code"], language) if place["kind"] == "country" else place["name"]


def _view(report: Report, language: str) -> dict:
    """Everything the HTML and Word documents show, with labels in the active language."""
    document = reporting.document(report)
    overview, slug = document["overview"], report.consultation.slug
    contributors = document["contributors"]
    anonymous = contributors["anonymous"]
    return {
        "language": language,
        "rtl": translation.get_language_bidi(),
        "title": document["consultation"]["title"],
        "subtitle": _("Consolidated report, version %(version)s") % {"version": report.version},
        "generated": formats.date_format(timezone.localtime(report.generated_at), "DATE_FORMAT")
        if report.generated_at else "",
        "document": document,
        "figures": [(_("Contributions"), overview["contributions"]), (_("Contributors"), overview["contributors"]),
                    (_("Answers"), overview["answers"]), (_("Questions"), len(document["questions"]))],
        "tables": _overview_tables(overview, language),
        "places": Table(_("Places mentioned"), [_("Place"), _("Kind"), _("Country"), _("Mentions"),
                                                _("Contributions")],
                        [[_place_name(p, language), _("Country") if p["kind"] == "country" else _("City"),
                          _country_label(p["country_code"], language), p["mentions"], len(p["contributions"])]
                         for p in overview["places"]]),
        "map_points": [(_place_name(p, language), p["latitude"], p["longitude"], p["mentions"])
                       for p in overview["places"] if p["latitude"] is not None],
        "questions": [_question_view(question, slug, language) for question in document["questions"]],
        "practices": [{**_quote(practice, slug, language), "actor": practice["actor"],
                       "places": ", ".join(_place_name(p, language) for p in practice["places"]),
                       "tags": ", ".join(str(VOCABULARIES[vocabulary].label(code))
                                         for vocabulary, codes in practice["tags"].items() for code in codes),
                       "question": practice["question"]}
                      for practice in document["practices"]],
        "lessons": [{**_quote(lesson, slug, language), "question": lesson["question"]}
                    for lesson in document["lessons"]],
        "contributors": Table(_("Contributors"), [_("Name"), _("Organisation"), _("Kind of organisation"),
                                                  _("Country"), _("Contributions")],
                              [[row["name"], row["organisation"], _kind_label(row["organisation_kind"]),
                                _country_label(row["country"], language), row["contributions"]]
                               for row in contributors["named"]]),
        "anonymous": ngettext("%(people)s person contributed anonymously (%(contributions)s contributions).",
                              "%(people)s people contributed anonymously (%(contributions)s contributions).",
                              anonymous["contributors"]) % {
            "people": anonymous["contributors"], "contributions": anonymous["contributions"]}
        if anonymous["contributors"] else "",
    }


def _overview_tables(overview: dict, language: str) -> dict[str, Table]:
    timeline = overview["over_time"]
    period = _("Day") if timeline["unit"] == "day" else _("Week starting")
    return {
        "languages": Table(_("Contributions by language"), [_("Language"), _("Contributions")],
                           [[language_name(row["code"], language), row["count"]] for row in overview["by_language"]]),
        "countries": Table(_("Contributions by country"), [_("Country"), _("Contributions")],
                           [[_country_label(row["code"], language), row["count"]] for row in overview["by_country"]]),
        "kinds": Table(_("Contributions by kind of organisation"), [_("Kind of organisation"), _("Contributions")],
                       [[_kind_label(row["code"]), row["count"]] for row in overview["by_organisation_kind"]]),
        "questions": Table(_("Answers by question"), [_("Question"), _("Answers")],
                           [[_("Question %(number)s") % {"number": row["number"]}, row["answers"]]
                            for row in overview["by_question"]]),
        "timeline": Table(_("Contributions over time"), [period, _("Contributions")],
                          [[formats.date_format(date.fromisoformat(row["start"]), "MONTH_DAY_FORMAT"), row["count"]]
                           for row in timeline["periods"]]),
    }


def _question_view(question: dict, slug: str, language: str) -> dict:
    """A question in the reader's language when translated, its themes and the excerpts kept."""
    return {
        "number": question["number"], "text": question["translations"].get(language, question["text"]),
        "summary": question["summary"],
        "meta": ngettext("%(answers)s answer from %(contributors)s contributors",
                         "%(answers)s answers from %(contributors)s contributors", question["answers"]) % {
            "answers": question["answers"], "contributors": question["contributors"]},
        "themes": [{
            "label": theme["label"],
            "meta": _("%(passages)s passages from %(contributors)s contributors in %(languages)s") % {
                "passages": theme["size"], "contributors": theme["contributors"],
                "languages": ", ".join(language_name(code, language) for code in theme["languages"])},
            "keyphrases": [(language_name(code, language), ", ".join(phrases))
                           for code, phrases in sorted(theme["keyphrases"].items())],
            "concepts": ", ".join(concept_label(code, language) for code in theme["concepts"]),
            "excerpts": [_quote(excerpt, slug, language) for excerpt in theme["excerpts"] if not excerpt["hidden"]],
        } for theme in question["themes"]],
        "places": ", ".join(f"{_place_name(p, language)} ({p['mentions']})" for p in question["places"]),
    }


def _charts(view: dict) -> dict:
    rtl, tables = view["rtl"], view["tables"]

    def bars(table: Table, rows=None) -> str:
        rows = table.rows if rows is None else rows
        description = "; ".join(f"{label}: {count}" for label, count in rows)
        return mark_safe(charts.bar_chart([(label, count) for label, count in rows], title=table.title,
                                          description=description, rtl=rtl))

    timeline = tables["timeline"]
    return {
        "languages": bars(tables["languages"]),
        "countries": bars(tables["countries"], tables["countries"].rows[:TOP_COUNTRIES]),
        "kinds": bars(tables["kinds"]),
        "questions": bars(tables["questions"]),
        "timeline": mark_safe(charts.column_chart(
            [(label, count) for label, count in timeline.rows], title=timeline.title,
            description="; ".join(f"{label}: {count}" for label, count in timeline.rows), rtl=rtl)),
        "map": mark_safe(charts.map_chart(
            view["map_points"], title=view["places"].title, rtl=rtl, labelled=MAP_LABELS,
            description="; ".join(f"{name}: {count}" for name, _lat, _lon, count in view["map_points"]))),
    }


def render_docx(report: Report, language: str) -> bytes:
    """Headings, tables instead of charts, themes with their quotes, practices, lessons and the
    annex of contributors."""
    from docx import Document

    with translation.override(language):
        view = _view(report, language)
        word = Document()
        word.core_properties.title = view["title"]
        word.core_properties.language = language
        word.add_heading(view["title"], 0)
        word.add_paragraph(view["subtitle"] + (f" · {view['generated']}" if view["generated"] else ""))
        document = view["document"]
        if document["introduction"]:
            word.add_heading(_("Introduction"), 1)
            _paragraphs(word, document["introduction"])
        word.add_heading(_("Overview"), 1)
        _table(word, Table(_("Figures"), [_("Figure"), _("Number")], [list(f) for f in view["figures"]]))
        for table in (*view["tables"].values(), view["places"]):
            word.add_heading(table.title, 2)
            _table(word, table)
        for question in view["questions"]:
            word.add_heading(_("Question %(number)s") % {"number": question["number"]}, 1)
            word.add_paragraph(question["text"], style="Intense Quote")
            word.add_paragraph(question["meta"])
            if question["summary"]:
                _paragraphs(word, question["summary"])
            for theme in question["themes"]:
                word.add_heading(theme["label"], 2)
                word.add_paragraph(theme["meta"])
                for language_label, phrases in theme["keyphrases"]:
                    word.add_paragraph(f"{language_label}: {phrases}", style="List Bullet")
                for excerpt in theme["excerpts"]:
                    _quote_paragraph(word, excerpt)
            if question["places"]:
                word.add_paragraph(f"{_('Places mentioned')}: {question['places']}")
        word.add_heading(_("Good practices"), 1)
        for practice in view["practices"]:
            word.add_heading(practice["actor"], 3)
            _quote_paragraph(word, practice)
            details = [f"{_('Places')}: {practice['places']}" if practice["places"] else "",
                       f"{_('Classification')}: {practice['tags']}" if practice["tags"] else ""]
            word.add_paragraph(" · ".join(filter(None, details)))
        word.add_heading(_("Lessons learned"), 1)
        for lesson in view["lessons"]:
            _quote_paragraph(word, lesson)
        if document["conclusion"]:
            word.add_heading(_("Conclusion"), 1)
            _paragraphs(word, document["conclusion"])
        word.add_heading(_("Annex: contributors"), 1)
        _table(word, view["contributors"])
        if view["anonymous"]:
            word.add_paragraph(view["anonymous"])
        if view["rtl"]:
            right_to_left(word)  # Arabic
        output = io.BytesIO()
        word.save(output)
        return output.getvalue()


def _paragraphs(word, text: str) -> None:
    for paragraph in filter(None, (part.strip() for part in text.split("\n\n"))):
        word.add_paragraph(paragraph)


def _table(word, table: Table) -> None:
    grid = word.add_table(rows=1, cols=len(table.header))
    grid.style = "Light Grid Accent 1"
    for cell, title in zip(grid.rows[0].cells, table.header):
        cell.text = str(title)
    for row in table.rows:
        for cell, value in zip(grid.add_row().cells, row):
            cell.text = str(value)


def _quote_paragraph(word, quote: dict) -> None:
    word.add_paragraph(quote["text"], style="Quote")
    attribution = word.add_paragraph(f"— {quote['attribution']} · ")
    _hyperlink(attribution, quote["url"], _("read the contribution"))


def _hyperlink(paragraph, url: str, text: str) -> None:
    """python-docx has no hyperlink API: a w:hyperlink element around a run, with its relationship."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([style, underline])
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.extend([properties, text_element])
    link.append(run)
    paragraph._p.append(link)
