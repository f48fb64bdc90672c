import copy
import csv
import io
import json
import zipfile
from datetime import datetime, time
from datetime import timezone as dt_timezone
from decimal import Decimal
from pathlib import Path

import jsonschema_rs
import pytest

from corridor.directory import hsds
from corridor.directory.importing import ImportFailed
from corridor.directory.models import (
    CostOption,
    Location,
    Organisation,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from corridor.directory.search import ServiceQuery, search
from corridor.directory.vocabularies import CATEGORY, TARGET_GROUP

SCHEMAS = Path(hsds.__file__).parent / "schemas" / "hsds-3.0"
DATA = Path(__file__).parent / "data"


def service_validator():
    schema = json.loads((SCHEMAS / "compiled" / "service_with_definitions.json").read_text())
    return jsonschema_rs.validator_for(schema, validate_formats=True)


@pytest.fixture
def rich_service(organisations, territories, make_service):
    caritas = organisations["caritas"]
    caritas.alternate_name, caritas.description, caritas.website = "CV", "Aide sociale", "https://caritas-vaud.ch"
    caritas.association_level, caritas.languages, caritas.phone = "umbrella", ["fr", "ar"], "+41 21 317 59 80"
    caritas.translations = {"en": {"name": "Caritas Vaud", "description": "Social help"}}
    caritas.save()
    service = make_service(
        caritas, "Permanence sociale", "Conseils et orientation", territory=territories["lausanne"],
        categories=["information", "housing"], groups=["refugees"], languages=["fr", "ti"], is_free=True,
        translations={"en": {"name": "Social help desk", "description": "Advice"}},
        hours=[("MO,WE", (9, 0), (12, 0))], url="https://caritas-vaud.ch/permanence", email="info@caritas-vaud.ch",
        minimum_age=16, last_verified_at=datetime(2024, 3, 1, 10, 0, tzinfo=dt_timezone.utc))
    location = Location.objects.create(
        organisation=caritas, territory=territories["renens"], name="Antenne de Renens", address_1="Rue du Midi 1",
        city="Renens", region="Vaud", postal_code="1020", country="CH", latitude=46.5353, longitude=6.588,
        accessibility="Step-free entrance", transportation="Bus 17")
    ServiceAtLocation.objects.create(service=service, location=location, description="Sur rendez-vous")
    Phone.objects.create(service=service, number="+41 21 317 59 80", extension="12", languages=["fr", "ar"])
    Phone.objects.create(location=location, number="+41 21 000 00 00", type="fax")
    Schedule.objects.create(location=location, byday="FR", opens_at=time(14), closes_at=time(17, 30))
    CostOption.objects.create(service=service, option="Dossier", amount=Decimal("20.50"), currency="CHF")
    RequiredDocument.objects.create(service=service, document="Permis de séjour")
    return service


def comparable(objects):
    """Exports compared across an import: everything but the moment of the last change."""
    return sorted(({k: v for k, v in o.items() if k != "last_modified"} for o in objects), key=lambda o: o["id"])


def test_export_is_valid_hsds_with_our_fields(rich_service):
    [exported] = hsds.export_services(Service.objects.all())
    assert list(service_validator().iter_errors(exported)) == []
    assert exported["organization"]["corridor_kind"] == "cso"
    assert exported["organization"]["corridor_association_level"] == "umbrella"
    assert exported["corridor_translations"]["en"]["name"] == "Social help desk"
    assert exported["corridor_last_verified_at"].startswith("2024-03-01T10:00")
    assert exported["assured_date"] == "2024-03-01"
    assert {a["taxonomy_term_id"] for a in exported["attributes"]} == {
        CATEGORY.term_id("information"), CATEGORY.term_id("housing"), TARGET_GROUP.term_id("refugees")}
    [place] = exported["service_at_locations"]
    assert place["location"]["addresses"][0]["city"] == "Renens"
    assert place["location"]["accessibility"][0]["description"] == "Step-free entrance"
    assert place["location"]["phones"][0]["type"] == "fax"
    assert {lang["code"] for lang in exported["languages"]} == {"fr", "ti"}
    assert exported["phones"][0]["extension"] == 12


def test_export_needs_the_same_queries_for_many_services(rich_service, organisations, make_service,
                                                         django_assert_max_num_queries):
    with django_assert_max_num_queries(15) as few:
        hsds.export_services(Service.objects.all())
    for index in range(12):
        make_service(organisations["appartenances"], f"Service {index}", categories=["health"], languages=["fr"],
                     latitude=46.5, longitude=6.6, hours=[("MO", (8, 0), (9, 0))])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(hsds.export_services(Service.objects.all())) == 13


def empty_directory():
    Organisation.objects.all().delete()
    assert not Service.objects.exists() and not Location.objects.exists()


def test_json_round_trip_into_an_empty_directory(rich_service, territories, users):
    before = hsds.export_services(Service.objects.all())
    empty_directory()
    report = hsds.import_json(json.loads(json.dumps(before)), territory=territories["ch"], user=users["vaud_admin"])
    assert report.created[Service] == 1 and report.created[Location] == 1
    assert comparable(hsds.export_services(Service.objects.all())) == comparable(before)
    service = Service.objects.get()
    assert service.territory == territories["lausanne"]
    assert service.history.first().history_user == users["vaud_admin"]


def test_datapackage_round_trip(rich_service, territories):
    before = hsds.export_services(Service.objects.all())
    package = io.BytesIO()
    hsds.write_datapackage(Service.objects.all(), package)
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        descriptor = json.loads(archive.read("datapackage.json"))
        services = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode())))
    assert {"datapackage.json", "organizations.csv", "services.csv", "locations.csv", "service_at_location.csv",
            "phones.csv", "schedules.csv", "languages.csv", "addresses.csv", "taxonomy_terms.csv",
            "attributes.csv"} <= names
    assert {r["path"] for r in descriptor["resources"]} == names - {"datapackage.json"}
    assert services[0]["name"] == "Permanence sociale" and services[0]["corridor_is_free"] == "true"
    empty_directory()
    package.seek(0)
    hsds.import_datapackage(package, territory=territories["ch"])
    assert comparable(hsds.export_services(Service.objects.all())) == comparable(before)


def test_importing_again_updates_instead_of_duplicating(rich_service, territories):
    exported = hsds.export_services(Service.objects.all())
    changed = copy.deepcopy(exported)
    changed[0]["name"] = "Permanence sociale (nouvelle adresse)"
    changed[0]["languages"] = changed[0]["languages"][:1]
    report = hsds.import_json(changed, territory=territories["vaud"])
    assert report.created == {} and report.updated[Service] == 1
    rich_service.refresh_from_db()
    assert rich_service.name == "Permanence sociale (nouvelle adresse)"
    assert ServiceLanguage.objects.filter(service=rich_service).count() == 1
    assert Service.objects.count() == 1 and Phone.objects.count() == 2 and Location.objects.count() == 1
    assert search(ServiceQuery(text="nouvelle adresse")).total == 1


def test_third_party_file_is_imported_into_the_territory(territories, users):
    data = json.loads((DATA / "hsds_third_party.json").read_text())
    report = hsds.import_json(data, territory=territories["vaud"], user=users["vaud_admin"])
    assert report.created[Service] == 2 and report.created[Organisation] == 1
    legal = Service.objects.get(name="Permanence juridique pour migrants")
    # No Corridor territory in the file: the place is attached by its city, the service to the target.
    assert legal.service_at_locations.get().location.territory == territories["renens"]
    assert legal.territory == territories["vaud"]
    assert sorted(legal.languages.values_list("code", flat=True)) == ["fr", "ti"]
    assert legal.organisation.phone == "+41 21 560 60 60" and legal.organisation.kind == "cso"
    assert legal.terms.count() == 0  # a term of another taxonomy
    schedule = Schedule.objects.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == ("TU,TH", time(14), time(17, 30))
    warnings = " ".join(report.warnings)
    assert "1 contact was" in warnings and "another taxonomy" in warnings and "kind of actor" in warnings
    assert search(ServiceQuery(text="tigrinya")).total == 1


def test_schema_error_writes_nothing_and_names_the_record(territories):
    data = json.loads((DATA / "hsds_third_party.json").read_text())
    data[1]["status"] = "open"
    data[0]["service_at_locations"][0]["location"]["addresses"][0]["country"] = None
    with pytest.raises(ImportFailed) as failure:
        hsds.import_json(data, territory=territories["vaud"])
    errors = {(e.row, e.source, e.field) for e in failure.value.errors}
    assert (2, "service", "status") in errors
    assert (1, "service_at_locations[0].location.addresses[0]", "country") in errors
    assert not Organisation.objects.exists() and not Service.objects.exists()


def test_one_bad_service_among_good_ones_writes_nothing(rich_service, territories):
    exported = hsds.export_services(Service.objects.all())
    empty_directory()
    good = [dict(exported[0], id=f"8f0e3a52-1111-4c3a-9d7e-00000000000{n}", service_at_locations=[], phones=[],
                 languages=[], cost_options=[], required_documents=[], schedules=[], attributes=[], service_areas=[])
            for n in range(3)]
    bad = copy.deepcopy(good[0]) | {"id": "8f0e3a52-1111-4c3a-9d7e-000000000009"}
    bad["languages"] = [{"id": "8f0e3a52-1111-4c3a-9d7e-00000000000a", "code": "xx"}]
    with pytest.raises(ImportFailed) as failure:
        hsds.import_json(good + [bad], territory=territories["vaud"])
    [error] = failure.value.errors
    assert (error.row, error.source, error.field) == (4, "languages[0]", "code")
    assert "xx" in error.message
    assert not Service.objects.exists() and not Organisation.objects.exists()


def rows_of(package: io.BytesIO, name: str) -> list[dict]:
    with zipfile.ZipFile(package) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def with_rows(package: io.BytesIO, name: str, rows: list[dict]) -> io.BytesIO:
    """A copy of the package where `name` holds `rows`."""
    changed = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            if item.filename == name:
                text = io.StringIO()
                writer = csv.DictWriter(text, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
                target.writestr(name, text.getvalue())
            else:
                target.writestr(item, source.read(item))
    changed.seek(0)
    return changed


def test_datapackage_with_one_bad_row_writes_nothing_and_names_the_row(rich_service, organisations, make_service,
                                                                        territories):
    make_service(organisations["appartenances"], "Consultation santé", latitude=46.52, longitude=6.63)
    package = io.BytesIO()
    hsds.write_datapackage(Service.objects.all(), package)
    locations = rows_of(package, "locations.csv")
    assert len(locations) == 2
    locations[1]["latitude"] = "north"
    services = rows_of(package, "services.csv")
    services[0]["organization_id"] = "8f0e3a52-1111-4c3a-9d7e-0000000000ff"
    broken = with_rows(with_rows(package, "locations.csv", locations), "services.csv", services)
    empty_directory()
    with pytest.raises(ImportFailed) as failure:
        hsds.import_datapackage(broken, territory=territories["vaud"])
    errors = {(e.source, e.row, e.field) for e in failure.value.errors}
    assert errors == {("locations.csv", 3, "latitude"), ("services.csv", 2, "organization_id")}
    assert not Service.objects.exists() and not Location.objects.exists()


def test_references_and_vocabulary_terms_are_checked(rich_service, territories):
    [exported] = hsds.export_services(Service.objects.all())
    exported["service_at_locations"][0]["location"]["id"] = exported["service_at_locations"][0]["location_id"] = \
        "8f0e3a52-1111-4c3a-9d7e-0000000000aa"
    exported["service_at_locations"][0]["location"]["phones"][0]["location_id"] = "8f0e3a52-1111-4c3a-9d7e-0000000000bb"
    exported["attributes"][0]["taxonomy_term"] = dict(exported["attributes"][0]["taxonomy_term"],
                                                      id="8f0e3a52-1111-4c3a-9d7e-0000000000cc", code="astrology")
    exported["attributes"][0]["taxonomy_term_id"] = "8f0e3a52-1111-4c3a-9d7e-0000000000cc"
    with pytest.raises(ImportFailed) as failure:
        hsds.import_json([exported], territory=territories["vaud"])
    messages = {(e.source, e.field): e.message for e in failure.value.errors}
    assert "8f0e3a52-1111-4c3a-9d7e-0000000000bb" in messages["service_at_locations[0].location.phones[0]",
                                                              "location_id"]
    assert "astrology" in messages["attributes[0]", "taxonomy_term_id"]


def test_records_of_another_territory_cannot_be_overwritten(rich_service, territories, organisations, make_service):
    geneva = make_service(organisations["geneva_cso"], "Accueil Genève")
    exported = hsds.export_services(Service.objects.filter(pk=geneva.pk))
    exported[0]["name"] = "Taken over"
    with pytest.raises(ImportFailed) as failure:
        hsds.import_json(exported, territory=territories["vaud"])
    assert {(e.source, e.field) for e in failure.value.errors} == {("organization", "id"), ("service", "id")}
    geneva.refresh_from_db()
    assert geneva.name == "Accueil Genève"


def test_invalid_files_are_refused_plainly(territories):
    with pytest.raises(ImportFailed) as failure:
        hsds.import_json(b"{not json", territory=territories["vaud"])
    assert "not valid JSON" in failure.value.errors[0].message
    with pytest.raises(ImportFailed) as failure:
        hsds.import_datapackage(io.BytesIO(b"plain text"), territory=territories["vaud"])
    assert "zip" in failure.value.errors[0].message


def test_commands_export_and_import_files(rich_service, territories, users, tmp_path):
    from django.core.management import CommandError, call_command

    call_command("export_hsds", "--territory", "ch/vaud", "--output", str(tmp_path / "services.json"))
    call_command("export_hsds", "--datapackage", "--output", str(tmp_path / "services.zip"))
    before = comparable(json.loads((tmp_path / "services.json").read_text()))
    empty_directory()
    out = io.StringIO()
    call_command("import_hsds", "--territory", "ch/vaud", "--user", "vaud-admin", str(tmp_path / "services.zip"),
                 stdout=out)
    assert "services: 1 created" in out.getvalue()
    assert comparable(hsds.export_services(Service.objects.all())) == before
    broken = json.loads((tmp_path / "services.json").read_text())
    broken[0]["status"] = "open"
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_hsds", "--territory", "ch/vaud", str(tmp_path / "broken.json"), stderr=errors)
    assert "service, row 1: status" in errors.getvalue()


def test_services_left_out_of_the_file_are_reindexed_when_their_organisation_changes(rich_service, organisations,
                                                                                     make_service, territories):
    make_service(organisations["caritas"], "Vestiaire")
    exported = hsds.export_services(Service.objects.filter(pk=rich_service.pk))
    exported[0]["organization"]["name"] = "Caritas Suisse romande"
    hsds.import_json(exported, territory=territories["vaud"])
    assert search(ServiceQuery(text="vestiaire romande")).total == 1


def test_a_file_cannot_take_over_the_details_of_another_service(rich_service, organisations, make_service,
                                                                 territories):
    geneva = make_service(organisations["geneva_cso"], "Accueil Genève")
    foreign = Phone.objects.create(service=geneva, number="+41 22 000 00 00")
    [exported] = hsds.export_services(Service.objects.filter(pk=rich_service.pk))
    exported["phones"][0] |= {"id": str(foreign.uuid), "languages": []}
    with pytest.raises(ImportFailed) as failure:
        hsds.import_json([exported], territory=territories["vaud"])
    assert [(e.source, e.field) for e in failure.value.errors] == [("phones[0]", "id")]
    foreign.refresh_from_db()
    assert foreign.service == geneva
