"""Importing practices: a valid CSV or JSON file creates every practice with its tags, links and
translations; a file with any wrong row writes nothing and names each row and column."""
import io
import json

import pytest

from corridor.directory.importing import ImportFailed
from corridor.library import exchange
from corridor.library.models import GoodPractice

HEADER = ("title,country,language,organisation_kind,objectives,activities,outputs,phases,categories,sectors,"
          "sdg_targets,organisations,territories,status,title:fr\n")
VALID = HEADER + (
    'Welcome desk,CH,en,local-authority,Welcome newcomers.,An information desk.,"320 people welcomed, '
    'in 8 languages",destination,information;interpretation,social-inclusion,10.7;16.7,Caritas Vaud,'
    "ch/vaud/lausanne,published,Guichet d'accueil\n"
    "Returnees' fund,Senegal,en,,Help returnees invest.,Advice and credit.,45 businesses created.,return,"
    "business,local-economic-development,8.3,,Renens,draft,\n"
)
WRONG = HEADER + (
    "Welcome desk,Atlantis,en,,Welcome newcomers.,An information desk.,Many people welcomed.,destination,"
    "information,tourism,10.7,,ch/vaud/lausanne,draft,\n"
    ",CH,en,,,An information desk.,12 desks,,,,18.2,Centre de la Roseraie,,,\n"
)


def run(text, user, name="practices.csv"):
    return exchange.import_practices(io.BytesIO(text.encode()), name, user=user)


def test_a_valid_file_creates_every_practice(users, organisations, territories):
    report = run(VALID, users["vaud_admin"])
    assert report.created[GoodPractice] == 2
    desk = GoodPractice.objects.get(title="Welcome desk")
    assert desk.status == GoodPractice.Status.PUBLISHED and desk.created_by == users["vaud_admin"]
    assert desk.outputs == "320 people welcomed, in 8 languages"
    assert sorted((t.vocabulary, t.code) for t in desk.terms.all()) == [
        ("category", "information"), ("category", "interpretation"), ("phase", "destination")]
    assert desk.sectors == ["social-inclusion"] and desk.sdg_targets == ["10.7", "16.7"]
    assert list(desk.organisations.all()) == [organisations["caritas"]]
    assert list(desk.territories.all()) == [territories["lausanne"]]
    assert desk.translations == {"fr": {"title": "Guichet d'accueil"}}
    assert desk.translation_status == {"fr": "published"}
    assert "guichet" in desk.search_document
    fund = GoodPractice.objects.get(title="Returnees' fund")
    assert fund.country_code == "SN" and fund.status == GoodPractice.Status.DRAFT
    assert list(fund.territories.all()) == [territories["renens"]]


def test_a_wrong_file_writes_nothing_and_names_rows_and_columns(users, organisations, territories):
    with pytest.raises(ImportFailed) as raised:
        run(WRONG, users["vaud_admin"])
    problems = {(error.row, error.field) for error in raised.value.errors}
    assert problems == {
        (2, "country"), (2, "outputs"), (2, "sectors"),
        (3, "title"), (3, "objectives"), (3, "sdg_targets"), (3, "organisations"), (3, "territories"),
    }
    messages = {(error.row, error.field): error.message for error in raised.value.errors}
    assert messages[(2, "country")] == "Unknown country “Atlantis”: write its ISO code, like CH or TN."
    assert "at least one figure" in messages[(2, "outputs")]
    assert messages[(3, "organisations")] == "No organisation “Centre de la Roseraie” that you may link to."
    assert not GoodPractice.objects.exists()


def test_unknown_columns_and_missing_required_ones_are_refused(users):
    with pytest.raises(ImportFailed) as raised:
        run("title,country,summary\nA,CH,B\n", users["platform"])
    assert {(error.field, error.row) for error in raised.value.errors} == {
        ("summary", 1), ("objectives", None), ("activities", None), ("outputs", None)}


def test_a_practice_already_in_the_library_is_not_imported_twice(users, organisations, territories):
    run(VALID, users["vaud_admin"])
    with pytest.raises(ImportFailed) as raised:
        run(VALID, users["vaud_admin"])
    assert {(error.row, error.field) for error in raised.value.errors} == {(2, "title"), (3, "title")}
    assert GoodPractice.objects.count() == 2


def test_json_with_lists_and_translations(users, territories):
    records = [{"title": "Centre de santé", "country": "TN", "language": "fr", "objectives": "Soigner.",
                "activities": "Consultations.", "outputs": "300 patients", "categories": ["health"],
                "sdg_targets": ["3.8"], "translations": {"ar": {"title": "مركز صحي", "outputs": "300 مريض"}}}]
    report = run(json.dumps(records), users["platform"], "practices.json")
    assert report.created[GoodPractice] == 1
    practice = GoodPractice.objects.get()
    assert practice.content_language == "fr" and practice.translations["ar"]["title"] == "مركز صحي"
    assert [t.code for t in practice.terms.all()] == ["health"]


def test_wrong_json_is_refused_with_its_record_number(users):
    records = [{"title": "Centre de santé", "country": "TN", "objectives": "Soigner.", "activities": "Soins.",
                "outputs": "300 patients"},
               {"title": "Other", "country": "TN", "objectives": "x", "activities": "y", "outputs": "z",
                "translations": {"xx-bad": {"title": "?"}}}]
    with pytest.raises(ImportFailed) as raised:
        run(json.dumps(records), users["platform"], "practices.json")
    assert {(error.row, error.field) for error in raised.value.errors} == {(2, "outputs"), (2, "title:xx-bad")}
    with pytest.raises(ImportFailed) as raised:
        run("{not json", users["platform"], "practices.json")
    assert raised.value.errors[0].message.startswith("This is not readable JSON")
    assert not GoodPractice.objects.exists()


def test_a_territory_admin_names_one_of_their_territories_or_organisations(users, territories):
    text = ("title,country,objectives,activities,outputs,territories\n"
            "A,CH,x,y,3 desks,\n"
            "B,CH,x,y,3 desks,geneve-ville\n")
    with pytest.raises(ImportFailed) as raised:
        run(text, users["vaud_admin"])
    assert {(error.row, error.field) for error in raised.value.errors} == {(2, "territories"), (3, "territories")}
    with pytest.raises(ImportFailed) as raised:  # the canton and the city have the same name
        run("title,country,objectives,activities,outputs,territories\nB,CH,x,y,3 desks,Geneva\n",
            users["geneva_admin"])
    assert "Several territories are called “Geneva”" in raised.value.errors[0].message
    run("title,country,objectives,activities,outputs,territories\nB,CH,x,y,3 desks,ch/geneve/geneve-ville\n",
        users["geneva_admin"])
    assert list(GoodPractice.objects.get(title="B").territories.all()) == [territories["geneva"]]
