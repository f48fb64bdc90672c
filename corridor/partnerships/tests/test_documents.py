"""The agreement as Word and PDF: headings in the document's language, the partners' names, texts in their
language, the draft notice, and Arabic documents that read from right to left."""
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from corridor.partnerships import drafts, lifecycle
from corridor.partnerships.models import Partnership

HEADINGS = ["1. The parties", "2. Aim of the partnership", "3. Actions", "4. Expected results", "5. Stakeholders",
            "6. Monitoring and evaluation", "7. Coherence with development plans", "8. Alignment with the SDGs",
            "9. Timeline", "10. Budget", "11. Management system", "12. Governance system", "13. Signatures"]


def loaded(partnership) -> Partnership:
    return lifecycle.with_details(Partnership.objects.all()).get(pk=partnership.pk)


def word(partnership, language: str):
    return Document(io.BytesIO(drafts.render_docx(loaded(partnership), language)))


def pdf_text(partnership, language: str) -> str:
    reader = PdfReader(io.BytesIO(drafts.render_pdf(loaded(partnership), language)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_docx_has_the_guidelines_sections_and_the_partners(partnership):
    document = word(partnership, "en")
    assert document.paragraphs[0].text == "Memorandum of understanding"
    assert document.paragraphs[1].text == "Memorandum of understanding between Lausanne and Pristina"
    assert document.paragraphs[2].text == "Between Lausanne (Switzerland) and Pristina (Kosovo)"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == HEADINGS
    parties = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert parties[:2] == ["Lausanne (Switzerland)", "Pristina (Kosovo)"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Represented by Marie Fontaine, Mayor." in text and "Represented by Driton Gashi, Mayor." in text
    assert "Reintegration of returnees in Pristina." in text
    assert "SDG target 10.7" in text and "Total budget: CHF250,000." in text
    assert "Draft, not yet marked final." in text
    stakeholders = document.tables[1]
    assert [cell.text for cell in stakeholders.rows[1].cells] == [
        "Lausanne", "Shoqata e kosovarëve", "Migrant or diaspora association",
        "Bridge between the territories (diaspora)"]
    assert document.core_properties.language == "en"


def test_a_draft_lists_what_is_missing_and_marks_empty_sections(world, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(budget=None, sdg_targets=[])
    text = "\n".join(p.text for p in word(partnership, "en").paragraphs)
    assert "Draft, not final. Still missing: Alignment with the SDGs, Budget." in text
    assert text.count("[To be completed]") == 2


def test_the_document_is_in_the_language_asked_for_with_translated_texts(partnership):
    Partnership.objects.filter(pk=partnership.pk).update(translations={"fr": {
        "title": "Protocole d'entente entre Lausanne et Pristina", "aim": "Réintégration des personnes de retour."}})
    document = word(partnership, "fr")
    assert document.paragraphs[1].text == "Protocole d'entente entre Lausanne et Pristina"
    assert document.paragraphs[2].text.endswith("Lausanne (Suisse) et Pristina (Kosovo)")  # names and list in French
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Réintégration des personnes de retour." in text
    assert "15 décembre 2026" in text  # the planned signature, written the French way
    assert document.core_properties.language == "fr"


def test_the_arabic_docx_reads_right_to_left_except_texts_in_other_languages(partnership):
    document = word(partnership, "ar")
    assert "(سويسرا)" in document.paragraphs[2].text  # Switzerland, in Arabic
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert heading._p.pPr.find(qn("w:bidi")) is not None
    aim = next(p for p in document.paragraphs if p.text == "Reintegration of returnees in Pristina.")
    assert aim._p.pPr is None or aim._p.pPr.find(qn("w:bidi")) is None


def test_the_pdf_has_the_headings_and_the_partners(partnership):
    text = pdf_text(partnership, "en")
    for heading in HEADINGS:
        assert heading in text
    assert "Between Lausanne (Switzerland) and Pristina (Kosovo)" in text
    assert "Marie Fontaine" in text and "Driton Gashi" in text and "kosovarëve" in text  # a table cell wraps


def test_the_arabic_pdf_is_laid_out_right_to_left(partnership):
    html = drafts.render_html(loaded(partnership), "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<p lang="en" dir="ltr">Reintegration of returnees in Pristina.</p>' in html
    assert "سويسرا" in pdf_text(partnership, "ar")


@pytest.mark.parametrize("extension, content_type, magic", [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("pdf", "application/pdf", b"%PDF"),
])
def test_documents_download_in_each_language(client, partnership, world, extension, content_type, magic):
    client.force_login(world["pristina_admin"])
    response = client.get(f"/en/partnerships/{partnership.uuid}/agreement-fr.{extension}")
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"] == f'attachment; filename="agreement-{partnership.uuid}-fr.{extension}"'
    assert client.get(f"/en/partnerships/{partnership.uuid}/agreement-de.{extension}").status_code == 404
