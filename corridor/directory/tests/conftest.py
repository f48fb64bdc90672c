"""Fixtures shared by the directory's tests."""
import pytest


@pytest.fixture
def catalogue(make_service, organisations, territories):
    caritas, geneva = organisations["caritas"], organisations["geneva_cso"]
    return {
        "french": make_service(
            caritas, "Cours de français intensif", "Cours pour adultes", categories=["language"],
            phases=["destination"],
            groups=["refugees"], languages=["fr", "ar"], is_free=True, latitude=46.5197, longitude=6.6323,
            hours=[("MO,WE", (9, 0), (12, 0))],
            translations={"en": {"name": "Intensive French course"}, "es": {"name": "Curso intensivo de francés"},
                          "ar": {"name": "دورة مكثفة في اللغة الفرنسية"}}),
        "housing": make_service(
            caritas, "Logement d'urgence", "Hébergement pour la nuit", categories=["housing"], phases=["destination"],
            groups=["everyone"], languages=["fr"], territory=territories["renens"], latitude=46.5353, longitude=6.5880,
            translations={"en": {"name": "Emergency housing"}, "es": {"name": "Vivienda de emergencia"},
                          "ar": {"name": "السكن الطارئ"}}, hours=[("SA", (18, 0), (22, 0))]),
        "return": make_service(
            geneva, "Conseil au retour", "Retour volontaire et réintégration", categories=["reintegration"],
            phases=["return"], groups=["returnees"], languages=["en", "ti"], latitude=46.2044, longitude=6.1432),
        "cantonal": make_service(
            caritas, "Ligne d'information", "Information en huit langues", categories=["information"],
            phases=["pre-departure"], groups=["everyone"], languages=["fr", "en", "ti"], territory=territories["vaud"],
            is_free=True),
    }
