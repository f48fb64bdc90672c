"""Pledges: what a person or an association offers a project, and how the territory follows it up.

    offered ──> accepted ──> in progress ──> fulfilled
       │            │  └───────────────────────┘ (a gift received at once)
       └────────────┴──────────┴──> withdrawn

The project's team (its territory's administrators) moves a pledge forward, and may withdraw it with a note
that says why (the project was cancelled, the offer does not fit). The pledger may withdraw it until it is
fulfilled. Fulfilled and withdrawn are final. Each step is kept with its date, its author and a note, and
the other side is told by e-mail once the change is committed.

Totals per project (shown with the project and in the API) add the amounts per currency (no conversion: a
pledge in euros is not counted against a budget in CFA francs) and the hours, by stage: offered, committed
(accepted or in progress) and fulfilled. "Pledged" is committed plus fulfilled: what the team has accepted."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from . import access, notifications
from .models import Pledge, PledgeEvent, Project
from .vocabularies import MONEY_KINDS

S = Pledge.Status
TRANSITIONS = {
    S.OFFERED: (S.ACCEPTED, S.WITHDRAWN),
    S.ACCEPTED: (S.IN_PROGRESS, S.FULFILLED, S.WITHDRAWN),
    S.IN_PROGRESS: (S.FULFILLED, S.WITHDRAWN),
    S.FULFILLED: (),
    S.WITHDRAWN: (),
}
COMMITTED = (S.ACCEPTED, S.IN_PROGRESS)
HUNDRED = Decimal(100)


class PledgeError(Exception):
    """A step refused, with the reason to show the person who tried it."""


def can_follow_up(user, pledge: Pledge) -> bool:
    return access.can_manage(user, pledge.project)


def next_statuses(pledge: Pledge, *, by_pledger: bool) -> tuple:
    allowed = TRANSITIONS[pledge.status]
    return tuple(status for status in allowed if status == S.WITHDRAWN) if by_pledger else allowed


def offer_problems(kind: str, amount, currency: str, hours, skill: str) -> dict[str, str]:
    """What is missing for a pledge of `kind`, by field: money for investment and philanthropy, hours for
    volunteering, a skill for skills transfer."""
    problems = {}
    if kind in MONEY_KINDS:
        if amount is None or amount <= 0:
            problems["amount"] = _("Give the amount you pledge.")
        if not currency:
            problems["currency"] = _("Give the currency of the amount.")
    elif amount is not None:
        problems["amount"] = _("Volunteering and skills transfer are pledged in hours, not money.")
    if kind == "volunteering" and not hours:
        problems["hours"] = _("Give the number of hours you offer.")
    if kind == "skills-transfer" and not skill:
        problems["skill"] = _("Choose the skill you offer to pass on.")
    return problems


@transaction.atomic
def make_pledge(project: Project, profile, *, kind: str, amount=None, currency: str = "", hours=None, skill: str = "",
                message: str = "", by=None, today=None) -> Pledge:
    if not project.accepts_pledges(today):
        raise PledgeError(_("This project no longer takes pledges."))
    if not profile.is_association and profile.confirmed_at is None:
        raise PledgeError(_("Confirm your e-mail address first, with the link we sent you."))
    problems = offer_problems(kind, amount, currency, hours, skill)
    if problems:
        raise PledgeError(" ".join(problems.values()))
    pledge = Pledge.objects.create(project=project, profile=profile, kind=kind, amount=amount,
                                   currency=currency.upper() if kind in MONEY_KINDS else "", hours=hours,
                                   skill=skill, message=message.strip())
    PledgeEvent.objects.create(pledge=pledge, status=S.OFFERED, by=by, by_pledger=True)
    transaction.on_commit(lambda: notifications.pledge_offered(pledge))
    return pledge


@transaction.atomic
def change_status(pledge: Pledge, status: str, *, by=None, note: str = "", by_pledger: bool = False) -> PledgeEvent:
    # The row is read again, locked, so that two people following up at once cannot both move it.
    current = Pledge.objects.select_for_update().get(pk=pledge.pk)
    pledge.status = current.status
    if status not in next_statuses(pledge, by_pledger=by_pledger):
        raise PledgeError(_("A pledge “%(current)s” cannot become “%(new)s”.")
                          % {"current": pledge.get_status_display(), "new": S(status).label})
    if status == S.WITHDRAWN and not by_pledger and not note.strip():
        raise PledgeError(_("Say why the pledge is withdrawn: the person who made it will read it."))
    pledge.status = status
    pledge.save(update_fields=["status", "updated_at"])
    event = PledgeEvent.objects.create(pledge=pledge, status=status, note=note.strip(), by=by, by_pledger=by_pledger)
    transaction.on_commit(lambda: notifications.pledge_status_changed(pledge, event))
    return event


# Totals.

def _share(part: Decimal, whole) -> int | None:
    return int(HUNDRED * part / whole) if whole else None


@dataclass
class Amounts:
    currency: str
    budget: Decimal | None = None  # the project's budget, when it is in this currency
    offered: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    fulfilled: Decimal = Decimal(0)

    @property
    def pledged(self) -> Decimal:
        return self.committed + self.fulfilled

    @property
    def share(self) -> int | None:
        """The budget pledged, in whole percent (rounded down: 99.6 % is not yet all of it)."""
        return _share(self.pledged, self.budget)


@dataclass
class Hours:
    sought: int | None = None
    offered: int = 0
    committed: int = 0
    fulfilled: int = 0

    @property
    def pledged(self) -> int:
        return self.committed + self.fulfilled

    @property
    def share(self) -> int | None:
        return _share(Decimal(self.pledged), self.sought)


@dataclass
class Totals:
    money: list[Amounts] = field(default_factory=list)  # the project's currency first, then by code
    hours: Hours = field(default_factory=Hours)
    pledges: int = 0  # not withdrawn

    @property
    def main(self) -> Amounts | None:
        return self.money[0] if self.money else None


def totals_for(projects) -> dict[int, Totals]:
    """Totals of each project, in one query."""
    projects = {project.pk: project for project in projects}
    money: dict[int, dict[str, Amounts]] = defaultdict(dict)
    result = {pk: Totals(hours=Hours(sought=project.hours_sought)) for pk, project in projects.items()}
    for pk, project in projects.items():
        if project.budget is not None:
            money[pk][project.currency] = Amounts(project.currency, budget=project.budget)
    rows = (Pledge.objects.filter(project__in=list(projects)).exclude(status=S.WITHDRAWN)
            .values("project_id", "status", "currency").annotate(amount=Sum("amount"), hours=Sum("hours"),
                                                                  count=Count("pk")).order_by())
    for row in rows:
        totals, stage = result[row["project_id"]], {S.OFFERED: "offered", S.FULFILLED: "fulfilled"}.get(
            row["status"], "committed")
        totals.pledges += row["count"]
        if row["amount"]:
            amounts = money[row["project_id"]].setdefault(row["currency"], Amounts(row["currency"]))
            setattr(amounts, stage, getattr(amounts, stage) + row["amount"])
        if row["hours"]:
            setattr(totals.hours, stage, getattr(totals.hours, stage) + row["hours"])
    for pk, project in projects.items():
        result[pk].money = sorted(money[pk].values(), key=lambda a: (a.currency != project.currency, a.currency))
    return result


def totals(project: Project) -> Totals:
    return totals_for([project])[project.pk]
