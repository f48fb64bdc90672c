"""Anonymous readers get cached pages until the directory changes; nothing personal is cached."""
import pytest
from django.core.cache import cache
from django.db import transaction

from corridor.core.models import ContentVersion
from corridor.directory.models import Service


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "page-cache-tests"}}
    cache.clear()
    yield
    cache.clear()


def _version():
    return ContentVersion.objects.filter(area="directory").values_list("number", flat=True).first() or 0


# These tests commit for real: the version moves when a transaction commits.
committing = pytest.mark.django_db(transaction=True)


@committing
def test_a_change_is_visible_on_the_next_request(client, organisations, make_service, page_cache):
    service = make_service(organisations["caritas"], "Cours de français")
    url = f"/en/services/{service.uuid}/"
    assert "Cours de français" in client.get(url).content.decode()
    # Written behind the ORM's back, the change stays unseen: the page really comes from the cache.
    Service.objects.filter(pk=service.pk).update(name="Written behind")
    assert "Cours de français" in client.get(url).content.decode()
    version = _version()
    service.refresh_from_db()
    service.name = "French lessons"
    service.save()
    assert _version() > version
    assert "French lessons" in client.get(url).content.decode()


@committing
def test_a_bulk_import_makes_cached_pages_obsolete_once(organisations, make_service, page_cache):
    from corridor.directory.importing import update_rows

    service = make_service(organisations["caritas"], "Before")
    version = _version()
    row = {f.attname: getattr(service, f.attname) for f in Service._meta.concrete_fields}
    with transaction.atomic():
        update_rows(Service, [{**row, "name": "After"}])
        update_rows(Service, [{**row, "name": "After again"}])
    assert _version() == version + 1


@committing
def test_a_rolled_back_change_keeps_the_version(organisations, make_service, page_cache):
    version = _version()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_service(organisations["caritas"], "Never committed")
        raise RuntimeError("rolled back")
    assert _version() == version


def test_signed_in_users_are_never_served_from_the_cache(client, users, organisations, make_service, page_cache):
    service = make_service(organisations["caritas"], "Cours de français")
    client.get("/en/services/?q=cours")
    assert len(cache._cache) == 1
    client.force_login(users["caritas"])
    Service.objects.filter(pk=service.pk).update(name="Renamed")
    assert "Renamed" in client.get(f"/en/services/{service.uuid}/").content.decode()
    assert len(cache._cache) == 1


def test_open_now_pages_hold_for_the_minute(client, organisations, make_service, page_cache):
    from datetime import datetime
    from unittest import mock

    from django.utils import timezone

    make_service(organisations["caritas"], "Cours de français", hours=[("MO", (9, 0), (11, 0))])
    monday = timezone.make_aware(datetime(2026, 11, 23, 9, 30))
    with mock.patch("django.utils.timezone.now", return_value=monday):
        assert "Cours de français" in client.get("/en/services/?open=now").content.decode()
        assert len(cache._cache) == 1
        client.get("/en/services/?open=now")
        assert len(cache._cache) == 1
    with mock.patch("django.utils.timezone.now", return_value=monday.replace(minute=31)):
        client.get("/en/services/?open=now")
    assert len(cache._cache) == 2  # a new minute, a new page
