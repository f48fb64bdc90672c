"""Initiatives and a call for proposals shared by the tests of initiatives, calls, exchange and API, made so that
every expected figure can be worked out by hand."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from corridor.coordination import initiatives
from corridor.coordination.models import Call, Criterion, Funding, Indicator, Initiative, InitiativePartner, Result
from corridor.directory.models import Organisation

from .analysis_data import vaud_records  # noqa: F401 (fixture shared by the analysis tests)
from .initiative_data import make_initiative


@pytest.fixture
def french_courses(organisations, territories):
    """Caritas's French courses in Lausanne, with a partner, two fundings, a result with two indicators."""
    initiative = make_initiative(
        organisations["caritas"], "Cours de français", description="Cours du soir dans les quartiers.",
        terms={"phase": ["destination"], "category": ["language", "education"], "target_group": ["women"]},
        status=Initiative.Status.IMPLEMENTATION, start_date=date(2025, 1, 1), end_date=date(2026, 12, 31),
        budget=Decimal("100000"), currency="CHF", planned_beneficiaries=300, actual_beneficiaries=120,
        translations={"en": {"title": "French courses"}}, website="https://caritas.example.org/cours")
    InitiativePartner.objects.create(initiative=initiative, organisation=organisations["appartenances"],
                                     role=InitiativePartner.Role.IMPLEMENTING)
    Funding.objects.create(initiative=initiative, donor=organisations["appartenances"], amount=Decimal("60000"),
                           currency="CHF", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    Funding.objects.create(initiative=initiative, donor_name="Fondation Exemple", amount=Decimal("25000"),
                           currency="EUR")
    result = Result.objects.create(initiative=initiative, kind=Result.Kind.OUTCOME, title="Autonomie en français")
    Indicator.objects.create(result=result, title="Participants au niveau A2", unit="%", baseline=Decimal(20),
                             baseline_year=2024, target=Decimal(60), actual=Decimal(40))
    Indicator.objects.create(result=result, title="Participants inscrits", unit="personnes", target=Decimal(300),
                             actual=Decimal(120), period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    Result.objects.create(initiative=initiative, title="Un résultat sans indicateur")
    return initiative


@pytest.fixture
def authority(territories):
    """The canton's integration office: the authority that funds the calls of Vaud."""
    return Organisation.objects.create(name="Bureau cantonal pour l'intégration", kind="local-authority",
                                       territory=territories["vaud"], content_language="fr")


@pytest.fixture
def open_call(territories, users):
    """An open call of Vaud, deadline in ten days, budget CHF 100,000, with three criteria:
    relevance (weight 3, scored out of 5), feasibility (weight 2, out of 5), cost (weight 1, out of 10)."""
    call = Call.objects.create(territory=territories["vaud"], title="Appel à projets intégration", budget=100000,
                               currency="CHF", deadline=timezone.now() + timedelta(days=10), status=Call.Status.OPEN,
                               content_language="fr", created_by=users["vaud_admin"])
    for title, weight, highest in (("Pertinence", 3, 5), ("Faisabilité", 2, 5), ("Coût", 1, 10)):
        Criterion.objects.create(call=call, title=title, weight=weight, max_score=highest)
    initiatives.set_terms(call, {"category": ["language"]})
    return call
