"""The region of Sédhiou (Senegal) with its administrator, projects of each kind and two members of its
diaspora, shared by the portal's tests; every figure can be worked out by hand."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from corridor.accounts.models import TerritoryAdministrator
from corridor.diaspora.models import DiasporaProfile, Project
from corridor.territories.models import Territory


@pytest.fixture
def sedhiou(territories):
    """Senegal > Sédhiou (region) > Goudomp, beside the root fixture's Switzerland."""
    senegal = Territory.objects.create(name="Senegal", kind="country", country_code="SN", slug="sn", is_origin=True)
    region = Territory.objects.create(name="Sédhiou", kind="region", parent=senegal, country_code="SN",
                                      subdivision_code="SN-SE", slug="sedhiou", is_origin=True)
    goudomp = Territory.objects.create(name="Goudomp", kind="district", parent=region, country_code="SN",
                                       slug="goudomp", is_origin=True)
    dakar = Territory.objects.create(name="Dakar", kind="city", parent=senegal, country_code="SN", slug="dakar")
    return {"sn": senegal, "sedhiou": region, "goudomp": goudomp, "dakar": dakar}


@pytest.fixture
def sedhiou_admin(sedhiou, users):
    admin = get_user_model().objects.create_user("sedhiou-admin", "ard@sedhiou.example.sn", "pw-sedhiou-123")
    TerritoryAdministrator.objects.create(user=admin, territory=sedhiou["sedhiou"])
    return admin


def make_project(territory, title, **fields) -> Project:
    fields = {"description": f"{title}.", "kind": "philanthropy", "sector": "health", "status": "open",
              "content_language": "fr", "currency": "XOF", **fields}
    return Project.objects.create(territory=territory, title=title, **fields)


@pytest.fixture
def projects(sedhiou, sedhiou_admin):
    """Four projects of Sédhiou: a maternity ward to equip (philanthropy, XOF 30,000,000), a cashew unit in
    Goudomp (investment, XOF 45,000,000, wants agriculture and finance), a land register (skills transfer,
    300 hours, wants data and IT) and a draft."""
    deadline = timezone.localdate() + timedelta(days=60)
    return {
        "maternity": make_project(sedhiou["sedhiou"], "Maternité régionale", kind="philanthropy", sector="health",
                                  skills=["health"], languages=["fr"], budget=Decimal("30000000"), deadline=deadline,
                                  translations={"en": {"title": "Regional maternity ward"}}),
        "cashew": make_project(sedhiou["goudomp"], "Noix de cajou", kind="investment", sector="agriculture",
                               skills=["agriculture", "finance"], languages=["fr", "wo"],
                               budget=Decimal("45000000"), deadline=deadline),
        "cadastre": make_project(sedhiou["sedhiou"], "Cadastre numérique", kind="skills-transfer", sector="data",
                                 skills=["data", "it"], skill_tags=["qgis"], languages=["fr"], hours_sought=300,
                                 currency="XOF", deadline=deadline),
        "draft": make_project(sedhiou["sedhiou"], "Marché de gros", kind="investment", sector="agriculture",
                              status="draft"),
    }


def make_person(email, name, *, origins=(), confirmed=True, **fields) -> DiasporaProfile:
    now = timezone.now()
    fields = {"residence_country": "CH", "languages": ["fr"], "interest_kinds": ["philanthropy"],
              "consent_text": "I agree.", "consent_language": "en", "consented_at": now,
              "confirmed_at": now if confirmed else None, **fields}
    profile = DiasporaProfile.objects.create(display_name=name, email=email, **fields)
    profile.origins.set(origins)
    return profile


@pytest.fixture
def awa(sedhiou):
    """A midwife in Barcelona from Sédhiou, interested in health philanthropy; keeps her address to herself."""
    return make_person("awa@example.org", "Awa S.", origins=[sedhiou["sedhiou"]], residence_country="ES",
                       residence_place="Barcelona", languages=["fr", "es"], skills=["health"],
                       interest_kinds=["philanthropy", "skills-transfer"], interest_sectors=["health"])


@pytest.fixture
def moussa(sedhiou):
    """A developer in Lausanne from Sédhiou who shares his address with project teams."""
    return make_person("moussa@example.org", "Moussa D.", origins=[sedhiou["sedhiou"]], languages=["fr", "wo"],
                       skills=["it", "data"], skill_tags=["qgis"], interest_kinds=["skills-transfer"],
                       interest_sectors=["data"], share_contact=True)
