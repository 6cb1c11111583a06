"""The coverage matrix as a cluster manager reads it: every cell with a state that says why it looks as it
does, and the services behind it. A page that drew only provider counts would show a sub-determinant as a
gap when its service was recorded against the whole category ("access to finance"); here that cell has its
own state, and a category row carries its roll-up.

Read off the same coverage matrix the analyses use (kg/analysis/coverage.py); the services of each cell
come from the same scope (kg/analysis/services.py), so the providers listed under a cell are its providers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from kg.analysis.actors import ActorInfo, actors_dict
from kg.analysis.coverage import UNSPECIFIED, Cell, Coverage, Row, coverage
from kg.analysis.names import service_id
from kg.analysis.queries import sparql
from kg.analysis.services import ServiceFacts, services_in
from kg.config import Settings
from kg.store import Store

# cell state -> what the legend says; the order is the legend's
STATES: dict[str, str] = {
    "gap": "no provider: a gap",
    "category": "no provider of its own, but covered by a service recorded for the whole category",
    "access": "no direct provider; reached only through signposting or channelling",
    "one": "one direct provider: a single point of failure",
    "two": "two direct providers",
    "many": "three or more direct providers",
    "none": "no service without a stated phase (column “phase not stated” only)",
}


@dataclass(frozen=True)
class CellService:
    """One service under a cell: who offers it, how (direct, signposting, channelling) and from where."""

    id: str
    name: str
    provider: str
    mode: str
    recorded_at: str  # the determinant the service names: the cell's own row, a narrower one, or the category
    locator: str | None
    dataset: str | None
    inferred: bool

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "provider": self.provider, "mode": self.mode,
                "recorded_at": self.recorded_at, "locator": self.locator, "dataset": self.dataset,
                "inferred": self.inferred}


@dataclass(frozen=True)
class HeatCell:
    row: str
    phase: str
    state: str
    count: int  # direct providers
    direct: tuple[str, ...]
    signposting: tuple[str, ...]
    channelling: tuple[str, ...]
    category_level: tuple[str, ...]  # for an empty sub-determinant: the providers recorded for its category
    services: tuple[CellService, ...]

    def to_dict(self) -> dict:
        return {"row": self.row, "phase": self.phase, "state": self.state, "count": self.count,
                "direct": list(self.direct), "signposting": list(self.signposting),
                "channelling": list(self.channelling), "category_level": list(self.category_level),
                "services": [s.to_dict() for s in self.services]}


@dataclass(frozen=True)
class HeatMap:
    coverage: Coverage
    rows: tuple[Row, ...]
    columns: tuple[str, ...]  # the phases, then UNSPECIFIED
    cells: Mapping[tuple[str, str], HeatCell]
    actors: Mapping[str, ActorInfo]

    def cell(self, row: str, phase: str) -> HeatCell:
        return self.cells[(row, phase)]

    def state_counts(self, rollup: bool = False) -> dict[str, int]:
        """How many cells of the real phases are in each state (leaf rows unless `rollup`)."""
        counts = dict.fromkeys(STATES, 0)
        for row in self.rows:
            if row.rollup == rollup:
                for phase in self.coverage.phases:
                    counts[self.cell(row.code, phase).state] += 1
        return counts

    def to_dict(self) -> dict:
        return {
            "analysis": "heatmap",
            "scope": self.coverage.scope.to_dict(),
            "columns": list(self.columns),
            "states": STATES,
            "rows": [r.to_dict() for r in self.rows],
            "cells": [c.to_dict() for c in self.cells.values()],
            "actors": actors_dict(self.actors),
        }


def _state(cell: Cell, category_level: tuple[str, ...]) -> str:
    """Why the cell looks as it does. The column of services without a phase is no phase: empty is no gap."""
    if cell.phase == UNSPECIFIED and not (cell.providers or category_level or cell.signposting or cell.channelling):
        return "none"
    if cell.providers >= 3:
        return "many"
    if cell.providers:
        return ("one", "two")[cell.providers - 1]
    if category_level:
        return "category"
    return "access" if cell.signposting or cell.channelling else "gap"


def _service_records(store: Store, cov: Coverage) -> dict[str, dict]:
    return {
        service_id(r["service"]): {
            "name": str(r["name"]), "locator": None if r["locator"] is None else str(r["locator"]),
            "dataset": None if r["dataset"] is None else str(r["dataset"]).rsplit("/", 1)[-1],
            "inferred": r["inferred"] is not None and r["inferred"].toPython() is True,
        }
        for r in store.select(sparql("heatmap-services"), cov.scope.bindings()).rows
    }


def _cell_services(store: Store, cov: Coverage) -> dict[tuple[str, str], list[CellService]]:
    """Each service under every cell it counts in: its determinants and their broader ones, by its phases."""
    records = _service_records(store, cov)
    found: dict[tuple[str, str], list[CellService]] = defaultdict(list)
    facts: dict[str, ServiceFacts] = services_in(store, cov.scope)
    parents = {r.code: r.parent for r in cov.rows}
    for ident, f in facts.items():
        record = records.get(ident, {"name": ident, "locator": None, "dataset": None, "inferred": False})
        for named in f.determinants:
            rows, current = [], named
            while current is not None and current in parents:
                rows.append(current)
                current = parents[current]
            for row in rows:
                for phase in f.phases or (UNSPECIFIED,):
                    found[(row, phase)].append(CellService(ident, record["name"], f.provider, f.mode, named,
                                                           record["locator"], record["dataset"],
                                                           record["inferred"]))
    return found


def heatmap(store: Store, settings: Settings, region: str, include_served_from_above: bool = True,
            include_subregions: bool = True) -> HeatMap:
    """The region's determinant × phase matrix with a state per cell and the services behind each."""
    cov = coverage(store, settings, region, "determinant", include_served_from_above, include_subregions)
    services = _cell_services(store, cov)
    columns = (*cov.phases, UNSPECIFIED)
    cells: dict[tuple[str, str], HeatCell] = {}
    for row in cov.rows:
        for phase in columns:
            cell = cov.cell(row.code, phase)
            category_level: tuple[str, ...] = ()
            listed = services.get((row.code, phase), [])
            if not row.rollup and row.parent and not cell.direct:
                category_level = cov.cell(row.parent, phase).recorded_here
                listed = [*listed, *(s for s in services.get((row.parent, phase), [])
                                     if s.recorded_at == row.parent and s.provider in category_level)]
            unique = {(s.id, s.recorded_at): s for s in listed}
            cells[(row.code, phase)] = HeatCell(
                row.code, phase, _state(cell, category_level), cell.providers, cell.direct, cell.signposting,
                cell.channelling, category_level,
                tuple(sorted(unique.values(), key=lambda s: (s.mode != "direct", s.provider, s.name))),
            )
    return HeatMap(cov, cov.rows, columns, cells, cov.actors)
