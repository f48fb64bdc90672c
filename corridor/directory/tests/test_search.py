from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from corridor.directory import search
from corridor.directory.models import Schedule, Service
from corridor.directory.search import ServiceQuery, normalise, query_prefixes


def names(query, **kwargs):
    return sorted(s.name for s in search.search(query, **kwargs).services)


def test_normalise_folds_accents_case_and_arabic_variants():
    assert normalise("Français À L'ÉCOLE") == "francais a l ecole"
    assert normalise("السكن") == "سكن"
    assert normalise("إقامة") == "اقامه"


def test_a_character_that_folds_into_several_words_gives_single_word_prefixes(catalogue):
    assert query_prefixes("cours ½", "fr") == ["cour", "1", "2"]
    # A prefix with a space in it was a syntax error in PostgreSQL's tsquery (found by the API fuzzing).
    assert search.search(ServiceQuery(text="cours ½", language="fr")).total == 0


def test_query_prefixes_drop_stopwords_and_use_stems():
    assert query_prefixes("cours de français", "fr") == ["cour", "franc"]
    assert query_prefixes("courses", "en") == ["cours"]
    assert query_prefixes("logement", "fr") == ["logement"]  # stem "log" is too short to stay specific


@pytest.mark.parametrize("language,text", [
    ("fr", "logement"), ("en", "housing"), ("es", "vivienda"), ("ar", "سكن"), ("ar", "السكن"),
])
def test_free_text_in_each_interface_language(catalogue, language, text):
    assert names(ServiceQuery(text=text, language=language)) == ["Logement d'urgence"]


def test_stemmed_plural_and_accentless_queries(catalogue):
    assert names(ServiceQuery(text="French courses", language="en")) == ["Cours de français intensif"]
    # Without accents, and matching "français" as a spoken language too.
    assert names(ServiceQuery(text="francais", language="fr")) == [
        "Cours de français intensif", "Ligne d'information", "Logement d'urgence"]
    assert names(ServiceQuery(text="cours francais", language="fr")) == ["Cours de français intensif"]
    assert names(ServiceQuery(text="cursos intensivos", language="es")) == ["Cours de français intensif"]


def test_category_labels_are_searchable(catalogue):
    # "shelter" is only in the English label of the housing category, not in any text of the service.
    assert "shelter" not in str(catalogue["housing"].translations) + catalogue["housing"].description
    assert names(ServiceQuery(text="shelter", language="en")) == ["Logement d'urgence"]
    assert names(ServiceQuery(text="counselling", language="en")) == ["Ligne d'information"]


def test_unknown_words_find_nothing(catalogue):
    assert search.search(ServiceQuery(text="zzzqqq", language="en")).total == 0


def test_vocabulary_filters(catalogue):
    assert names(ServiceQuery(phase="return")) == ["Conseil au retour"]
    assert names(ServiceQuery(category="language", target_group="refugees")) == ["Cours de français intensif"]
    assert names(ServiceQuery(category="language", target_group="returnees")) == []


def test_language_spoken_and_free_filters(catalogue):
    assert names(ServiceQuery(spoken_language="ti")) == ["Conseil au retour", "Ligne d'information"]
    assert names(ServiceQuery(free_only=True)) == ["Cours de français intensif", "Ligne d'information"]


def test_open_now_and_open_on_a_day(catalogue):
    zurich = ZoneInfo("Europe/Zurich")
    monday_ten = datetime(2026, 11, 23, 10, 0, tzinfo=zurich)
    assert names(ServiceQuery(open_now=True, now=monday_ten)) == ["Cours de français intensif"]
    assert names(ServiceQuery(open_now=True, now=monday_ten + timedelta(hours=3))) == []
    assert names(ServiceQuery(open_now=True, now=monday_ten - timedelta(hours=1, minutes=1))) == []
    assert names(ServiceQuery(open_on="SA")) == ["Logement d'urgence"]
    assert names(ServiceQuery(open_on="WE")) == ["Cours de français intensif"]
    assert names(ServiceQuery(open_on="SU")) == []


def test_open_counts_hours_of_the_place_and_respects_validity_and_closure(catalogue):
    zurich = ZoneInfo("Europe/Zurich")
    friday_ten = datetime(2026, 11, 27, 10, 0, tzinfo=zurich)
    place = catalogue["return"].service_at_locations.get().location
    Schedule.objects.create(location=place, byday="FR", opens_at=time(8), closes_at=time(17))
    assert names(ServiceQuery(open_now=True, now=friday_ten)) == ["Conseil au retour"]
    assert names(ServiceQuery(open_on="FR", now=friday_ten)) == ["Conseil au retour"]
    Schedule.objects.filter(location=place).update(valid_to=date(2026, 11, 1))
    assert names(ServiceQuery(open_now=True, now=friday_ten)) == []
    monday_ten = datetime(2026, 11, 23, 10, 0, tzinfo=zurich)
    Service.objects.filter(pk=catalogue["french"].pk).update(status=Service.Status.TEMPORARILY_CLOSED)
    assert names(ServiceQuery(open_now=True, now=monday_ten)) == []
    assert names(ServiceQuery(open_on="MO")) == ["Cours de français intensif"]


def test_territory_includes_inside_and_services_of_containing_territories(catalogue, territories):
    assert names(ServiceQuery(territory=territories["lausanne"])) == [
        "Cours de français intensif", "Ligne d'information"]
    assert names(ServiceQuery(territory=territories["vaud"])) == [
        "Cours de français intensif", "Ligne d'information", "Logement d'urgence"]
    assert names(ServiceQuery(territory=territories["geneva"])) == ["Conseil au retour"]


def test_distance_orders_and_limits(catalogue):
    result = search.search(ServiceQuery(near=(46.52, 6.63), radius_km=10))
    assert [s.name for s in result.services] == ["Cours de français intensif", "Logement d'urgence"]
    first, second = result.services
    assert first.distance_km < 0.5 and 3 < second.distance_km < 4.5  # Lausanne centre to Renens is about 3.9 km
    assert search.search(ServiceQuery(near=(46.52, 6.63), radius_km=100)).total == 3


def test_inactive_services_are_hidden(catalogue):
    catalogue["housing"].status = "defunct"
    catalogue["housing"].save()
    assert search.search(ServiceQuery(text="logement", language="fr")).total == 0


def test_pagination(make_service, organisations):
    for i in range(45):
        make_service(organisations["caritas"], f"Service {i:02d}", categories=["health"])
    result = search.search(ServiceQuery(category="health"), page=3)
    assert (result.total, result.pages, result.page, len(result.services)) == (45, 3, 3, 5)
    assert search.search(ServiceQuery(category="health"), page=99).page == 3


def test_stale_services(catalogue):
    service = catalogue["return"]
    service.last_verified_at = timezone.now() - timedelta(days=400)
    service.save()
    assert service.is_stale
    catalogue["french"].last_verified_at = timezone.now()
    assert not catalogue["french"].is_stale
