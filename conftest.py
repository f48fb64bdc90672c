"""Fixtures shared by every test: a small territory tree, organisations and the four roles."""
import pytest
from django.contrib.auth import get_user_model
from huey.contrib.djhuey import HUEY

from corridor.accounts.models import Membership, TerritoryAdministrator
from corridor.directory.models import Organisation
from corridor.territories.models import Territory


@pytest.fixture(autouse=True)
def _english_and_immediate_jobs(settings, monkeypatch):
    settings.LANGUAGE_CODE = "en"
    # The queue was built from settings at start-up; a job runs as soon as it is enqueued (the live
    # server of browser tests shares this queue).
    monkeypatch.setattr(HUEY, "immediate", True)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    # Tests render pages without running collectstatic first.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # Inside a test's transaction no commit happens to make cached pages obsolete; the tests of the
    # page cache turn it on themselves.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def territories(db):
    """Switzerland > Vaud > Lausanne, Renens; Switzerland > Geneva canton > Geneva."""
    ch = Territory.objects.create(name="Switzerland", name_translations={"fr": "Suisse", "es": "Suiza", "ar": "سويسرا"},
                                  kind="country", country_code="CH", slug="ch", is_destination=True)
    vaud = Territory.objects.create(name="Vaud", kind="region", parent=ch, country_code="CH", subdivision_code="CH-VD",
                                    slug="vaud", is_destination=True)
    lausanne = Territory.objects.create(name="Lausanne", kind="city", parent=vaud, country_code="CH", slug="lausanne",
                                        latitude=46.5197, longitude=6.6323, is_destination=True)
    renens = Territory.objects.create(name="Renens", kind="city", parent=vaud, country_code="CH", slug="renens",
                                      latitude=46.5353, longitude=6.5880)
    geneva_canton = Territory.objects.create(name="Geneva", name_translations={"fr": "Genève"}, kind="region",
                                             parent=ch, country_code="CH", subdivision_code="CH-GE", slug="geneve")
    geneva = Territory.objects.create(name="Geneva", name_translations={"fr": "Genève"}, kind="city",
                                      parent=geneva_canton, country_code="CH", slug="geneve-ville",
                                      latitude=46.2044, longitude=6.1432)
    return {"ch": ch, "vaud": vaud, "lausanne": lausanne, "renens": renens, "geneva_canton": geneva_canton,
            "geneva": geneva}


@pytest.fixture
def organisations(territories):
    return {
        "caritas": Organisation.objects.create(name="Caritas Vaud", kind="cso", territory=territories["lausanne"],
                                               content_language="fr"),
        "appartenances": Organisation.objects.create(name="Appartenances", kind="cso",
                                                     territory=territories["lausanne"], content_language="fr"),
        "geneva_cso": Organisation.objects.create(name="Centre de la Roseraie", kind="cso",
                                                  territory=territories["geneva"], content_language="fr"),
    }


@pytest.fixture
def users(territories, organisations):
    User = get_user_model()
    platform = User.objects.create_superuser("platform", "platform@example.org", "pw-platform-123")
    vaud_admin = User.objects.create_user("vaud-admin", "admin@vd.example.org", "pw-vaud-123")
    TerritoryAdministrator.objects.create(user=vaud_admin, territory=territories["vaud"])
    geneva_admin = User.objects.create_user("geneva-admin", "admin@ge.example.org", "pw-geneva-123")
    TerritoryAdministrator.objects.create(user=geneva_admin, territory=territories["geneva_canton"])
    caritas_member = User.objects.create_user("caritas", "staff@caritas.example.org", "pw-caritas-123")
    Membership.objects.create(user=caritas_member, organisation=organisations["caritas"])
    geneva_member = User.objects.create_user("roseraie", "staff@roseraie.example.org", "pw-roseraie-123")
    Membership.objects.create(user=geneva_member, organisation=organisations["geneva_cso"])
    return {"platform": platform, "vaud_admin": vaud_admin, "geneva_admin": geneva_admin,
            "caritas": caritas_member, "geneva_member": geneva_member}


@pytest.fixture
def make_service(db):
    """Create a service with its classification, languages, place and hours, indexed for search."""
    from datetime import time

    from corridor.directory import search
    from corridor.directory.models import Location, Schedule, Service, ServiceAtLocation, ServiceLanguage, TaxonomyTerm

    def make(organisation, name, description="", *, territory=None, phases=(), categories=(), groups=(),
             channels=(), languages=(), is_free=False, content_language="fr", translations=None,
             latitude=None, longitude=None, hours=None, **fields):
        service = Service.objects.create(
            organisation=organisation, territory=territory or organisation.territory, name=name,
            description=description or name, is_free=is_free, content_language=content_language,
            translations=translations or {}, **fields)
        wanted = [("phase", c) for c in phases] + [("category", c) for c in categories] + \
                 [("target_group", c) for c in groups] + [("channel", c) for c in channels]
        service.terms.set([TaxonomyTerm.objects.get(vocabulary=v, code=c) for v, c in wanted])
        for code in languages:
            ServiceLanguage.objects.create(service=service, code=code)
        if latitude is not None:
            location = Location.objects.create(organisation=organisation, territory=service.territory,
                                               name=name, latitude=latitude, longitude=longitude)
            ServiceAtLocation.objects.create(service=service, location=location)
        for byday, opens, closes in hours or ():
            Schedule.objects.create(service=service, byday=byday, opens_at=time(*opens), closes_at=time(*closes))
        search.reindex(service)
        service.refresh_from_db()
        return service

    return make
