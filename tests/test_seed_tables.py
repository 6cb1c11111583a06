"""Each cell of the seed's tables that the fixtures in tests/fixtures/seed-tables/ list is in the data sets: a Table 2
cell as the services that carry it, or, where the cell names no provider, as a stated reason in the data set's
description; an Annex 1 organisation as an actor with a service. The CSV files are read directly (fast, and
independent of the loader)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT
from tests.seed_text import occurs_in_seeds

DATA = PROJECT_ROOT / "data"
TABLES = Path(__file__).parent / "fixtures" / "seed-tables"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def _description(dataset: str) -> str:
    return next(r["value"] for r in _rows(DATA / dataset / "dataset.csv") if r["key"] == "description")


TABLE2 = _rows(TABLES / "table2-massachusetts.csv")
MASS_SERVICES = {r["id"] for r in _rows(DATA / "massachusetts-healthcare" / "services.csv")}


@pytest.mark.parametrize("cell", TABLE2, ids=[f"{c['row']} / {c['column']}: {c['cell'][:30]}" for c in TABLE2])
def test_every_table2_cell_is_a_service_or_says_why_not(cell: dict[str, str]):
    assert occurs_in_seeds(cell["cell"].replace("'", "’")) or all(
        occurs_in_seeds(part.strip()) for part in cell["cell"].split(";")), "the fixture's cell is not in Table 2"
    services = set(filter(None, cell["services"].split(";")))
    if services:
        assert services <= MASS_SERVICES, services - MASS_SERVICES
    else:
        assert cell["why_no_service"].lower() in _description("massachusetts-healthcare").lower()


def test_table2_cells_without_a_provider_have_no_invented_service():
    unattributed = [c["cell"].lower() for c in TABLE2 if not c["services"]]
    names = {r["name"].lower() for r in _rows(DATA / "massachusetts-healthcare" / "services.csv")}
    assert not [n for n in names if any(n in cell or cell in n for cell in unattributed)]


@pytest.mark.parametrize("organisation", _rows(TABLES / "annex1-organisations.csv"), ids=lambda o: o["name"])
def test_every_annex1_organisation_is_an_actor_with_services(organisation: dict[str, str]):
    folder = DATA / "annex1-cluster-organisations"
    assert organisation["actor"] in {r["id"] for r in _rows(folder / "actors.csv")}
    assert organisation["actor"] in {r["provider"] for r in _rows(folder / "services.csv")}
    assert occurs_in_seeds(organisation["name"])
