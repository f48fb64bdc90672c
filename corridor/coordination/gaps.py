"""Gaps: the open needs of a territory ranked by how badly they are covered.

A need (a category, optionally a phase and a target group) recorded for a territory is covered by the
active services and initiatives of that category (and phase, when the need names one) working in the
need's territory, inside it, or in a territory containing it (a canton-wide service reaches its towns).
Each need falls in one of four ranks, worst first:

1. uncovered: no active record at all;
2. covered only by services not verified for 12 months, which may no longer be offered;
3. covered only by records for the whole population, while the need is about a specific group;
4. covered: at least one current service or active initiative for the need's group (or any group,
   for a need that names none).

Within a rank: the more severe need first, then the one with more unmet referrals (referrals of the need's
category made in its territory in the last year that were declined or wait too long for an answer; see
referrals/statistics.py, counts under 5 weigh the same and are shown as "fewer than 5"), then the one with
fewer records covering it."""
from dataclasses import dataclass, field
from enum import IntEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.referrals.statistics import Count, disclosed, unmet_referrals_by_category

from .coverage import WHOLE_POPULATION, Entry, initiative_filter, load_initiatives, load_services, place_filter
from .models import Need


class Rank(IntEnum):
    UNCOVERED = 1
    STALE_ONLY = 2
    GENERAL_ONLY = 3
    COVERED = 4

    @property
    def label(self):
        return RANK_LABELS[self]

    @property
    def explanation(self):
        return RANK_EXPLANATIONS[self]


RANK_LABELS = {
    Rank.UNCOVERED: _("Not covered"),
    Rank.STALE_ONLY: _("Covered only by out-of-date entries"),
    Rank.GENERAL_ONLY: _("Covered only by general offers"),
    Rank.COVERED: _("Covered"),
}
RANK_EXPLANATIONS = {
    Rank.UNCOVERED: _("No active service or initiative of this category works here for this group."),
    Rank.STALE_ONLY: _("Only services not verified for over a year: they may no longer be offered."),
    Rank.GENERAL_ONLY: _("Only services or initiatives for the whole population, none for this group."),
    Rank.COVERED: _("At least one current service or active initiative for this group."),
}


@dataclass
class Gap:
    need: Need
    rank: Rank
    targeted: list[Entry] = field(default_factory=list)  # current, for the need's group
    general: list[Entry] = field(default_factory=list)  # current, for the whole population only
    stale: list[Entry] = field(default_factory=list)  # services not verified for a year
    unmet_referrals: Count = Count(0)  # a signal of demand the coverage does not meet

    @property
    def covering(self) -> int:
        return len(self.targeted) + len(self.general) + len(self.stale)


def reaches(entry: Entry, need_path: str) -> bool:
    return any(place.startswith(need_path) or need_path.startswith(place) for place in entry.places)


def fit(entry: Entry, need: Need) -> str | None:
    """How `entry` answers `need`: "targeted", "general" (for everyone, the need is about a group) or None.
    The place is checked apart (`reaches`)."""
    if need.category not in entry.categories or (need.phase and need.phase not in entry.phases):
        return None
    if not need.target_group or need.target_group in entry.groups:
        return "targeted"
    if WHOLE_POPULATION in entry.groups:
        return "general"
    return None


def assess(need: Need, entries: list[Entry]) -> Gap:
    gap = Gap(need, Rank.UNCOVERED)
    need_path = need.territory.path
    for entry in entries:
        how = fit(entry, need)
        if how is None or not reaches(entry, need_path):
            continue
        if entry.stale:
            gap.stale.append(entry)
        else:
            (gap.targeted if how == "targeted" else gap.general).append(entry)
    if gap.targeted:
        gap.rank = Rank.COVERED
    elif gap.general:
        gap.rank = Rank.GENERAL_ONLY
    elif gap.stale:
        gap.rank = Rank.STALE_ONLY
    return gap


def ranked(gaps: list[Gap]) -> list[Gap]:
    return sorted(gaps, key=lambda gap: (gap.rank, -gap.need.severity, -gap.unmet_referrals.ordering_value,
                                         gap.covering, gap.need.title.lower(), gap.need.pk))


def gaps(territory, *, now=None) -> list[Gap]:
    """The open needs recorded in `territory` or inside it, worst covered first."""
    now = now or timezone.now()
    needs = list(Need.objects.filter(place_filter(territory), is_open=True).select_related("territory"))
    if not needs:
        return []
    entries = (load_services(place_filter(territory, around=True), now=now)
               + load_initiatives(initiative_filter(territory, around=True), today=timezone.localdate(now)))
    found, unmet = [], {}
    for need in needs:
        gap = assess(need, entries)
        if need.territory_id not in unmet:
            unmet[need.territory_id] = unmet_referrals_by_category(need.territory, now=now)
        gap.unmet_referrals = disclosed(unmet[need.territory_id].get(need.category, 0))
        found.append(gap)
    return ranked(found)
