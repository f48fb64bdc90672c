"""No address of a computer is kept: an anonymous contribution on the web and through the API, and failed
sign-ins, leave the client's address in no column of any table (sign-in throttling keeps a keyed hash only)."""
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from corridor.accounts.tests.clients import bearer
from corridor.consultations.models import Consultation, Contribution

pytestmark = pytest.mark.django_db

CLIENT, FORWARDED = "198.51.100.77", "203.0.113.99"


def tables_containing(*needles) -> list[str]:
    """`table.column` of every stored value, of every table, that contains one of `needles`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row):
                    text = value.decode(errors="ignore") if isinstance(value, (bytes, memoryview)) else str(value)
                    found += [f"{table}.{column}" for needle in needles if needle in text]
    return found


@pytest.fixture
def consultation(territories):
    return Consultation.objects.create(slug="welcome", title="Welcoming newcomers", status="open",
                                       content_language="en", languages=["en"], territory=territories["lausanne"],
                                       opens_at=timezone.now() - timedelta(days=1), allow_anonymous=True,
                                       premoderation=False)


def test_no_table_keeps_the_address_of_a_contributor(client, consultation, users, settings):
    settings.TRUSTED_PROXIES = 1  # behind one proxy: the forwarded address is the client's
    headers = {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": FORWARDED}
    response = client.post("/en/consultations/welcome/contribute/", {
        "body": "Anonymous: a welcome desk at the station.", "language": "en", "name": "Awa", "email": "awa@example.org",
        "is_anonymous": "on", "organisation_name": "", "organisation_kind": "", "country": "", "website": ""},
        **headers)
    assert response.status_code == 302, response.context["form"].errors
    api = bearer(users["caritas"])
    response = api.post("/api/v1/consultations/welcome/contributions/",
                        {"body": "Through the API, without my name.", "is_anonymous": True}, format="json", **headers)
    assert response.status_code == 201
    client.post("/en/accounts/login/", {"username": "caritas", "password": "wrong"}, **headers)
    client.post("/en/accounts/login/", {"username": "caritas", "password": "pw-caritas-123"}, **headers)
    client.get("/en/consultations/welcome/", **headers)
    assert Contribution.objects.count() == 2  # what was meant to be stored was, and the scan finds it
    assert "consultations_contribution.body_text" in tables_containing("a welcome desk at the station")
    assert tables_containing(CLIENT, FORWARDED) == []
