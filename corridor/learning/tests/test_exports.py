import io

from pypdf import PdfReader

from corridor.learning import exports


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_holds_the_whole_module_one_topic_a_page(module):
    pages, text = pdf_text(exports.render_pdf(module, "en"))
    assert pages >= 3  # the cover and contents, then each topic on a new page
    for expected in ("Welcoming newcomers", "How a municipality welcomes the people who arrive.",
                     "Topic 1: Information on arrival", "Learning objectives", "Describe what newcomers need to know.",
                     "Sessions and packs", "Regular sessions and packs help.", "Case study: Multilingual phone line",
                     "A free line answering in eight languages.", "Points for reflection",
                     "1. Which information do newcomers miss in your town?", "Think of the first three weeks.",
                     "Key learning points", "Topic 2: Language courses", "Case study: Language map",
                     "3. Who is left out of language courses where you live?"):
        assert expected in text, expected


def test_the_pdf_in_french_uses_the_translations_and_keeps_the_rest(module, settings):
    settings.CORRIDOR_BASE_URL = "https://corridor.example.org"
    _, text = pdf_text(exports.render_pdf(module, "fr"))
    assert "Accueillir les nouveaux arrivants" in text
    assert "L'information à l'arrivée" in text and "Séances et dossiers" in text
    assert "Ligne téléphonique multilingue" in text
    assert "Quelles informations manquent aux nouveaux arrivants dans votre ville ?" in text
    assert "Describe what newcomers need to know." in text  # objectives not translated
    assert "https://corridor.example.org/fr/learning/welcome-services/" in text


def test_pdfs_are_cached_until_the_module_or_a_case_study_changes(module, practices, settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "learning-pdf-test"}}
    printed = []
    monkeypatch.setattr(exports, "render_pdf", lambda module, language: printed.append(language) or b"%PDF-")
    exports.cached_pdf(module, "en")
    exports.cached_pdf(module, "en")
    exports.cached_pdf(module, "fr")
    assert printed == ["en", "fr"]
    practices["phone"].save()
    exports.cached_pdf(module, "en")
    module.save()
    exports.cached_pdf(module, "en")
    assert printed == ["en", "fr", "en", "en"]
