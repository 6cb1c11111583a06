"""The `kg` command line as a user runs it: help, checks, loads with clear errors, queries in each format."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import FIXTURES


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", "embedded")
    monkeypatch.setenv("KG_STORE_PATH", str(tmp_path / "store"))
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))

    return invoke


def test_help_lists_the_commands(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("validate", "load", "stats", "query", "ontology", "taxonomy"):
        assert command in result.output


def test_ontology_check_prints_counts_and_succeeds(cli):
    result = cli("ontology", "check")
    assert result.exit_code == 0, result.output
    assert "determinant" in result.output and "35" in result.output and "ontology OK" in result.output


def test_taxonomy_list_shows_codes_and_broader(cli):
    result = cli("taxonomy", "list", "determinant")
    assert result.exit_code == 0
    assert "venture-capital" in result.output and "access-to-finance" in result.output
    unknown = cli("taxonomy", "list", "colours")
    assert unknown.exit_code == 2 and "unknown taxonomy" in unknown.output


def test_load_stats_and_query_in_every_format(cli):
    loaded = cli("load", str(FIXTURES / "regions-mini"), str(FIXTURES / "toy-region"))
    assert loaded.exit_code == 0, loaded.output
    assert "toy-region" in loaded.output
    stats = cli("stats")
    assert stats.exit_code == 0 and "https://w3id.org/rckg/graph/toy-region" in stats.output
    as_json = cli("query", "cq05-signpost-to-incubators", "-p", "region=DE126", "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.stdout)
    assert rows[0]["actorName"] == "Toy Cluster Management" and rows[0]["incubatorName"] == "Toy Incubator"
    as_csv = cli("query", "SELECT ?code WHERE { ?r rc:regionCode ?code } ORDER BY ?code", "--format", "csv")
    assert as_csv.stdout.splitlines()[:3] == ["code", "DE", "DE1"]
    as_tsv = cli("query", "cq06-services-for-target-groups", "-p", "region=DE126", "--format", "tsv")
    assert "Start-up coaching\t" in as_tsv.stdout


def test_bad_data_set_fails_with_every_problem_listed_and_store_unchanged(cli, toy_copy):
    assert cli("load", str(FIXTURES / "regions-mini")).exit_code == 0
    before = cli("stats", "--format", "csv").stdout
    services = toy_copy / "services.csv"
    text = services.read_text().replace("venture-capital", "venture-kapital").replace(",growth,", ",later,")
    services.write_text(text)
    result = cli("load", str(toy_copy))
    assert result.exit_code == 1
    assert "services.csv, row 3, determinants: unknown determinant" in result.output
    assert "services.csv, row 7, phases: unknown phase" in result.output
    assert cli("stats", "--format", "csv").stdout == before
    assert cli("validate", str(toy_copy)).exit_code == 1


def test_query_errors_are_clear(cli):
    cli("load", str(FIXTURES / "regions-mini"))
    missing = cli("query", "cq01-providers-of-determinant", "-p", "region=DE126")
    assert missing.exit_code == 2 and "needs determinant" in missing.output
    unknown = cli("query", "cq01-providers-of-determinant", "-p", "region=XX999", "-p", "determinant=culture")
    assert unknown.exit_code == 2 and "unknown region code 'XX999'" in unknown.output
    malformed = cli("query", "SELECT ?x WHERE { ?x ")
    assert malformed.exit_code == 2 and "malformed query" in malformed.output
    assert cli("query", "no-such-query").exit_code == 2
