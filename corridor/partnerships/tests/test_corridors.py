"""Corridor figures: the spreadsheet import (all-or-nothing, row-level errors), the export, the pages and charts."""
import io
from decimal import Decimal

import pytest

from corridor.directory.importing import ImportFailed, RowError
from corridor.partnerships import corridors
from corridor.partnerships.models import CorridorFigure
from corridor.profiles.exchange import to_csv

HEADER = "year,figure,value,source,source_url\n"


def figures(corridor) -> dict:
    return {(f.year, f.kind): (f.value, f.source) for f in CorridorFigure.objects.filter(corridor=corridor)}


def test_an_import_adds_and_replaces_figures_of_the_years_it_gives(corridor):
    text = HEADER + ("2024,diaspora,2 010,Register 2025 (test),register.example.org\n"
                     "2025,remittances,\"26'300'000\",World Bank (test),\n"
                     "\n"
                     "2025,flow,120,Register 2025 (test),\n")
    report = corridors.import_figures(corridor, io.BytesIO(text.encode()), "pristina.csv")
    assert report.created[CorridorFigure] == 2 and report.updated[CorridorFigure] == 1
    found = figures(corridor)
    assert found[(2024, "diaspora")] == (Decimal(2010), "Register 2025 (test)")
    assert found[(2025, "remittances")] == (Decimal(26_300_000), "World Bank (test)")
    assert found[(2023, "diaspora")] == (Decimal(1930), "Register (test)")  # years not given stay
    assert CorridorFigure.objects.get(corridor=corridor, year=2024, kind="diaspora").source_url == \
        "https://register.example.org"


def test_one_wrong_row_and_nothing_is_written_each_problem_named(corridor):
    before = figures(corridor)
    text = HEADER + ("2024,diaspora,2010,Register (test),\n"
                     "2024,diaspra,10,Register (test),\n"
                     "1850,flow,-3,,\n"
                     "2025,remittances,lots,World Bank (test),not a url\n"
                     "2024,diaspora,2020,Register (test),\n")
    with pytest.raises(ImportFailed) as failure:
        corridors.import_figures(corridor, io.BytesIO(text.encode()), "pristina.csv")
    assert failure.value.errors == [
        RowError("pristina.csv", 3, "figure", "Unknown figure “diaspra”: write diaspora, flow or remittances. "
                                              "Did you mean “diaspora”?"),
        RowError("pristina.csv", 4, "year", "Give a year between 1950 and "
                                            f"{corridors.timezone.localdate().year}, like 2024."),
        RowError("pristina.csv", 4, "value", "A value cannot be negative."),
        RowError("pristina.csv", 4, "source", "Every value needs its source: name where it comes from."),
        RowError("pristina.csv", 5, "value", "“lots” is not a number: write digits, with a point for decimals, "
                                             "like 1234.5."),
        RowError("pristina.csv", 5, "source_url", "“https://not a url” is not a web address."),
        RowError("pristina.csv", 6, "figure", "Row 2 already gives this figure for 2024."),
    ]
    assert figures(corridor) == before


def test_a_file_without_the_columns_is_refused(corridor):
    with pytest.raises(ImportFailed) as failure:
        corridors.import_figures(corridor, io.BytesIO(b"year,amount\n2024,3\n"), "wrong.csv")
    assert [(error.row, error.field) for error in failure.value.errors] == [(1, "figure"), (1, "value"),
                                                                           (1, "source")]


def test_the_export_reads_back_unchanged(corridor):
    rows = corridors.export_rows(corridor)
    assert rows[0] == ["year", "figure", "value", "source", "source_url"]
    assert ["2024", "remittances", "25600000", "Register (test)", ""] in rows
    report = corridors.import_figures(corridor, io.BytesIO(to_csv(rows).encode()), "export.csv")
    assert report.created[CorridorFigure] == 0 and report.updated[CorridorFigure] == 9


def test_the_import_page_lists_the_problems_and_keeps_the_figures(client, corridor, world):
    client.force_login(world["vaud_admin"])
    upload = io.BytesIO((HEADER + "2024,flow,abc,Register (test),\n").encode())
    upload.name = "figures.csv"
    page = client.post(f"/en/partnerships/corridors/{corridor.uuid}/import/", {"file": upload})
    assert "The file has 1 problem. Nothing was imported." in page.content.decode()
    upload = io.BytesIO((HEADER + "2025,flow,130,Register (test),\n").encode())
    upload.name = "figures.csv"
    response = client.post(f"/en/partnerships/corridors/{corridor.uuid}/import/", {"file": upload}, follow=True)
    assert "1 figures added, 0 replaced." in response.content.decode()
    assert figures(corridor)[(2025, "flow")] == (Decimal(130), "Register (test)")


def test_the_corridor_page_charts_each_series_over_time(client, corridor):
    page = client.get(f"/en/partnerships/corridors/{corridor.uuid}/").content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 3
    assert "2022: 1900; 2023: 1930; 2024: 1950" in page  # the diaspora chart's description
    assert "2022: 23.1; 2023: 24.4; 2024: 25.6" in page  # remittances in millions of US dollars
    assert "Shoqata e kosovarëve" in page and "Draft an MoU from this corridor" not in page  # not signed in


def test_the_corridor_arrow_points_from_origin_to_destination_in_right_to_left_pages(client, corridor):
    assert "<h1>Pristina → Lausanne</h1>" in client.get(f"/en/partnerships/corridors/{corridor.uuid}/").content.decode()
    page = client.get(f"/ar/partnerships/corridors/{corridor.uuid}/").content.decode()
    assert f"<h1>{corridor.origin} ← {corridor.destination}</h1>" in page and "→" not in page


def test_the_list_filters_corridors_by_territory(client, corridor, world):
    assert "Pristina → Lausanne" in client.get("/en/partnerships/corridors/?territory=xk/").content.decode()
    assert "Pristina → Lausanne" not in client.get("/en/partnerships/corridors/?territory=ch/geneve/").content.decode()
