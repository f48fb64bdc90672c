"""Initiatives as a spreadsheet: the CSV export, and the import that writes all rows or none."""
import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from corridor.coordination import exchange, initiatives
from corridor.coordination.models import Funding, Initiative, InitiativePartner
from corridor.directory.importing import ImportFailed
from corridor.territories.models import Territory

HEADER = ("title,lead_organisation,territory,partner_territory,status,start_date,end_date,budget,currency,"
          "planned_beneficiaries,phases,categories,target_groups,partners,fundings")


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def upload(text: str, name="initiatives.csv"):
    return io.BytesIO(text.encode("utf-8")), name


def test_the_export_has_a_row_per_initiative(french_courses):
    [row] = rows_of(exchange.export_csv(Initiative.objects.all()))
    assert row["id"] == str(french_courses.uuid)
    assert (row["title"], row["lead_organisation"], row["territory"], row["status"]) == (
        "Cours de français", "Caritas Vaud", "ch/vaud/lausanne", "implementation")
    assert (row["budget"], row["currency"], row["planned_beneficiaries"], row["start_date"]) == (
        "100000", "CHF", "300", "2025-01-01")
    assert (row["phases"], row["categories"], row["target_groups"]) == ("destination", "language; education", "women")
    assert row["partners"] == "Appartenances | implementing"
    assert row["fundings"] == "Appartenances | 60000 | CHF | 2025-01-01 | 2025-12-31; Fondation Exemple | 25000 | EUR"


def test_a_valid_file_creates_initiatives_with_partners_and_fundings(territories, organisations, users):
    Territory.objects.create(name="Kosovo", kind="country", country_code="XK", slug="xk")
    text = HEADER + "\n" + (
        "Accueil à Renens,Appartenances,Renens,xk,Implementation,2025-03-01,2026-02-28,\"12'500\",chf,80,"
        "Au lieu de destination; return,Information and counselling; Santé,réfugiés,"
        "Caritas Vaud | implementing; Centre de la Roseraie | Funding,"
        "Caritas Vaud | 5000 | CHF | 2025-03-01 | 2025-12-31; Loterie romande | 7500\n"
        "\n")  # blank lines are skipped
    report = exchange.import_initiatives(*upload(text), territory=territories["vaud"], user=users["vaud_admin"])
    assert (report.created[Initiative], report.created[InitiativePartner], report.created[Funding]) == (1, 2, 2)
    initiative = Initiative.objects.get()
    assert (initiative.territory, initiative.partner_territory.path, initiative.status) == (
        territories["renens"], "xk/", Initiative.Status.IMPLEMENTATION)
    assert (initiative.budget, initiative.currency, initiative.planned_beneficiaries, initiative.created_by) == (
        Decimal("12500"), "CHF", 80, users["vaud_admin"])
    assert initiatives.term_codes(initiative) == {"phase": ["destination", "return"],
                                                  "category": ["information", "health"],
                                                  "target_group": ["refugees"]}
    assert set(initiative.partners.values_list("organisation__name", "role")) == {
        ("Caritas Vaud", "implementing"), ("Centre de la Roseraie", "funding")}
    assert list(initiative.fundings.values_list("donor__name", "donor_name", "amount", "currency")) == [
        ("Caritas Vaud", "", 5000, "CHF"), (None, "Loterie romande", 7500, "CHF")]


def test_an_exported_file_imported_again_updates_the_same_initiatives(territories, french_courses):
    text = exchange.export_csv(Initiative.objects.all()).replace("Cours de français", "Cours de français (2e édition)")
    report = exchange.import_initiatives(*upload(text), territory=territories["vaud"])
    assert (report.created[Initiative], report.updated[Initiative]) == (0, 1)
    french_courses.refresh_from_db()
    assert french_courses.title == "Cours de français (2e édition)"
    assert french_courses.translations == {"en": {"title": "French courses"}}  # not in the file: kept
    assert french_courses.fundings.count() == 2 and french_courses.results.count() == 2
    assert rows_of(exchange.export_csv(Initiative.objects.all()))[0]["fundings"] == (
        "Appartenances | 60000 | CHF | 2025-01-01 | 2025-12-31; Fondation Exemple | 25000 | EUR")


def test_a_row_without_id_updates_the_initiative_of_the_same_title_and_territory(territories, french_courses):
    text = "title,territory,actual_beneficiaries\nCours de français,ch/vaud/lausanne,150\n"
    exchange.import_initiatives(*upload(text), territory=territories["vaud"])
    french_courses.refresh_from_db()
    assert (Initiative.objects.count(), french_courses.actual_beneficiaries, french_courses.budget) == (
        1, 150, 100000)


def test_a_wrong_file_writes_nothing_and_says_where_each_problem_is(territories, french_courses):
    text = HEADER + "\n" + (
        "Nouveau projet,Association inconnue,Lausanne,,en cours,2025-13-01,,abc,ECU,-3,,sport,,"
        "Caritas Vaud | sponsor,Donateur | \n"
        "Projet genevois,Caritas Vaud,Genève,,,,,,,,,language,,,\n"
        "Cours de français,Caritas Vaud,Lausanne,Lausanne,,2025-06-01,2025-01-01,,,,,language,,,\n"
        "Cours de français,Caritas Vaud,Lausanne,,,,,,,,,language,,,\n")
    with pytest.raises(ImportFailed) as failure:
        exchange.import_initiatives(*upload(text), territory=territories["vaud"])
    found = {(error.row, error.field) for error in failure.value.errors}
    assert found == {
        (2, "lead_organisation"), (2, "status"), (2, "start_date"), (2, "budget"), (2, "currency"),
        (2, "planned_beneficiaries"), (2, "categories"), (2, "partners"), (2, "fundings"),
        (3, "territory"),  # not in Vaud
        (4, "partner_territory"), (4, "end_date"),
        (5, "title"),  # the same initiative as row 4
    }
    messages = " ".join(error.message for error in failure.value.errors)
    assert "There is no organisation “Association inconnue” in the directory" in messages
    assert "There is no territory “Genève” in Vaud" in messages
    assert Initiative.objects.count() == 1 and not InitiativePartner.objects.filter(role="funding").exists()
    french_courses.refresh_from_db()
    assert (french_courses.start_date.isoformat(), french_courses.partner_territory) == ("2025-01-01", None)


def test_ids_must_be_initiatives_of_the_territory(territories, french_courses):
    text = f"id,title\n{french_courses.uuid},Repris\n"
    with pytest.raises(ImportFailed) as failure:
        exchange.import_initiatives(*upload(text), territory=territories["geneva_canton"])
    assert [(error.row, error.field) for error in failure.value.errors] == [(2, "id")]
    with pytest.raises(ImportFailed, match="problem"):
        exchange.import_initiatives(*upload("name\nx\n"), territory=territories["vaud"])  # no title column


def test_the_import_page(client, users, territories, french_courses):
    url = "/en/coordination/initiatives/import/?territory=ch/vaud/"
    client.force_login(users["caritas"])
    assert client.get(url).status_code == 403
    client.force_login(users["vaud_admin"])
    bad = SimpleUploadedFile("projets.csv", b"title,lead_organisation,categories\nNouveau,Inconnue,language\n")
    page = client.post(url, {"file": bad}).content.decode()
    assert "Nothing was imported" in page and "There is no organisation “Inconnue”" in page
    good = SimpleUploadedFile("projets.csv", "title,lead_organisation,categories\nNouveau,Caritas Vaud,language\n"
                              .encode())
    page = client.post(url, {"file": good}).content.decode()
    assert "Import done" in page and Initiative.objects.get(title="Nouveau").territory == territories["vaud"]
    client.force_login(users["geneva_admin"])  # may not choose Vaud: imports into its own canton
    row = SimpleUploadedFile("projets.csv", b"title,lead_organisation,territory,categories\nX,Caritas Vaud,Lausanne,"
                                            b"language\n")
    assert "There is no territory “Lausanne” in Geneva" in client.post(url, {"file": row}).content.decode()


def test_the_commands(tmp_path, territories, french_courses):
    exported = tmp_path / "vaud.csv"
    call_command("export_initiatives", "--format", "csv", "--territory", "ch/vaud", "-o", str(exported))
    assert rows_of(exported.read_text(encoding="utf-8"))[0]["title"] == "Cours de français"
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("title,lead_organisation,categories\nNouveau,Inconnue,language\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_initiatives", "--territory", "ch/vaud", str(wrong))
    right = tmp_path / "right.csv"
    right.write_text("title,lead_organisation,categories\nNouveau,Caritas Vaud,language\n", encoding="utf-8")
    call_command("import_initiatives", "--territory", "ch/vaud", str(right))
    assert Initiative.objects.filter(title="Nouveau").exists()
