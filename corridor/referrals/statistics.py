"""Referral statistics for the coordinators of a territory, without personal data.

Counted: the referrals made in the territory and the territories inside it (where the referring organisation
is), sent in the period. Only need, provider, statuses and dates are read, never a personal field.
- In total and by need: each person's referral once; a forward to another service is not a new referral.
- By provider: each referral a provider received, forwarded ones included.
- Acceptance rate: of the referrals answered (accepted, declined or forwarded), the share accepted (a
  referral cancelled by its sender before an answer was not answered).
- Waiting time to acceptance: the median time from sending to acceptance.
- Unmet: declined, or still waiting for an answer beyond the reminder delay of their urgency.

Small numbers can point at a person ("the one Tigrinya-speaking minor referred for housing this month"), so
a count from 1 to 4 is shown as "fewer than 5", and so are rates and medians computed on fewer than 5
referrals. When a single count of a list is hidden, the next smallest is hidden too, so that it cannot be
worked out from the total."""
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from corridor.directory.vocabularies import CATEGORY

from .models import Referral

SMALL = 5
UNMET_WINDOW = timedelta(days=365)  # the gap signal looks at the referrals of the last year

Status = Referral.Status


@dataclass(frozen=True)
class Count:
    value: int
    hidden: bool = False

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value

    @property
    def ordering_value(self) -> int:
        """What to sort by without revealing a hidden count: all hidden counts weigh the same."""
        return 1 if self.hidden else self.value


def disclosed(value: int) -> Count:
    return Count(value, hidden=0 < value < SMALL)


def suppress(counts: dict) -> dict:
    """{key: Count}: counts under SMALL hidden, and when exactly one is, the smallest other one too."""
    shown = {key: disclosed(value) for key, value in counts.items()}
    hidden = [key for key, count in shown.items() if count.hidden]
    if len(hidden) == 1:
        others = sorted((count.value, str(key), key) for key, count in shown.items()
                        if not count.hidden and count.value > 0)
        if others:
            shown[others[0][2]] = Count(others[0][0], hidden=True)
    return shown


def ordered(counts: dict, label) -> list:
    """The keys, most first; the hidden ones last by label, so that their order tells nothing either."""
    return sorted(counts, key=lambda key: (-counts[key].ordering_value, label(key)))


def waiting_too_long(now=None) -> Q:
    """Referrals still waiting for an answer longer than the reminder delay of their urgency."""
    now = now or timezone.now()
    late = Q(pk__in=[])
    for urgency, days in settings.CORRIDOR_REFERRAL_REMINDER_DAYS.items():
        late |= Q(urgency=urgency, sent_at__lt=now - timedelta(days=days))
    return Q(status=Status.SENT) & late


def unmet() -> Q:
    return Q(status=Status.DECLINED)


def in_territory(territory) -> Q:
    return Q(territory__path__startswith=territory.path)


@dataclass
class Rate:
    part: int
    whole: int

    @property
    def hidden(self) -> bool:
        return self.whole < SMALL

    @property
    def percent(self) -> int | None:
        return None if self.hidden or not self.whole else round(100 * self.part / self.whole)


@dataclass
class Duration:
    values: list[timedelta]

    @property
    def hidden(self) -> bool:
        return len(self.values) < SMALL

    @property
    def median_hours(self) -> float | None:
        if self.hidden:
            return None
        return round(median(value.total_seconds() for value in self.values) / 3600, 1)


@dataclass
class ProviderRow:
    name: str
    received: Count
    acceptance: Rate
    waiting: Duration
    unmet: Count


@dataclass
class Statistics:
    total: Count
    by_need: list[tuple[str, Count]]  # (need label, count), most first
    unmet_by_need: list[tuple[str, Count]]
    by_provider: list[ProviderRow]
    acceptance: Rate
    waiting: Duration
    unmet: Count


def _rows(territory, start=None, end=None):
    referrals = Referral.objects.filter(in_territory(territory))
    if start:
        referrals = referrals.filter(sent_at__date__gte=start)
    if end:
        referrals = referrals.filter(sent_at__date__lte=end)
    return referrals


def compute(territory, *, start=None, end=None, now=None) -> Statistics:
    now = now or timezone.now()
    referrals = _rows(territory, start, end)
    late = set(referrals.filter(waiting_too_long(now) | unmet()).values_list("pk", flat=True))
    rows = list(referrals.values_list("pk", "need", "status", "sent_at", "accepted_at", "forwarded_from_id",
                                      "service__organisation__name"))
    needs, unmet_needs, providers = {}, {}, {}
    for pk, need, status, sent_at, accepted_at, forwarded_from, provider in rows:
        if forwarded_from is None:
            needs[need] = needs.get(need, 0) + 1
        if pk in late:
            unmet_needs[need] = unmet_needs.get(need, 0) + 1
        figures = providers.setdefault(provider, {"received": 0, "answered": 0, "accepted": 0, "waits": [],
                                                  "unmet": 0})
        figures["received"] += 1
        figures["answered"] += accepted_at is not None or status in (Status.DECLINED, Status.FORWARDED)
        figures["unmet"] += pk in late
        if accepted_at is not None:
            figures["accepted"] += 1
            figures["waits"].append(accepted_at - sent_at)
    shown_needs = suppress(needs)
    shown_unmet = suppress(unmet_needs)
    received = suppress({name: f["received"] for name, f in providers.items()})
    provider_unmet = suppress({name: f["unmet"] for name, f in providers.items()})
    answered = sum(f["answered"] for f in providers.values())
    accepted = sum(f["accepted"] for f in providers.values())
    return Statistics(
        total=disclosed(sum(needs.values())),
        by_need=[(str(CATEGORY.label(need)), shown_needs[need])
                 for need in ordered(shown_needs, lambda n: str(CATEGORY.label(n)))],
        unmet_by_need=[(str(CATEGORY.label(need)), shown_unmet[need])
                       for need in ordered(shown_unmet, lambda n: str(CATEGORY.label(n)))],
        by_provider=[ProviderRow(name, received[name], Rate(providers[name]["accepted"], providers[name]["answered"]),
                                 Duration(providers[name]["waits"]), provider_unmet[name])
                     for name in ordered(received, str)],
        acceptance=Rate(accepted, answered),
        waiting=Duration([wait for f in providers.values() for wait in f["waits"]]),
        unmet=disclosed(len(late)),
    )


def unmet_referrals_by_category(territory, *, now=None) -> dict[str, int]:
    """{category: referrals of the last year in the territory declined or waiting too long}, for the gap view
    (which shows them through `disclosed`)."""
    now = now or timezone.now()
    found = {}
    for need in (Referral.objects.filter(in_territory(territory), sent_at__gte=now - UNMET_WINDOW)
                 .filter(waiting_too_long(now) | unmet()).values_list("need", flat=True)):
        found[need] = found.get(need, 0) + 1
    return found
