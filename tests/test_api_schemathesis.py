"""Property-based tests of every operation of the OpenAPI schema (schemathesis): generated requests, valid
and invalid, never cause a server error, and responses match the documented schemas. Bounded in time: a
fixed number of examples per operation, derandomised so CI runs are repeatable."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from api import create_app
from tests.api_support import TOKEN, api_settings, loaded_store


@schemathesis.serializer("application/sparql-query", "application/n-triples", "text/turtle",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
def _text_body(ctx, value) -> bytes:
    """Bodies the API reads as text or bytes: send what was generated as UTF-8 text."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")


# schemathesis reads the schema when the module is collected, so this module builds its app here
APP = create_app(api_settings(Path(tempfile.mkdtemp(prefix="kg-schemathesis-"))), loaded_store(), query_workers=1)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():
    yield
    APP.state.sparql.close()


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error_or_an_undocumented_status(case):
    # with the write token, so that generated uploads reach validation instead of stopping at 401
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           checks=[not_a_server_error, response_schema_conformance, status_code_conformance])
