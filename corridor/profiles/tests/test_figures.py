"""Totals of breakdowns, differences and changes, on profiles whose answers are known."""
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from corridor.profiles import figures, formatting
from corridor.profiles.models import Indicator, Profile

from .conftest import fill


def by_code(profile) -> dict[str, figures.Figure]:
    return {figure.indicator.code: figure for figure in figures.figures(profile).values()}


def test_every_indicator_of_the_template_has_a_figure_reported_or_not(lausanne, template):
    found = by_code(lausanne[2023])
    assert len(found) == template.indicators.count() == 30
    assert found["diaspora_abroad"].is_reported is False and found["diaspora_abroad"].total is None
    assert [section.code for section, _ in figures.by_section(lausanne[2023])] == [
        "population", "flows", "protection", "diaspora", "remittances", "labour", "services"]


def test_a_breakdown_adds_up_and_what_it_leaves_out_is_shown(lausanne):
    foreign = by_code(lausanne[2023])["foreign_population"]
    assert [(entry.key, entry.label, entry.value) for entry in foreign.breakdown] == [
        ("PT", "Portugal", 10000), ("FR", "France", 8000), ("ER", "Eritrea", 2000)]  # largest first
    assert foreign.breakdown_total == 20000
    assert foreign.total == 40000 and not foreign.total_is_sum
    assert foreign.not_broken_down == 20000 and not foreign.breakdown_exceeds_total


def test_without_a_reported_total_the_total_is_the_sum_of_the_breakdown(lausanne):
    participants = by_code(lausanne[2023])["language_course_participants"]
    assert participants.reported_total is None
    assert participants.total == participants.breakdown_total == 1000 and participants.total_is_sum
    assert [entry.key for entry in participants.breakdown] == ["female", "male"]  # the dimension's order
    assert participants.not_broken_down is None


def test_rates_do_not_add_up(lausanne):
    rate = by_code(lausanne[2023])["employment_rate_foreign"]
    assert rate.breakdown_total is None and rate.total == Decimal("70.0") and not rate.total_is_sum
    assert rate.not_broken_down is None


def test_a_breakdown_larger_than_its_total_is_flagged(territories, make_profile):
    profile = make_profile(territories["renens"], 2024, [
        ("foreign_population", "", 100), ("foreign_population", "PT", 70), ("foreign_population", "other", 50)])
    foreign = by_code(profile)["foreign_population"]
    assert foreign.breakdown_total == 120 and foreign.breakdown_exceeds_total and foreign.not_broken_down is None
    assert [entry.key for entry in foreign.breakdown] == ["PT", "other"]  # "other" last whatever its size


@pytest.mark.parametrize("before, after, expected", [
    (Decimal(100), Decimal(125), Decimal(25)),
    (Decimal(80), Decimal(60), Decimal(-25)),
    (Decimal(3), Decimal(3), Decimal(0)),
    (Decimal(0), Decimal(5), None),  # no base to compare with
    (None, Decimal(5), None),
    (Decimal(5), None, None),
])
def test_percent_change(before, after, expected):
    assert figures.percent_change(before, after) == expected


def compared(first, second) -> dict[str, figures.Comparison]:
    return {comparison.indicator.code: comparison for _section, comparisons in figures.compare(first, second)
            for comparison in comparisons}


def test_two_periods_compared(lausanne):
    result = compared(lausanne[2023], lausanne[2024])
    population = result["resident_population"].total
    assert (population.first, population.second, population.difference, population.percent_change) == (
        100000, 125000, 25000, 25)
    foreign = result["foreign_population"]
    assert (foreign.total.difference, foreign.total.percent_change) == (2000, 5)
    rows = {row.key: row.change for row in foreign.rows}
    assert [row.key for row in foreign.rows] == ["FR", "PT", "ER", "SY"]
    assert (rows["FR"].difference, rows["FR"].percent_change) == (2000, 25)
    assert (rows["PT"].difference, rows["PT"].percent_change) == (-1000, -10)
    # Reported on one side only: shown as missing, no difference.
    assert rows["ER"].second is None and rows["ER"].missing and rows["ER"].difference is None
    assert rows["SY"].first is None and rows["SY"].second == 500 and rows["SY"].percent_change is None
    remittances = result["remittances_sent"].total
    assert remittances.first == 50000000 and remittances.second is None and remittances.difference is None


def test_sums_of_breakdowns_are_compared_too(lausanne):
    participants = compared(lausanne[2023], lausanne[2024])["language_course_participants"]
    assert (participants.total.first, participants.total.second) == (1000, 1100)
    assert participants.total.percent_change == 10


def test_rates_differ_in_points_without_a_percent_change(lausanne):
    rate = compared(lausanne[2023], lausanne[2024])["employment_rate_foreign"]
    assert rate.total.difference == Decimal("2.5") and rate.total.percent_change is None
    assert rate.rows[0].change.difference == Decimal("2.5")


def test_a_change_from_zero_has_a_difference_but_no_percent(lausanne):
    asylum = compared(lausanne[2023], lausanne[2024])["asylum_seekers"].total
    assert asylum.difference == 30 and asylum.percent_change is None


def test_two_territories_compared_and_indicators_reported_by_neither_left_out(lausanne, territories, make_profile):
    geneva = make_profile(territories["geneva"], 2024, [("resident_population", "", 200000)])
    result = compared(lausanne[2024], geneva)
    assert result["resident_population"].total.percent_change == 60
    assert not result["diaspora_abroad"].is_reported
    assert result["foreign_population"].total.second is None


def test_profiles_of_different_templates_are_not_compared(lausanne, template):
    newer = template.next_version()
    other = Profile.objects.create(territory=lausanne[2024].territory, template=newer,
                                   period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    with pytest.raises(figures.NotComparable):
        figures.compare(lausanne[2024], fill(other, [("resident_population", "", 1)]))


def test_figures_are_written_in_the_readers_language():
    number, rate, amount = Indicator.Kind.NUMBER, Indicator.Kind.PERCENTAGE, Indicator.Kind.AMOUNT
    with translation.override("en"):
        assert formatting.value(Decimal("143208.0000"), number) == "143,208"
        assert formatting.value(Decimal("43.3000"), rate) == "43.3%"
        assert formatting.value(Decimal("3720000"), amount, "CHF") == "CHF3,720,000"
        assert formatting.value(Decimal("12.50"), amount, "EUR") == "€12.50"
        assert formatting.difference(Decimal("-1000"), number) == "-1,000"
        assert formatting.difference(Decimal("2.5"), rate) == "+2.5 pp"
        assert formatting.difference(Decimal("270000"), amount, "CHF") == "+CHF270,000"
        assert formatting.change(Decimal("25")) == "+25.0%" and formatting.change(None) == ""
    with translation.override("fr"):
        written = formatting.value(Decimal("143208"), number).replace("\u202f", " ").replace("\xa0", " ")
        assert written == "143 208"
        assert formatting.value(Decimal("43.3"), rate).replace("\xa0", " ") == "43,3 %"
