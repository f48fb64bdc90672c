import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from corridor.directory.importing import ImportFailed
from corridor.directory.models import Organisation
from corridor.directory.organisation_import import import_organisations

DATA = Path(__file__).parent / "data"


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_csv_creates_and_updates_organisations(organisations, territories, users):
    with open(DATA / "organisations.csv", "rb") as upload:
        report = import_organisations(upload, "organisations.csv", territory=territories["vaud"],
                                      user=users["vaud_admin"])
    assert report.created[Organisation] == 2 and report.updated[Organisation] == 1
    association = Organisation.objects.get(name="Association des Érythréens de Lausanne")
    assert association.territory == territories["lausanne"]
    assert (association.kind, association.association_level) == ("migrant-association", "association")
    assert association.languages == ["ti", "fr"]
    assert association.website == "https://aerl.example.org"
    assert association.history.get().history_user == users["vaud_admin"]
    bureau = Organisation.objects.get(name="Bureau cantonal pour l'intégration")
    assert bureau.kind == "local-authority"  # given by its label
    assert bureau.territory == territories["vaud"]
    caritas = organisations["caritas"]
    caritas.refresh_from_db()
    assert caritas.association_level == "umbrella" and caritas.email == "info@caritas-vaud.example.org"
    assert Organisation.objects.filter(name="Caritas Vaud").count() == 1


def test_xlsx_is_read_like_csv(territories):
    upload = xlsx([["Name", "Kind", "Territory", "Phone", "Languages"],
                   ["Centre femmes", "cso", "Renens", 41215550000, "fr,pt"],
                   [None, None, None, None, None]])
    report = import_organisations(upload, "orgs.xlsx", territory=territories["vaud"])
    assert report.created[Organisation] == 1
    centre = Organisation.objects.get()
    assert (centre.territory, centre.phone, centre.languages) == (territories["renens"], "41215550000", ["fr", "pt"])


def test_invalid_rows_are_all_reported_and_nothing_is_written(territories, organisations):
    before = Organisation.objects.count()
    with open(DATA / "organisations_invalid.csv", "rb") as upload, pytest.raises(ImportFailed) as failure:
        import_organisations(upload, "organisations_invalid.csv", territory=territories["vaud"])
    errors = {(e.row, e.field) for e in failure.value.errors}
    assert errors == {(3, "kind"), (4, "territory"), (5, "languages"), (5, "email")}
    assert "xx" in next(e.message for e in failure.value.errors if e.field == "languages")
    assert Organisation.objects.count() == before
    assert not Organisation.objects.filter(name="Maison des migrants").exists()  # the good row too


def test_xlsx_with_one_bad_row_writes_nothing(territories):
    upload = xlsx([["name", "kind", "territory"], ["Bon", "cso", ""], ["Mauvais", "club de foot", ""]])
    with pytest.raises(ImportFailed) as failure:
        import_organisations(upload, "orgs.xlsx", territory=territories["vaud"])
    [error] = failure.value.errors
    assert (error.source, error.row, error.field) == ("orgs.xlsx", 3, "kind")
    assert not Organisation.objects.exists()


def test_same_name_twice_in_a_file_and_ambiguous_territories(territories):
    upload = io.BytesIO("name,kind,territory\nA,cso,Geneva\nB,cso,\nB,cso,\n".encode())
    with pytest.raises(ImportFailed) as failure:
        import_organisations(upload, "orgs.csv", territory=territories["ch"])
    messages = {(e.row, e.field): e.message for e in failure.value.errors}
    assert "several territories" in messages[2, "territory"]  # the canton and the city of Geneva
    assert "Row 3" in messages[4, "name"]


def test_files_that_are_not_spreadsheets_are_refused(territories):
    with pytest.raises(ImportFailed) as failure:
        import_organisations(io.BytesIO(b"x"), "orgs.pdf", territory=territories["vaud"])
    assert ".csv or .xlsx" in failure.value.errors[0].message
    with pytest.raises(ImportFailed) as failure:
        import_organisations(io.BytesIO(b"not a zip"), "orgs.xlsx", territory=territories["vaud"])
    assert "not a readable" in failure.value.errors[0].message
    with pytest.raises(ImportFailed) as failure:
        import_organisations(io.BytesIO(b"nom,genre\nA,cso\n"), "orgs.csv", territory=territories["vaud"])
    assert failure.value.errors[0].field == "name"


def test_command_imports_a_spreadsheet_or_lists_its_problems(organisations, territories, users, tmp_path):
    from django.core.management import CommandError, call_command

    output = io.StringIO()
    call_command("import_organisations", "--territory", "ch/vaud", "--user", "vaud-admin",
                 str(DATA / "organisations.csv"), stdout=output)
    assert "created" in output.getvalue()
    assert Organisation.objects.filter(name="Association des Érythréens de Lausanne").exists()
    broken = tmp_path / "broken.csv"
    broken.write_text("name,kind\nSans genre,\n", encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_organisations", "--territory", "ch/vaud", str(broken), stderr=errors)
    assert ", row 2: kind: " in errors.getvalue()
    assert not Organisation.objects.filter(name="Sans genre").exists()
