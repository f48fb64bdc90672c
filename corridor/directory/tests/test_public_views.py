import gzip
import html
import re
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corridor.directory import search
from corridor.directory.models import CostOption, Phone, RequiredDocument, Schedule, Service, ServiceAtLocation


@pytest.fixture
def service(make_service, organisations):
    return make_service(
        organisations["caritas"], "Cours de français", "Pour adultes débutants", categories=["language"],
        phases=["destination"], groups=["refugees"], channels=["office"], languages=["fr", "ar"], is_free=True,
        latitude=46.52, longitude=6.63, hours=[("MO,TU", (9, 0), (11, 30))], last_verified_at=timezone.now(),
        translations={"ar": {"name": "دروس الفرنسية", "description": "للكبار المبتدئين"}})


@pytest.fixture
def directory(make_service, organisations, territories, service):
    """The French course in Lausanne plus services that each filter tells apart."""
    return {
        "course": service,
        "housing": make_service(organisations["appartenances"], "Logement d'urgence", categories=["housing"],
                                phases=["destination"], groups=["everyone"], languages=["fr", "ti"],
                                territory=territories["renens"], latitude=46.5353, longitude=6.5880,
                                hours=[("SA", (18, 0), (22, 0))]),
        "return": make_service(organisations["geneva_cso"], "Conseil au retour", categories=["reintegration"],
                               phases=["return"], groups=["returnees"], languages=["en"],
                               latitude=46.2044, longitude=6.1432),
    }


def result_names(response):
    assert response.status_code == 200
    title = r'<li class="result">\s*<h2><a href="[^"]+">(?:<span lang="\w+">)?([^<]+)<'
    found = re.findall(title, response.content.decode())
    return [html.unescape(name) for name in found]


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
    assert "Lausanne" in body and "Caritas Vaud" in body and 'class="tag free"' in body
    assert "Language courses" in body and "In the place of destination" in body  # category and phase labels
    assert "Languages: French and Arabic" in body  # listed as English lists things


def test_free_text_finds_translations_from_the_page_language(client, directory):
    housing = directory["housing"]
    housing.translations = {"es": {"name": "Vivienda de emergencia"}, "ar": {"name": "السكن الطارئ"}}
    housing.save()
    search.reindex(housing)
    assert result_names(client.get("/es/services/", {"q": "viviendas"})) == ["Vivienda de emergencia"]
    assert result_names(client.get("/ar/services/", {"q": "سكن"})) == ["السكن الطارئ"]
    assert result_names(client.get("/fr/services/", {"q": "logement"})) == ["Logement d'urgence"]


@pytest.mark.parametrize("params,expected", [
    ({"phase": "return"}, ["Conseil au retour"]),
    ({"category": "housing"}, ["Logement d'urgence"]),
    ({"group": "refugees"}, ["Cours de français"]),
    ({"lang": "ti"}, ["Logement d'urgence"]),
    ({"free": "on"}, ["Cours de français"]),
    ({"open": "SA"}, ["Logement d'urgence"]),
    ({"territory": "ch/vaud/"}, ["Cours de français", "Logement d'urgence"]),
    ({"territory": "ch/geneve/geneve-ville/"}, ["Conseil au retour"]),
    ({"near": "46.2, 6.14", "radius": "5"}, ["Conseil au retour"]),
    ({"near": "46.53, 6.59", "radius": "10"}, ["Logement d'urgence", "Cours de français"]),  # nearest first
    ({"lat": "46.53", "lon": "6.59", "radius": "10"}, ["Logement d'urgence", "Cours de français"]),
    ({"q": "cours", "territory": "ch/geneve/"}, []),
])
def test_each_filter(client, directory, params, expected):
    assert result_names(client.get("/en/services/", params)) == expected


def test_territory_filter_includes_services_of_containing_territories(client, directory, make_service,
                                                                      organisations, territories):
    make_service(organisations["caritas"], "Ligne cantonale", territory=territories["vaud"])
    assert result_names(client.get("/en/services/", {"territory": "ch/vaud/lausanne/"})) == [
        "Cours de français", "Ligne cantonale"]


def test_distance_is_shown_and_point_stays_in_the_form(client, directory):
    body = client.get("/en/services/", {"lat": "46.53", "lon": "6.59", "radius": "10"}).content.decode()
    assert re.search(r"Renens · 0\.\d km", body) and re.search(r"Lausanne · 3\.\d km", body)
    assert 'value="46.53,6.59"' in body


def test_active_filters_are_summarised_with_links_removing_each(client, directory):
    response = client.get("/en/services/", {"q": "cours", "free": "on", "territory": "ch/vaud/", "page": "1"})
    body = response.content.decode()
    assert "Free of charge <span" in body and "Where: Vaud" in body
    assert 'href="?q=cours&amp;territory=ch%2Fvaud%2F"' in body  # removes "free" and the page
    assert 'href="?q=cours&amp;free=on"' in body  # removes the territory
    assert 'href="?q=cours">Remove all filters' in body


def test_invalid_filters_give_an_error_not_a_crash(client, service):
    response = client.get("/en/services/", {"near": "north", "lang": "zz", "radius": "-3", "territory": "nowhere/"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Give a point as latitude, longitude" in body
    assert body.count("Select a valid choice") == 2
    assert "Ensure this value is greater than or equal to 0.1" in body
    assert 'id="result-count"' not in body
    assert 'value="north"' in body  # what the reader typed is kept
    assert "<details class=\"filters\" open>" in body


@pytest.mark.parametrize("params,message", [
    ({"near": "95,6"}, "This point is not on Earth"),
    ({"radius": "5"}, "A distance needs a point"),
    ({"open": "XX"}, "Select a valid choice"),
    ({"free": "on", "q": "x" * 201}, "Ensure this value has at most 200 characters"),
])
def test_more_invalid_values(client, db, params, message):
    response = client.get("/en/services/", params)
    assert response.status_code == 200 and message in response.content.decode()


def test_unusual_language_of_a_service_can_be_filtered(client, make_service, organisations):
    make_service(organisations["caritas"], "Permanence en dari", languages=["prs"])
    assert result_names(client.get("/en/services/", {"lang": "prs"})) == ["Permanence en dari"]


def test_stale_services_are_marked(client, service):
    assert "Not verified for over a year" not in client.get("/en/services/").content.decode()
    Service.objects.filter(pk=service.pk).update(last_verified_at=timezone.now() - timedelta(days=400))
    assert "Not verified for over a year" in client.get("/en/services/").content.decode()
    assert "Not verified for over a year" in client.get(f"/en/services/{service.uuid}/").content.decode()


def test_pagination_keeps_the_query(client, make_service, organisations):
    for i in range(25):
        make_service(organisations["caritas"], f"Santé {i:02d}", categories=["health"])
    body = client.get("/en/services/", {"category": "health"}).content.decode()
    assert "25 services found" in body and "Page 1 of 2" in body
    assert 'href="?category=health&amp;page=2"' in body
    response = client.get("/en/services/", {"category": "health", "page": "2"})
    assert result_names(response) == [f"Santé {i:02d}" for i in range(20, 25)]
    assert 'rel="prev" href="?category=health&amp;page=1"' in response.content.decode()
    assert client.get("/en/services/", {"page": "abc"}).status_code == 200


def test_search_page_is_light_and_has_no_n_plus_one(client, make_service, organisations, django_assert_max_num_queries):
    for i in range(25):
        make_service(organisations["caritas"], f"Service numéro {i} avec un nom assez long", "x" * 300,
                     categories=["health", "language"], phases=["destination"], languages=["fr", "en", "ar", "ti"])
    with django_assert_max_num_queries(8):
        response = client.get("/en/services/", {"q": "service"})
    assert response.content.count(b'class="result"') == 20
    assert len(gzip.compress(response.content)) < 40 * 1024
    assert b"<script" not in response.content


@pytest.fixture
def full_service(service, organisations):
    service.application_process = "Inscription sur place le lundi."
    service.eligibility_description = "Personnes domiciliées dans le canton."
    service.minimum_age, service.maximum_age = 16, 25
    service.is_free = False
    service.fees_description = "Gratuit pour les personnes à l'aide sociale."
    service.email, service.url = "cours@example.org", "https://cours.example.org"
    service.save()
    CostOption.objects.create(service=service, option="Session", amount=120, currency="CHF")
    RequiredDocument.objects.create(service=service, document="Permis de séjour")
    Phone.objects.create(service=service, number="+41 21 000 00 00", languages=["fr", "ti"])
    location = ServiceAtLocation.objects.get(service=service).location
    location.address_1, location.postal_code, location.city = "Rue du Tunnel 1", "1005", "Lausanne"
    location.transportation, location.accessibility = "Métro M2, arrêt Riponne", "Ascenseur"
    location.save()
    Schedule.objects.create(location=location, byday="FR", opens_at=time(14), closes_at=time(17))
    return service


def test_service_page_has_what_a_migrant_needs(client, full_service):
    response = client.get(f"/fr/services/{full_service.uuid}/")
    body = response.content.decode()
    for text in ("Pour adultes débutants", "Inscription sur place le lundi.", "Personnes domiciliées dans le canton.",
                 "16", "25", "Gratuit pour les personnes à l&#x27;aide sociale.", "120,00\xa0CHF", "Permis de séjour",
                 "Rue du Tunnel 1, 1005 Lausanne", "Métro M2, arrêt Riponne", "Ascenseur",
                 'href="tel:+41210000000"', "tigrigna", 'href="mailto:cours@example.org"', "https://cours.example.org",
                 "Lundi et mardi", "09:00–11:30", "Vendredi", "14:00–17:00",
                 "https://www.openstreetmap.org/?mlat=46.520000&amp;mlon=6.630000",
                 f'href="{reverse("directory:organisation-detail", args=[full_service.organisation.uuid])}"',
                 f'href="/fr/services/{full_service.uuid}/print/"',
                 f'value="http://testserver/fr/services/{full_service.uuid}/"'):
        assert text in body, text
    assert "Cours de langue" in body and "Réfugiés" in body and "Guichet" in body  # vocabulary labels, translated
    assert "Not verified for over a year" not in body
    # Weekday names come from Babel, in the page's language, listed the way that language lists things.
    assert "الاثنين والثلاثاء" in client.get(f"/ar/services/{full_service.uuid}/").content.decode()


def test_service_page_in_arabic_is_right_to_left(client, service):
    body = client.get(f"/ar/services/{service.uuid}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in body and "للكبار المبتدئين" in body
    assert "<title>دروس الفرنسية" in body  # plain text in the title, no markup


def test_printable_view_in_french_and_arabic(client, service):
    body = client.get(f"/fr/services/{service.uuid}/print/").content.decode()
    assert '<html lang="fr" dir="ltr">' in body and "Cours de français" in body and "09:00–11:30" in body
    assert "site-header" not in body and "<nav" not in body
    assert f"http://testserver/fr/services/{service.uuid}/</a>" in body  # the page to find it again
    body = client.get(f"/ar/services/{service.uuid}/print/").content.decode()
    assert '<html lang="ar" dir="rtl">' in body and "للكبار المبتدئين" in body


def test_closed_services_still_show_their_status(client, service):
    Service.objects.filter(pk=service.pk).update(status=Service.Status.DEFUNCT)
    response = client.get(f"/en/services/{service.uuid}/")
    assert response.status_code == 200 and "Closed for good" in response.content.decode()
    assert str(service.uuid) not in client.get("/en/services/").content.decode()


@pytest.mark.parametrize("url", ["/en/services/{}/", "/en/services/{}/print/", "/en/organisations/{}/"])
def test_unknown_records_are_404(client, db, url):
    assert client.get(url.format("00000000-0000-0000-0000-000000000000")).status_code == 404


def test_organisation_page(client, service, make_service):
    organisation = service.organisation
    organisation.languages, organisation.email = ["fr", "ar"], "info@caritas.example.org"
    organisation.verified_at = timezone.now()
    organisation.save()
    make_service(organisation, "Ancien service", status=Service.Status.DEFUNCT)
    body = client.get(f"/en/organisations/{organisation.uuid}/").content.decode()
    assert "Civil-society organisation / NGO" in body and "Lausanne" in body
    assert "Verified by the territory" in body and "French and Arabic" in body
    assert "mailto:info@caritas.example.org" in body
    assert "Cours de français" in body and "Ancien service" not in body
