"""Where support may be duplicated: cells with at least k direct providers and no collaboration or
coordination link between any two of them (a fragmented support environment, CQ4).

A link is rc:collaboratesWith (rc:partnerAbroad), rc:coordinates, rc:memberOf or rc:partOf, in either
direction, between two providers of the cell; a link through a third actor does not count. Crowded
cells with links are listed apart (`coordinated`), with the links, so an analyst sees why they pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from kg.analysis.actors import ActorInfo, Link, actors_dict
from kg.analysis.coverage import Finding, coverage, finding
from kg.analysis.names import actor_id
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope
from kg.config import Settings
from kg.errors import QueryRefused
from kg.store import Store

DEFAULT_MIN_PROVIDERS = 3  # CQ4: "three or more providers with no collaboration link among them"


@dataclass(frozen=True)
class CrowdedCell:
    finding: Finding
    links: tuple[Link, ...]

    def to_dict(self) -> dict:
        return {**self.finding.to_dict(), "links": [link.to_dict() for link in self.links]}


@dataclass(frozen=True)
class OverlapReport:
    scope: Scope
    min_providers: int
    overlaps: tuple[CrowdedCell, ...]  # no link among the providers
    coordinated: tuple[CrowdedCell, ...]  # as crowded, but some providers are linked
    actors: Mapping[str, ActorInfo]

    def to_dict(self) -> dict:
        named = {a for c in (*self.overlaps, *self.coordinated) for a in c.finding.actor_ids()}
        return {
            "analysis": "overlaps",
            "scope": self.scope.to_dict(),
            "min_providers": self.min_providers,
            "overlaps": [c.to_dict() for c in self.overlaps],
            "coordinated": [c.to_dict() for c in self.coordinated],
            "actors": actors_dict(self.actors, named),
        }


def overlaps(
    store: Store, settings: Settings, region: str, min_providers: int = DEFAULT_MIN_PROVIDERS,
    include_served_from_above: bool = True, include_subregions: bool = True,
) -> OverlapReport:
    """Crowded (sub-determinant, phase) cells, split into those without and with links among providers."""
    if min_providers < 2:
        raise QueryRefused("an overlap needs at least 2 providers (min_providers >= 2)")
    cov = coverage(store, settings, region, "determinant", include_served_from_above, include_subregions)
    links: dict[frozenset[str], set[Link]] = {}
    for r in store.select(sparql("provider-links"), cov.scope.bindings()).rows:
        link = Link.of(actor_id(r["source"]), str(r["relation"]), actor_id(r["target"]))
        links.setdefault(frozenset((link.source, link.target)), set()).add(link)
    unlinked, linked = [], []
    for cell in cov.phase_cells(rollup=False):
        if cell.providers < min_providers:
            continue
        found = sorted(
            (link for pair in combinations(cell.direct, 2) for link in links.get(frozenset(pair), ())),
            key=lambda link: (link.source, link.relation, link.target),
        )
        (linked if found else unlinked).append(CrowdedCell(finding(cov, cell), tuple(found)))
    return OverlapReport(cov.scope, min_providers, tuple(unlinked), tuple(linked), cov.actors)
