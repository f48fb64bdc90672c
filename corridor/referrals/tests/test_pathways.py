"""The services a caseworker is offered for a need: the pathway's, in its order, when open, verified and open to
the person; each other one with the reason it is not offered."""
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from corridor.directory.models import Organisation
from corridor.referrals import pathways
from corridor.referrals.models import Pathway, PathwayStep
from corridor.referrals.pathways import Person

NOW = timezone.now()
VERIFIED_LONG_AGO = date_format(timezone.localtime(NOW - timedelta(days=400)), "DATE_FORMAT")
REFUGEE_MAN = Person(target_group="refugees", age=34, gender="man", languages=("ar",))


@pytest.fixture
def legal_pathway(territories, organisations, make_service):
    """The canton's pathway for legal aid, eight services long."""
    other = Organisation.objects.create(name="Juristes solidaires", kind="cso", territory=territories["lausanne"])
    rows = [
        ("Permanence juridique", organisations["appartenances"], dict(groups=["refugees", "asylum-seekers"],
                                                                      languages=["fr", "ar"])),
        ("Ancienne permanence", other, dict(last_verified_at=NOW - timedelta(days=400))),
        ("Permanence fermée", other, dict(status="temporarily closed")),
        ("Conseil aux femmes", other, dict(groups=["women"])),
        ("Jeunes adultes", other, dict(minimum_age=16, maximum_age=25)),
        ("Legal advice in English", other, dict(languages=["en"])),
        ("Conseil Caritas", organisations["caritas"], {}),
        ("Écrivain public", other, dict(groups=["everyone"])),
    ]
    pathway = Pathway.objects.create(territory=territories["vaud"], category="legal")
    services = {}
    for position, (name, organisation, fields) in enumerate(rows, start=1):
        fields.setdefault("last_verified_at", NOW - timedelta(days=10))
        services[name] = make_service(organisation, name, categories=["legal"], **fields)
        PathwayStep.objects.create(pathway=pathway, service=services[name], position=position)
    return pathway, services


def test_offered_in_the_pathways_order_with_the_reasons_for_the_others(territories, organisations, legal_pathway):
    pathway, _services = legal_pathway
    offer = pathways.offer(territories["lausanne"], "legal", REFUGEE_MAN, sender=organisations["caritas"], now=NOW)
    assert offer.pathway == pathway
    assert [(o.position, o.service.name) for o in offer.offered] == [(1, "Permanence juridique"),
                                                                     (8, "Écrivain public")]
    assert {o.service.name: o.reasons for o in offer.not_offered} == {
        "Ancienne permanence": [f"Not verified by its provider since {VERIFIED_LONG_AGO}."],
        "Permanence fermée": ["Not open: Temporarily closed."],
        "Conseil aux femmes": ["For women only."],
        "Jeunes adultes": ["Up to the age of 25."],
        "Legal advice in English": ["Given in English, which the person does not speak."],
        "Conseil Caritas": ["A service of your own organisation."],
    }


def test_what_is_not_known_about_the_person_excludes_nothing(territories, organisations, legal_pathway):
    offer = pathways.offer(territories["lausanne"], "legal", Person(), sender=organisations["caritas"], now=NOW)
    assert [o.service.name for o in offer.offered] == ["Permanence juridique", "Conseil aux femmes", "Jeunes adultes",
                                                      "Legal advice in English", "Écrivain public"]
    woman = Person(target_group="labour-migrants", gender="woman")
    offered = [o.service.name for o in pathways.offer(territories["lausanne"], "legal", woman, now=NOW).offered]
    assert "Conseil aux femmes" in offered and "Permanence juridique" not in offered
    refused = pathways.offer(territories["lausanne"], "legal", woman, now=NOW).not_offered[0]
    assert refused.reasons == ["Only for: Asylum seekers, Refugees."]


def test_the_nearest_pathway_and_the_one_for_the_group_come_first(territories, legal_pathway, make_service,
                                                                   organisations):
    vaud_general, _services = legal_pathway
    vaud_refugees = Pathway.objects.create(territory=territories["vaud"], category="legal", target_group="refugees")
    lausanne_general = Pathway.objects.create(territory=territories["lausanne"], category="legal")
    assert pathways.pathway_for(territories["lausanne"], "legal", "refugees") == lausanne_general
    assert pathways.pathway_for(territories["renens"], "legal", "refugees") == vaud_refugees
    assert pathways.pathway_for(territories["renens"], "legal", "women") == vaud_general
    assert pathways.pathway_for(territories["geneva"], "legal") is None
    assert pathways.pathway_for(territories["renens"], "health") is None


def test_without_a_pathway_the_directory_services_of_the_area(territories, organisations, make_service):
    make_service(organisations["appartenances"], "Santé Lausanne", categories=["health"], last_verified_at=NOW)
    make_service(organisations["caritas"], "Santé cantonale", territory=territories["vaud"], categories=["health"],
                 last_verified_at=NOW - timedelta(days=500))
    make_service(organisations["geneva_cso"], "Santé Genève", categories=["health"], last_verified_at=NOW)
    make_service(organisations["appartenances"], "Santé fermée", categories=["health"], status="defunct")
    offer = pathways.offer(territories["lausanne"], "health", Person(), now=NOW)
    assert offer.pathway is None
    assert [o.service.name for o in offer.offered] == ["Santé Lausanne"]
    assert [o.service.name for o in offer.not_offered] == ["Santé cantonale"]
