"""Spreadsheet import (all or nothing, with row-level errors) and export of a profile's values."""
import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from corridor.directory.importing import ImportFailed
from corridor.profiles import exchange
from corridor.profiles.models import Profile, Source, Value

HEADER = "indicator,breakdown,value,source,source_url,accessed_on\n"
VALID = HEADER + (
    "resident_population,,143208,Statistique Vaud,www.vd.ch/statistique,2025-03-31\n"
    "foreign_population,PRT,11080,Statistique Vaud,www.vd.ch/statistique,2025-03-31\n"
    "foreign_population,Eritrea,1520,Statistique Vaud,www.vd.ch/statistique,2025-03-31\n"
    "foreign_population,XK,1950,Statistique Vaud,www.vd.ch/statistique,2025-03-31\n"
    "foreign_population,other,40000,Statistique Vaud,www.vd.ch/statistique,2025-03-31\n"
    'foreign_share,,"43,3%",Statistique Vaud,,\n'
    "language_course_participants,Female,1710,Bureau cantonal pour l'intégration,,\n"
    "integration_budget,,3'720'000,Bureau cantonal pour l'intégration,,\n"
    "diaspora_abroad,,,,,\n"  # listed, not reported
)


@pytest.fixture
def draft(territories, template):
    return Profile.objects.create(territory=territories["lausanne"], template=template,
                                  period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))


def run(profile, text, filename="profile.csv"):
    return exchange.import_values(profile, io.BytesIO(text.encode()), filename)


def stored(profile) -> dict:
    return {(value.indicator.code, value.breakdown_key): value.value
            for value in profile.values.select_related("indicator")}


@pytest.mark.parametrize("text, expected", [
    ("1234", Decimal(1234)), ("1234.5", Decimal("1234.5")), ("1 234", Decimal(1234)), ("1'234'567", Decimal(1234567)),
    ("1\u202f234", Decimal(1234)), ("12,5", Decimal("12.5")), ("-3", Decimal(-3)), ("0", Decimal(0)),
])
def test_numbers_as_people_type_them(text, expected):
    assert exchange.parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,234", "1.234,5", "12.5.1", "", "1e5", "12%"])
def test_ambiguous_or_wrong_numbers_are_refused(text):
    with pytest.raises(exchange.BadNumber):
        exchange.parse_number(text)


def test_a_valid_file_replaces_the_values_and_shares_sources(draft):
    Value.objects.create(profile=draft, indicator=draft.template.indicators.get(code="asylum_seekers"), value=5,
                         source=Source.objects.create(profile=draft, name="Old source"))
    report = run(draft, VALID)
    assert report.created[Value] == 8 and not report.warnings
    assert stored(draft) == {
        ("resident_population", ""): 143208, ("foreign_population", "PT"): 11080,
        ("foreign_population", "ER"): 1520, ("foreign_population", "XK"): 1950,
        ("foreign_population", "other"): 40000, ("foreign_share", ""): Decimal("43.3"),
        ("language_course_participants", "female"): 1710, ("integration_budget", ""): 3720000}
    sources = {(source.name, source.url, source.accessed_on) for source in draft.sources.all()}
    assert sources == {("Statistique Vaud", "https://www.vd.ch/statistique", date(2025, 3, 31)),
                       ("Statistique Vaud", "", None), ("Bureau cantonal pour l'intégration", "", None)}


def test_a_wrong_file_writes_nothing_and_names_each_row_and_column(draft):
    run(draft, VALID)
    before = stored(draft)
    wrong = HEADER + (
        "resident_population,,150000,Statistique Vaud,,\n"              # 2: fine, but not written
        "foreign_populaton,,100,Statistique Vaud,,\n"                   # 3: unknown code
        "foreign_population,Atlantis,100,Statistique Vaud,,\n"          # 4: unknown country
        "resident_population,,lots,Statistique Vaud,,\n"                # 5: bad number (and duplicate not checked)
        "asylum_seekers,,12,,,\n"                                       # 6: missing source
        "asylum_seekers,PT,12,Migration office,,\n"                     # 7: no breakdown for this indicator
        "language_course_participants,girls,3,Integration office,,\n"  # 8: unknown key
        "foreign_share,,140,Statistique Vaud,,\n"                       # 9: percentage over 100
        "arrivals_for_work,,-4,Statistique Vaud,,\n"                    # 10: negative
        "resident_population,,150001,Statistique Vaud,,\n"              # 11: same value again
        "asylum_seekers,,12,Migration office,not a url,31.03.2025\n"    # 12: bad address and date
    )
    with pytest.raises(ImportFailed) as failure:
        run(draft, wrong)
    problems = [(error.row, error.field) for error in failure.value.errors]
    assert problems == [(3, "indicator"), (4, "breakdown"), (5, "value"), (6, "source"), (7, "breakdown"),
                        (8, "breakdown"), (9, "value"), (10, "value"), (11, "indicator"), (12, "source_url"),
                        (12, "accessed_on")]
    messages = {error.row: error.message for error in failure.value.errors}
    assert "“foreign_populaton”" in messages[3] and "Did you mean “foreign_population”?" in messages[3]
    assert "Unknown country “Atlantis”" in messages[4]
    assert "“lots” is not a number" in messages[5]
    assert "Every value needs its source" in messages[6]
    assert "female, male, unknown" in messages[8]
    assert messages[11] == "Row 2 already gives this value."
    assert all(error.source == "profile.csv" for error in failure.value.errors)
    assert stored(draft) == before  # nothing written


def test_missing_columns_and_unknown_ones(draft):
    with pytest.raises(ImportFailed) as failure:
        run(draft, "indicator,value\nresident_population,1\n")
    assert [(error.row, error.field) for error in failure.value.errors] == [(1, "source")]
    report = run(draft, "Indicator;Value;Source;Comment\nresident_population;143208;Register;checked\n")
    assert report.warnings == ["These columns were not used: comment."]  # semicolons, as Excel writes in Europe
    assert stored(draft) == {("resident_population", ""): 143208}


def test_an_xlsx_spreadsheet_is_read_too(draft):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "breakdown", "value", "source"])
    sheet.append(["foreign_population", "ES", 4990, "Statistique Vaud"])
    sheet.append(["foreign_share", None, 43.3, "Statistique Vaud"])
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    exchange.import_values(draft, data, "values.xlsx")
    assert stored(draft) == {("foreign_population", "ES"): 4990, ("foreign_share", ""): Decimal("43.3")}


def test_the_export_reads_back_and_lists_what_is_not_reported(draft):
    run(draft, VALID)
    rows = list(csv.reader(io.StringIO(exchange.to_csv(exchange.export_rows(draft)).lstrip("\ufeff"))))
    assert rows[0] == list(exchange.EXPORT_COLUMNS)
    foreign = [row for row in rows if row[0] == "foreign_population"]
    assert [(row[2], row[3]) for row in foreign] == [
        ("PT", "11080"), ("XK", "1950"), ("ER", "1520"), ("other", "40000")]
    assert ["resident_population", "Resident population", "", "143208", "persons", "Statistique Vaud",
            "https://www.vd.ch/statistique", "2025-03-31"] in rows
    blank_sex = [row[2] for row in rows if row[0] == "foreign_population_by_sex"]
    assert blank_sex == ["", "female", "male", "unknown"]  # a form to fill in
    before = stored(draft)
    exchange.import_values(draft, io.BytesIO(exchange.to_csv(rows).encode()), "again.csv")
    assert stored(draft) == before


def test_the_blank_spreadsheet_of_a_template(template):
    rows = exchange.blank_rows(template)
    assert rows[0] == list(exchange.EXPORT_COLUMNS)
    assert len({row[0] for row in rows[1:]}) == 30
    assert ["foreign_population_by_age", "Foreign residents by age group", "65+", "", "persons", "", "", ""] in rows
