"""The briefing (HTML for the PDF, and the PDF) and the CSV of overlaps."""
import csv
import io

from corridor.coordination import briefing

from .analysis_data import make_need


def test_briefing_shows_figures_charts_gaps_and_the_matrix(territories, vaud_records, users):
    make_need(territories["lausanne"], "Shelter for unaccompanied minors", "housing", group="unaccompanied-minors",
              severity=4)
    html = briefing.render_html(territories["vaud"], users["caritas"], "en")
    assert "Coordination briefing: Vaud" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 3
    assert "Language courses: 1, 2" in html  # the chart's description: current services, initiatives
    assert "Shelter for unaccompanied minors" in html and "Not covered" in html
    # Before departure, destination, and the phase "not given" of the health service: a landscape page each.
    assert html.count('class="matrix-page"') == 3
    assert "Possible overlaps to review" not in html  # for the territory's administrators only
    assert "Possible overlaps to review" in briefing.render_html(territories["vaud"], users["vaud_admin"], "en")


def test_briefing_in_arabic_reads_right_to_left(territories, vaud_records, users):
    html = briefing.render_html(territories["vaud"], users["vaud_admin"], "ar")
    assert '<html lang="ar" dir="rtl">' in html


def test_briefing_pdf(client, territories, vaud_records):
    response = client.get("/fr/coordination/briefing.pdf", {"territory": "ch/vaud/"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="briefing-vaud.pdf"' in response["Content-Disposition"]


def test_overlaps_csv(client, territories, organisations, users, make_service):
    for name in ("Cours de français du soir", "Cours de français le soir"):
        make_service(organisations["caritas"], name, phases=["destination"], categories=["language"])
    client.force_login(users["vaud_admin"])
    response = client.get("/en/coordination/overlaps.csv", {"territory": "ch/vaud/"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert sorted((rows[1][1], rows[1][4])) == ["Cours de français du soir", "Cours de français le soir"]
    assert rows[1][7] == "In the place of destination · Language courses · Whole population · Lausanne"
    client.force_login(users["caritas"])
    assert client.get("/en/coordination/overlaps.csv", {"territory": "ch/vaud/"}).status_code == 403
