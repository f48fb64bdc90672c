from corridor.consultations.analysis.text import Passage
from corridor.consultations.analysis.themes import find_themes

# Two subjects, each in three languages and worded differently by each writer.
DIASPORA = [
    ("en", "The diaspora wants to invest its savings in productive enterprises back home."),
    ("en", "Remittances could become investment if diaspora investors had guarantees and information."),
    ("en", "Our hometown association finances small businesses with remittances from the diaspora."),
    ("fr", "La diaspora souhaite investir dans des entreprises productives de son territoire d'origine."),
    ("fr", "Les transferts de fonds deviendraient un investissement si la diaspora avait des garanties."),
    ("fr", "Les ressortissants financent de petites entreprises grâce aux transferts de fonds de la diaspora."),
    ("es", "La diáspora quiere invertir sus ahorros en empresas productivas de su comunidad."),
    ("es", "Las remesas podrían convertirse en inversión si los inversores de la diáspora tuvieran garantías."),
    ("es", "Las asociaciones de la diáspora financian pequeñas empresas con las remesas."),
]
LANGUAGE = [
    ("en", "Free language courses for newcomers are held in the evening with childcare."),
    ("en", "Language classes help newcomers find work and integrate in the city."),
    ("en", "Waiting lists for language courses delay the integration of newcomers."),
    ("fr", "Les cours de langue gratuits pour les primo-arrivants ont lieu le soir avec une garde d'enfants."),
    ("fr", "Les cours de français aident les primo-arrivants à trouver un emploi et à s'intégrer."),
    ("fr", "Les listes d'attente pour les cours de langue retardent l'intégration des primo-arrivants."),
    ("es", "Los cursos de idiomas gratuitos para recién llegados se dan por la tarde con guardería."),
    ("es", "Las clases de idioma ayudan a los recién llegados a encontrar empleo e integrarse."),
    ("es", "Las listas de espera de los cursos de idiomas retrasan la integración de los recién llegados."),
]


def passages():
    items = DIASPORA + LANGUAGE
    return [Passage(text, language, f"contribution-{i}", f"person-{i % 7}", 1, 0, 0, len(text))
            for i, (language, text) in enumerate(items)]


def test_passages_on_one_subject_group_across_languages():
    items = passages()
    themes = find_themes(items, "en", max_themes=6)
    assert len(themes) == 2
    groups = sorted(sorted(theme.passages) for theme in themes)
    assert groups == [list(range(9)), list(range(9, 18))]
    for theme in themes:
        assert {items[i].language for i in theme.passages} == {"en", "fr", "es"}


def test_themes_are_named_by_keyphrases_in_each_language():
    themes = find_themes(passages(), "fr", max_themes=6)
    diaspora = next(theme for theme in themes if 0 in theme.passages)
    assert set(diaspora.keyphrases) == {"en", "fr", "es"}
    assert "diaspora" in diaspora.keyphrases["en"] and "remesas" in diaspora.keyphrases["es"]
    assert diaspora.label.lower().startswith(diaspora.keyphrases["fr"][0])  # labels in the report's language
    assert {"diaspora", "remittances", "investment"} <= set(diaspora.concepts)
    language = next(theme for theme in themes if 9 in theme.passages)
    assert "language" in language.concepts
    assert any("cours" in phrase for phrase in language.keyphrases["fr"])


def test_excerpts_are_central_and_by_different_contributors():
    items = passages()
    for theme in find_themes(items, "en"):
        assert 1 <= len(theme.excerpts) <= 3
        assert theme.excerpts == [i for i in theme.passages if i in theme.excerpts]  # in order of closeness
        assert len({items[i].contributor for i in theme.excerpts}) == len(theme.excerpts)


def test_the_same_passages_give_the_same_themes():
    first, second = find_themes(passages(), "en"), find_themes(passages(), "en")
    assert [(t.passages, t.excerpts, t.keyphrases, t.label) for t in first] == \
        [(t.passages, t.excerpts, t.keyphrases, t.label) for t in second]


def test_few_passages_make_one_theme_and_greetings_none():
    items = passages()[:5] + [Passage("Thanks, best regards.", "en", "c", "p", 1, 0, 0, 21)]
    themes = find_themes(items, "en")
    assert len(themes) == 1 and sorted(themes[0].passages) == [0, 1, 2, 3, 4]
    assert find_themes(items[-1:], "en") == []
