"""The partner finder: for a territory, the territories at the other end of its corridors ranked as
potential partners, after the guidelines' criteria for identifying partners (seed 004: the main migratory
channels, the existence of migrant and diaspora associations, shared interests, experience in decentralised
cooperation). Every score is the sum of four components, each explained in words and numbers:

- corridor strength, 40 points: the diaspora, the arrivals and the remittances of the latest year recorded, each
  divided by the highest among the candidates (so the strongest corridor of each kind counts 1), averaged;
- shared sectors of interest, 25 points: the share of the territory's own sectors that the candidate shares;
- existing actors, 25 points: the directory's organisations in the candidate territory and the diaspora
  associations active on the corridor, each divided by the highest among the candidates, averaged;
- existing partnerships, 10 points: 10 when a partnership already links the two territories, 5 when the
  candidate has partnerships with other territories (experience in decentralised cooperation), else 0.

Points are rounded to one decimal; the score is their sum. Candidates are ranked by score, then name; equal
scores share a rank. `rank` is the plain computation; `find_partners` reads its facts from the database."""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from corridor.directory.models import Organisation
from corridor.profiles import formatting
from corridor.profiles.models import Indicator

from .models import CooperationInterest, Corridor, CorridorFigure, Partnership, PartnershipSide
from .vocabularies import sector_labels

CORRIDOR_POINTS = 40
SECTOR_POINTS = 25
ACTOR_POINTS = 25
PARTNERSHIP_POINTS = 10
EXPERIENCE_POINTS = 5
KINDS = tuple(CorridorFigure.Kind.values)
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Own:
    """What the ranking needs of the territory looking for partners."""

    territory: object
    sectors: frozenset = frozenset()
    organisations: int = 0


@dataclass(frozen=True)
class Facts:
    """What the ranking needs of one candidate partner."""

    territory: object
    figures: dict = field(default_factory=dict)  # kind -> (year, value) of the latest year, over its corridors
    sectors: frozenset = frozenset()
    organisations: int = 0  # in the directory, in the territory or inside it
    associations: tuple = ()  # names of the diaspora associations active on its corridors with the territory
    together: tuple = ()  # titles of the partnerships (not ended) between the two territories
    elsewhere: int = 0  # partnerships (not ended) of the candidate with other territories
    corridors: tuple = ()


@dataclass(frozen=True)
class Component:
    code: str
    label: str
    points: Decimal
    maximum: int
    details: tuple  # sentences that explain the points


@dataclass(frozen=True)
class Candidate:
    rank: int
    facts: Facts
    components: tuple
    score: Decimal


def _points(maximum: int, share) -> Decimal:
    return (Decimal(maximum) * Decimal(share)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _share(value, highest) -> Decimal:
    return Decimal(value) / Decimal(highest) if highest else Decimal(0)


def _number(value) -> str:
    return formatting.value(Decimal(value), Indicator.Kind.NUMBER)


def _percent(share: Decimal) -> str:
    return formatting.value((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP), Indicator.Kind.PERCENTAGE)


def _figure(kind: str, value) -> str:
    if kind == CorridorFigure.Kind.REMITTANCES:
        return formatting.value(Decimal(value), Indicator.Kind.AMOUNT, "USD")
    return _number(value)


def _corridor(facts: Facts, highest: dict) -> Component:
    shares, details = [], []
    for kind in KINDS:
        label = CorridorFigure.Kind(kind).label
        if kind not in facts.figures:
            shares.append(Decimal(0))
            details.append(_("%(figure)s: not recorded, counts as 0.") % {"figure": label})
            continue
        year, value = facts.figures[kind]
        share = _share(value, highest[kind])
        shares.append(share)
        details.append(_("%(figure)s: %(value)s in %(year)s, %(share)s of the highest among the candidates.") % {
            "figure": label, "value": _figure(kind, value), "year": year, "share": _percent(share)})
    return Component("corridor", _("Corridor strength"), _points(CORRIDOR_POINTS, sum(shares) / len(KINDS)),
                     CORRIDOR_POINTS, tuple(details))


def _sectors(own: Own, facts: Facts) -> Component:
    label = _("Shared sectors of interest")
    if not own.sectors:
        return Component("sectors", label, _points(SECTOR_POINTS, 0), SECTOR_POINTS, (
            _("Your territory has not recorded its sectors of interest: record them to compare."),))
    if not facts.sectors:
        return Component("sectors", label, _points(SECTOR_POINTS, 0), SECTOR_POINTS, (
            _("%(territory)s has not recorded its sectors of interest.") % {"territory": facts.territory},))
    shared = own.sectors & facts.sectors
    if shared:
        detail = ngettext("%(shared)d of your %(total)d sectors of interest is also theirs: %(sectors)s.",
                          "%(shared)d of your %(total)d sectors of interest are also theirs: %(sectors)s.",
                          len(shared)) % {"shared": len(shared), "total": len(own.sectors),
                                          "sectors": ", ".join(sector_labels(shared))}
    else:
        detail = _("None of your %(total)d sectors of interest is among theirs.") % {"total": len(own.sectors)}
    return Component("sectors", label, _points(SECTOR_POINTS, _share(len(shared), len(own.sectors))),
                     SECTOR_POINTS, (detail,))


def _actors(own: Own, facts: Facts, highest_organisations: int, highest_associations: int) -> Component:
    organisations = _share(facts.organisations, highest_organisations)
    associations = _share(len(facts.associations), highest_associations)
    details = [ngettext(
        "%(count)s organisation of the directory in %(territory)s, %(share)s of the most among the candidates.",
        "%(count)s organisations of the directory in %(territory)s, %(share)s of the most among the candidates.",
        facts.organisations) % {"count": _number(facts.organisations), "territory": facts.territory,
                                "share": _percent(organisations)}]
    if facts.associations:
        details.append(ngettext(
            "%(count)s diaspora association active on the corridor (%(names)s), %(share)s of the most among the "
            "candidates.",
            "%(count)s diaspora associations active on the corridor (%(names)s), %(share)s of the most among the "
            "candidates.", len(facts.associations)) % {
            "count": _number(len(facts.associations)), "names": ", ".join(facts.associations),
            "share": _percent(associations)})
    else:
        details.append(_("No diaspora association recorded on the corridor, counts as 0."))
    details.append(ngettext("On your side: %(count)s organisation of the directory.",
                            "On your side: %(count)s organisations of the directory.", own.organisations) % {
        "count": _number(own.organisations)})
    return Component("actors", _("Existing actors"), _points(ACTOR_POINTS, (organisations + associations) / 2),
                     ACTOR_POINTS, tuple(details))


def _partnerships(facts: Facts) -> Component:
    label = _("Existing partnerships")
    if facts.together:
        return Component("partnerships", label, _points(PARTNERSHIP_POINTS, 1), PARTNERSHIP_POINTS, (
            _("A partnership already links you: %(titles)s.") % {
                "titles": ", ".join(f"“{title}”" for title in facts.together)},))
    if facts.elsewhere:
        return Component("partnerships", label, _points(EXPERIENCE_POINTS, 1), PARTNERSHIP_POINTS, (ngettext(
            "No partnership with you yet, but experience in decentralised cooperation: %(count)d partnership with "
            "other territories.",
            "No partnership with you yet, but experience in decentralised cooperation: %(count)d partnerships with "
            "other territories.", facts.elsewhere) % {"count": facts.elsewhere},))
    return Component("partnerships", label, _points(PARTNERSHIP_POINTS, 0), PARTNERSHIP_POINTS,
                     (_("No partnership recorded, with you or with other territories."),))


def rank(own: Own, candidates: list[Facts]) -> list[Candidate]:
    """The candidates scored and ranked, best first."""
    highest = {kind: max((facts.figures[kind][1] for facts in candidates if kind in facts.figures), default=0)
               for kind in KINDS}
    highest_organisations = max((facts.organisations for facts in candidates), default=0)
    highest_associations = max((len(facts.associations) for facts in candidates), default=0)
    scored = []
    for facts in candidates:
        components = (_corridor(facts, highest), _sectors(own, facts),
                      _actors(own, facts, highest_organisations, highest_associations), _partnerships(facts))
        scored.append((sum(component.points for component in components), facts, components))
    scored.sort(key=lambda item: (-item[0], str(item[1].territory)))
    ranked, previous = [], None
    for position, (score, facts, components) in enumerate(scored, 1):
        number = ranked[-1].rank if previous == score else position
        ranked.append(Candidate(number, facts, components, score))
        previous = score
    return ranked


# Reading the facts.

def _sectors_of(territories) -> dict[int, frozenset]:
    return {interest.territory_id: frozenset(interest.sectors)
            for interest in CooperationInterest.objects.filter(territory__in=territories)}


def _organisations_in(territory) -> int:
    return Organisation.objects.filter(territory__path__startswith=territory.path).count()


def gather(territory) -> tuple[Own, list[Facts]]:
    """The facts about `territory` and about each territory at the other end of its corridors."""
    corridors = (Corridor.objects.filter(Q(origin=territory) | Q(destination=territory))
                 .select_related("origin", "destination").prefetch_related("figures", "associations"))
    by_partner: dict[int, list[Corridor]] = {}
    partners = {}
    for corridor in corridors:
        other = corridor.destination if corridor.origin_id == territory.pk else corridor.origin
        partners[other.pk] = other
        by_partner.setdefault(other.pk, []).append(corridor)
    sectors = _sectors_of([territory, *partners.values()])
    live = PartnershipSide.objects.exclude(partnership__stage=Partnership.Stage.ENDED)
    mine = set(live.filter(territory=territory).values_list("partnership_id", flat=True))
    facts = []
    for pk, other in partners.items():
        theirs = set(live.filter(territory=other).values_list("partnership_id", flat=True))
        together = Partnership.objects.filter(pk__in=theirs & mine).order_by("title").values_list("title", flat=True)
        facts.append(Facts(
            territory=other, figures=_latest_figures(by_partner[pk]), sectors=sectors.get(pk, frozenset()),
            organisations=_organisations_in(other),
            associations=tuple(sorted({a.name for c in by_partner[pk] for a in c.associations.all()})),
            together=tuple(together), elsewhere=len(theirs - mine), corridors=tuple(by_partner[pk])))
    return Own(territory, sectors.get(territory.pk, frozenset()), _organisations_in(territory)), facts


def _latest_figures(corridors: list[Corridor]) -> dict:
    """kind -> (year, value): the latest year recorded on any of the corridors, its values summed over them
    (people from A in B and from B in A both bridge the two territories)."""
    years: dict[str, dict[int, Decimal]] = {}
    for corridor in corridors:
        for figure in corridor.figures.all():
            by_year = years.setdefault(figure.kind, {})
            by_year[figure.year] = by_year.get(figure.year, Decimal(0)) + figure.value
    return {kind: (max(by_year), by_year[max(by_year)]) for kind, by_year in years.items()}


def find_partners(territory) -> tuple[Own, list[Candidate]]:
    own, candidates = gather(territory)
    return own, rank(own, candidates)
