"""Fixtures of the partnership tests: Pristina and Portugal next to the root fixtures' Swiss territories, a
Kosovar association of Lausanne, an administrator of Pristina, corridors with known figures, and a partnership
between Lausanne and Pristina that has every element the guidelines require (tests take elements away)."""
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from corridor.accounts.models import TerritoryAdministrator
from corridor.directory.models import Organisation
from corridor.partnerships.models import (
    Action,
    ContactPerson,
    CooperationInterest,
    Corridor,
    CorridorFigure,
    IndicatorPeriod,
    Partnership,
    PartnershipIndicator,
    PartnershipSide,
    StageRecord,
    Stakeholder,
)
from corridor.territories.models import Territory


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture
def world(territories, organisations, users):
    xk = Territory.objects.create(name="Kosovo", kind="country", country_code="XK", slug="xk", is_origin=True)
    pristina = Territory.objects.create(name="Pristina", kind="city", parent=xk, country_code="XK", slug="pristina",
                                        is_origin=True)
    portugal = Territory.objects.create(name="Portugal", kind="country", country_code="PT", slug="pt", is_origin=True)
    kosovars = Organisation.objects.create(name="Shoqata e kosovarëve", kind="migrant-association",
                                           territory=territories["lausanne"], content_language="sq")
    pristina_office = Organisation.objects.create(name="Zyra për migracion", kind="local-authority",
                                                  territory=pristina, content_language="sq")
    pristina_admin = get_user_model().objects.create_user("pristina-admin", "admin@pristina.example.org",
                                                          "pw-pristina-123")
    TerritoryAdministrator.objects.create(user=pristina_admin, territory=pristina)
    return {**territories, **organisations, **users, "xk": xk, "pristina": pristina, "portugal": portugal,
            "kosovars": kosovars, "pristina_office": pristina_office, "pristina_admin": pristina_admin}


@pytest.fixture
def corridor(world):
    """Pristina → Lausanne, with three years of figures and the Kosovar association; both territories record
    sectors of interest (education and governance in common)."""
    corridor = Corridor.objects.create(origin=world["pristina"], destination=world["lausanne"], content_language="en")
    corridor.associations.add(world["kosovars"])
    for year, diaspora, flow, remittances in ((2022, 1900, 95, 23_100_000), (2023, 1930, 110, 24_400_000),
                                              (2024, 1950, 105, 25_600_000)):
        for kind, value in (("diaspora", diaspora), ("flow", flow), ("remittances", remittances)):
            CorridorFigure.objects.create(corridor=corridor, year=year, kind=kind, value=Decimal(value),
                                          source="Register (test)")
    CooperationInterest.objects.create(territory=world["lausanne"], sectors=["education", "health", "governance"])
    CooperationInterest.objects.create(territory=world["pristina"],
                                       sectors=["governance", "local-economic-development", "education"])
    return corridor


def complete_partnership(world, **fields) -> Partnership:
    """A memorandum between Lausanne and Pristina with every element of the checklist and no risk."""
    values = dict(
        kind="memorandum", title="Memorandum of understanding between Lausanne and Pristina", content_language="en",
        aim="Reintegration of returnees in Pristina.", expected_results="120 returnees with a plan.",
        monitoring="A joint committee reviews the indicators twice a year.", sdg_targets=["10.7"],
        sectors=["governance"], start_date=date(2026, 1, 1), end_date=date(2028, 12, 31),
        planned_signature_date=date(2026, 12, 15), budget=Decimal("250000"), currency="CHF",
        management="Lausanne: one-stop desk. Pristina: office for migration.",
        governance="A steering committee meets twice a year.", stage=Partnership.Stage.DRAFTING,
        agreement_languages=["en", "fr", "ar"])
    values.update(fields)
    partnership = Partnership.objects.create(**values)
    lausanne = PartnershipSide.objects.create(
        partnership=partnership, territory=world["lausanne"], authority="City of Lausanne, 146,000 inhabitants.",
        development_plan="Programme of the legislature", plan_coherence="Its integration priority.",
        mandate="Municipal decision 2025/118", signatory_name="Marie Fontaine", signatory_title="Mayor",
        signatory_term_ends=date(2027, 6, 30))
    pristina = PartnershipSide.objects.create(
        partnership=partnership, territory=world["pristina"], authority="Municipality of Pristina.",
        development_plan="Municipal development plan", plan_coherence="Its local economic development axis.",
        mandate="Council resolution 14/2025", signatory_name="Driton Gashi", signatory_title="Mayor",
        signatory_term_ends=date(2027, 10, 31))
    for side, names in ((lausanne, ("Nadia Berisha", "Luc Perret")), (pristina, ("Vjosa Hoxha", "Besnik Mala"))):
        for name in names:
            ContactPerson.objects.create(side=side, name=name, function="Staff")
    Stakeholder.objects.create(side=lausanne, organisation=world["kosovars"], role="bridge",
                               contact_person="Arben Krasniqi")
    Stakeholder.objects.create(side=pristina, organisation=world["pristina_office"], role="implementing",
                               contact_person="Vjosa Hoxha")
    Action.objects.create(partnership=partnership, description="Study visits", measure="2 visits",
                          due_on=date(2027, 6, 30))
    indicator = PartnershipIndicator.objects.create(partnership=partnership, title="Returnees with a plan",
                                                    unit="people", baseline=0, baseline_year=2025)
    IndicatorPeriod.objects.create(indicator=indicator, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                                   target=40, actual=10)
    StageRecord.objects.create(partnership=partnership, stage=partnership.stage, started_on=date(2025, 10, 1))
    return partnership


@pytest.fixture
def partnership(world):
    return complete_partnership(world)
