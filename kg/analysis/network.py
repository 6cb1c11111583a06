"""The actor network of a region and who holds it together: brokers by betweenness, bridges between the
public and the private sphere (the 'clusterpreneurs' of seed 000), components, isolates, communities.

The store projects the network (queries/network-*.rq); networkx computes on that small graph, never on
the whole store. Nodes are the actors seated in the region, plus, if asked, the actors whose services
are offered in it. Links are undirected for the measures and keep their relation names for the reasons.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Literal

from kg.analysis.actors import ActorInfo, Link, actors_dict, read_actors
from kg.analysis.names import actor_id
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope, region_scope
from kg.config import Settings
from kg.store import Store

# spheres on each side of the public/private divide; a public-private partnership stands on both
PUBLIC_SIDE = frozenset({"public", "public-private"})
PRIVATE_SIDE = frozenset({"private", "public-private"})
# exact betweenness costs O(actors x links): beyond SAMPLE_ABOVE actors (a country rather than a region)
# it is estimated from SAMPLE_SOURCES random sources (seeded, so results repeat)
SAMPLE_ABOVE = 1000
SAMPLE_SOURCES = 200


@dataclass(frozen=True)
class Broker:
    actor: str
    betweenness: float  # normalised: share of the pairs of other actors whose shortest paths run through it
    degree: int
    bridging: int  # distinct groups ("sphere actor-type") among its neighbours
    groups: tuple[str, ...]
    spans_public_private: bool  # linked to a public and to a (different) private actor
    parts: int  # parts its component falls into without it; 1 if it is no cut point
    reason: str

    def to_dict(self) -> dict:
        return {
            "actor": self.actor, "betweenness": round(self.betweenness, 4), "degree": self.degree,
            "bridging": self.bridging, "groups": list(self.groups),
            "spans_public_private": self.spans_public_private, "parts": self.parts, "reason": self.reason,
        }


@dataclass(frozen=True)
class NetworkReport:
    scope: Scope
    include_served: bool
    actors: Mapping[str, ActorInfo]
    links: tuple[Link, ...]
    brokers: tuple[Broker, ...]  # betweenness > 0, highest first
    bridges: tuple[Broker, ...]  # spanning public and private, most groups first
    components: tuple[tuple[str, ...], ...]  # two actors or more, largest first
    isolates: tuple[str, ...]
    communities: tuple[tuple[str, ...], ...]
    sampled: int | None  # sources betweenness was estimated from; None when exact
    # each actor's top actor-type concepts (government, funder, ...), for grouping the network by type
    type_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def max_betweenness(self) -> float:
        return max((b.betweenness for b in self.brokers), default=0.0)

    def to_dict(self) -> dict:
        return {
            "analysis": "brokers",
            "scope": {"region": self.scope.code, "label": self.scope.label, "include_served": self.include_served},
            "nodes": len(self.actors),
            "edges": len({frozenset((link.source, link.target)) for link in self.links}),
            "max_betweenness": round(self.max_betweenness, 4),
            "brokers": [b.to_dict() for b in self.brokers],
            "bridges": [b.to_dict() for b in self.bridges],
            "components": [list(c) for c in self.components],
            "isolates": list(self.isolates),
            "communities": [list(c) for c in self.communities],
            "links": [link.to_dict() for link in self.links],
            "betweenness_sampled_from": self.sampled,
            "actors": actors_dict(self.actors),
        }


def _groups(store: Store, bindings: dict) -> tuple[dict[str, ActorInfo], dict[str, set[str]], dict[str, set[str]]]:
    """The actors, their groups ("sphere type", what brokers connect) and their top actor types."""
    rows = store.select(sparql("network-actors"), bindings).rows
    groups: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        ident = actor_id(r["actor"])
        sphere = str(r["sphere"]) if r["sphere"] is not None else "unknown"
        groups[ident].add(f"{sphere} {r['group']}" if r["group"] is not None else sphere)
        if r["group"] is not None:
            types[ident].add(str(r["group"]))
    return read_actors(rows), groups, types


def _sorted_sets(sets) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(sorted(s)) for s in sets), key=lambda s: (-len(s), s)))


def _reason(node: str, graph: nx.Graph, info: Mapping[str, ActorInfo], groups: Mapping[str, set[str]],
            betweenness: float, parts: int, spans: bool) -> str:
    """Why the actor ranks: its share of shortest paths, which groups it connects, whether it is a cut point."""
    by_group: dict[str, list[str]] = defaultdict(list)
    for n in sorted(graph[node], key=lambda n: info[n].name):
        for group in groups[n]:
            by_group[group].append(info[n].name)
    text = [f"betweenness {betweenness:.2f}"]
    text.append("connects " + "; ".join(
        f"{group}: {', '.join(names[:3])}{' …' if len(names) > 3 else ''}" for group, names in sorted(by_group.items())
    ))
    if spans:
        text.append("spans the public and the private sphere")
    if parts > 1:
        text.append(f"cut point: without it its component falls into {parts} parts")
    return "; ".join(text)


def brokers(
    store: Store, settings: Settings, region: str, include_served: bool = False
) -> NetworkReport:
    """Project the region's actor network and rank its brokers and public/private bridges."""
    scope = region_scope(store, region)
    bindings = {"region": scope.region, "served": Literal(include_served)}
    info, groups, types = _groups(store, bindings)
    graph = nx.Graph()
    graph.add_nodes_from(info)
    links = []
    for r in store.select(sparql("network-links"), bindings).rows:
        link = Link.of(actor_id(r["source"]), str(r["relation"]), actor_id(r["target"]))
        if link.source in info and link.target in info:
            links.append(link)
            graph.add_edge(link.source, link.target)
    sampled = SAMPLE_SOURCES if graph.number_of_nodes() > SAMPLE_ABOVE else None
    betweenness = nx.betweenness_centrality(graph, k=sampled, normalized=True, seed=0)
    parts = Counter(n for block in nx.biconnected_components(graph) for n in block)
    ranked = []
    for node in graph:
        spheres = {n: info[n].sphere for n in graph[node]}
        public = {n for n, s in spheres.items() if s in PUBLIC_SIDE}
        private = {n for n, s in spheres.items() if s in PRIVATE_SIDE}
        spans = bool(public and private and len(public | private) > 1)
        neighbour_groups = tuple(sorted({g for n in graph[node] for g in groups[n]}))
        cut = max(parts.get(node, 1), 1)
        ranked.append(Broker(
            node, betweenness[node], graph.degree(node), len(neighbour_groups), neighbour_groups, spans, cut,
            _reason(node, graph, info, groups, betweenness[node], cut, spans),
        ))
    core = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    communities = nx.community.greedy_modularity_communities(core) if core.number_of_edges() else []
    return NetworkReport(
        scope,
        include_served,
        info,
        tuple(sorted(set(links), key=lambda link: (link.source, link.relation, link.target))),
        tuple(sorted((b for b in ranked if b.betweenness > 0),
                     key=lambda b: (-b.betweenness, -b.bridging, -b.spans_public_private, -b.degree, b.actor))),
        tuple(sorted((b for b in ranked if b.spans_public_private),
                     key=lambda b: (-b.bridging, -b.betweenness, -b.degree, b.actor))),
        _sorted_sets(c for c in nx.connected_components(graph) if len(c) > 1),
        tuple(sorted(nx.isolates(graph))),
        _sorted_sets(communities),
        sampled,
        {a: tuple(sorted(t)) for a, t in types.items()},
    )
