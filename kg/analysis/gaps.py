"""Where support is missing or fragile: gaps (cells with no provider), single points of failure (cells with
exactly one), and what-if removal of an actor. Read off the coverage matrix, so the definitions agree.

Cells are (sub-determinant, phase) over the four phases; only direct provision counts as a provider,
signposting and channelling are listed with each cell as access. Category rows are roll-ups and are
reported apart (`category_gaps`, `category_lost`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.analysis.actors import ActorInfo, actors_dict, lookup_actor
from kg.analysis.coverage import Finding, coverage, finding
from kg.analysis.scope import Scope
from kg.config import Settings
from kg.store import Store


def _named(*groups: tuple[Finding, ...]) -> set[str]:
    return {a for group in groups for f in group for a in f.actor_ids()}


@dataclass(frozen=True)
class GapReport:
    scope: Scope
    cells: int  # (sub-determinant, phase) cells examined
    gaps: tuple[Finding, ...]
    single_points: tuple[Finding, ...]
    category_gaps: tuple[Finding, ...]
    actors: Mapping[str, ActorInfo]

    def to_dict(self) -> dict:
        return {
            "analysis": "gaps",
            "scope": self.scope.to_dict(),
            "cells": self.cells,
            "gaps": [f.to_dict() for f in self.gaps],
            "single_points": [f.to_dict() for f in self.single_points],
            "category_gaps": [f.to_dict() for f in self.category_gaps],
            "actors": actors_dict(self.actors, _named(self.gaps, self.single_points, self.category_gaps)),
        }


def gaps(
    store: Store, settings: Settings, region: str, include_served_from_above: bool = True,
    include_subregions: bool = True,
) -> GapReport:
    """Cells with no direct provider, cells with exactly one, and category rows with none in a phase."""
    cov = coverage(store, settings, region, "determinant", include_served_from_above, include_subregions)
    cells = cov.phase_cells(rollup=False)
    return GapReport(
        cov.scope,
        len(cells),
        tuple(finding(cov, c) for c in cells if c.providers == 0),
        tuple(finding(cov, c) for c in cells if c.providers == 1),
        tuple(finding(cov, c) for c in cov.phase_cells(rollup=True) if c.providers == 0),
        cov.actors,
    )


@dataclass(frozen=True)
class WhatIf:
    scope: Scope
    removed: ActorInfo
    provides_in: int  # cells the actor provides directly now
    lost: tuple[Finding, ...]  # cells it alone covers: they become gaps
    weakened: tuple[Finding, ...]  # cells it shares with one other: they become single points
    category_lost: tuple[Finding, ...]
    actors: Mapping[str, ActorInfo]

    def to_dict(self) -> dict:
        named = _named(self.lost, self.weakened, self.category_lost) | {self.removed.id}
        return {
            "analysis": "whatif",
            "scope": self.scope.to_dict(),
            "removed": {"id": self.removed.id, **self.removed.to_dict()},
            "provides_in": self.provides_in,
            "lost": [f.to_dict() for f in self.lost],
            "weakened": [f.to_dict() for f in self.weakened],
            "category_lost": [f.to_dict() for f in self.category_lost],
            "actors": actors_dict({**self.actors, self.removed.id: self.removed}, named),
        }


def whatif(
    store: Store, settings: Settings, region: str, actor: str, include_served_from_above: bool = True,
    include_subregions: bool = True,
) -> WhatIf:
    """Take an actor out and list the cells that lose all provision; findings show the state after removal."""
    removed = lookup_actor(store, actor)
    cov = coverage(store, settings, region, "determinant", include_served_from_above, include_subregions)

    def after(rollup: bool, before: int) -> tuple[Finding, ...]:
        return tuple(
            finding(cov, c, without=removed.id)
            for c in cov.phase_cells(rollup)
            if removed.id in c.direct and c.providers == before
        )

    return WhatIf(
        cov.scope,
        removed,
        sum(removed.id in c.direct for c in cov.phase_cells(rollup=False)),
        after(rollup=False, before=1),
        after(rollup=False, before=2),
        after(rollup=True, before=1),
        cov.actors,
    )
