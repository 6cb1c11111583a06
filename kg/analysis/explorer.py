"""The network explorer's one result: a region's actors with their services and marks (broker, bridge,
single point of failure, each with its reason), the recorded relations with the records behind them, the
ties derived from services (drawn apart, never passed off as recorded), and the same network grouped by
actor type or by sub-region for scopes too large to draw actor by actor.

It reads the existing analyses (brokers, gaps, coverage, services) so the explorer cannot disagree with
them; the pages only draw it. The whole graph (no region) is only ever grouped, by country."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import combinations

from rdflib import Literal

from kg.analysis.actors import Link
from kg.analysis.coverage import Coverage, coverage
from kg.analysis.names import actor_id, code_of, service_id
from kg.analysis.network import PRIVATE_SIDE, PUBLIC_SIDE, NetworkReport, brokers
from kg.analysis.queries import sparql
from kg.analysis.scope import region_scope
from kg.config import Settings
from kg.store import Store

# actors drawn one by one up to CAP; a larger scope, or a country, opens grouped (the page states the cap)
CAP = 150
# a cell with more providers than this draws no same-cell ties: a crowd, not a tie between two actors
PAIR_CAP = 8
# derived ties beyond this many are left out (the count left out is reported)
DERIVED_CAP = 600
# derived tie kinds and how the page names them; recorded relations keep their relation names
DERIVED = {
    "same-cell": "serve the same cell (determinant and phase)",
    "served-from": "serves the region from elsewhere",
    "signposting": "signposts to it through a service",
}
REGION_NODE = "region"  # the scope itself, the far end of the served-from ties


@dataclass(frozen=True)
class Mark:
    kind: str  # broker, bridge, shared-cells (a bridge by derived ties only) or single-point
    reason: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "reason": self.reason}


@dataclass(frozen=True)
class ServiceEntry:
    id: str
    name: str
    provider: str
    mode: str
    determinants: tuple[str, ...]  # as addressed
    determinants_up: tuple[str, ...]  # with every broader determinant, for the filter
    phases: tuple[str, ...]
    instruments: tuple[str, ...]
    roles: tuple[str, ...]
    signposts_to: tuple[str, ...]
    source: str | None
    locator: str | None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "mode": self.mode, "determinants": list(self.determinants),
                "determinants_up": list(self.determinants_up), "phases": list(self.phases),
                "instruments": list(self.instruments), "roles": list(self.roles),
                "signposts_to": list(self.signposts_to), "source": self.source, "locator": self.locator}


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    types: tuple[str, ...]
    group: str  # top concept of its actor type
    sphere: str | None
    seat: str | None
    local: bool  # seated in the scope (False: serves it from elsewhere)
    sub_region: str | None  # code of the sub-region one level down that holds its seat
    marks: tuple[Mark, ...]
    services: tuple[ServiceEntry, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "types": list(self.types), "group": self.group,
                "sphere": self.sphere, "seat": self.seat, "local": self.local, "sub_region": self.sub_region,
                "marks": [m.to_dict() for m in self.marks], "services": [s.to_dict() for s in self.services]}


@dataclass(frozen=True)
class Record:
    """A relationship record (a row of relations.csv) and its source."""

    id: str
    source: str | None
    locator: str | None
    note: str | None
    inferred: bool

    def to_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "locator": self.locator, "note": self.note,
                "inferred": self.inferred}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # "recorded" or one of DERIVED
    relation: str  # the relation's name for a recorded tie, the kind for a derived one
    detail: str  # what the tie rests on (cells, service, seat), in words
    records: tuple[Record, ...] = ()

    @property
    def derived(self) -> bool:
        return self.kind != "recorded"

    def to_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "kind": self.kind, "derived": self.derived,
                "relation": self.relation, "detail": self.detail, "records": [r.to_dict() for r in self.records]}


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    actors: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "actors": list(self.actors)}


@dataclass(frozen=True)
class Grouping:
    """The network with one node per group; ties count the edges between two groups, by kind."""

    by: str
    groups: tuple[Group, ...]
    ties: tuple[tuple[str, str, int, int], ...]  # (group, group, recorded, derived)

    def to_dict(self) -> dict:
        return {"by": self.by, "groups": [g.to_dict() for g in self.groups],
                "ties": [{"source": a, "target": b, "recorded": r, "derived": d} for a, b, r, d in self.ties]}


@dataclass(frozen=True)
class Explorer:
    code: str | None  # None: the whole graph
    label: str
    level: int | None
    include_served: bool
    actors: int
    records: int  # relationship records in the scope
    nodes: tuple[Node, ...]  # empty when the scope is too large to draw actor by actor
    edges: tuple[Edge, ...]
    groupings: tuple[Grouping, ...]
    derived_left_out: int = 0
    sampled: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def grouped(self) -> bool:
        """Whether the page opens grouped: a country or wider, or more actors than CAP."""
        return not self.nodes or self.actors > CAP or self.level == 0

    def to_dict(self) -> dict:
        return {
            "analysis": "explorer",
            "scope": {"region": self.code, "label": self.label, "level": self.level,
                      "include_served": self.include_served},
            "cap": CAP, "pair_cap": PAIR_CAP, "actors": self.actors, "records": self.records,
            "recorded_ties": sum(1 for e in self.edges if not e.derived),
            "marks": dict(sorted(Counter(m.kind for n in self.nodes for m in n.marks).items())),
            "grouped": self.grouped, "derived_kinds": DERIVED, "derived_left_out": self.derived_left_out,
            "betweenness_sampled_from": self.sampled, "notes": list(self.notes),
            "nodes": [n.to_dict() for n in self.nodes], "edges": [e.to_dict() for e in self.edges],
            "groupings": [g.to_dict() for g in self.groupings],
        }


def completeness_note(records: int, actors: int) -> str | None:
    """Thin relation data said on the page: fewer records than actors cannot show how they work together."""
    if records >= actors:
        return None
    noun = "relation is" if records == 1 else "relations are"
    return (f"{records} {noun} recorded in this scope for {actors} actors; a missing tie here is missing data, "
            "not a proven absence of collaboration: add them in relations.csv")


def _marks(report: NetworkReport, single: Mapping[str, list[str]]) -> dict[str, tuple[Mark, ...]]:
    marks: dict[str, list[Mark]] = defaultdict(list)
    for b in report.brokers:
        marks[b.actor].append(Mark("broker", b.reason))
    for b in report.bridges:
        marks[b.actor].append(Mark("bridge", "joins public and private support: " + b.reason))
    for actor, cells in single.items():
        marks[actor].append(Mark("single-point", "the only provider of " + "; ".join(cells)))
    return {a: tuple(m) for a, m in marks.items()}


def _shared_cells(edges: Iterable[Edge], nodes: Mapping[str, Node]) -> dict[str, Mark]:
    """Actors that serve the same cells as a public and a (different) private actor: the bridge rule of
    kg.analysis.network applied to same-cell ties, for scopes whose relations are not recorded."""
    partners: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.kind == "same-cell":
            partners[e.source].add(e.target)
            partners[e.target].add(e.source)
    found = {}
    for actor, others in sorted(partners.items()):
        public = sorted(nodes[o].name for o in others if nodes[o].sphere in PUBLIC_SIDE)
        private = sorted(nodes[o].name for o in others if nodes[o].sphere in PRIVATE_SIDE)
        if public and private and len(set(public) | set(private)) > 1:
            found[actor] = Mark("shared-cells", "serves the same cells as public " + ", ".join(public[:3])
                                + " and private " + ", ".join(private[:3]) + " (derived from services; no relation "
                                "between them is recorded)")
    return found


def _services(store: Store, bindings: dict, parents: Mapping[str, str | None]) -> dict[str, ServiceEntry]:
    """The services available in the scope, by id; a determinant counts with every broader one (`parents`)."""
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.select(sparql("explorer-services"), bindings).rows:
        found = facts[service_id(r["service"])]
        for pair in str(r["facts"]).split("\x1e"):
            facet, _, value = pair.partition("\x1f")
            if facet in ("provider", "signposts-to"):
                found[facet].add(actor_id(value))
            elif facet in ("name", "locator", "source"):
                found[facet].add(value)
            else:
                found[facet].add(code_of(value))

    def up(code: str) -> set[str]:
        return {code} | (up(parents[code]) if parents.get(code) else set())

    return {
        ident: ServiceEntry(
            ident, min(f["name"], default=ident), min(f["provider"]), min(f["mode"], default="direct"),
            tuple(sorted(f["determinant"])), tuple(sorted(set().union(*map(up, f["determinant"])))),
            tuple(sorted(f["phase"])), tuple(sorted(f["instrument"])), tuple(sorted(f["role"])),
            tuple(sorted(f["signposts-to"])), "; ".join(sorted(f["source"])) or None,
            "; ".join(sorted(f["locator"])) or None,
        )
        for ident, f in sorted(facts.items()) if f["provider"]
    }


def _text(row: Mapping | None, key: str) -> str | None:
    return str(row[key]) if row is not None and row.get(key) is not None else None


def _recorded(store: Store, bindings: dict, actors: Iterable[str]) -> list[Edge]:
    """One edge per link; its records are those stated between its two actors."""
    inside = set(actors)
    records: dict[Link, dict[str, Record]] = defaultdict(dict)
    for r in store.select(sparql("explorer-links"), bindings).rows:
        link = Link.of(actor_id(r["source"]), str(r["relation"]), actor_id(r["target"]))
        if link.source not in inside or link.target not in inside:
            continue
        found = records[link]
        if r["record"] is not None:
            inferred = r["inferred"] is not None and r["inferred"].toPython() is True
            found[str(r["record"])] = Record(str(r["record"]).rsplit("/", 1)[-1], _text(r, "title"),
                                             _text(r, "locator"), _text(r, "note"), inferred)
    return [Edge(link.source, link.target, "recorded", link.relation,
                 "recorded relation" + ("" if recs else " (asserted without a relationship record)"),
                 tuple(recs[k] for k in sorted(recs)))
            for link, recs in sorted(records.items(), key=lambda kv: (kv[0].source, kv[0].relation, kv[0].target))]


def _same_cell(cells: Iterable[tuple[str, tuple[str, ...]]]) -> list[Edge]:
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, providers in cells:
        if 2 <= len(providers) <= PAIR_CAP:
            for a, b in combinations(sorted(providers), 2):
                shared[(a, b)].append(name)
    return [Edge(a, b, "same-cell", "same-cell", f"both provide {len(names)} cell{'s' if len(names) > 1 else ''}: "
                 + "; ".join(names[:6]) + (" …" if len(names) > 6 else ""))
            for (a, b), names in sorted(shared.items())]


def _signposting(services: Iterable[ServiceEntry], inside: set[str]) -> list[Edge]:
    return [Edge(s.provider, target, "signposting", "signposting", f"through the service {s.name}")
            for s in services for target in s.signposts_to
            if s.provider in inside and target in inside and target != s.provider]


def _grouping(by: str, members: Mapping[str, str], labels: Mapping[str, str], edges: Iterable[Edge]) -> Grouping:
    """Group actors (actor -> group key) and count the ties between groups, recorded and derived apart."""
    actors: dict[str, list[str]] = defaultdict(list)
    for actor, key in members.items():
        actors[key].append(actor)
    counts: Counter[tuple[str, str, bool]] = Counter()
    for e in edges:
        a, b = members.get(e.source), members.get(e.target)
        if a is not None and b is not None and a != b:
            counts[(*sorted((a, b)), e.derived)] += 1
    pairs = sorted({(a, b) for a, b, _ in counts})
    return Grouping(
        by,
        tuple(Group(k, labels.get(k, k), tuple(sorted(v)))
              for k, v in sorted(actors.items(), key=lambda kv: (-len(kv[1]), kv[0]))),
        tuple((a, b, counts[(a, b, False)], counts[(a, b, True)]) for a, b in pairs),
    )


def _places(store: Store, bindings: dict) -> tuple[set[str], dict[str, str], dict[str, str]]:
    """Who is seated in the scope, the sub-region holding each seat, and the sub-regions' labels."""
    rows = store.select(sparql("explorer-places"), bindings).rows
    local = {actor_id(r["actor"]) for r in rows if r["local"].toPython() is True}
    subs = {actor_id(r["actor"]): str(r["sub"]) for r in rows if r["sub"] is not None}
    labels = {str(r["sub"]): str(r["label"] or r["sub"]) for r in rows if r["sub"] is not None}
    return local, subs, labels


def _single_points(cov: Coverage) -> dict[str, list[str]]:
    """The single points of failure of kg.analysis.gaps (a cell with one direct provider), by actor."""
    single: dict[str, list[str]] = defaultdict(list)
    for cell in cov.phase_cells(rollup=False):
        if cell.providers == 1:
            single[cell.direct[0]].append(f"{cov.row(cell.row).label} at {cell.phase}")
    return single


def explore(store: Store, settings: Settings, region: str | None, include_served: bool = True) -> Explorer:
    """The explorer's data for a region (its actors, or with those serving it), or the whole graph if None."""
    if region is None:
        return _whole_graph(store)
    scope = region_scope(store, region)
    report = brokers(store, settings, region, include_served)
    bindings = {"region": scope.region, "served": Literal(include_served)}
    level = store.select(sparql("explorer-level"), {"region": scope.region}).values("level")
    local, subs, sub_labels = _places(store, bindings)
    cov = coverage(store, settings, region)
    inside = set(report.actors)
    offered = [s for s in _services(store, scope.bindings(), {r.code: r.parent for r in cov.rows}).values()
               if s.provider in inside]
    services: dict[str, list[ServiceEntry]] = defaultdict(list)
    for entry in sorted(offered, key=lambda s: s.name):
        services[entry.provider].append(entry)
    recorded = _recorded(store, bindings, inside)
    cells = [(f"{cov.row(c.row).label} at {c.phase}", tuple(a for a in c.direct if a in inside))
             for c in cov.phase_cells(rollup=False)]
    derived = _same_cell(cells) + _signposting(offered, inside) + [
        Edge(a, REGION_NODE, "served-from", "served-from", f"seated in {report.actors[a].seat or 'another region'}")
        for a in sorted(inside - local)]
    marks = _marks(report, _single_points(cov))
    nodes = {a: Node(a, i.name, i.types, (*report.type_groups.get(a, ()), "unknown")[0], i.sphere, i.seat,
                     a in local, subs.get(a), marks.get(a, ()), tuple(services.get(a, ())))
             for a, i in report.actors.items()}
    for actor, mark in _shared_cells(derived, nodes).items():
        if not any(m.kind == "bridge" for m in nodes[actor].marks):
            nodes[actor] = replace(nodes[actor], marks=(*nodes[actor].marks, mark))
    edges = recorded + derived
    groupings = [_grouping("actor-type", {n.id: n.group for n in nodes.values()}, {}, edges)]
    if subs:
        where = {n.id: n.sub_region or (scope.code if n.local else "elsewhere") for n in nodes.values()}
        names = {**sub_labels, "elsewhere": "serving from elsewhere", scope.code: f"{scope.label} (no finer seat)"}
        groupings.append(_grouping("sub-region", where, names, edges))
    drawn = len(nodes) <= CAP
    records = len({r.id for e in recorded for r in e.records})
    note = completeness_note(records, len(nodes))
    return Explorer(
        scope.code, scope.label, int(level[0]) if level else None, include_served, len(nodes), records,
        tuple(n for n in nodes.values() if drawn or n.marks), tuple(recorded + derived[:DERIVED_CAP]) if drawn else (),
        tuple(groupings), max(len(derived) - DERIVED_CAP, 0), report.sampled, (note,) if note else (),
    )


def _whole_graph(store: Store) -> Explorer:
    rows = store.select(sparql("explorer-countries")).rows
    members = {actor_id(r["actor"]): str(r["country"]) for r in rows}
    labels = {str(r["country"]): str(r["label"] or r["country"]) for r in rows}
    pairs = {tuple(sorted((actor_id(r["source"]), actor_id(r["target"]))))
             for r in store.select(sparql("explorer-all-links")).rows}  # a tie stated from both ends is one
    edges = [Edge(a, b, "recorded", "relation", "") for a, b in sorted(pairs)]
    records = int(store.select(sparql("explorer-record-count")).values("records")[0])
    note = completeness_note(records, len(members))
    return Explorer(None, "all regions", None, True, len(members), records, (), (),
                    (_grouping("country", members, labels, edges),), notes=(note,) if note else ())
