"""Records for the tests of the coverage, gap and overlap calculations, made so that every expected figure
can be counted by hand. The fixture is served by conftest.py."""
from datetime import timedelta

import pytest
from django.utils import timezone

from corridor.coordination.models import Initiative, Need

from .initiative_data import make_initiative

STALE = timedelta(days=400)
ACTIVE = Initiative.Status.IMPLEMENTATION
REFUGEE_LANGUAGE = {"phase": ["destination"], "category": ["language"], "target_group": ["refugees"]}


def make_need(territory, title, category, *, phase="", group="", severity=Need.Severity.MEDIUM, **fields):
    return Need.objects.create(territory=territory, title=title, category=category, phase=phase, target_group=group,
                               severity=severity, content_language=fields.pop("content_language", "en"), **fields)


@pytest.fixture
def vaud_records(territories, organisations, make_service):
    """Services and initiatives of Vaud (and a few outside it) with the cells they fall in."""
    now = timezone.now()
    caritas, appartenances, roseraie = (organisations[k] for k in ("caritas", "appartenances", "geneva_cso"))
    lausanne, renens, geneva = territories["lausanne"], territories["renens"], territories["geneva"]
    today = timezone.localdate()
    return {
        # destination × language × whole population (no group given)
        "french": make_service(caritas, "Cours de français", phases=["destination"], categories=["language"],
                               last_verified_at=now),
        # two phases × information × two groups: four cells
        "info": make_service(appartenances, "Permanence info", phases=["destination", "pre-departure"],
                             categories=["information"], groups=["refugees", "women"], last_verified_at=now),
        # Renens, not verified for 400 days: counted apart
        "stale": make_service(caritas, "Cours anciens", territory=renens, phases=["destination"],
                              categories=["language"], groups=["refugees"], last_verified_at=now - STALE),
        "inactive": make_service(caritas, "Cours fermés", phases=["destination"], categories=["language"],
                                 groups=["refugees"], status="inactive", last_verified_at=now),
        "geneva": make_service(roseraie, "Cours à Genève", phases=["destination"], categories=["language"],
                               groups=["refugees"], last_verified_at=now),
        # no phase given
        "health": make_service(appartenances, "Consultation santé", categories=["health"], groups=["refugees"],
                               last_verified_at=now),
        "project": make_initiative(caritas, "Français pour réfugiés", terms=REFUGEE_LANGUAGE, status=ACTIVE,
                                   planned_beneficiaries=100, actual_beneficiaries=40),
        "planned": make_initiative(caritas, "Projet en préparation", territory=renens, terms=REFUGEE_LANGUAGE,
                                   status=Initiative.Status.PIPELINE, planned_beneficiaries=500),
        # led from Geneva, working with Lausanne: counted at both ends
        "partner": make_initiative(roseraie, "Échange Genève-Lausanne", territory=geneva, partner_territory=lausanne,
                                   terms=REFUGEE_LANGUAGE, status=Initiative.Status.FINALISATION,
                                   planned_beneficiaries=50),
        "ended": make_initiative(caritas, "Projet terminé", terms=REFUGEE_LANGUAGE, status=ACTIVE,
                                 end_date=today - timedelta(days=1), planned_beneficiaries=900),
    }
