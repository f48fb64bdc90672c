import gzip

import pytest
from django.urls import reverse


@pytest.fixture
def service(make_service, organisations):
    return make_service(
        organisations["caritas"], "Cours de français", "Pour adultes débutants", categories=["language"],
        languages=["fr", "ar"], is_free=True, latitude=46.52, longitude=6.63, hours=[("MO,TU", (9, 0), (11, 30))],
        translations={"ar": {"name": "دروس الفرنسية", "description": "للكبار المبتدئين"}})


def test_search_page_lists_results_in_each_language(client, service):
    for language in ("en", "fr", "es", "ar"):
        response = client.get(f"/{language}/services/", {"q": "cours"})
        body = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in body
        assert str(service.uuid) in body


def test_results_show_the_readers_translation_with_its_language(client, service):
    body = client.get("/ar/services/").content.decode()
    assert "دروس الفرنسية" in body
    body = client.get("/en/services/").content.decode()
    assert '<span lang="fr">Cours de français</span>' in body


def test_invalid_filters_give_an_error_not_a_crash(client, service):
    response = client.get("/en/services/", {"near": "north", "lang": "zz", "radius": "-3"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Give a point as latitude, longitude" in body
    assert "Select a valid choice" in body
    assert 'id="result-count"' not in body


def test_stale_services_are_marked(client, service):
    from corridor.directory.models import Service

    Service.objects.filter(pk=service.pk).update(last_verified_at=None)
    assert "Not verified for over a year" in client.get("/en/services/").content.decode()


def test_search_page_is_light(client, make_service, organisations):
    for i in range(25):
        make_service(organisations["caritas"], f"Service numéro {i} avec un nom assez long", "x" * 300,
                     categories=["health", "language"], phases=["destination"], languages=["fr", "en", "ar", "ti"])
    response = client.get("/en/services/")
    assert response.content.count(b'class="result"') == 20
    assert len(gzip.compress(response.content)) < 40 * 1024
    assert b"<script" not in response.content


def test_service_page_and_printable_view(client, service):
    body = client.get(f"/fr/services/{service.uuid}/").content.decode()
    assert "Pour adultes débutants" in body and "openstreetmap.org/?mlat=46.520000" in body
    assert "09:00–11:30" in body
    body = client.get(reverse("directory:service-print", args=[service.uuid])).content.decode()
    assert "Cours de français" in body and "site-header" not in body
    body = client.get(f"/ar/services/{service.uuid}/").content.decode()
    assert 'dir="rtl"' in body and "للكبار المبتدئين" in body


def test_unknown_service_is_404(client, db):
    assert client.get("/en/services/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_organisation_page(client, service):
    response = client.get(f"/en/organisations/{service.organisation.uuid}/")
    assert response.status_code == 200 and "Cours de français" in response.content.decode()
