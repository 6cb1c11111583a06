"""Comparison of two regions' coverage, or of a region with a model region (seed 001: Mannheim's
integrated approach, §4.1; Massachusetts' dense but uncoordinated system, §4.2).

Profiles are the (sub-determinant, phase) cells with their numbers of direct providers. Similarity is
given twice: `jaccard` over the sets of covered cells (how much of the covered ground is shared) and
`cosine` over the provider-count vectors (whether support is weighted alike). Both are null where they
are undefined (no covered cell on either side, or an empty profile for the cosine).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.analysis.actors import ActorInfo, actors_dict
from kg.analysis.completeness import Completeness, completeness
from kg.analysis.coverage import Coverage, coverage_in
from kg.analysis.heatmap import HeatMap, heatmap
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope, region_scope
from kg.config import Settings
from kg.errors import QueryRefused
from kg.store import Store

# the model regions of seed 001 by name, so that an analyst can write `--model mannheim`
MODEL_REGIONS: dict[str, str] = {"mannheim": "DE126", "massachusetts": "US-MA"}


@dataclass(frozen=True)
class CellDiff:
    determinant: str
    category: str | None
    phase: str
    region: tuple[str, ...]  # direct providers in the region
    model: tuple[str, ...]  # direct providers in the model

    def to_dict(self) -> dict:
        return {
            "determinant": self.determinant, "category": self.category, "phase": self.phase,
            "region_providers": list(self.region), "model_providers": list(self.model),
        }


@dataclass(frozen=True)
class Comparison:
    region: Scope
    model: Scope
    cells: int
    covered_region: int
    covered_model: int
    covered_both: int
    jaccard: float | None
    cosine: float | None
    model_only: tuple[CellDiff, ...]  # what the model has that the region lacks
    region_only: tuple[CellDiff, ...]
    differing: tuple[CellDiff, ...]  # covered on both sides, by different numbers of providers
    model_only_instruments: tuple[str, ...]  # instruments of direct services the region has none of
    actors: Mapping[str, ActorInfo]
    model_only_actor_types: tuple[str, ...] = ()  # actor types among the model's providers, none in the region

    def to_dict(self) -> dict:
        diffs = (*self.model_only, *self.region_only, *self.differing)
        return {
            "analysis": "comparison",
            "region": self.region.to_dict(),
            "model": self.model.to_dict(),
            "cells": self.cells,
            "covered": {"region": self.covered_region, "model": self.covered_model, "both": self.covered_both},
            "similarity": {
                "jaccard": None if self.jaccard is None else round(self.jaccard, 4),
                "cosine": None if self.cosine is None else round(self.cosine, 4),
            },
            "model_only": [d.to_dict() for d in self.model_only],
            "region_only": [d.to_dict() for d in self.region_only],
            "differing": [d.to_dict() for d in self.differing],
            "model_only_instruments": list(self.model_only_instruments),
            "model_only_actor_types": list(self.model_only_actor_types),
            "actors": actors_dict(self.actors, {a for d in diffs for a in (*d.region, *d.model)}),
        }


def _profile(cov: Coverage) -> dict[tuple[str, str], tuple[str, ...]]:
    return {(c.row, c.phase): c.direct for c in cov.phase_cells(rollup=False)}


def _cosine(a: list[int], b: list[int]) -> float | None:
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / norm if norm else None


def _instruments(store: Store, scope: Scope) -> set[str]:
    return {str(i) for i in store.select(sparql("instruments"), scope.bindings()).values("instrument")}


def _actor_types(cov: Coverage) -> set[str]:
    return {t for a in cov.actors.values() for t in a.types}


def model_code(text: str) -> str:
    """A model region's code from its name in seed 001 (`mannheim`), or the text itself."""
    return MODEL_REGIONS.get(text.strip().lower(), text)


def compare(
    store: Store, settings: Settings, region: str, model: str, include_served_from_above: bool = True,
    include_subregions: bool = True,
) -> Comparison:
    """Cell by cell: what the model covers and the region lacks, the reverse, and how similar they are."""
    scopes = [
        region_scope(store, model_code(code), include_served_from_above, include_subregions)
        for code in (region, model)
    ]
    ours, theirs = (coverage_in(store, s) for s in scopes)
    a, b = _profile(ours), _profile(theirs)
    keys = list(a)
    covered_a = {k for k in keys if a[k]}
    covered_b = {k for k in keys if b[k]}
    union = covered_a | covered_b

    def diffs(selected: set[tuple[str, str]]) -> tuple[CellDiff, ...]:
        return tuple(
            CellDiff(row, ours.row(row).parent, phase, a[(row, phase)], b[(row, phase)])
            for row, phase in keys if (row, phase) in selected
        )

    return Comparison(
        scopes[0],
        scopes[1],
        len(keys),
        len(covered_a),
        len(covered_b),
        len(covered_a & covered_b),
        len(covered_a & covered_b) / len(union) if union else None,
        _cosine([len(a[k]) for k in keys], [len(b[k]) for k in keys]),
        diffs(covered_b - covered_a),
        diffs(covered_a - covered_b),
        diffs({k for k in covered_a & covered_b if len(a[k]) != len(b[k])}),
        tuple(sorted(_instruments(store, scopes[1]) - _instruments(store, scopes[0]))),
        {**theirs.actors, **ours.actors},
        tuple(sorted(_actor_types(theirs) - _actor_types(ours))),
    )


MAX_REGIONS = 10  # side by side on one page; more would not be readable


@dataclass(frozen=True)
class SideBySide:
    """Up to ten regions' heat maps side by side, and each region compared with the model when one is named."""

    maps: tuple[HeatMap, ...]  # in the order asked, the model among them
    model: str | None  # the model's region code
    comparisons: tuple[Comparison, ...]  # each region but the model, against the model
    completeness: Mapping[str, Completeness]  # region code -> how complete its data are

    def to_dict(self) -> dict:
        return {
            "analysis": "side-by-side",
            "regions": [{**m.coverage.scope.to_dict(), "thin_data": self.completeness[m.coverage.scope.code].thin,
                         "thin_reasons": list(self.completeness[m.coverage.scope.code].reasons)}
                        for m in self.maps],
            "model": self.model,
            "comparisons": [c.to_dict() for c in self.comparisons],
        }


def side_by_side(store: Store, settings: Settings, regions: Sequence[str], model: str | None = None) -> SideBySide:
    """The regions' matrices, and what the model has that each region lacks (the model joins the maps)."""
    codes = list(dict.fromkeys(model_code(r).strip().upper() for r in regions))
    model_region = model_code(model).strip().upper() if model else None
    if model_region and model_region not in codes:
        codes.append(model_region)
    if not codes:
        raise QueryRefused("name at least one region")
    if len(codes) > MAX_REGIONS:
        raise QueryRefused(f"at most {MAX_REGIONS} regions side by side ({len(codes)} given)")
    maps = tuple(heatmap(store, settings, code) for code in codes)
    comparisons = tuple(compare(store, settings, code, model_region) for code in codes
                        if model_region and code != model_region)
    done = {m.coverage.scope.code: completeness(store, settings, m.coverage.scope.code) for m in maps}
    return SideBySide(maps, model_region, comparisons, done)
