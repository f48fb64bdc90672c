import pytest

from corridor.consultations.language import detect


@pytest.mark.parametrize("text, expected", [
    ("Local authorities are at the forefront in confronting the transformations that migration brings about.",
     "en"),
    ("La coopération décentralisée a constitué un puissant moyen de partage de savoirs entre autorités locales.",
     "fr"),
    ("Se deberían coordinar y unir esfuerzos entre autoridades para evitar redundar en acciones migratorias.", "es"),
    ("تلعب السلطات المحلية دورا أساسيا في إدماج المهاجرين وتنمية مناطقهم الأصلية.", "ar"),
    ("As autoridades locais devem envolver as associações de migrantes no planeamento do desenvolvimento.", "pt"),
])
def test_detects_the_language_of_a_sentence_about_migration(text, expected):
    code, confidence = detect(text, ["en", "fr", "es"])

    assert code == expected
    assert 0.5 < confidence <= 1


def test_a_consultation_language_outside_the_usual_ones_is_a_candidate():
    code, _ = detect("Die Gemeinden sollten die Vereine der Migrantinnen und Migranten früh einbeziehen.", ["de"])

    assert code == "de"


def test_languages_lingua_does_not_know_are_ignored():
    code, _ = detect("Les communes devraient associer les diasporas à la planification locale.", ["ti", "xx"])

    assert code == "fr"


@pytest.mark.parametrize("text", ["", "   ", "OK", "Merci !", "12345 678"])
def test_empty_or_very_short_text_has_no_language(text):
    assert detect(text, ["en", "fr"]) == ("", 0.0)
