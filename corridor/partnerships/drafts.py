"""The agreement drafted from the partnership's data, as Word (python-docx) and PDF (WeasyPrint, from HTML),
one document per language of the agreement. The fixed headings and sentences are translated (gettext under
translation.override); the partnership's own texts are given in that language when a translation exists, else
in the language they were written in. Arabic documents read from right to left.

Both formats render the same `sections`: the parties, then the guidelines' minimum elements in their order,
then the signatures. What is still empty is marked “to be completed”, and a document not yet final says so
and lists what is missing."""
import io
from dataclasses import dataclass, field

from babel.lists import format_list
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from corridor.core.languages import country_name
from corridor.core.word import right_to_left
from corridor.directory.models import Organisation
from corridor.profiles import formatting
from corridor.profiles.models import Indicator

from . import agreement
from .models import Partnership
from .vocabularies import sector_labels

RIGHT_TO_LEFT = {"ar", "fa", "he", "ps", "ur", "yi"}


@dataclass
class Block:
    kind: str  # "p", "subheading", "list" or "table"
    text: str = ""
    items: list = field(default_factory=list)  # a list's items, or a table's rows
    header: list = field(default_factory=list)
    language: str = ""  # of the partnership's texts it quotes; empty: the document's language

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RIGHT_TO_LEFT else "ltr"


@dataclass
class Section:
    number: int
    heading: str
    blocks: list


def _todo() -> Block:
    return Block("p", _("[To be completed]"))


def _paragraphs(text: str, language: str) -> list[Block]:
    parts = [part.strip() for part in (text or "").split("\n\n") if part.strip()]
    return [Block("p", part, language=language) for part in parts] or [_todo()]


def _text(partnership: Partnership, name: str, language: str) -> tuple[str, str]:
    """A text of the partnership and the language it is in: its translation into `language` when there is one."""
    if name in ("title", "aim", "expected_results"):
        return partnership.translated(name, language)
    return getattr(partnership, name), partnership.content_language


def _written(partnership: Partnership, name: str, language: str) -> list[Block]:
    return _paragraphs(*_text(partnership, name, language))


def _date(day) -> str:
    return date_format(day, "DATE_FORMAT") if day else "…"


def _number(value) -> str:
    return "" if value is None else formatting.value(value, Indicator.Kind.NUMBER)


def _party_name(side, language: str) -> str:
    territory = side.territory
    return f"{territory.localized_name(language)} ({country_name(territory.country_code, language)})"


def _parties(partnership, sides, language) -> list[Block]:
    blocks = []
    for side in sides:
        blocks.append(Block("subheading", _party_name(side, language)))
        blocks.extend(_paragraphs(side.authority, partnership.content_language))
        if side.signatory_name or side.signatory_title:
            blocks.append(Block("p", _("Represented by %(signatory)s.") % {
                "signatory": ", ".join(filter(None, [side.signatory_name, side.signatory_title]))}))
        if side.mandate:
            blocks.append(Block("p", _("Mandate: %(mandate)s") % {"mandate": side.mandate}
                                + (f" ({_date(side.mandate_date)})" if side.mandate_date else "")))
    return blocks


def _actions(partnership) -> list[Block]:
    rows = [[action.description, action.measure or _("[To be completed]"), _date(action.due_on)]
            for action in partnership.actions.all()]
    if not rows:
        return [_todo()]
    return [Block("table", header=[_("Action"), _("How it is measured"), _("Due")], items=rows,
                  language=partnership.content_language)]


def _stakeholders(sides, language) -> list[Block]:
    rows = [[side.territory.localized_name(language), stakeholder.organisation.name,
             str(Organisation.Kind(stakeholder.organisation.kind).label), stakeholder.get_role_display()]
            for side in sides for stakeholder in side.stakeholders.all()]
    if not rows:
        return [_todo()]
    return [Block("table", header=[_("Party"), _("Organisation"), _("Kind of organisation"), _("Role")], items=rows)]


def _monitoring(partnership, language) -> list[Block]:
    blocks = _written(partnership, "monitoring", language)
    rows = [[indicator.title, indicator.unit,
             _number(indicator.baseline) + (f" ({indicator.baseline_year})" if indicator.baseline_year else ""),
             f"{_date(period.period_start)} – {_date(period.period_end)}", _number(period.target)]
            for indicator in partnership.indicators.all() for period in indicator.periods.all()]
    if rows:
        blocks.append(Block("table", header=[_("Indicator"), _("Unit"), _("Baseline"), _("Period"), _("Target")],
                            items=rows, language=partnership.content_language))
    return blocks


def _coherence(partnership, sides, language) -> list[Block]:
    blocks = []
    for side in sides:
        blocks.append(Block("subheading", _party_name(side, language)))
        if side.development_plan:
            blocks.append(Block("p", _("Development plan: %(plan)s") % {"plan": side.development_plan}))
        blocks.extend(_paragraphs(side.plan_coherence, partnership.content_language))
    return blocks


def _timeline(partnership) -> list[Block]:
    if partnership.start_date is None and partnership.end_date is None:
        blocks = [_todo()]
    else:
        blocks = [Block("p", _("The partnership runs from %(start)s to %(end)s.") % {
            "start": _date(partnership.start_date), "end": _date(partnership.end_date)})]
    if partnership.planned_signature_date:
        blocks.append(Block("p", _("Planned signature: %(date)s.") % {
            "date": _date(partnership.planned_signature_date)}))
    dated = [action for action in partnership.actions.all() if action.due_on]
    if dated:
        blocks.append(Block("list", items=[f"{_date(action.due_on)}: {action.description}"
                                           for action in sorted(dated, key=lambda action: action.due_on)],
                            language=partnership.content_language))
    return blocks


def _budget(partnership) -> list[Block]:
    if partnership.budget is None:
        blocks = [_todo()]
    else:
        blocks = [Block("p", _("Total budget: %(amount)s.") % {"amount": formatting.value(
            partnership.budget, Indicator.Kind.AMOUNT, partnership.currency)})]
    if partnership.budget_note.strip():
        blocks.extend(_paragraphs(partnership.budget_note, partnership.content_language))
    return blocks


def _signatures(sides, language) -> list[Block]:
    blocks = []
    for side in sides:
        blocks.append(Block("subheading", _party_name(side, language)))
        blocks.append(Block("p", ", ".join(filter(None, [side.signatory_name, side.signatory_title]))
                            or _("[To be completed]")))
        blocks.append(Block("p", _("Place and date: ____________________  Signature: ____________________")))
    return blocks


def sections(partnership: Partnership, language: str) -> list[Section]:
    """The agreement's sections, with headings in the active language."""
    sides = list(partnership.sides.all())
    names = {code: str(name) for code, name, _guidance in agreement.ELEMENTS}
    aim = _written(partnership, "aim", language)
    if partnership.sectors:
        aim.append(Block("p", _("Sectors: %(sectors)s.") % {"sectors": ", ".join(sector_labels(partnership.sectors))}))
    content = [
        (_("The parties"), _parties(partnership, sides, language)),
        (names["aim"], aim),
        (names["actions"], _actions(partnership)),
        (names["results"], _written(partnership, "expected_results", language)),
        (names["stakeholders"], _stakeholders(sides, language)),
        (names["monitoring"], _monitoring(partnership, language)),
        (names["coherence"], _coherence(partnership, sides, language)),
        (names["sdgs"], [Block("list", items=[_("SDG target %(target)s") % {"target": target}
                                              for target in partnership.sdg_targets])]
         if partnership.sdg_targets else [_todo()]),
        (names["timeline"], _timeline(partnership)),
        (names["budget"], _budget(partnership)),
        (names["management"], _written(partnership, "management", language)),
        (names["governance"], _written(partnership, "governance", language)),
        (_("Signatures"), _signatures(sides, language)),
    ]
    return [Section(number, heading, blocks) for number, (heading, blocks) in enumerate(content, 1)]


def view(partnership: Partnership, language: str) -> dict:
    """Everything a document shows, in `language` (to be called under translation.override)."""
    sides = list(partnership.sides.all())
    gaps = agreement.missing(partnership)
    return {
        "language": language,
        "rtl": translation.get_language_bidi(),
        "kind": str(Partnership.Kind(partnership.kind).label),
        "title": _text(partnership, "title", language)[0],
        "title_language": _text(partnership, "title", language)[1],
        "title_direction": Block("p", language=_text(partnership, "title", language)[1]).direction,
        "between": _("Between %(parties)s") % {"parties": format_list([_party_name(side, language) for side in sides],
                                                                      locale=translation.to_locale(language))},
        "draft": _("Draft, not final. Still missing: %(elements)s.") % {
            "elements": ", ".join(element.name for element in gaps)} if gaps else
        ("" if partnership.is_final else _("Draft, not yet marked final.")),
        "sections": sections(partnership, language),
    }


def render_html(partnership: Partnership, language: str) -> str:
    with translation.override(language):
        return render_to_string("partnerships/agreement/document.html", view(partnership, language))


def render_pdf(partnership: Partnership, language: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=render_html(partnership, language)).write_pdf()  # self-contained: nothing to fetch


def render_docx(partnership: Partnership, language: str) -> bytes:
    from docx import Document

    with translation.override(language):
        content = view(partnership, language)
        word = Document()
        word.core_properties.title = content["title"]
        word.core_properties.language = language
        word.add_heading(content["kind"], 0)
        word.add_paragraph(content["title"], style="Subtitle")
        word.add_paragraph(content["between"])
        if content["draft"]:
            word.add_paragraph(content["draft"], style="Intense Quote")
        left_to_right = []  # in an Arabic document, the paragraphs that quote a text in a left-to-right language
        for section in content["sections"]:
            word.add_heading(f"{section.number}. {section.heading}", 1)
            for block in section.blocks:
                written = _docx_block(word, block)
                if block.language and block.direction == "ltr":
                    left_to_right.extend(written)
        if content["rtl"]:
            right_to_left(word, keep=left_to_right)
        output = io.BytesIO()
        word.save(output)
        return output.getvalue()


def _docx_block(word, block: Block) -> list:
    """Write a block; the paragraphs that hold its texts (a table's body cells, not its header)."""
    if block.kind == "subheading":
        return [word.add_heading(block.text, 2)]
    if block.kind == "list":
        return [word.add_paragraph(item, style="List Bullet") for item in block.items]
    if block.kind == "table":
        grid = word.add_table(rows=1, cols=len(block.header))
        grid.style = "Light Grid Accent 1"
        for cell, title in zip(grid.rows[0].cells, block.header):
            cell.text = str(title)
        written = []
        for row in block.items:
            for cell, value in zip(grid.add_row().cells, row):
                cell.text = str(value)
                written.extend(cell.paragraphs)
        return written
    return [word.add_paragraph(block.text)]
