"""What an export contains: the actors and services of a region (or of the whole graph), the providers of
those services, and the relations between the included actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg.lookup.actors import RELATION_NAMES, ActorQuery, actor_record, list_actors
from kg.lookup.catalogue import Catalogue
from kg.lookup.listing import subject_facts
from kg.lookup.records import ActorRecord, ServiceRecord
from kg.lookup.services import ServiceQuery, list_services
from kg.store import Store

RELATIONSHIPS = """SELECT ?subject ?property ?object WHERE {
  ?rel a rc:Relationship ; rc:relationSubject ?subject ; rc:relationProperty ?property ; rc:relationObject ?object .
}"""


@dataclass(frozen=True)
class Edge:
    """A directed relation between two included actors; `via` names the service for service-level links."""

    source: str
    target: str
    relation: str
    via: str | None = None


@dataclass
class ExportData:
    catalogue: Catalogue
    actors: list[ActorRecord]
    services: list[ServiceRecord]
    edges: list[Edge] = field(default_factory=list)

    def actor(self, iri: str) -> ActorRecord | None:
        return self._by_iri.get(iri)

    def __post_init__(self) -> None:
        self._by_iri = {a.iri: a for a in self.actors}


def read_export(store: Store, catalogue: Catalogue, region: str | None = None) -> ExportData:
    """Actors seated in `region` and services available there (all when None), plus their providers."""
    actors = list_actors(store, catalogue, ActorQuery(region=region), limit=None).items
    services = list_services(store, catalogue, ServiceQuery(region=region), limit=None).items
    known = {a.iri for a in actors}
    for service in services:
        if service.provider is not None and service.provider.iri not in known:
            facts = subject_facts(store, URIRef(service.provider.iri))
            if facts is not None:
                actors.append(actor_record(facts, catalogue))
                known.add(service.provider.iri)
    edges = [
        Edge(str(row["subject"]), str(row["object"]), RELATION_NAMES.get(str(row["property"]), str(row["property"])))
        for row in store.select(RELATIONSHIPS).rows
        if str(row["subject"]) in known and str(row["object"]) in known
    ]
    for service in services:
        if service.provider is None:
            continue
        edges += [Edge(service.provider.iri, t.iri, "signposts-to", service.iri)
                  for t in service.signposts_to if t.iri in known]
        edges += [Edge(f.iri, service.provider.iri, "funds", service.iri) for f in service.funded_by if f.iri in known]
    actors.sort(key=lambda a: (a.name.lower(), a.iri))
    return ExportData(catalogue, actors, services, sorted(set(edges), key=lambda e: (e.source, e.relation, e.target)))
