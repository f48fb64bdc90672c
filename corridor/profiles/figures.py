"""What a profile says, indicator by indicator, and how two profiles of the same template compare.

The total of an indicator is the value reported for it or, when only its breakdown was reported, the sum
of the breakdown (for counts and amounts; rates do not add up). When both were reported, what the
breakdown does not cover is shown as such, and a breakdown larger than its total is flagged."""
from dataclasses import dataclass, field
from decimal import Decimal

from .models import Indicator, Profile, Section, Source, Value


@dataclass
class Entry:
    key: str
    label: str
    value: Decimal
    source: Source


@dataclass
class Figure:
    """One indicator in one profile."""

    indicator: Indicator
    reported_total: Entry | None = None
    breakdown: list[Entry] = field(default_factory=list)

    @property
    def is_reported(self) -> bool:
        return self.reported_total is not None or bool(self.breakdown)

    @property
    def breakdown_total(self) -> Decimal | None:
        if not self.breakdown or not self.indicator.adds_up:
            return None
        return sum((entry.value for entry in self.breakdown), Decimal(0))

    @property
    def total(self) -> Decimal | None:
        if self.reported_total is not None:
            return self.reported_total.value
        return self.breakdown_total

    @property
    def total_is_sum(self) -> bool:
        return self.reported_total is None and self.breakdown_total is not None

    @property
    def not_broken_down(self) -> Decimal | None:
        """The part of the reported total that no key of the breakdown accounts for."""
        if self.reported_total is None or self.breakdown_total is None:
            return None
        rest = self.reported_total.value - self.breakdown_total
        return rest if rest > 0 else None

    @property
    def breakdown_exceeds_total(self) -> bool:
        return (self.reported_total is not None and self.breakdown_total is not None
                and self.breakdown_total > self.reported_total.value)

    def value_of(self, key: str) -> Decimal | None:
        return next((entry.value for entry in self.breakdown if entry.key == key), None)


def _indicators(template_id) -> list[tuple[Section, list[Indicator]]]:
    sections = {}
    for indicator in Indicator.objects.filter(template_id=template_id).select_related("section"):
        sections.setdefault(indicator.section, []).append(indicator)
    return sorted(sections.items(), key=lambda item: (item[0].order, item[0].pk))


def figures(profile: Profile) -> dict[int, Figure]:
    """{indicator id: Figure} for every indicator of the profile's template, reported or not."""
    by_indicator = {indicator.pk: Figure(indicator) for _section, indicators in _indicators(profile.template_id)
                    for indicator in indicators}
    for value in Value.objects.filter(profile=profile).select_related("source"):
        figure = by_indicator[value.indicator_id]
        dimension = figure.indicator.dimension
        if value.breakdown_key and dimension is not None:
            figure.breakdown.append(Entry(value.breakdown_key, dimension.key_label(value.breakdown_key), value.value,
                                          value.source))
        else:
            figure.reported_total = Entry("", "", value.value, value.source)
    for figure in by_indicator.values():
        if figure.breakdown:
            dimension = figure.indicator.dimension
            figure.breakdown.sort(key=lambda entry: dimension.sort_key(entry.key, entry.value))
    return by_indicator


def by_section(profile: Profile) -> list[tuple[Section, list[Figure]]]:
    found = figures(profile)
    return [(section, [found[indicator.pk] for indicator in indicators])
            for section, indicators in _indicators(profile.template_id)]


# Comparing two profiles.

def percent_change(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    """(after - before) / before in per cent; None when a side is missing or the base is zero."""
    if before is None or after is None or before == 0:
        return None
    return (after - before) / abs(before) * 100


@dataclass(frozen=True)
class Change:
    """One figure on each side; for rates the difference is in percentage points and no % change is given."""

    first: Decimal | None
    second: Decimal | None
    is_rate: bool = False

    @property
    def difference(self) -> Decimal | None:
        if self.first is None or self.second is None:
            return None
        return self.second - self.first

    @property
    def percent_change(self) -> Decimal | None:
        return None if self.is_rate else percent_change(self.first, self.second)

    @property
    def missing(self) -> bool:
        return self.first is None or self.second is None


@dataclass
class Row:
    key: str
    label: str
    change: Change


@dataclass
class Comparison:
    indicator: Indicator
    first: Figure
    second: Figure
    total: Change
    rows: list[Row]

    @property
    def is_reported(self) -> bool:
        return self.first.is_reported or self.second.is_reported


class NotComparable(ValueError):
    """Profiles made with different templates (or versions of one) report different things."""


def compare(first: Profile, second: Profile) -> list[tuple[Section, list[Comparison]]]:
    if first.template_id != second.template_id:
        raise NotComparable(first, second)
    left, right = figures(first), figures(second)
    compared = []
    for section, indicators in _indicators(first.template_id):
        rows = []
        for indicator in indicators:
            one, other = left[indicator.pk], right[indicator.pk]
            is_rate = not indicator.adds_up
            labels = {entry.key: entry.label for entry in (*one.breakdown, *other.breakdown)}
            dimension = indicator.dimension
            keys = sorted(labels, key=lambda key: dimension.sort_key(
                key, other.value_of(key) if other.value_of(key) is not None else one.value_of(key)))
            rows.append(Comparison(
                indicator, one, other, Change(one.total, other.total, is_rate),
                [Row(key, labels[key], Change(one.value_of(key), other.value_of(key), is_rate)) for key in keys]))
        compared.append((section, rows))
    return compared
