"""The PDF of a profile, opened and read back."""
import io

from pypdf import PdfReader

from corridor.profiles import exports


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_the_figures_their_sources_and_charts(lausanne):
    pdf = exports.render_pdf(lausanne[2023], "en")
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    title, sections = reader.outline[:2]  # the headings, as bookmarks
    assert title.title == "Migration profile of Lausanne, 2023" and sections[0].title == "Population"
    text = text_of(pdf)
    for expected in ("Resident population", "100,000", "Foreign residents by nationality", "Portugal", "10,000",
                     "Not broken down", "20,000", "Sources", "Statistique Vaud, population register",
                     "CHF50,000,000", "Not reported:"):
        assert expected in text, expected


def test_the_pdf_in_french(lausanne):
    text = text_of(exports.render_pdf(lausanne[2024], "fr")).replace("\u202f", " ").replace("\xa0", " ")
    assert "Profil migratoire de Lausanne, 2024" in text or "Lausanne, 2024" in text
    assert "Population résidante" in text and "125 000" in text


def test_the_pdf_is_downloaded_in_the_readers_language(client, lausanne):
    response = client.get(f"/fr/profiles/{lausanne[2024].uuid}/profile.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="profile-lausanne-2024-01-01-2024-12-31.pdf"' in response["Content-Disposition"]
    assert "Population résidante" in text_of(response.content)
