"""Signposting paths: for an entrepreneur's need (determinant, phase, optional target group), the providers
reachable from a region and the referral chains that lead to them (seed 001: provide only what is
missing, otherwise signpost to the right provider).

A provider delivers a matching service directly. It is reachable if its service is available in the
region, or if a referral chain from the region leads to it (then `in_region` is false). A determinant
category includes its sub-determinants and a target group its narrower groups; the phase must be
declared by the service, as in the coverage cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from kg.analysis.actors import ActorInfo, actors_dict, read_actors
from kg.analysis.names import actor_id, code_of, service_id
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope, region_scope
from kg.analysis.services import ServiceFacts, services_in, services_of
from kg.config import Settings
from kg.namespaces import RC
from kg.params import resolve_concept
from kg.store import Store

MAX_CHAIN = 5  # actors in one referral chain, provider included: longer chains are not advice


@dataclass(frozen=True)
class Need:
    determinant: str
    phase: str
    target_group: str | None = None

    def met_by(self, service: ServiceFacts) -> bool:
        return (
            self.determinant in service.determinants_up
            and self.phase in service.phases
            and (self.target_group is None or self.target_group in service.target_groups)
        )

    def to_dict(self) -> dict:
        return {"determinant": self.determinant, "phase": self.phase, "target_group": self.target_group}


@dataclass(frozen=True)
class Provider:
    actor: str
    services: tuple[str, ...]
    in_region: bool

    def to_dict(self) -> dict:
        return {"actor": self.actor, "services": list(self.services), "in_region": self.in_region}


@dataclass(frozen=True)
class Access:
    """A signposting or channelling service in the region for the need: a door, not a provider."""

    actor: str
    service: str
    mode: str
    signposts_to: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"actor": self.actor, "service": self.service, "mode": self.mode,
                "signposts_to": list(self.signposts_to)}


@dataclass(frozen=True)
class Chain:
    provider: str
    path: tuple[str, ...]  # actors from the first referrer to the provider
    via: tuple[str, ...]  # per step: "relation" (the actor's own referral) or the referring service's id

    def to_dict(self) -> dict:
        return {"provider": self.provider, "path": list(self.path), "via": list(self.via)}


@dataclass(frozen=True)
class SignpostReport:
    scope: Scope
    need: Need
    providers: tuple[Provider, ...]
    access: tuple[Access, ...]
    chains: tuple[Chain, ...]
    actors: Mapping[str, ActorInfo]

    def to_dict(self) -> dict:
        return {
            "analysis": "signposting",
            "scope": self.scope.to_dict(),
            "need": self.need.to_dict(),
            "providers": [p.to_dict() for p in self.providers],
            "access": [a.to_dict() for a in self.access],
            "chains": [c.to_dict() for c in self.chains],
            "actors": actors_dict(self.actors),
        }


def _referral_graph(store: Store, scope: Scope) -> tuple[nx.DiGraph, dict[str, ActorInfo]]:
    graph = nx.DiGraph()
    names: dict[str, ActorInfo] = {}
    for r in store.select(sparql("referrals"), scope.bindings()).rows:
        source, target = actor_id(r["from"]), actor_id(r["to"])
        names[source] = ActorInfo(source, str(r["fromName"]))
        names[target] = ActorInfo(target, str(r["toName"]))
        via = service_id(r["x"]) if r["p"] == RC.provides else "relation"
        if graph.has_edge(source, target):
            graph[source][target]["via"] = min(graph[source][target]["via"], via)
        else:
            graph.add_edge(source, target, via=via)
    return graph, names


def _chains_to(graph: nx.DiGraph, provider: str) -> list[Chain]:
    """Maximal referral chains ending at the provider: walk back until no new referrer is left."""
    found: list[Chain] = []

    def back(path: list[str]) -> None:
        referrers = [p for p in sorted(graph.predecessors(path[0])) if p not in path]
        if len(path) >= MAX_CHAIN:
            referrers = []
        if not referrers and len(path) > 1:
            via = tuple(graph[a][b]["via"] for a, b in pairwise(path))
            found.append(Chain(provider, tuple(path), via))
        for referrer in referrers:
            back([referrer, *path])

    if provider in graph:
        back([provider])
    return found


def signpost(
    store: Store, settings: Settings, region: str, determinant: str, phase: str, target_group: str | None = None,
    include_served_from_above: bool = True, include_subregions: bool = True,
) -> SignpostReport:
    """Who provides for the need in or from the region, who only refers, and the chains that lead there."""
    asked = resolve_concept("determinant", determinant, settings)
    need = Need(
        code_of(asked),
        code_of(resolve_concept("phase", phase, settings)),
        code_of(resolve_concept("target-group", target_group, settings)) if target_group else None,
    )
    scope = region_scope(store, region, include_served_from_above, include_subregions)
    available = [s for s in services_in(store, scope, asked).values() if need.met_by(s)]
    graph, names = _referral_graph(store, scope)
    offered: dict[str, list[str]] = {}
    for s in available:
        if s.direct:
            offered.setdefault(s.provider, []).append(s.id)
    providers = [Provider(a, tuple(sorted(ids)), True) for a, ids in sorted(offered.items())]
    referred = {n for n in graph if graph.in_degree(n)}
    for actor in sorted(referred - set(offered)):
        ids = sorted(s.id for s in services_of(store, actor).values() if s.direct and need.met_by(s))
        if ids:
            providers.append(Provider(actor, tuple(ids), False))
    access = tuple(
        Access(s.provider, s.id, s.mode, tuple(sorted(s.signposts_to))) for s in available if not s.direct
    )
    actors = {**names, **read_actors(store.select(sparql("providers"), scope.bindings()).rows)}
    named = {p.actor for p in providers} | {a.actor for a in access} | {t for a in access for t in a.signposts_to}
    chains = tuple(c for p in providers for c in _chains_to(graph, p.actor))
    named |= {a for c in chains for a in c.path}
    return SignpostReport(
        scope, need, tuple(providers), access, chains, {k: v for k, v in actors.items() if k in named}
    )
