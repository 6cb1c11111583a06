"""How complete a region's data are: what is recorded for it, from which data sets, how much of it inferred,
and whether it is too thin for its gaps to mean much. A gap in a region with one recorded actor says more
about the data than about the region; the dashboard and the report say so instead of leaving it to the reader.

The scope is the coverage matrix's (scope.py): services available in the region, in areas containing it or in
its parts. The store selects the region's records (queries/completeness-*.rq); Python counts them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib.term import Node

from kg.analysis.queries import sparql
from kg.analysis.scope import Scope, region_scope
from kg.config import Settings
from kg.lookup.facts import DATASET_PREFIX, short_id
from kg.store import Store

# The thresholds of the verdict `thin`: below each, an analysis says more about the data than about the region.
# A broker stands between two others, so with fewer than MIN_ACTORS actors seated no network measure can find one;
# with MIN_ACTORS or more and no relation recorded among them, each is an isolate only because no tie was recorded.
MIN_ACTORS = 3
# A cell is crowded (overlaps, CQ4) from 3 providers; with fewer, every covered cell is a single point or a pair
# and the gaps are most of the matrix: what the data lack, not necessarily what the region lacks.
MIN_PROVIDERS = 3

@dataclass(frozen=True)
class DatasetShare:
    """One data set contributing records to the region, and when it and its sources date from."""

    id: str
    title: str
    date: str | None  # the data set's own dcterms date (modified, else issued, else created); None if it has none
    loaded: str | None  # when it was built for loading (prov:generatedAtTime)
    actors: int  # its records in scope, by kind
    services: int
    relations: int
    source_years: tuple[str, ...]  # publication years of the sources its in-scope records cite

    @property
    def records(self) -> int:
        return self.actors + self.services + self.relations

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "date": self.date, "loaded": self.loaded, "records": self.records,
            "actors": self.actors, "services": self.services, "relations": self.relations,
            "source_years": list(self.source_years),
        }


@dataclass(frozen=True)
class Completeness:
    scope: Scope
    actors_seated: int  # actors seated in the region or one of its parts
    actors_serving: int  # distinct providers of the services available in it
    services: int  # services available in it
    relations: int  # relation records between two of its actors (seated or serving)
    inferred: int  # records (actors, services, relations) marked rc:inferred true
    facts: int  # records in all
    datasets: tuple[DatasetShare, ...]  # most records first
    reasons: tuple[str, ...]  # why the data are thin, in plain words; empty when they are not

    @property
    def thin(self) -> bool:
        return bool(self.reasons)

    @property
    def inferred_share(self) -> float | None:
        return self.inferred / self.facts if self.facts else None

    def to_dict(self) -> dict:
        share = self.inferred_share
        return {
            "analysis": "completeness",
            "scope": self.scope.to_dict(),
            "actors_seated": self.actors_seated,
            "actors_serving": self.actors_serving,
            "services": self.services,
            "relations": self.relations,
            "inferred": self.inferred,
            "facts": self.facts,
            "inferred_share": None if share is None else round(share, 4),
            "datasets": [d.to_dict() for d in self.datasets],
            "thin": self.thin,
            "reasons": list(self.reasons),
        }


def _true(term: Node | None) -> bool:
    return term is not None and term.toPython() is True


def _some(n: int, noun: str) -> str:
    return f"{n or 'no'} {noun}{'' if n == 1 else 's'}"


def thin_reasons(label: str, seated: int, serving: int, services: int, relations: int, actors: int) -> tuple[str, ...]:
    """The verdict in plain words, one sentence per threshold the region's data fall below."""
    reasons = []
    if serving < MIN_PROVIDERS:
        offered = f" from {_some(serving, 'provider')}" if services else ""
        reasons.append(f"{_some(seated, 'actor')} and {_some(services, 'service')}{offered} are recorded for "
                       f"{label}: its gaps say more about the data than about the region")
    if seated < MIN_ACTORS:
        reasons.append(f"{_some(seated, 'actor')} seated in {label}: a network needs at least {MIN_ACTORS} "
                       "for one actor to broker between others")
    elif relations == 0:
        reasons.append(f"no relation is recorded among the {actors} actors of {label}: they appear isolated because "
                       "no tie was recorded, not because none is known to exist")
    return tuple(reasons)


def _datasets(store: Store, rows: Mapping[str, Iterable[Mapping[str, Node | None]]]) -> tuple[DatasetShare, ...]:
    """Per data set, its distinct records of each kind and the years of the sources it cites for them."""
    records: dict[Node, dict[str, set[Node]]] = defaultdict(lambda: defaultdict(set))
    years: dict[Node, set[str]] = defaultdict(set)
    for kind, found in rows.items():
        for r in found:
            if r["dataset"] is None:
                continue
            records[r["dataset"]][kind].add(r["record"])
            years[r["dataset"]].update(str(r["years"] or "").split())
    meta = {r["dataset"]: r for r in store.select(sparql("completeness-datasets")).rows}
    shares = []
    for iri, kinds in records.items():
        m = meta.get(iri, {})
        ident = short_id(iri, DATASET_PREFIX)
        shares.append(DatasetShare(
            ident, str(m.get("name") or ident), None if m.get("date") is None else str(m["date"]),
            None if m.get("loaded") is None else str(m["loaded"]),
            *(len(kinds[k]) for k in ("actors", "services", "relations")), tuple(sorted(years[iri])),
        ))
    return tuple(sorted(shares, key=lambda d: (-d.records, d.id)))


def completeness(
    store: Store, settings: Settings, region: str, include_served_from_above: bool = True,
    include_subregions: bool = True,
) -> Completeness:
    """What the region's data record, where they come from, and whether they are too thin to read gaps from."""
    scope = region_scope(store, region, include_served_from_above, include_subregions)
    rows = {kind: store.select(sparql(f"completeness-{kind}"), scope.bindings()).rows
            for kind in ("actors", "services", "relations")}
    seated = {r["record"] for r in rows["actors"] if _true(r["seated"])}
    serving = {r["record"] for r in rows["actors"] if _true(r["serving"])}
    kinds = {kind: {r["record"] for r in found} for kind, found in rows.items()}
    inferred = {r["record"] for found in rows.values() for r in found if _true(r["inferred"])}
    facts = sum(len(records) for records in kinds.values())
    reasons = thin_reasons(scope.label, len(seated), len(serving), len(kinds["services"]), len(kinds["relations"]),
                           len(kinds["actors"]))
    return Completeness(
        scope, len(seated), len(serving), len(kinds["services"]), len(kinds["relations"]), len(inferred), facts,
        _datasets(store, rows), reasons,
    )
