import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corridor.directory.models import Organisation, Service

DATA = Path(__file__).parent / "data"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def published(organisations, territories, make_service):
    return {
        "lausanne": make_service(organisations["caritas"], "Permanence sociale", categories=["information"]),
        "geneva": make_service(organisations["geneva_cso"], "Accueil Genève"),
        "closed": make_service(organisations["appartenances"], "Ancien service", status="defunct"),
    }


def test_json_export_streams_published_services(client, published):
    response = client.get(reverse("directory:export-hsds-json"))
    assert response.status_code == 200 and response.streaming
    services = json.loads(b"".join(response.streaming_content))
    assert {s["name"] for s in services} == {"Permanence sociale", "Accueil Genève"}


def test_exports_can_be_limited_to_a_territory(client, published):
    response = client.get(reverse("directory:export-hsds-json"), {"territory": "ch/vaud"})
    assert [s["name"] for s in json.loads(b"".join(response.streaming_content))] == ["Permanence sociale"]
    assert client.get(reverse("directory:export-hsds-json"), {"territory": "ch/nowhere"}).status_code == 404


def test_datapackage_export_is_a_zip_of_csv_files(client, published):
    response = client.get(reverse("directory:export-hsds-datapackage"), {"territory": "ch/geneve"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert "datapackage.json" in archive.namelist()
        services = archive.read("services.csv").decode()
    assert "Accueil Genève" in services and "Permanence sociale" not in services


@pytest.mark.parametrize("name", ["import-hsds", "import-organisations"])
def test_imports_are_for_territory_administrators_only(client, users, name):
    url = reverse(f"directory:{name}")
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(users["caritas"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"territory": 1, "file": upload("x.csv", b"name\nX\n")}).status_code == 403
    client.force_login(users["vaud_admin"])
    assert client.get(url).status_code == 200


def test_hsds_import_shows_a_summary(client, users, territories):
    client.force_login(users["vaud_admin"])
    content = (DATA / "hsds_third_party.json").read_bytes()
    response = client.post(reverse("directory:import-hsds"),
                           {"territory": territories["vaud"].pk, "file": upload("services.json", content)})
    assert response.status_code == 200
    assert response.context["report"].created[Service] == 2
    assert "Import done" in response.content.decode()
    assert Service.objects.get(name="Cours de français du soir").territory == territories["vaud"]


def test_hsds_import_errors_are_listed_and_nothing_is_written(client, users, territories):
    client.force_login(users["vaud_admin"])
    data = json.loads((DATA / "hsds_third_party.json").read_text())
    data[1]["status"] = "open"
    response = client.post(reverse("directory:import-hsds"), {
        "territory": territories["vaud"].pk, "file": upload("services.json", json.dumps(data).encode())})
    page = response.content.decode()
    assert "Nothing was imported" in page and "status" in page and "“open” is not allowed" in page
    assert not Service.objects.exists()


def test_target_territory_is_limited_to_the_administrators_own(client, users, territories):
    client.force_login(users["vaud_admin"])
    response = client.post(reverse("directory:import-organisations"), {
        "territory": territories["geneva"].pk, "file": upload("orgs.csv", b"name,kind\nX,cso\n")})
    assert "territory" in response.context["form"].errors
    assert not Organisation.objects.filter(name="X").exists()
    offered = set(response.context["form"].fields["territory"].queryset)
    assert offered == {territories[k] for k in ("vaud", "lausanne", "renens")}


def test_uploads_are_type_and_size_checked(client, users, territories, monkeypatch):
    client.force_login(users["vaud_admin"])
    url = reverse("directory:import-organisations")
    response = client.post(url, {"territory": territories["vaud"].pk, "file": upload("orgs.pdf", b"%PDF")})
    assert "(CSV, Excel)" in str(response.context["form"].errors["file"])
    response = client.post(url, {"territory": territories["vaud"].pk, "file": upload("orgs.xlsx", b"name,kind\n")})
    assert "does not match" in str(response.context["form"].errors["file"])
    monkeypatch.setattr("corridor.directory.forms_exchange.OrganisationImportForm.max_bytes", 10)
    small_enough = upload("orgs.csv", b"name,kind\nX,cso\n")
    response = client.post(url, {"territory": territories["vaud"].pk, "file": small_enough})
    assert "at most" in str(response.context["form"].errors["file"])


def test_organisation_import_shows_row_errors_then_imports(client, users, territories):
    client.force_login(users["vaud_admin"])
    url = reverse("directory:import-organisations")
    bad = (DATA / "organisations_invalid.csv").read_bytes()
    response = client.post(url, {"territory": territories["vaud"].pk, "file": upload("orgs.csv", bad)})
    assert [(e.row, e.field) for e in response.context["errors"]] == [
        (3, "kind"), (4, "territory"), (5, "languages"), (5, "email")]
    assert "<td>5</td><td><code>email</code></td>" in response.content.decode()
    assert not Organisation.objects.filter(name="Maison des migrants").exists()
    good = (DATA / "organisations.csv").read_bytes()
    response = client.post(url, {"territory": territories["vaud"].pk, "file": upload("orgs.csv", good)})
    assert response.context["report"].created[Organisation] == 2
    assert Organisation.objects.get(name="Association des Érythréens de Lausanne").history.get().history_user == \
        users["vaud_admin"]
