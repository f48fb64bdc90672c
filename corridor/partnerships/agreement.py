"""The minimum elements an agreement must contain (seed 004, "How to formalise agreements"): general
information on the authorities, a concrete aim, measurable actions, expected results, the stakeholders, a
monitoring and evaluation system with indicators, coherence with each party's development plan, alignment
with the SDGs, a timeline, a budget, a management system and a governance system.

`checklist` says, element by element, what is still missing and where it is written (the shared page, a
side's page, the indicators page). An agreement is marked final only when nothing is missing (`finalise`
refuses otherwise), and stops being final as soon as a change leaves something missing (`recheck`)."""
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SHARED, SIDE, INDICATORS = "shared", "side", "indicators"

# code, name of the element, what the guidelines ask of it
ELEMENTS = (
    ("authorities", gettext_lazy("General information on the authorities"),
     gettext_lazy("Each authority: its name, level, competences, and the department in charge.")),
    ("aim", gettext_lazy("Aim of the partnership"), gettext_lazy("Concrete and results-oriented.")),
    ("actions", gettext_lazy("Actions"), gettext_lazy("Foreseen actions, each measurable.")),
    ("results", gettext_lazy("Expected results"), gettext_lazy("What the partnership will have changed.")),
    ("stakeholders", gettext_lazy("Stakeholders"),
     gettext_lazy("The organisations engaged on each side, migrant and diaspora associations among them.")),
    ("monitoring", gettext_lazy("Monitoring and evaluation"),
     gettext_lazy("The system that follows the partnership, with indicators and their targets.")),
    ("coherence", gettext_lazy("Coherence with development plans"),
     gettext_lazy("How the partnership serves each party's own development plan.")),
    ("sdgs", gettext_lazy("Alignment with the SDGs"),
     gettext_lazy("The Sustainable Development Goal targets the partnership contributes to.")),
    ("timeline", gettext_lazy("Timeline"), gettext_lazy("When the partnership starts and ends.")),
    ("budget", gettext_lazy("Budget"), gettext_lazy("The amount and its currency, and who contributes what.")),
    ("management", gettext_lazy("Management system"),
     gettext_lazy("The units or administrative departments in charge.")),
    ("governance", gettext_lazy("Governance system"), gettext_lazy("How partners and stakeholders decide together.")),
)


@dataclass(frozen=True)
class Gap:
    """Something missing, and where it is written: the shared page (`anchor` is the field), a side's page,
    or the indicators page."""

    text: str
    place: str
    side: object = None
    anchor: str = ""


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    guidance: str
    gaps: tuple

    @property
    def done(self) -> bool:
        return not self.gaps


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _shared(text: str, anchor: str) -> Gap:
    return Gap(text, SHARED, anchor=anchor)


def _per_side(sides, missing, text: str) -> list[Gap]:
    return [Gap(text % {"territory": side.territory}, SIDE, side=side) for side in sides if missing(side)]


def _gaps(partnership, code: str) -> list[Gap]:
    sides = list(partnership.sides.all())
    if code == "authorities":
        return _per_side(sides, lambda side: _blank(side.authority),
                         _("Describe the authority of %(territory)s."))
    if code == "aim":
        return [_shared(_("Write the aim of the partnership."), "aim")] if _blank(partnership.aim) else []
    if code == "actions":
        actions = list(partnership.actions.all())
        if not actions:
            return [_shared(_("List at least one action."), "actions")]
        return [_shared(_("Say how the action “%(action)s” is measured.") % {"action": action.description}, "actions")
                for action in actions if _blank(action.measure)]
    if code == "results":
        return ([_shared(_("Write the expected results."), "expected_results")]
                if _blank(partnership.expected_results) else [])
    if code == "stakeholders":
        return _per_side(sides, lambda side: not side.stakeholders.all(),
                         _("Name at least one stakeholder of %(territory)s."))
    if code == "monitoring":
        gaps = [_shared(_("Describe the monitoring and evaluation system."), "monitoring")] \
            if _blank(partnership.monitoring) else []
        targeted = any(period.target is not None for indicator in partnership.indicators.all()
                       for period in indicator.periods.all())
        if not targeted:
            gaps.append(Gap(_("Give at least one indicator a target for a period."), INDICATORS))
        return gaps
    if code == "coherence":
        return _per_side(sides, lambda side: _blank(side.development_plan) or _blank(side.plan_coherence),
                         _("Name the development plan of %(territory)s and how the partnership serves it."))
    if code == "sdgs":
        return [] if partnership.sdg_targets else [_shared(_("Name at least one SDG target."), "sdg_text")]
    if code == "timeline":
        if partnership.start_date is None or partnership.end_date is None:
            return [_shared(_("Give the start and the end of the partnership."), "start_date")]
        return []
    if code == "budget":
        return [] if partnership.budget is not None else [_shared(_("Give the budget."), "budget")]
    if code == "management":
        return [_shared(_("Describe the management system."), "management")] if _blank(partnership.management) else []
    if code == "governance":
        return [_shared(_("Describe the governance system."), "governance")] if _blank(partnership.governance) else []
    raise ValueError(code)


def checklist(partnership) -> list[Element]:
    """Every element, in the guidelines' order, with what is missing of it."""
    return [Element(code, str(name), str(guidance), tuple(_gaps(partnership, code)))
            for code, name, guidance in ELEMENTS]


def missing(partnership) -> list[Element]:
    return [element for element in checklist(partnership) if not element.done]


def is_complete(partnership) -> bool:
    return not missing(partnership)


class Incomplete(Exception):
    """The agreement cannot be final: `elements` are still missing."""

    def __init__(self, elements):
        self.elements = list(elements)
        super().__init__(", ".join(element.code for element in self.elements))


def finalise(partnership, user) -> None:
    """Mark the agreement final; refused (Incomplete) while an element is missing."""
    gaps = missing(partnership)
    if gaps:
        raise Incomplete(gaps)
    partnership.finalised_at, partnership.finalised_by = timezone.now(), user
    partnership.save(update_fields=["finalised_at", "finalised_by", "updated_at"])


def recheck(partnership) -> bool:
    """After a change: an agreement left incomplete is no longer final. True when it stopped being final."""
    if partnership.is_final and not is_complete(partnership):
        partnership.finalised_at, partnership.finalised_by = None, None
        partnership.save(update_fields=["finalised_at", "finalised_by", "updated_at"])
        return True
    return False
