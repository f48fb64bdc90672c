"""The JSON API fuzzed from its own OpenAPI schema (schemathesis, in process through WSGI): for every
operation the schema documents, generated requests never make the server fail (500) and every response
conforms to what the schema promises. Operations added by any app are included as soon as they are in
the schema. Bounded: FUZZ_EXAMPLES requests per operation, derandomised so that CI runs are repeatable."""
import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from corridor.accounts.models import ApiToken
from corridor.wsgi import application

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

FUZZ_EXAMPLES = 12


def site_schema():
    """The schema the site serves (generated as /api/schema/ generates it), bound to the site itself."""
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    # Generated cases only: the coverage phase's hundreds of boundary cases per operation are too slow for CI.
    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}, "examples": {"enabled": False}}})
    loaded = schemathesis.openapi.from_dict(document, config=config)
    loaded.app = application
    return loaded


schema = site_schema()


@pytest.fixture(autouse=True)
def database_connection_kept_open():
    """As Django's test client does: a request's end must not close the connection that holds the test's
    transaction (on PostgreSQL it would, the transaction having turned autocommit off)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def member_token(users, organisations, make_service):
    """A member of Caritas Vaud with a token that may write; a little data so that lists and details answer."""
    make_service(organisations["caritas"], "Permanence juridique", "Conseils juridiques gratuits.",
                 categories=["legal"], languages=["fr", "ar"])
    return ApiToken.issue(users["caritas"], "fuzzing", scope=ApiToken.Scope.WRITE)[1]


@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
          phases=[Phase.generate], suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_as_documented(case, member_token):
    # Uncompressed answers: the in-process client does not undo the site's gzip.
    case.call_and_validate(headers={"Authorization": f"Bearer {member_token}", "Accept-Encoding": "identity"},
                           checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
