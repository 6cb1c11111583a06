"""Every row of a seed data set that cites a seed document carries a verbatim quote of it, and every quote occurs in
the project's copy of the seeds (data/sources/seeds/): a reader can find the passage, and a citation typed wrong
fails here. Seed sources are the rows of sources.csv whose id starts with 'seed-'."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Namespace

from kg.config import PROJECT_ROOT
from tests.seed_text import occurs_in_seeds

DATA = PROJECT_ROOT / "data"
SEED_SETS = ("mannheim-medtech", "massachusetts-healthcare", "north-jutland", "annex1-cluster-organisations",
             "cip-voucher-projects", "social-economy", "skane", "upper-austria", "flanders")
RC = Namespace("https://w3id.org/rckg/ontology#")


def _seed_rows() -> Iterator[tuple[str, int, dict[str, str]]]:
    """(file, row number as a spreadsheet counts it, row) of every row citing a seed."""
    for name in SEED_SETS:
        folder = DATA / name
        seeds = {r["id"] for r in csv.DictReader((folder / "sources.csv").open(encoding="utf-8"))
                 if r["id"].startswith("seed-")}
        assert seeds, f"{folder}/sources.csv cites no seed"
        for table in ("actors", "services", "relations"):
            path = folder / f"{table}.csv"
            if path.exists():
                for number, row in enumerate(csv.DictReader(path.open(encoding="utf-8")), start=2):
                    if row["source"] in seeds:
                        yield f"{name}/{table}.csv", number, row


SEED_ROWS = list(_seed_rows())


def test_the_seed_copy_is_in_the_project():
    assert sorted(p.name for p in (DATA / "sources" / "seeds").glob("*.txt")) == [
        "000_d48a4c535ccc4c71.txt", "001_64c7e5696d9767a4.txt"]


@pytest.mark.parametrize("where,number,row", SEED_ROWS, ids=[f"{w}:{n}" for w, n, _ in SEED_ROWS])
def test_seed_sourced_row_quotes_the_seed(where: str, number: int, row: dict[str, str]):
    quote = row.get("source_quote", "")
    assert quote, f"{where} row {number}: no source_quote"
    assert occurs_in_seeds(quote), f"{where} row {number}: source_quote not in the seed text: {quote!r}"


def test_every_survey_quote_occurs_in_the_seeds():
    graph = Graph()
    for path in Path(DATA / "survey-cluster-organisations").glob("*.ttl"):
        graph.parse(path)
    quotes = list(graph.objects(None, RC.sourceQuote))
    assert quotes
    assert [str(q) for q in quotes if not occurs_in_seeds(str(q))] == []


def test_a_quote_not_in_the_seeds_is_caught():
    assert occurs_in_seeds("Early-stage funds for healthcare IT available from MassVentures, a quasi-public agency.")
    assert not occurs_in_seeds("Early-stage funds for healthcare IT available from MassBio")
