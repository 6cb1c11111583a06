"""Region analyses over HTTP give the same results as the analysis functions (and the CLI), with clear
errors for unknown regions and codes."""

from __future__ import annotations

import pytest

from kg.analysis.gaps import gaps
from kg.config import Settings
from tests.api_support import api_client, loaded_store


@pytest.fixture
def client(tmp_path):
    with api_client(tmp_path) as client:
        yield client


def test_gaps_over_http_equal_the_analysis_function(client):
    body = client.get("/regions/DE126/gaps").json()
    expected = gaps(loaded_store(), Settings(store="memory", _env_file=None), "DE126").to_dict()
    assert body == expected
    single = {(c["determinant"], c["phase"]) for c in body["single_points"]}
    assert ("entrepreneurship-infrastructure", "start-up") in single  # only the incubator; the referral is access


def test_single_points_coverage_and_scope_switches(client):
    single = client.get("/regions/DE126/single-points").json()
    assert set(single) == {"analysis", "scope", "cells", "single_points", "actors"}
    cov = client.get("/regions/DE126/coverage", params={"above": "false"}).json()
    assert cov["scope"]["include_served_from_above"] is False
    names = {a["name"] for a in client.get("/regions/DE126/coverage").json()["actors"].values()}
    assert "Toy Federal Ministry" in names  # seated in Stuttgart, serving Germany
    by_category = client.get("/regions/DE126/coverage", params={"dimension": "service-category"})
    assert by_category.status_code == 200


def test_brokers_whatif_overlaps_compare_responsibility_signposting(client):
    brokers = client.get("/regions/DE1/brokers").json()
    assert brokers["analysis"] == "brokers"
    whatif = client.get("/regions/DE126/whatif/toy-incubator").json()
    assert ("entrepreneurship-infrastructure", "start-up") in {(c["determinant"], c["phase"]) for c in whatif["lost"]}
    assert client.get("/regions/DE126/overlaps", params={"min_providers": 2}).status_code == 200
    assert client.get("/regions/DE125/compare/DE126").json()["analysis"] == "comparison"
    assert client.get("/regions/DE126/responsibility").status_code == 200
    referral = client.get("/regions/DE126/signposting",
                          params={"determinant": "entrepreneurship-infrastructure", "phase": "start-up"}).json()
    assert referral["analysis"] == "signposting"


def test_unknown_region_is_404_and_unknown_code_is_422(client):
    missing = client.get("/regions/XX999/gaps")
    assert missing.status_code == 404 and "XX999" in missing.json()["detail"]
    bad = client.get("/regions/DE126/signposting", params={"determinant": "magic", "phase": "start-up"})
    assert bad.status_code == 422 and "venture-capital" in bad.json()["valid"]
    hostile = client.get("/regions/DE126/whatif/x%22%7D%3BDROP")
    assert hostile.status_code == 422
