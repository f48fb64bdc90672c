"""Searching the library in English, French, Spanish and Arabic (the database's full-text engine: FTS5
on SQLite, tsvector on PostgreSQL), across languages through the labels of the classification and the
names of countries, with facets."""
import pytest
from django.utils import translation

from corridor.library import search, workflow
from corridor.library.models import GoodPractice
from corridor.library.search import PracticeQuery


@pytest.fixture
def library(make_practice, territories):
    return {
        "housing": make_practice(
            "Housing first for refugees", content_language="en", country_code="CH",
            objectives="Give refugees a home of their own from the start.",
            activities="The city rents apartments and social workers visit the tenants.",
            outputs="85 households housed.", terms=[("category", "housing"), ("target_group", "refugees")],
            sectors=["housing"], sdg_targets=["10.7", "11.1"], territories=[territories["lausanne"]]),
        "french": make_practice(
            "Cours de français pour femmes migrantes", content_language="fr", country_code="FR",
            objectives="Apprendre la langue du pays d'accueil.",
            activities="Des bénévoles donnent des cours le samedi, avec une garde d'enfants.",
            outputs="40 femmes inscrites chaque année.", terms=[("category", "language"), ("target_group", "women")],
            sectors=["education"], sdg_targets=["4.6"]),
        "spanish": make_practice(
            "Ventanilla única para migrantes retornados", content_language="es", country_code="EC",
            objectives="Acompañar el regreso de los migrantes.",
            activities="Una oficina orienta a los retornados sobre empleo y negocios.",
            outputs="1.200 personas atendidas.", terms=[("phase", "return"), ("category", "reintegration")],
            sectors=["employment"], sdg_targets=["10.7"]),
        "arabic": make_practice(
            "مركز صحي للمهاجرين", content_language="ar", country_code="TN",
            objectives="تقديم الرعاية الصحية للمهاجرين دون شروط.",
            activities="مركز صحي يستقبل المهاجرين مجانا.", outputs="300 مريض في السنة.",
            terms=[("category", "health")], sectors=["health"], sdg_targets=["3.8"]),
        "draft": make_practice("Housing first, a draft", status=GoodPractice.Status.DRAFT,
                               terms=[("category", "housing")]),
    }


def found(text, language, **filters):
    return [p.title for p in search.search(PracticeQuery(text=text, language=language, **filters)).practices]


@pytest.mark.parametrize("language, text, expected", [
    ("en", "apartment", "Housing first for refugees"),
    ("en", "housing refugees", "Housing first for refugees"),
    ("fr", "cours de français", "Cours de français pour femmes migrantes"),
    ("fr", "Francais femme", "Cours de français pour femmes migrantes"),
    ("es", "retornados", "Ventanilla única para migrantes retornados"),
    ("es", "negocio", "Ventanilla única para migrantes retornados"),
    ("ar", "المهاجرين", "مركز صحي للمهاجرين"),
    ("ar", "الرعايه الصحيه", "مركز صحي للمهاجرين"),
])
def test_search_in_the_practice_s_own_language(library, language, text, expected):
    assert found(text, language) == [expected]


@pytest.mark.parametrize("language, text", [("en", "housing"), ("fr", "logement"), ("es", "vivienda"),
                                            ("ar", "السكن")])
def test_the_classification_is_searched_in_every_language_and_drafts_are_not(library, language, text):
    assert found(text, language) == ["Housing first for refugees"]


@pytest.mark.parametrize("language, text", [("fr", "santé"), ("es", "salud"), ("en", "Tunisia"), ("fr", "Tunisie"),
                                            ("ar", "تونس")])
def test_an_arabic_practice_is_found_from_other_languages(library, language, text):
    assert found(text, language) == ["مركز صحي للمهاجرين"]


def test_a_published_translation_is_searched_a_draft_one_is_not(library, users):
    practice = library["french"]
    practice.translations = {"en": {"title": "French lessons for migrant women"}}
    practice.translation_status = {"en": GoodPractice.Status.DRAFT}
    practice.save()
    assert found("lessons", "en") == []
    workflow.publish_translation(practice, users["platform"], "en")
    assert found("lessons", "en") == ["Cours de français pour femmes migrantes"]


def test_filters_by_sector_sdg_target_country_and_phase(library):
    assert found("", "en", sdg="10.7") == ["Housing first for refugees", "Ventanilla única para migrantes retornados"]
    assert found("", "en", sdg="10.7", sector="employment") == ["Ventanilla única para migrantes retornados"]
    assert found("", "en", country="TN") == ["مركز صحي للمهاجرين"]
    assert found("", "en", phase="return") == ["Ventanilla única para migrantes retornados"]
    assert found("apartment", "en", country="FR") == []


def test_facets_count_the_practices_of_the_result(library):
    with translation.override("en"):
        result = search.search(PracticeQuery(sdg="10.7"))
    facets = {facet.parameter: {o.code: (o.count, o.selected) for o in facet.options} for facet in result.facets}
    assert facets["sdg"] == {"10.7": (2, True), "11.1": (1, False)}
    assert facets["country"] == {"CH": (1, False), "EC": (1, False)}
    assert facets["category"] == {"housing": (1, False), "reintegration": (1, False)}
    assert result.countries == [("CH", 1), ("EC", 1)]
    assert result.total == 2


def test_the_document_holds_links_and_labels(library, territories):
    document = library["housing"].search_document
    assert "lausanne" in document and "suisse" in document and "سويسرا" in document
    assert "logement" in document and "vivienda" in document
