"""When the database cannot be reached, readers get a 503 that says so, not an error page.
(tests/faults/test_database_restart.py restarts a real PostgreSQL under load.)"""
import pytest
from django.test import Client


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = "corridor.core.tests.urls_failing"
    return Client(raise_request_exception=False)


def test_a_page_says_the_database_is_briefly_unavailable(client):
    response = client.get("/page/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "<h1>Briefly unavailable</h1>" in page
    assert "Corridor cannot reach its database for a moment. Please try again in a minute." in page
    assert "Traceback" not in page and "5432" not in page


def test_the_api_answers_in_json(client):
    response = client.get("/api/v1/things/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json() == {"detail": "Corridor cannot reach its database for a moment. Please try again in a minute."}


def test_other_errors_stay_server_errors(client):
    assert client.get("/bug/").status_code == 500
