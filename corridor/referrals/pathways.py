"""Which services a caseworker is offered for a person's need, and why the others are not.

The pathway is the one of the referring organisation's territory for the need, or of the nearest territory
containing it (a canton's pathway serves its towns); one for the person's target group comes before the
general one. Its services are offered in the pathway's order when they are:
- open: their status is active;
- verified: checked by their provider within CORRIDOR_STALE_AFTER_DAYS (the directory's rule);
- eligible: where the service states a target group, an age range or languages, the person fits. Only what
  is known counts against the person: an age not given never excludes a service;
- of another organisation than the referring one.
Without a pathway, the directory's services of the need working in the territory (or in one containing it)
are offered, by provider and name, under the same rules.

What the caseworker types to find services (age, gender, target group, languages) is used for this only and
is not stored with the referral."""
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from corridor.coordination.coverage import place_filter
from corridor.core.languages import language_name
from corridor.directory.models import Service, TaxonomyTerm, stale_threshold
from corridor.directory.vocabularies import CATEGORY, TARGET_GROUP

from .models import Pathway

EVERYONE, WOMEN = "everyone", "women"
WOMAN, MAN = "woman", "man"


@dataclass(frozen=True)
class Person:
    """What is known about the person, for eligibility only."""

    target_group: str = ""
    age: int | None = None
    gender: str = ""  # WOMAN, MAN or "" (not said)
    languages: tuple[str, ...] = ()


@dataclass
class Option:
    service: Service
    position: int | None = None  # in the pathway
    reasons: list[str] = field(default_factory=list)  # why it is not offered; none: offered

    @property
    def offered(self) -> bool:
        return not self.reasons


@dataclass
class Offer:
    pathway: Pathway | None
    options: list[Option]

    @property
    def offered(self) -> list[Option]:
        return [option for option in self.options if option.offered]

    @property
    def not_offered(self) -> list[Option]:
        return [option for option in self.options if not option.offered]


def pathway_for(territory, category: str, target_group: str = "") -> Pathway | None:
    """The nearest pathway for the need: the territory's own, else its parent's, and so on; at each level
    the one for the person's group first."""
    prefixes = [territory.path[: i + 1] for i, character in enumerate(territory.path) if character == "/"]
    candidates = Pathway.objects.filter(territory__path__in=prefixes, category=category,
                                        target_group__in={"", target_group}).select_related("territory")
    ranked = sorted(candidates, key=lambda p: (-len(p.territory.path), p.target_group != target_group))
    return ranked[0] if ranked else None


def _services(queryset):
    return queryset.select_related("organisation").prefetch_related("terms", "languages", "schedules")


def _group_labels(codes) -> str:
    return ", ".join(str(TARGET_GROUP.label(code)) for code in sorted(codes))


def reasons(service: Service, person: Person, *, sender=None, now=None) -> list[str]:
    """Why `service` is not offered to `person` (empty: it is)."""
    found = []
    if sender is not None and service.organisation_id == sender.pk:
        found.append(_("A service of your own organisation."))
    if service.status != Service.Status.ACTIVE:
        found.append(_("Not open: %(status)s.") % {"status": service.get_status_display()})
    if service.last_verified_at is None:
        found.append(_("Never verified by its provider."))
    elif service.last_verified_at < stale_threshold(now):
        found.append(_("Not verified by its provider since %(date)s.")
                     % {"date": date_format(timezone.localtime(service.last_verified_at), "DATE_FORMAT")})
    groups = {term.code for term in service.terms.all() if term.vocabulary == TARGET_GROUP.code}
    if groups and EVERYONE not in groups and not _may_belong(person, groups):
        found.append(_("For women only.") if groups == {WOMEN} else
                     _("Only for: %(groups)s.") % {"groups": _group_labels(groups)})
    if person.age is not None:
        if service.minimum_age is not None and person.age < service.minimum_age:
            found.append(_("From the age of %(age)s.") % {"age": service.minimum_age})
        if service.maximum_age is not None and person.age > service.maximum_age:
            found.append(_("Up to the age of %(age)s.") % {"age": service.maximum_age})
    spoken = {language.code for language in service.languages.all()}
    if spoken and person.languages and not spoken & set(person.languages):
        found.append(_("Given in %(languages)s, which the person does not speak.")
                     % {"languages": ", ".join(sorted(language_name(code) for code in spoken))})
    return found


def _may_belong(person: Person, groups: set[str]) -> bool:
    """Whether the person is, or may be, in one of the service's groups: only a known mismatch excludes."""
    for group in groups:
        if group == WOMEN:
            if person.gender != MAN:
                return True
        elif not person.target_group or person.target_group == group:
            return True
    return False


def offer(territory, category: str, person: Person = Person(), *, sender=None, now=None) -> Offer:
    """The services to offer for `category` to a person met in `territory` by `sender`."""
    pathway = pathway_for(territory, category, person.target_group)
    if pathway is not None:
        steps = pathway.steps.select_related("service").order_by("position", "id")
        services = {s.pk: s for s in _services(Service.objects.filter(pk__in=[step.service_id for step in steps]))}
        options = [Option(services[step.service_id], position) for position, step in enumerate(steps, start=1)]
    else:
        category_term = TaxonomyTerm.objects.filter(vocabulary=CATEGORY.code, code=category)
        services = _services(Service.objects.filter(place_filter(territory, around=True), terms__in=category_term)
                             .exclude(status=Service.Status.DEFUNCT).order_by("organisation__name", "name"))
        options = [Option(service) for service in services]
    for option in options:
        option.reasons = reasons(option.service, person, sender=sender, now=now)
    return Offer(pathway, options)
