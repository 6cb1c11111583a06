"""Everything a region's dashboard and report show, computed once: the heat map, gaps and single points of
failure, overlaps, brokers, the region's Eurostat indicators and how complete its data are. Each part is the
analysis its own JSON route returns, so the page and the API cannot disagree; this module only gathers them and
adds the names the page prints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from kg.analysis.completeness import Completeness, completeness
from kg.analysis.coverage import Finding
from kg.analysis.gaps import GapReport, gaps
from kg.analysis.heatmap import STATES, HeatMap, heatmap
from kg.analysis.indicators import RegionIndicators, region_indicators
from kg.analysis.network import NetworkReport, brokers
from kg.analysis.overlaps import OverlapReport, overlaps
from kg.analysis.scope import Scope
from kg.config import Settings
from kg.store import Store


@dataclass(frozen=True)
class Dashboard:
    heat: HeatMap
    gaps: GapReport
    overlaps: OverlapReport
    network: NetworkReport
    completeness: Completeness
    indicators: RegionIndicators

    @property
    def scope(self) -> Scope:
        return self.heat.coverage.scope

    @cached_property
    def names(self) -> dict[str, str]:
        """Actor id -> name, for every actor any panel names."""
        return {ident: a.name for ident, a in {**self.network.actors, **self.heat.actors, **self.gaps.actors,
                                                **self.overlaps.actors}.items()}

    @cached_property
    def labels(self) -> dict[str, str]:
        """Determinant code -> label."""
        return {r.code: r.label for r in self.heat.rows}

    def _split_gaps(self, state: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for gap in self.gaps.gaps:
            if self.heat.cell(gap.determinant, gap.phase).state == state:
                found.setdefault(gap.determinant, []).append(gap.phase)
        return found

    @property
    def open_gaps(self) -> dict[str, list[str]]:
        """Sub-determinant -> phases with no provision at all, not even at category level or by referral."""
        return self._split_gaps("gap")

    @property
    def category_only(self) -> dict[str, list[str]]:
        """Sub-determinant -> phases covered only by a service recorded for the whole category."""
        return self._split_gaps("category")

    @property
    def access_only(self) -> dict[str, list[str]]:
        """Sub-determinant -> phases reached only through signposting or channelling."""
        return self._split_gaps("access")

    def single_points(self) -> tuple[Finding, ...]:
        return self.gaps.single_points

    def panel_data(self) -> dict:
        """What a click on a cell lists: per cell its state and services, with the names and labels to print."""
        return {
            "cells": {f"{c.row}|{c.phase}": c.to_dict() for c in self.heat.cells.values()},
            "names": self.names,
            "labels": self.labels,
            "states": STATES,
        }


def dashboard(store: Store, settings: Settings, region: str) -> Dashboard:
    """The region's dashboard with the analyses' default scope (served from above and sub-regions count)."""
    return Dashboard(heatmap(store, settings, region), gaps(store, settings, region),
                     overlaps(store, settings, region), brokers(store, settings, region),
                     completeness(store, settings, region), region_indicators(store, region))
