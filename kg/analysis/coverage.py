"""The coverage matrix of a region: distinct actors per (concept, phase), direct provision kept apart from
signposting and channelled access. The store aggregates (queries/coverage.rq); Python only lays out cells.

A cell is (concept, phase). A service counts in the row of each concept it addresses and in the rows of
their broader concepts, so a category row is a roll-up of its sub-concepts. A service with no phase is
counted in the extra column "unspecified" only. Providers are counted distinct.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from rdflib import URIRef

from kg.analysis.actors import ActorInfo, actors_dict, read_actors
from kg.analysis.names import actor_id, code_of
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope, region_scope
from kg.config import Settings
from kg.errors import NotFound
from kg.namespaces import RC
from kg.store import Store

UNSPECIFIED = "unspecified"

# analysis dimension -> (service property, class of its concepts), as in ontology/core.ttl
DIMENSIONS: dict[str, tuple[URIRef, URIRef]] = {
    "determinant": (RC.addresses, RC.Determinant),
    "service-category": (RC.serviceCategory, RC.ServiceCategory),
    "target-group": (RC.targetGroup, RC.TargetGroup),
}

# delivery-mode codes that give access without providing (seed 001, §2.2 and §3.2); any other is direct
ACCESS_MODES = ("signposting", "channelling")


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    parent: str | None
    rollup: bool  # has narrower concepts, whose services its cells include

    def to_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "parent": self.parent, "rollup": self.rollup}


@dataclass(frozen=True)
class Cell:
    row: str
    phase: str
    direct: tuple[str, ...] = ()
    signposting: tuple[str, ...] = ()
    channelling: tuple[str, ...] = ()
    recorded_here: tuple[str, ...] = ()  # direct providers whose service names this very concept, not a narrower

    @property
    def providers(self) -> int:
        return len(self.direct)

    def to_dict(self) -> dict:
        return {
            "row": self.row, "phase": self.phase, "providers": self.providers, "direct": list(self.direct),
            "signposting": list(self.signposting), "channelling": list(self.channelling),
            "recorded_here": list(self.recorded_here),
        }


@dataclass(frozen=True)
class Coverage:
    scope: Scope
    dimension: str
    rows: tuple[Row, ...]
    phases: tuple[str, ...]  # the phases in order; UNSPECIFIED is an extra column, not a phase
    cells: tuple[Cell, ...]  # every row x (phases + UNSPECIFIED), empty cells included
    actors: Mapping[str, ActorInfo]

    @cached_property
    def _index(self) -> dict[tuple[str, str], Cell]:
        return {(c.row, c.phase): c for c in self.cells}

    @cached_property
    def _rows(self) -> dict[str, Row]:
        return {r.code: r for r in self.rows}

    def cell(self, row: str, phase: str) -> Cell:
        return self._index[(row, phase)]

    def row(self, code: str) -> Row:
        return self._rows[code]

    def phase_cells(self, rollup: bool) -> list[Cell]:
        """The cells of the real phases, of either the leaf rows (the analyses' cells) or the roll-up rows."""
        return [self.cell(r.code, p) for r in self.rows if r.rollup == rollup for p in self.phases]

    def to_dict(self) -> dict:
        return {
            "analysis": "coverage",
            "scope": self.scope.to_dict(),
            "dimension": self.dimension,
            "phases": [*self.phases, UNSPECIFIED],
            "rows": [r.to_dict() for r in self.rows],
            "cells": [c.to_dict() for c in self.cells],
            "actors": actors_dict(self.actors),
        }


@dataclass(frozen=True)
class Finding:
    """One cell as the gap, overlap, what-if and comparison results list it (determinant dimension).

    `category` is the row's category; a category row (a roll-up) names itself. `phase_unspecified` lists
    the direct providers of the row whose services give no phase: they fill no cell, but an analyst
    should know of them.
    """

    determinant: str
    category: str | None
    phase: str
    providers: tuple[str, ...]
    signposting: tuple[str, ...] = ()
    channelling: tuple[str, ...] = ()
    phase_unspecified: tuple[str, ...] = ()

    def actor_ids(self) -> set[str]:
        return {*self.providers, *self.signposting, *self.channelling, *self.phase_unspecified}

    def to_dict(self) -> dict:
        return {
            "determinant": self.determinant, "category": self.category, "phase": self.phase,
            "providers": list(self.providers), "signposting": list(self.signposting),
            "channelling": list(self.channelling), "phase_unspecified": list(self.phase_unspecified),
        }


def finding(cov: Coverage, cell: Cell, without: str | None = None) -> Finding:
    """The cell as a finding; `without` drops one actor everywhere (the what-if's state after removal)."""
    row = cov.row(cell.row)

    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a for a in ids if a != without)

    return Finding(
        cell.row, row.code if row.rollup else row.parent, cell.phase, keep(cell.direct), keep(cell.signposting),
        keep(cell.channelling), keep(cov.cell(cell.row, UNSPECIFIED).direct),
    )


def phase_order(store: Store) -> dict[URIRef, str]:
    """Phase IRI -> code, in the order of the phase scheme's ordered collection."""
    return {r["phase"]: str(r["code"]) for r in store.select(sparql("phase-order")).rows}


def axis(store: Store, cls: URIRef) -> tuple[dict[URIRef, str], tuple[Row, ...]]:
    """The concepts of a taxonomy in tree order (each root, then its narrower concepts), and IRI -> code."""
    found: dict[str, tuple[str, str | None]] = {}
    codes: dict[URIRef, str] = {}
    for r in store.select(sparql("axis"), {"class": cls}).rows:
        code = str(r["code"])
        codes[r["concept"]] = code
        if code not in found:
            found[code] = (str(r["label"] or code), None if r["parent"] is None else str(r["parent"]))
    children: dict[str | None, list[str]] = defaultdict(list)
    for code, (_, parent) in found.items():
        children[parent if parent in found else None].append(code)
    ordered: list[Row] = []

    def visit(code: str) -> None:
        label, parent = found[code]
        ordered.append(Row(code, label, parent if parent in found else None, bool(children.get(code))))
        for child in sorted(children.get(code, ())):
            visit(child)

    for root in sorted(children[None]):
        visit(root)
    return codes, tuple(ordered)


def coverage_in(store: Store, scope: Scope, dimension: str = "determinant") -> Coverage:
    """The matrix for an already resolved scope (the comparison computes two)."""
    if dimension not in DIMENSIONS:
        raise NotFound(f"unknown coverage dimension {dimension!r}", valid=list(DIMENSIONS))
    prop, cls = DIMENSIONS[dimension]
    codes, rows = axis(store, cls)
    phases = phase_order(store)
    found: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.select(sparql("coverage"), scope.bindings(dimension=prop)).rows:
        if r["row"] not in codes:
            continue
        phase = phases.get(r["phase"], UNSPECIFIED)
        mode = code_of(r["mode"])
        mode = mode if mode in ACCESS_MODES else "direct"
        ids = {actor_id(a) for a in str(r["actors"]).split()}
        found[(codes[r["row"]], phase)][mode] |= ids
        if mode == "direct" and r["own"] is not None and r["own"].toPython() is True:
            found[(codes[r["row"]], phase)]["recorded_here"] |= ids
    cells = []
    for row in rows:
        for phase in (*phases.values(), UNSPECIFIED):
            modes = found.get((row.code, phase), {})
            cells.append(Cell(row.code, phase, *(tuple(sorted(modes.get(m, ())))
                                                 for m in ("direct", *ACCESS_MODES, "recorded_here"))))
    actors = read_actors(store.select(sparql("providers"), scope.bindings()).rows)
    return Coverage(scope, dimension, rows, tuple(phases.values()), tuple(cells), actors)


def coverage(
    store: Store,
    settings: Settings,
    region: str,
    dimension: str = "determinant",
    include_served_from_above: bool = True,
    include_subregions: bool = True,
) -> Coverage:
    """Coverage matrix of a region for one dimension: determinant, service-category or target-group."""
    scope = region_scope(store, region, include_served_from_above, include_subregions)
    return coverage_in(store, scope, dimension)
