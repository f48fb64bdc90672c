"""The coverage matrix counts, on records whose cells are known (tests/analysis_data.py), and its pages."""
import csv
import io

import pytest

from corridor.coordination import coverage
from corridor.coordination.coverage import NOT_GIVEN


def test_cells_count_active_records_of_the_subtree(territories, vaud_records):
    result = coverage.coverage(territories["vaud"])
    refugees = result.cell("destination", "language", "refugees")
    # Renens' stale course apart; the Lausanne project and the Geneva project partnering with Lausanne;
    # not the inactive service, the pipeline or ended projects, nor Geneva's own course.
    assert (refugees.services, refugees.stale_services, refugees.initiatives) == (0, 1, 2)
    assert (refugees.planned_beneficiaries, refugees.actual_beneficiaries) == (150, 40)
    assert refugees.state == "covered"
    # No target group given: whole population.
    assert result.cell("destination", "language", "everyone").services == 1
    # Two phases and two groups: the same service in four cells.
    for phase in ("destination", "pre-departure"):
        for group in ("refugees", "women"):
            assert result.cell(phase, "information", group).services == 1
    assert result.cell("return", "information", "refugees").records == 0
    assert result.cell(NOT_GIVEN, "health", "refugees").services == 1
    # Totals count records once, whatever the number of their cells.
    total = result.total
    assert (total.services, total.stale_services, total.initiatives, total.planned_beneficiaries) == (3, 1, 2, 150)


def test_the_territory_is_a_subtree(territories, vaud_records):
    lausanne = coverage.coverage(territories["lausanne"]).cell("destination", "language", "refugees")
    assert (lausanne.stale_services, lausanne.initiatives) == (0, 2)
    renens = coverage.coverage(territories["renens"]).cell("destination", "language", "refugees")
    assert (renens.stale_services, renens.initiatives, renens.state) == (1, 0, "stale")
    geneva = coverage.coverage(territories["geneva_canton"]).cell("destination", "language", "refugees")
    assert (geneva.services, geneva.initiatives) == (1, 1)


def test_tables_follow_the_vocabularies_and_show_not_given_only_when_used(territories, vaud_records):
    result = coverage.coverage(territories["vaud"])
    tables = result.tables()
    assert [t.phase for t in tables] == ["pre-decision", "pre-departure", "destination", "return", NOT_GIVEN]
    destination = tables[2]
    assert len(destination.rows) == 14 and destination.rows[0].category == "information"
    assert [group for group, _cell in destination.rows[0].cells][-1] == "everyone"
    only = result.tables(phases=["destination"], groups=["refugees"])
    assert len(only) == 1 and all(len(row.cells) == 1 for row in only[0].rows)
    not_given = coverage.coverage(territories["lausanne"]).tables(phases=[NOT_GIVEN])[0]
    assert [row.category for row in not_given.rows if any(cell.records for _group, cell in row.cells)] == ["health"]
    assert NOT_GIVEN not in [row.category for row in not_given.rows]


def test_drill_down_lists_the_records_a_cell_counts(territories, vaud_records):
    entries = coverage.active_entries(territories["vaud"])
    keys = {entry.key for entry in coverage.in_cell(entries, "destination", "language", "refugees")}
    expected = {f"service:{vaud_records['stale'].pk}", f"initiative:{vaud_records['project'].pk}",
                f"initiative:{vaud_records['partner'].pk}"}
    assert keys == expected
    records = coverage.records(coverage.in_cell(entries, "destination", "language", "refugees"))
    assert set(records) == expected
    assert set(records.values()) == {vaud_records[k] for k in ("stale", "project", "partner")}


def test_matrix_page_is_public_and_links_cells(client, territories, vaud_records):
    response = client.get("/en/coordination/coverage/", {"territory": "ch/vaud/", "phase": "destination",
                                                          "measure": "initiatives"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Who does what, for whom, in Vaud" in html
    assert "phase=destination&amp;category=language&amp;group=refugees" in html
    assert "Before departure" not in [t["table"].label for t in response.context["tables"]]
    row = next(r for r in response.context["tables"][0]["rows"] if r["row"].category == "language")
    assert [cell["value"] for cell in row["cells"] if cell["href"].endswith("group=refugees")] == ["2"]


def test_cell_page_lists_services_with_their_freshness(client, territories, vaud_records):
    response = client.get("/en/coordination/coverage/cell/", {"territory": "ch/vaud/", "phase": "destination",
                                                               "category": "language", "group": "refugees"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cours anciens" in html and "Not verified for over a year" in html
    assert "Français pour réfugiés" in html and "Échange Genève-Lausanne" in html
    assert "Cours fermés" not in html and "Cours à Genève" not in html
    unknown_group = {"territory": "ch/vaud/", "group": "nobody"}
    assert client.get("/en/coordination/coverage/cell/", unknown_group).status_code == 404


def test_matrix_csv(client, territories, vaud_records):
    response = client.get("/en/coordination/coverage.csv", {"territory": "ch/vaud/", "phase": "destination"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 14 * 9
    refugees = next(row for row in rows if row[8:] == ["destination", "language", "refugees"])
    assert refugees[:8] == ["In the place of destination", "Language courses", "Refugees", "0", "1", "2", "150", "40"]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_matrix_in_other_languages(client, territories, vaud_records, language):
    response = client.get(f"/{language}/coordination/coverage/", {"territory": "ch/vaud/"})
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
