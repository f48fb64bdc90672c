"""The IATI 2.03 export: valid against the schema shipped with the app, and saying what the initiative says."""
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from corridor.coordination import iati
from corridor.coordination.models import Initiative
from corridor.territories.models import Territory

from .initiative_data import make_initiative

LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def exported(*records) -> etree._Element:
    content = iati.export(Initiative.objects.filter(pk__in=[record.pk for record in records]))
    assert iati.validate(content) == []
    return etree.fromstring(content)


def test_an_initiative_as_an_iati_activity(settings, french_courses):
    settings.IATI_PUBLISHER_REF = "CH-EXAMPLE-1"
    [activity] = exported(french_courses).findall("iati-activity")
    assert activity.findtext("iati-identifier") == f"CH-EXAMPLE-1-{french_courses.uuid}"
    assert (activity.get(LANG), activity.get("default-currency")) == ("fr", "CHF")
    assert activity.find("reporting-org").get("ref") == "CH-EXAMPLE-1"
    assert [(n.text, n.get(LANG)) for n in activity.find("title")] == [("Cours de français", None),
                                                                        ("French courses", "en")]
    assert activity.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")] == [
        ("2", "2025-01-01"), ("3", "2026-12-31")]
    # The lead is accountable; Appartenances implements (so the lead is not also implementing) and funds;
    # the foundation, not in the directory, funds.
    assert [(o.get("role"), o.get("type"), o.findtext("narrative")) for o in activity.findall("participating-org")] == [
        ("2", "22", "Caritas Vaud"), ("4", "22", "Appartenances"), ("1", "22", "Appartenances"),
        ("1", None, "Fondation Exemple")]
    assert [(s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in activity.findall("sector")] == [
        ("1", "11230", "50.00"), ("1", "11330", "50.00"), ("99", "language", "50.00"), ("99", "education", "50.00")]
    assert {(t.get("code"), t.findtext("narrative")) for t in activity.findall("tag")} == {
        ("destination", "Au lieu de destination"), ("women", "Femmes")}
    assert activity.find("recipient-country").get("code") == "CH"
    assert activity.find("activity-scope").get("code") == "7"  # a city
    assert activity.find("location/point/pos").text == "46.51970 6.63230"
    budget = activity.find("budget")
    assert (budget.get("status"), budget.find("period-start").get("iso-date"), budget.findtext("value")) == (
        "2", "2025-01-01", "100000")
    transactions = [(t.find("transaction-type").get("code"), t.find("value").get("currency"), t.findtext("value"),
                     t.find("transaction-date").get("iso-date"), t.findtext("provider-org/narrative"))
                    for t in activity.findall("transaction")]
    assert transactions == [("11", None, "60000", "2025-01-01", "Appartenances"),
                            ("11", "EUR", "25000", "2025-01-01", "Fondation Exemple")]
    [result] = activity.findall("result")  # the result without indicators is left out
    assert (result.get("type"), result.findtext("title/narrative")) == ("2", "Autonomie en français")
    share, enrolled = result.findall("indicator")
    assert (share.get("measure"), share.find("baseline").get("year"), share.find("baseline").get("value")) == (
        "2", "2024", "20")
    assert (share.find("period/period-start").get("iso-date"), share.find("period/target").get("value"),
            share.find("period/actual").get("value")) == ("2025-01-01", "60", "40")  # the initiative's period
    assert (enrolled.get("measure"), enrolled.find("period/period-end").get("iso-date")) == ("1", "2025-12-31")
    assert activity.find("document-link").get("url") == "https://caritas.example.org/cours"


def test_what_iati_requires_is_always_given(organisations, territories):
    sparse = make_initiative(organisations["caritas"], "Idée", status=Initiative.Status.PIPELINE, budget=5000,
                             terms={"category": ["community", "business", "family"]})
    [activity] = exported(sparse).findall("iati-activity")
    assert activity.findtext("description/narrative") == "Idée"  # no description: the title
    [started] = activity.findall("activity-date")  # no dates: the day it was recorded, as planned start
    assert (started.get("type"), started.get("iso-date")) == ("1", sparse.created_at.date().isoformat())
    assert activity.find("budget") is None  # a budget needs its period
    assert [(o.get("role"), o.findtext("narrative")) for o in activity.findall("participating-org")] == [
        ("2", "Caritas Vaud"), ("4", "Caritas Vaud")]
    percentages = [s.get("percentage") for s in activity.findall("sector[@vocabulary='99']")]
    assert percentages == ["33.34", "33.33", "33.33"]


def test_local_to_local_work_names_both_ends(organisations, territories):
    dakar = Territory.objects.create(name="Dakar", kind="city", country_code="SN", slug="dakar", latitude=14.7,
                                     longitude=-17.4)
    corridor = make_initiative(organisations["caritas"], "Lausanne–Dakar", partner_territory=dakar,
                               start_date=date(2025, 1, 1), status=Initiative.Status.CLOSED, end_date=date(2025, 6, 30))
    [activity] = exported(corridor).findall("iati-activity")
    assert activity.find("activity-scope").get("code") == "3"  # multi-national
    assert [n.text for n in activity.findall("location/name/narrative")] == ["Lausanne", "Dakar"]
    assert [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")] == [
        ("2", "2025-01-01"), ("4", "2025-06-30")]  # closed: the actual end


def test_the_schema_catches_an_invalid_document(french_courses, monkeypatch):
    content = iati.document(Initiative.objects.all())
    broken = content.replace(b"<iati-identifier>", b"<iati-identifer>").replace(b"</iati-identifier>",
                                                                             b"</iati-identifer>")
    problems = iati.validate(broken)
    assert problems and "iati-identifer" in problems[0].message
    assert iati.validate(b"<iati-activities") and iati.validate(b"<iati-activities version='2.03'/>")
    real_dates = iati._dates
    monkeypatch.setattr(iati, "_dates", lambda activity, initiative: None)  # leaves out the required dates
    with pytest.raises(iati.InvalidDocument, match="activity-date"):
        iati.export(Initiative.objects.all())
    monkeypatch.setattr(iati, "_dates", real_dates)
    assert iati.export(Initiative.objects.all())


def test_download_pages(client, french_courses):
    response = client.get("/en/coordination/initiatives.xml?territory=ch/vaud/lausanne/")
    assert response["Content-Type"] == "application/xml"
    assert 'filename="initiatives-lausanne-iati.xml"' in response["Content-Disposition"]
    assert len(etree.fromstring(response.content).findall("iati-activity")) == 1
    single = client.get(f"/en/coordination/initiatives/{french_courses.uuid}/iati.xml")
    assert iati.validate(single.content) == []
    empty = client.get("/en/coordination/initiatives.xml?territory=ch/geneve/", follow=True)
    assert "there is nothing to export" in empty.content.decode()


def test_the_export_command(tmp_path, french_courses, territories):
    output = tmp_path / "vaud.xml"
    call_command("export_initiatives", "--territory", "ch/vaud", "--output", str(output))
    assert iati.validate(output.read_bytes()) == []
    with pytest.raises(CommandError, match="No initiative"):
        call_command("export_initiatives", "--territory", "ch/geneve")
