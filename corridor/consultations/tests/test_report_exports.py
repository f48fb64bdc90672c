"""The report as HTML, PDF and Word, rendered from reporting.document."""
import io
import re
import zlib

import pytest
from docx import Document

from corridor.consultations import exports, reporting
from corridor.consultations.models import Report

from .fixtures_report import e_discussion  # noqa: F401 (a fixture)


@pytest.fixture
def report(e_discussion):  # noqa: F811
    report = Report.objects.create(consultation=e_discussion, version=3,
                                   parameters=reporting.default_parameters(e_discussion))
    reporting.generate(report)
    question = report.data["questions"][0]
    reporting.save_edits(report, {
        "introduction": "An introduction by the organisers.",
        "questions": {"1": {"summary": "Cooperation and coordination.",
                            "hidden_excerpts": [question["themes"][0]["excerpts"][0]["contribution"]]}}})
    return report


def pdf_text(pdf: bytes) -> bytes:
    """The PDF's objects with their compressed streams inflated (WeasyPrint packs objects in streams)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(pdf[match.end():end]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_html_is_a_complete_document_with_charts_quotes_and_links(report, settings):
    settings.CORRIDOR_BASE_URL = "https://corridor.example.org/"
    html = exports.render_html(report, "en")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en" dir="ltr">' in html
    assert "<title>Local authorities, migration and development: an e-discussion</title>" in html
    assert "Consolidated report, version 3" in html and "An introduction by the organisers." in html
    assert "<script" not in html and "http" not in re.sub(r'href="[^"]+"|xmlns="[^"]+"', "", html)
    assert html.count("<svg") == 6 and html.count('role="img"') == 6  # five charts and the map
    assert '<title id="chart-' in html and "English: 15" in html
    assert "Question 4" in html and "Cooperation and coordination." in html
    assert "Regional Council of Louga" in html and "Lessons learned" in html
    assert "Awa Diop" in html and "Conseil régional de Louga" in html  # the annex
    assert "5 people contributed anonymously (5 contributions)." in html
    assert "Karim Bennani" not in html
    uuid = report.data["practices"][0]["contribution"]
    assert f'href="https://corridor.example.org/en/consultations/territorial-approach/contributions/{uuid}/"' in html


def test_excerpts_the_organiser_left_out_are_not_shown(report):
    hidden = report.data["questions"][0]["themes"][0]["excerpts"][0]
    html = exports.render_html(report, "en")
    shown = [e for e in report.data["questions"][0]["themes"][0]["excerpts"][1:]]
    assert all(e["text"] in html for e in shown)
    assert hidden["text"] not in html.split('id="question-2"')[0].split('id="question-1"')[1]


def test_html_in_arabic_reads_right_to_left(report):
    html = exports.render_html(report, "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert 'direction="ltr"' in html  # charts place their labels themselves
    assert "/ar/consultations/territorial-approach/contributions/" in html
    assert "السنغال" in html  # country names in the reader's language


def test_questions_are_shown_in_the_reader_language_when_translated(report):
    html = exports.render_html(report, "fr")
    assert "Quels services aident les migrants de retour" in html
    assert "What services help migrants who return" not in html


def test_links_lead_to_the_contribution_in_the_language_of_the_report(settings):
    settings.CORRIDOR_BASE_URL = "https://example.net"
    uuid = "0b5d3c8e-6f1a-4f3e-9a57-2f4a1c9e8d71"
    assert exports.contribution_url("m4d", uuid, "fr") == f"https://example.net/fr/consultations/m4d/contributions/{uuid}/"
    assert exports.contribution_url("m4d", uuid, "ar") == f"https://example.net/ar/consultations/m4d/contributions/{uuid}/"


def test_pdf_is_a_real_pdf_of_several_pages_with_the_title(report):
    pdf = exports.render_pdf(report, "en")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    content = pdf_text(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", content)) >= 3
    assert b"(Local authorities, migration and development: an e-discussion)" in content  # the outline


def test_docx_opens_with_the_expected_headings_and_tables(report):
    word = Document(io.BytesIO(exports.render_docx(report, "en")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Local authorities, migration and development: an e-discussion"
    for heading in ("Introduction", "Overview", "Contributions by language", "Question 1", "Question 4",
                    "Good practices", "Lessons learned", "Annex: contributors"):
        assert heading in headings
    assert word.core_properties.title == headings[0]
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert {"English", "Senegal", "Louga", "Awa Diop", "Local or regional authority"} <= cells
    quotes = [p.text for p in word.paragraphs if p.style.name == "Quote"]
    assert any("Regional Council of Louga" in quote for quote in quotes)
    assert 'w:hyperlink' in word.paragraphs[-1]._p.getparent().xml


def test_docx_in_arabic_has_right_to_left_paragraphs(report):
    word = Document(io.BytesIO(exports.render_docx(report, "ar")))
    assert all(p._p.pPr is not None and p._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None for p in word.paragraphs)
