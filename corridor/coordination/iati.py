"""Initiatives as IATI activities (IATI Activity Standard 2.03), validated against the standard's XML schema
shipped in schemas/iati-2.03 (CC BY 4.0, see its README.md). A document that fails the schema is never
served: `export` raises `InvalidDocument` with the schema's messages.

How an initiative becomes an `iati-activity` (docs/initiatives.md says the same for readers):
- iati-identifier: `<IATI_PUBLISHER_REF>-<initiative uuid>`, stable across exports. The reporting
  organisation is the platform (IATI_PUBLISHER_REF, IATI_PUBLISHER_TYPE, IATI_PUBLISHER_NAME), flagged as a
  secondary reporter: it republishes what the organisations recorded.
- Texts: the title and description in the initiative's language (the activity's xml:lang), with one narrative
  per translation. IATI requires a description: without one, the title is repeated.
- Status (ActivityStatus): identification 1, implementation 2, finalisation 3, closed 4, cancelled 5,
  suspended 6.
- Dates (ActivityDateType): the start is planned (1) while in identification, actual (2) afterwards; the end is
  actual (4) once closed or cancelled, planned (3) otherwise. IATI requires a date: an initiative without
  any declares the day it was recorded as its planned start.
- Organisations (OrganisationRole): the lead organisation is accountable (2), and implementing (4) unless
  another partner is; partners keep their role (funding 1, accountable 2, extending 3, implementing 4);
  donors of fundings not already named are funding (1). Directory organisations have no IATI organisation
  identifier, so they are named, not referenced. Their kind gives the OrganisationType (KIND_TYPES).
- Places: recipient-country is the country of the initiative's territory (100 %); the territory and the
  partner territory are `location`s (name, and point when known); the scope (ActivityScope) follows the kind
  of territory, multi-national when the partner territory is in another country.
- Classification: categories become OECD DAC 5-digit purpose codes (sector vocabulary 1, DAC_SECTORS) and
  Corridor's own category codes (sector vocabulary 99), each vocabulary's percentages shared evenly and
  summing to 100; phases and target groups are tags of vocabulary 99. The URIs of vocabulary 99 are the
  taxonomy pages of the API.
- Money: the budget is one budget over the initiative's whole period (indicative in identification,
  committed afterwards), given when it has a start and an end; each funding is an incoming commitment
  (transaction type 11) from its donor to the lead organisation, dated by the start of its period, else of
  the initiative.
- Results (ResultType output 1, outcome 2, impact 3) with their indicators (measure 2 for a "%" unit, else
  1): baseline (its year, else the year of the indicator's or the initiative's start), and target and actual
  for the indicator's period (else the initiative's). A result without indicators is left out: IATI
  requires at least one.
- The website is a document link of category A12 (activity web page)."""
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from lxml import etree

from corridor.core.links import absolute_url
from corridor.directory.models import Organisation
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.profiles.exchange import plain_number

from . import initiatives
from .models import Initiative, InitiativePartner

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "iati-2.03"
VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"

STATUS_CODES = {"pipeline": "1", "implementation": "2", "finalisation": "3", "closed": "4", "cancelled": "5",
                "suspended": "6"}
ROLE_CODES = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}
RESULT_TYPES = {"output": "1", "outcome": "2", "impact": "3"}
# Organisation kinds of the directory -> IATI OrganisationType.
KIND_TYPES = {"local-authority": "11", "national-agency": "10", "cso": "22", "migrant-association": "22",
              "international": "40", "private": "70", "academia": "80", "trade-union": "90", "faith-based": "22"}
# Categories -> OECD DAC 5-digit purpose codes (vocabulary 1).
DAC_SECTORS = {
    "information": "15190",  # Facilitation of orderly, safe, regular and responsible migration and mobility
    "interpretation": "15190",
    "reintegration": "15190",
    "language": "11230",  # Basic life skills for adults
    "education": "11330",  # Vocational training
    "employment": "16020",  # Employment creation
    "legal": "15130",  # Legal and judicial development (includes legal aid)
    "health": "12220",  # Basic health care
    "housing": "16040",  # Low-cost housing
    "social-protection": "16010",  # Social protection
    "family": "16010",
    "anti-discrimination": "15160",  # Human rights
    "business": "25030",  # Business development services
    "community": "15150",  # Democratic participation and civil society
}
# Territory kinds -> ActivityScope.
SCOPES = {"country": "4", "region": "6", "province": "6", "district": "7", "city": "7"}
MULTI_NATIONAL = "3"


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self):
        return f"line {self.line}: {self.message}"


class InvalidDocument(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems[:5])))


@lru_cache(maxsize=None)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


def validate(document: bytes) -> list[Problem]:
    """The schema's complaints about an IATI activities document, none when it is valid."""
    try:
        tree = etree.fromstring(document)
    except etree.XMLSyntaxError as error:
        return [Problem(error.lineno or 0, str(error))]
    checker = schema()
    if checker.validate(tree):
        return []
    return [Problem(error.line, error.message) for error in checker.error_log]


def activity_identifier(initiative: Initiative) -> str:
    return f"{settings.IATI_PUBLISHER_REF}-{initiative.uuid}"


def _sub(parent, tag: str, **attributes) -> etree._Element:
    return etree.SubElement(parent, tag, {name.replace("_", "-"): str(value) for name, value in attributes.items()
                                          if value not in (None, "")})


def _narrative(parent, text: str, language: str | None = None) -> None:
    element = _sub(parent, "narrative")
    element.text = text
    if language:
        element.set(XML_LANG, language)


def _texts(parent, record, field: str, fallback: str = "") -> None:
    """The field in the record's language, then one narrative per translation."""
    _narrative(parent, getattr(record, field) or fallback)
    for language, texts in sorted(record.translations.items()):
        if language != record.content_language and texts.get(field):
            _narrative(parent, texts[field], language)


def _organisation(parent, tag: str, organisation: Organisation | None, name: str = "", **attributes):
    element = _sub(parent, tag, type=KIND_TYPES.get(organisation.kind) if organisation else None, **attributes)
    _narrative(element, organisation.name if organisation else name)
    return element


def _shares(codes: list[str]) -> list[tuple[str, Decimal]]:
    """Codes with even percentages summing to exactly 100 (a repeated code adds its shares up)."""
    if not codes:
        return []
    base = (Decimal(100) / len(codes)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    shares: dict[str, Decimal] = {}
    for code in codes:
        shares[code] = shares.get(code, Decimal(0)) + base
    first = next(iter(shares))
    shares[first] += Decimal(100) - base * len(codes)
    return list(shares.items())


def _dates(activity, initiative: Initiative) -> None:
    identification = initiative.status == Initiative.Status.PIPELINE
    ended = initiative.status in (Initiative.Status.CLOSED, Initiative.Status.CANCELLED)
    if initiative.start_date:
        _sub(activity, "activity-date", type="1" if identification else "2", iso_date=initiative.start_date)
    if initiative.end_date:
        _sub(activity, "activity-date", type="4" if ended else "3", iso_date=initiative.end_date)
    if not (initiative.start_date or initiative.end_date):
        _sub(activity, "activity-date", type="1", iso_date=timezone.localdate(initiative.created_at))


def _location(activity, territory) -> None:
    location = _sub(activity, "location")
    _narrative(_sub(location, "name"), territory.name)
    if territory.latitude is not None and territory.longitude is not None:
        point = _sub(location, "point", srsName=WGS84)
        _sub(point, "pos").text = f"{territory.latitude:.5f} {territory.longitude:.5f}"
    _sub(location, "exactness", code="2")  # approximate: the territory, not a precise place
    _sub(location, "location-class", code="1")  # administrative region


def _participants(activity, initiative: Initiative) -> None:
    partners = list(initiative.partners.all())
    _organisation(activity, "participating-org", initiative.lead_organisation, role=ROLE_CODES["accountable"])
    if not any(partner.role == InitiativePartner.Role.IMPLEMENTING for partner in partners):
        _organisation(activity, "participating-org", initiative.lead_organisation, role=ROLE_CODES["implementing"])
    funders = set()
    for partner in partners:
        _organisation(activity, "participating-org", partner.organisation, role=ROLE_CODES[partner.role])
        if partner.role == InitiativePartner.Role.FUNDING:
            funders.add(partner.organisation.name.casefold())
    for funding in initiative.fundings.all():
        if funding.donor_label.casefold() not in funders:
            funders.add(funding.donor_label.casefold())
            _organisation(activity, "participating-org", funding.donor, funding.donor_name,
                          role=ROLE_CODES["funding"])


def _label(parent, vocabulary, code: str, language: str) -> None:
    """A term's label in the activity's language when the interface has it, else in English, said so."""
    in_language = language if language in dict(settings.LANGUAGES) else "en"
    with translation.override(in_language):
        _narrative(parent, str(vocabulary.label(code)), None if in_language == language else in_language)


def _classification(activity, initiative: Initiative) -> None:
    codes = initiatives.term_codes(initiative)
    language = initiative.content_language
    taxonomy = {vocabulary.code: absolute_url("taxonomy-detail", vocabulary.code, language="en")
                for vocabulary in (PHASE, CATEGORY, TARGET_GROUP)}
    for code, percentage in _shares([DAC_SECTORS[c] for c in codes[CATEGORY.code] if c in DAC_SECTORS]):
        _sub(activity, "sector", vocabulary="1", code=code, percentage=percentage)
    for code, percentage in _shares(codes[CATEGORY.code]):
        _label(_sub(activity, "sector", vocabulary="99", vocabulary_uri=taxonomy[CATEGORY.code], code=code,
                    percentage=percentage), CATEGORY, code, language)
    for vocabulary in (PHASE, TARGET_GROUP):
        for code in codes[vocabulary.code]:
            _label(_sub(activity, "tag", vocabulary="99", vocabulary_uri=taxonomy[vocabulary.code], code=code),
                   vocabulary, code, language)


def _money(activity, initiative: Initiative) -> None:
    start = initiative.start_date or timezone.localdate(initiative.created_at)
    if initiative.budget is not None and initiative.start_date and initiative.end_date:
        budget = _sub(activity, "budget", type="1",
                      status="1" if initiative.status == Initiative.Status.PIPELINE else "2")
        _sub(budget, "period-start", iso_date=initiative.start_date)
        _sub(budget, "period-end", iso_date=initiative.end_date)
        _sub(budget, "value", value_date=initiative.start_date).text = plain_number(initiative.budget)
    for funding in initiative.fundings.all():
        transaction = _sub(activity, "transaction")
        _sub(transaction, "transaction-type", code="11")  # incoming commitment
        day = funding.period_start or start
        _sub(transaction, "transaction-date", iso_date=day)
        currency = funding.currency if funding.currency != initiative.currency else None
        _sub(transaction, "value", currency=currency, value_date=day).text = plain_number(funding.amount)
        if funding.period_start and funding.period_end:
            _narrative(_sub(transaction, "description"), f"{funding.period_start.isoformat()}/"
                                                         f"{funding.period_end.isoformat()}")
        _organisation(transaction, "provider-org", funding.donor, funding.donor_name)
        _organisation(transaction, "receiver-org", initiative.lead_organisation)


def _results(activity, initiative: Initiative) -> None:
    for result in initiative.results.all():
        indicators = list(result.indicators.all())
        if not indicators:
            continue
        element = _sub(activity, "result", type=RESULT_TYPES[result.kind])
        _narrative(_sub(element, "title"), result.title)
        if result.description:
            _narrative(_sub(element, "description"), result.description)
        for indicator in indicators:
            measure = _sub(element, "indicator", measure="2" if indicator.unit.strip() == "%" else "1")
            _narrative(_sub(measure, "title"), indicator.title)
            if indicator.unit and indicator.unit.strip() != "%":
                _narrative(_sub(measure, "description"), indicator.unit)
            start = indicator.period_start or initiative.start_date
            end = indicator.period_end or initiative.end_date
            year = indicator.baseline_year or (start.year if start else None)
            if indicator.baseline is not None and year:
                _sub(measure, "baseline", year=year, value=plain_number(indicator.baseline))
            if start and end and (indicator.target is not None or indicator.actual is not None):
                period = _sub(measure, "period")
                _sub(period, "period-start", iso_date=start)
                _sub(period, "period-end", iso_date=end)
                if indicator.target is not None:
                    _sub(period, "target", value=plain_number(indicator.target))
                if indicator.actual is not None:
                    _sub(period, "actual", value=plain_number(indicator.actual))


def activity(initiative: Initiative) -> etree._Element:
    element = etree.Element("iati-activity", {
        "last-updated-datetime": initiative.updated_at.isoformat(timespec="seconds"),
        XML_LANG: initiative.content_language, "default-currency": initiative.currency})
    _sub(element, "iati-identifier").text = activity_identifier(initiative)
    reporting = _sub(element, "reporting-org", ref=settings.IATI_PUBLISHER_REF, type=settings.IATI_PUBLISHER_TYPE,
                     secondary_reporter="1")
    _narrative(reporting, settings.IATI_PUBLISHER_NAME)
    _texts(_sub(element, "title"), initiative, "title")
    _texts(_sub(element, "description", type="1"), initiative, "description", fallback=initiative.title)
    _participants(element, initiative)
    _sub(element, "activity-status", code=STATUS_CODES[initiative.status])
    _dates(element, initiative)
    partner = initiative.partner_territory
    multi_national = partner is not None and partner.country_code != initiative.territory.country_code
    _sub(element, "activity-scope", code=MULTI_NATIONAL if multi_national else SCOPES[initiative.territory.kind])
    _sub(element, "recipient-country", code=initiative.territory.country_code, percentage="100")
    for territory in filter(None, (initiative.territory, partner)):
        _location(element, territory)
    _classification(element, initiative)
    _money(element, initiative)
    if initiative.website:
        link = _sub(element, "document-link", format="text/html", url=initiative.website)
        _texts(_sub(link, "title"), initiative, "title")
        _sub(link, "category", code="A12")  # activity web page
    _results(element, initiative)
    return element


def document(queryset, *, generated: datetime | None = None) -> bytes:
    """An `iati-activities` document of the initiatives, not yet validated."""
    root = etree.Element("iati-activities", {
        "version": VERSION, "generated-datetime": (generated or timezone.now()).isoformat(timespec="seconds")})
    for initiative in initiatives.with_details(queryset).order_by("pk").iterator(chunk_size=500):
        root.append(activity(initiative))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export(queryset, *, generated: datetime | None = None) -> bytes:
    """The document, once the schema accepts it. IATI needs at least one activity."""
    content = document(queryset, generated=generated)
    problems = validate(content)
    if problems:
        raise InvalidDocument(problems)
    return content
