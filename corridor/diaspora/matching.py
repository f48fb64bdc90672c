"""Matching members of the diaspora with projects of their territories of origin: projects suggested to a
person, people suggested for a project, each with a score and the reasons for it.

A match earns points on five criteria (weights in WEIGHTS, 100 in all):

- skills (40): the share of the skills the project wants (vocabulary codes and free tags) that the person
  has; 1 of 2 wanted skills earns 20. Counted only when the project wants skills: a project that asks for
  money alone is not marked down for it.
- kind of engagement (20): the project's kind is one the person is interested in.
- sector (15): the project's sector is one of the person's sectors of interest.
- origin (15): the project is in a territory of origin of the person or inside it (15), covers it, as a
  regional project covers a town (10), or is elsewhere in the same country (5).
- language (10): the person speaks one of the project's working languages.

The score is the points earned out of the points possible, in whole percent (half up). A project is
suggested, and a person proposed to a project team, from MIN_SCORE on; the best first, ties in the order
given (projects by status and deadline, people by name). The functions on Person and Opening are pure, for
tests; the last section reads them from the database."""
from dataclasses import dataclass
from fractions import Fraction

from babel.lists import format_list
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from corridor.core.languages import language_name

from .vocabularies import ENGAGEMENT, SECTOR, SKILL

WEIGHTS = {"skills": 40, "kind": 20, "sector": 15, "origin": 15, "language": 10}
ORIGIN_POINTS = {"inside": 15, "covers": 10, "country": 5}
MIN_SCORE = 30


@dataclass(frozen=True)
class Place:
    path: str  # the territory's path in the tree ("sn/sedhiou/")
    country: str
    name: str = ""


@dataclass(frozen=True)
class Person:
    """What matching knows of a member of the diaspora."""

    key: object
    skills: frozenset = frozenset()  # codes of SKILL
    skill_tags: frozenset = frozenset()  # normalised free tags
    sectors: frozenset = frozenset()
    kinds: frozenset = frozenset()
    origins: tuple = ()  # Places
    languages: frozenset = frozenset()


@dataclass(frozen=True)
class Opening:
    """What matching knows of a project."""

    key: object
    kind: str
    sector: str
    place: Place
    skills: frozenset = frozenset()
    skill_tags: frozenset = frozenset()
    languages: frozenset = frozenset()


@dataclass(frozen=True)
class Reason:
    criterion: str  # a key of WEIGHTS
    points: Fraction
    possible: int
    matched: tuple = ()  # the skills, language codes or origin Place that earned the points
    how: str = ""  # for origin: "inside", "covers" or "country"
    wanted: int = 0  # for skills: how many the project wants


@dataclass(frozen=True)
class Match:
    person: Person
    opening: Opening
    score: int
    reasons: tuple  # Reasons, one per criterion counted, in the order of WEIGHTS

    @property
    def earning(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.points]


def _origin(person: Person, place: Place) -> tuple[str, Place | None]:
    """How the project's place relates to the person's origins, the closest relation first."""
    for how, related in (("inside", lambda o: place.path.startswith(o.path)),
                         ("covers", lambda o: o.path.startswith(place.path)),
                         ("country", lambda o: o.country == place.country)):
        for origin in person.origins:
            if related(origin):
                return how, origin
    return "", None


def score(person: Person, opening: Opening) -> Match:
    reasons = []
    wanted = [("skill", code) for code in sorted(opening.skills)] + [("tag", tag) for tag in sorted(opening.skill_tags)]
    if wanted:
        has = {("skill", code) for code in person.skills} | {("tag", tag) for tag in person.skill_tags}
        matched = tuple(item for item in wanted if item in has)
        reasons.append(Reason("skills", Fraction(WEIGHTS["skills"] * len(matched), len(wanted)), WEIGHTS["skills"],
                              matched, wanted=len(wanted)))
    reasons.append(Reason("kind", Fraction(WEIGHTS["kind"] if opening.kind in person.kinds else 0), WEIGHTS["kind"],
                          (opening.kind,) if opening.kind in person.kinds else ()))
    reasons.append(Reason("sector", Fraction(WEIGHTS["sector"] if opening.sector in person.sectors else 0),
                          WEIGHTS["sector"], (opening.sector,) if opening.sector in person.sectors else ()))
    how, origin = _origin(person, opening.place)
    reasons.append(Reason("origin", Fraction(ORIGIN_POINTS.get(how, 0)), WEIGHTS["origin"],
                          (origin,) if origin else (), how))
    spoken = tuple(sorted(opening.languages & person.languages))
    reasons.append(Reason("language", Fraction(WEIGHTS["language"] if spoken else 0), WEIGHTS["language"], spoken))
    earned = sum(reason.points for reason in reasons)
    possible = sum(reason.possible for reason in reasons)
    return Match(person, opening, int(100 * earned / possible + Fraction(1, 2)), tuple(reasons))


def _ranked(matches: list[Match], limit: int | None) -> list[Match]:
    kept = [match for match in matches if match.score >= MIN_SCORE]
    kept.sort(key=lambda match: -match.score)  # stable: ties keep the order given
    return kept[:limit] if limit is not None else kept


def suggest_openings(person: Person, openings, limit: int | None = None) -> list[Match]:
    """The projects to suggest to a person, best first."""
    return _ranked([score(person, opening) for opening in openings], limit)


def suggest_people(opening: Opening, people, limit: int | None = None) -> list[Match]:
    """The people to propose to a project's team, best first."""
    return _ranked([score(person, opening) for person in people], limit)


def _listed(items) -> str:
    """Items joined the way the reader's language lists things ("A, B and C")."""
    return format_list([str(item) for item in items], locale=to_locale(get_language() or "en"))


def explain(reason: Reason) -> str:
    """One line of a match's explanation, for the reader."""
    if reason.criterion == "skills":
        names = [str(SKILL.label(value)) if kind == "skill" else value for kind, value in reason.matched]
        if not names:
            return _("None of the %(wanted)d skills wanted") % {"wanted": reason.wanted}
        return _("%(count)d of the %(wanted)d skills wanted: %(skills)s") % {
            "count": len(names), "wanted": reason.wanted, "skills": _listed(names)}
    if reason.criterion == "kind":
        return (_("Interested in this kind of engagement: %(kind)s") % {"kind": ENGAGEMENT.label(reason.matched[0])}
                if reason.matched else _("Another kind of engagement"))
    if reason.criterion == "sector":
        return (_("Interested in this sector: %(sector)s") % {"sector": SECTOR.label(reason.matched[0])}
                if reason.matched else _("Another sector"))
    if reason.criterion == "origin":
        if not reason.matched:
            return _("Not from this country")
        origin = reason.matched[0].name
        return {"inside": _("In %(origin)s, a territory of origin") % {"origin": origin},
                "covers": _("Covers %(origin)s, a territory of origin") % {"origin": origin},
                "country": _("In the country of %(origin)s, a territory of origin") % {"origin": origin}}[reason.how]
    if reason.matched:
        return _("Speaks %(languages)s") % {"languages": _listed(language_name(code) for code in reason.matched)}
    return _("No working language in common")


# From the database.

def _place(territory) -> Place:
    return Place(territory.path, territory.country_code, territory.localized_name())


def person_of(profile) -> Person:
    """Read with origins prefetched."""
    return Person(profile.pk, frozenset(profile.skills), frozenset(profile.skill_tags),
                  frozenset(profile.interest_sectors), frozenset(profile.interest_kinds),
                  tuple(_place(origin) for origin in profile.origins.all()), frozenset(profile.languages))


def opening_of(project) -> Opening:
    return Opening(project.pk, project.kind, project.sector, _place(project.territory), frozenset(project.skills),
                   frozenset(project.skill_tags), frozenset(project.languages or [project.content_language]))


def suggested_projects(profile, projects, limit: int | None = None) -> list[tuple]:
    """(project, match) for the projects of `projects` (in the order to break ties) to suggest to `profile`."""
    projects = {project.pk: project for project in projects}
    matches = suggest_openings(person_of(profile), [opening_of(project) for project in projects.values()], limit)
    return [(projects[match.opening.key], match) for match in matches]


def matched_profiles(project, profiles, limit: int | None = None) -> list[tuple]:
    """(profile, match) for the profiles of `profiles` (origins prefetched) to propose for `project`."""
    profiles = {profile.pk: profile for profile in profiles}
    matches = suggest_people(opening_of(project), [person_of(profile) for profile in profiles.values()], limit)
    return [(profiles[match.person.key], match) for match in matches]
