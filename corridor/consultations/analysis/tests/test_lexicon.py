from corridor.consultations.analysis.lexicon import concept_label, concept_tags, find_concepts
from corridor.consultations.analysis.text import analyser


def concepts(text: str, language: str) -> list[str]:
    return find_concepts(analyser(language).keys(text), language)


def test_the_same_concept_in_four_languages():
    assert concepts("Remittances sent by the diaspora", "en") == ["remittances", "diaspora"]
    assert concepts("Les transferts de fonds de la diaspora", "fr") == ["remittances", "diaspora"]
    assert concepts("Las remesas de la diáspora", "es") == ["remittances", "diaspora"]
    assert concepts("التحويلات من المغتربين", "ar") == ["remittances", "diaspora"]


def test_the_longest_term_wins():
    # "fonds" alone is funding; inside "transferts de fonds" it is remittances.
    assert concepts("Un fonds de garantie", "fr") == ["funding"]
    assert concepts("Les transferts de fonds", "fr") == ["remittances"]
    assert concepts("Le conseil régional de Louga", "fr") == ["local-authorities"]


def test_vocabulary_labels_are_terms_in_every_language():
    # "Unaccompanied minors" has no hand-written concept: the directory's label, translated, is one.
    assert concepts("Unaccompanied minors arrive alone", "en") == ["target_group:unaccompanied-minors"]
    assert concepts("Des mineurs non accompagnés", "fr") == ["target_group:unaccompanied-minors"]
    assert concepts("Menores no acompañados", "es") == ["target_group:unaccompanied-minors"]


def test_labels_and_tags():
    assert concept_label("remittances", "fr") == "transferts de fonds"
    assert concept_label("remittances", "de") == "remittances"  # falls back to English
    assert concept_tags(["return", "language", "coordination"]) == {
        "category": ["language", "reintegration"], "phase": ["return"], "target_group": ["returnees"]}
