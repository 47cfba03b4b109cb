"""schemathesis against the API's own OpenAPI document, over real HTTP: every operation
(GET with any parameters the schema allows, POST /api/documents with the token) gets
generated requests, and none may answer 5xx. A store built from the shipped sample
articles gives the reads something to find; examples are capped to keep this under a
minute.

The operations are driven through schemathesis' Hypothesis strategies (`as_strategy`)
rather than its pytest plugin, whose lazy fixtures do not run under pytest 9."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from dronewatch.api import create_app
from dronewatch.cli import sample_path
from dronewatch.store import ingest, open_store
from live_server import LiveServer

TOKEN = "schema-test-token"
OPERATIONS = ["GET /api/health", "GET /api/claims", "GET /api/incidents",
              "GET /api/incidents/{incident_id}", "GET /api/stats", "GET /api/series",
              "POST /api/documents"]
EXAMPLES = {"POST /api/documents": 10}  # each one extracts and rebuilds the incidents


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("schema") / "store.db")
    with open_store(db) as store:
        ingest(store, [str(sample_path())])
    with LiveServer(create_app(db, token=TOKEN)) as live:
        yield schemathesis.openapi.from_url(live.url + "/openapi.json")


def test_the_schema_lists_exactly_these_operations(schema):
    found = {f"{op.ok().method.upper()} {op.ok().path}" for op in schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("name", OPERATIONS)
def test_no_operation_answers_5xx(schema, name):
    method, path = name.split(" ", 1)
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES.get(name, 40), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                               checks=[not_a_server_error])

    run()
