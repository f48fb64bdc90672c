"""Initiatives: who may change them, how they are listed and filtered, their classification.

Initiatives are public information (funding transparency): everyone reads every initiative, whatever its
status. Changes: the members of the lead organisation change its initiatives; the administrators of a
territory change the initiatives of their territory and of the territories inside it; platform
administrators change all. Whoever may change an initiative may also delete it."""
from dataclasses import dataclass
from decimal import Decimal

import pycountry
from babel.numbers import get_territory_currencies
from django.db.models import F, Prefetch, Q, QuerySet

from corridor.accounts import permissions
from corridor.directory.models import Organisation, TaxonomyTerm
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP

from .coverage import initiative_filter
from .models import Funding, Initiative, InitiativePartner, Result

CLASSIFYING = (PHASE, CATEGORY, TARGET_GROUP)
FUNDING_ORDER = (F("period_start").asc(nulls_last=True), "pk")  # by date, undated last, on every database
HUNDRED = Decimal(100)


# Who may do what.

def can_edit(user, initiative: Initiative) -> bool:
    return (initiative.lead_organisation_id in permissions.member_organisation_ids(user)
            or permissions.can_administer_territory(user, initiative.territory))


def can_create(user) -> bool:
    """Members of an organisation record its initiatives; territory administrators those of their territories."""
    return bool(permissions.member_organisation_ids(user)) or permissions.is_territory_admin(user)


def editable_initiatives(user) -> QuerySet:
    if permissions.is_platform_admin(user):
        return Initiative.objects.all()
    query = Q(lead_organisation__in=permissions.member_organisation_ids(user))
    for path in permissions.administered_paths(user):
        query |= Q(territory__path__startswith=path)
    return Initiative.objects.filter(query)


def lead_choices(user) -> QuerySet:
    """The organisations `user` may name as lead: their own, and those of the territories they administer."""
    return permissions.editable_organisations(user).order_by("name")


# Listing.

@dataclass(frozen=True)
class InitiativeQuery:
    territory: object = None  # a Territory: its initiatives, those inside it, and those it is partner of
    phase: str = ""
    category: str = ""
    target_group: str = ""
    status: str = ""
    organisation: Organisation | None = None  # as lead or as partner
    text: str = ""


def _with_term(queryset: QuerySet, vocabulary: str, code: str) -> QuerySet:
    return queryset.filter(pk__in=Initiative.terms.through.objects.filter(
        taxonomyterm__vocabulary=vocabulary, taxonomyterm__code=code).values("initiative_id"))


def filter_initiatives(query: InitiativeQuery) -> QuerySet:
    initiatives = Initiative.objects.all()
    if query.territory is not None:
        initiatives = initiatives.filter(initiative_filter(query.territory))
    for vocabulary, code in ((PHASE.code, query.phase), (CATEGORY.code, query.category),
                             (TARGET_GROUP.code, query.target_group)):
        if code:
            initiatives = _with_term(initiatives, vocabulary, code)
    if query.status:
        initiatives = initiatives.filter(status=query.status)
    if query.organisation is not None:
        initiatives = initiatives.filter(
            Q(lead_organisation=query.organisation)
            | Q(pk__in=query.organisation.initiative_roles.values("initiative_id"))
            | Q(pk__in=query.organisation.fundings.values("initiative_id")))
    if query.text:
        initiatives = initiatives.filter(Q(title__icontains=query.text) | Q(description__icontains=query.text))
    return initiatives.select_related("lead_organisation", "territory", "partner_territory")


def with_details(queryset: QuerySet) -> QuerySet:
    """Initiatives read with everything a page, an export or the API shows, in a fixed number of queries."""
    return queryset.select_related("lead_organisation", "territory", "partner_territory").prefetch_related(
        "terms", Prefetch("partners", InitiativePartner.objects.select_related("organisation").order_by("pk")),
        Prefetch("fundings", Funding.objects.select_related("donor").order_by(*FUNDING_ORDER)),
        Prefetch("results", Result.objects.prefetch_related("indicators")))


# Classification.

def term_codes(initiative) -> dict[str, list[str]]:
    """{"phase": [...], "category": [...], "target_group": [...]}, in the vocabularies' order."""
    found = {(term.vocabulary, term.code) for term in initiative.terms.all()}
    return {vocabulary.code: [code for code, _label in vocabulary.terms if (vocabulary.code, code) in found]
            for vocabulary in CLASSIFYING}


def term_labels(initiative) -> list[tuple[object, list]]:
    """(vocabulary name, [term labels]) for the vocabularies the initiative is classified in."""
    codes = term_codes(initiative)
    return [(vocabulary.name, [vocabulary.label(code) for code in codes[vocabulary.code]])
            for vocabulary in CLASSIFYING if codes[vocabulary.code]]


def set_terms(record, codes: dict[str, list[str]]) -> None:
    """Classify an initiative, a call or a proposal: {"phase": [...], ...}; vocabularies not given are kept."""
    kept = [term.pk for term in record.terms.all() if term.vocabulary not in codes]
    wanted = Q(pk__in=[])
    for vocabulary, values in codes.items():
        wanted |= Q(vocabulary=vocabulary, code__in=list(values))
    record.terms.set(kept + list(TaxonomyTerm.objects.filter(wanted).values_list("pk", flat=True)))


def progress(indicator) -> Decimal | None:
    """How far an indicator has come from its baseline (0 when none) to its target, in whole percent:
    baseline 20, target 120, actual 70 -> 50. None without a target and an actual, or when they coincide
    with the baseline."""
    if indicator.target is None or indicator.actual is None:
        return None
    baseline = indicator.baseline or Decimal(0)
    if indicator.target == baseline:
        return None
    return (HUNDRED * (indicator.actual - baseline) / (indicator.target - baseline)).quantize(Decimal(1))


def local_currency(territory, default: str = "EUR") -> str:
    """The currency of the territory's country (CHF in Vaud, XOF in Dakar)."""
    found = get_territory_currencies(territory.country_code, tender=True) if territory is not None else []
    return found[0] if found else default


def is_currency(code: str) -> bool:
    """An ISO 4217 code, like EUR, CHF or XOF."""
    return len(code) == 3 and pycountry.currencies.get(alpha_3=code.upper()) is not None


# The authority that funds a territory's calls.

def authority_of(territory) -> Organisation | None:
    """The public authority of a territory, when the directory knows exactly one: the local or regional
    authority based in the territory itself."""
    found = list(Organisation.objects.filter(territory=territory, kind=Organisation.Kind.LOCAL_AUTHORITY)[:2])
    return found[0] if len(found) == 1 else None
