"""The analysis commands as a user runs them: `kg load` the fixtures into an on-disk store, then each
command with `--format json` checked against the answers known by construction, and csv and tables."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """One store for the module, loaded through the CLI; each command opens and closes it again."""
    store = tmp_path_factory.mktemp("analysis-cli") / "store"
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_STORE", "embedded")
        patch.setenv("KG_STORE_PATH", str(store))

        def invoke(*args: str):
            return runner.invoke(app, list(args))

        fixtures = ("regions-mini", "analysis-coverage", "analysis-network")
        loaded = invoke("load", *(str(FIXTURES / name) for name in fixtures))
        assert loaded.exit_code == 0, loaded.output
        yield invoke


def _json(cli, *args: str) -> dict:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_coverage_json(cli):
    data = _json(cli, "coverage", "DE126")
    cells = {(c["row"], c["phase"]): c for c in data["cells"]}
    assert cells[("venture-capital", "start-up")]["direct"] == ["cov-angels", "cov-corporate", "cov-vc"]
    assert cells[("access-debt-financing", "growth")]["direct"] == ["cov-ministry"]
    no_above = _json(cli, "coverage", "DE126", "--no-above")
    assert {(c["row"], c["phase"]): c for c in no_above["cells"]}[("access-debt-financing", "growth")]["providers"] == 0
    groups = _json(cli, "coverage", "DE126", "--dimension", "target-group")
    assert groups["dimension"] == "target-group" and any(r["code"] == "students" for r in groups["rows"])


def test_gaps_json_matches_the_planted_cells(cli):
    data = _json(cli, "gaps", "DE126")
    assert {(f["determinant"], f["phase"]): f["providers"] for f in data["single_points"]} == {
        ("access-debt-financing", "growth"): ["cov-ministry"],
        ("business-angels", "start-up"): ["cov-angels"],
        ("business-entrepreneurship-education", "pre-start"): ["cov-university"],
        ("entrepreneurship-infrastructure", "start-up"): ["cov-incubator"],
        ("admin-burdens-entry", "pre-start"): ["cov-city"],
        ("admin-burdens-entry", "start-up"): ["cov-city"],
        ("bankruptcy-regulation", "established"): ["cov-cluster"],
        # the network fixture's national agency serves all of Germany from Stuttgart
        ("rd-investment", "growth"): ["net-national"],
    }
    gaps = {(f["determinant"], f["phase"]) for f in data["gaps"]}
    assert ("business-angels", "growth") in gaps and len(gaps) == 116 - 8 - 3


def test_overlaps_json(cli):
    data = _json(cli, "overlaps", "DE126")
    assert [(o["determinant"], o["phase"], o["providers"]) for o in data["overlaps"]] == [
        ("venture-capital", "start-up", ["cov-angels", "cov-corporate", "cov-vc"])
    ]
    two = _json(cli, "overlaps", "DE126", "--min-providers", "2")
    assert {(o["determinant"], o["phase"]) for o in two["overlaps"]} == {
        ("venture-capital", "start-up"), ("access-domestic-market", "growth")
    }


def test_brokers_json(cli):
    data = _json(cli, "brokers", "DE125")
    assert data["brokers"][0]["actor"] == "net-bridge" and data["brokers"][0]["spans_public_private"]
    assert data["isolates"] == ["cov-hd-angels", "cov-lab", "net-loner"]
    served = _json(cli, "brokers", "DE125", "--served")
    assert "net-national" in served["actors"]


def test_signpost_json(cli):
    data = _json(cli, "signpost", "DE126", "-d", "entrepreneurship-infrastructure", "-p", "start-up")
    assert [p["actor"] for p in data["providers"]] == ["cov-incubator"]
    assert data["chains"][0]["path"] == ["cov-city", "cov-cluster", "cov-incubator"]
    grouped = _json(cli, "signpost", "DE126", "-d", "training-experience-entrepreneurs", "-p", "start-up",
                    "-t", "students")
    assert [p["actor"] for p in grouped["providers"]] == ["cov-university"]


def test_compare_json_with_a_named_model_region(cli):
    data = _json(cli, "compare", "DE125", "mannheim")
    assert data["model"]["region"] == "DE126"
    assert data["covered"] == {"region": 4, "model": 11, "both": 3}
    assert ("business-angels", "start-up") in {(d["determinant"], d["phase"]) for d in data["model_only"]}


def test_whatif_json(cli):
    data = _json(cli, "whatif", "DE126", "cov-incubator")
    assert data["removed"]["id"] == "cov-incubator"
    assert [(f["determinant"], f["phase"]) for f in data["lost"]] == [("entrepreneurship-infrastructure", "start-up")]


def test_responsibility_json(cli):
    data = _json(cli, "responsibility", "DE126")
    statuses = {(e["determinant"], e["actor_type"], e["role"]): e["status"] for e in data["expectations"]}
    assert statuses[("admin-burdens-entry", "government", "regulator")] == "met"
    assert statuses[("bankruptcy-regulation", "government", "regulator")] == "other-actors"


def test_csv_is_flat_with_ids(cli):
    result = cli("gaps", "DE126", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "kind,determinant,category,phase,providers,signposting,channelling,phase unspecified"
    assert "single-point,entrepreneurship-infrastructure,entrepreneurial-capabilities,start-up,cov-incubator," \
           "cov-cluster,," in lines


def test_tables_render_for_people(cli):
    for args in (("coverage", "DE126"), ("gaps", "DE126"), ("overlaps", "DE126"), ("brokers", "DE125"),
                 ("signpost", "DE126", "-d", "venture-capital", "-p", "start-up"), ("compare", "DE125", "DE126"),
                 ("whatif", "DE126", "cov-city"), ("responsibility", "DE126")):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
    assert "cells with ≥ 3 providers in DE126" in cli("overlaps", "DE126").output
    assert "brokers in DE125 Heidelberg" in cli("brokers", "DE125").output


def test_unknown_region_actor_and_concept_exit_with_2(cli):
    for args in (("gaps", "XX9"), ("whatif", "DE126", "nobody"), ("signpost", "DE126", "-d", "luck", "-p", "start-up")):
        result = cli(*args)
        assert result.exit_code == 2
        assert "error" in result.output
