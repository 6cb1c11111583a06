"""`kg taxonomy list`: the schemes, and a scheme's codes with preferred and alternative labels, for people and
machines (table, JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from kg.cli.main import app
from kg.ontology import taxonomy_index


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, ["taxonomy", "list", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_lists_code_label_alternative_labels_and_broader(settings):
    rows = {r["code"]: r for r in json.loads(_run("instrument", "--format", "json"))}
    assert sorted(rows) == taxonomy_index(settings.ontology_dir)["instrument"].codes()
    assert rows["loan"]["label"] == "Loan"
    assert "Loans" in rows["loan"]["alt_labels"].split("; ")
    assert rows["business-consultancy"]["broader"] == "business-support"


def test_csv_has_one_row_per_concept(settings):
    rows = list(csv.DictReader(io.StringIO(_run("actor-type", "--format", "csv"))))
    assert len(rows) == len(taxonomy_index(settings.ontology_dir)["actor-type"].by_code)
    agency = next(r for r in rows if r["code"] == "public-agency")
    assert "National agency" in agency["alt_labels"]


def test_without_a_scheme_the_schemes_are_listed(settings):
    rows = {r["scheme"]: r for r in json.loads(_run("--format", "json"))}
    assert set(rows) == set(taxonomy_index(settings.ontology_dir))
    assert rows["sphere"]["template columns"] == "actors.sphere"


def test_an_unknown_scheme_names_the_valid_ones():
    result = CliRunner().invoke(app, ["taxonomy", "list", "instrumnet"])
    assert result.exit_code == 2
    assert "instrument" in result.output
