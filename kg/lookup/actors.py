"""Actors: filtered by region (with its sub-regions), type, sector, sphere and text; one actor with its
services, relations and sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.loading.template import RELATIONS
from kg.lookup.catalogue import Catalogue
from kg.lookup.facts import ACTOR_PREFIX, Facts, group_facts, short_id
from kg.lookup.listing import Listing, entity_facts
from kg.lookup.records import ActorDetail, ActorRecord, Page, RelationRecord
from kg.lookup.services import ServiceQuery, list_services
from kg.lookup.sources import read_sources
from kg.namespaces import RC, SCHEMA, actor_iri
from kg.store import Store

ACTORS = Listing("rc:Actor", {
    "region": "?s rc:locatedWithin ?region .",
    "type": "?s rc:actorType ?type .",
    "sector": "?s rc:sector ?sector .",
    "sphere": "?s rc:sphere ?sphere .",
})

RELATION_NAMES = {str(prop): name for name, (prop, _inverse, _symmetric) in RELATIONS.items()}

RELATIONSHIPS = """SELECT ?rel ?p ?o ?olabel WHERE {
  { ?rel rc:relationSubject ?e } UNION { ?rel rc:relationObject ?e }
  ?rel a rc:Relationship ; ?p ?o .
  OPTIONAL { ?o rdfs:label ?olabel }
}"""

ACTOR_SOURCES = """{ ?e dcterms:source ?src } UNION { ?e rc:provides ?service . ?service dcterms:source ?src }
UNION { ?rel rc:relationSubject ?e ; dcterms:source ?src } UNION { ?rel rc:relationObject ?e ; dcterms:source ?src }"""


@dataclass(frozen=True)
class ActorQuery:
    """What a client asks for: region code or name, type, sector and sphere code or label, free text."""

    region: str | None = None
    type: str | None = None
    sector: str | None = None
    sphere: str | None = None
    q: str | None = None

    def criteria(self, catalogue: Catalogue) -> dict[str, Sequence[URIRef] | Literal]:
        found: dict[str, Sequence[URIRef] | Literal] = {}
        if self.region:
            found["region"] = [catalogue.regions.resolve(self.region).iri]  # seats are materialised upwards
        for name, scheme_name in (("type", "actor-type"), ("sector", "sector"), ("sphere", "sphere")):
            value = getattr(self, name)
            if value:
                found[name] = catalogue.concepts.with_narrower(catalogue.concepts.resolve(scheme_name, value))
        if self.q:
            found["text"] = Literal(self.q.strip().lower()[:200])
        return found


ActorPage = Page[ActorRecord]


def actor_record(facts: Facts, catalogue: Catalogue) -> ActorRecord:
    concepts, regions = catalogue.concepts, catalogue.regions
    sphere = facts.one(RC.sphere)
    seat = facts.one(RC.locatedIn)
    return ActorRecord(
        id=short_id(facts.iri, ACTOR_PREFIX),
        iri=str(facts.iri),
        name=facts.name(),
        kind="person" if RC.Person in facts.all(RDF.type) else "organisation",
        types=concepts.refs(facts.all(RC.actorType)),
        sphere=concepts.ref(sphere) if sphere is not None else None,
        seat=regions.ref(seat) if seat is not None else None,
        area_served=regions.refs(facts.all(RC.areaServed)),
        sectors=concepts.refs(facts.all(RC.sector)),
        website=facts.text(RC.website),
        description=facts.text(SCHEMA.description),
        provenance=facts.provenance(),
    )


def list_actors(store: Store, catalogue: Catalogue, query: ActorQuery, limit: int | None = 50,
                offset: int = 0) -> Page[ActorRecord]:
    criteria = query.criteria(catalogue)
    items = [actor_record(f, catalogue) for f in ACTORS.page(store, criteria, limit, offset)]
    total = ACTORS.total(store, criteria, len(items), limit, offset)
    return ActorPage(total=total, limit=limit if limit is not None else total, offset=offset, items=items)


def actor_facts(store: Store, actor_id: str) -> Facts:
    return entity_facts(store, "actor", actor_id, actor_iri, RC.Actor)


def _relations(store: Store, actor: URIRef) -> list[RelationRecord]:
    records = []
    for facts in group_facts(store.select(RELATIONSHIPS, {"e": actor}).rows, subject="rel").values():
        subject, obj, prop = facts.one(RC.relationSubject), facts.one(RC.relationObject), facts.one(RC.relationProperty)
        outgoing = subject == actor
        other = obj if outgoing else subject
        if other is None or prop is None:
            continue
        records.append(RelationRecord(
            iri=str(facts.iri),
            relation=RELATION_NAMES.get(str(prop), str(prop)),
            direction="out" if outgoing else "in",
            actor=facts.actor(other),
            valid_from=facts.text(RC.validFrom),
            valid_until=facts.text(RC.validUntil),
            note=facts.text(SKOS.note),
            provenance=facts.provenance(),
        ))
    return sorted(records, key=lambda r: (r.relation, r.direction, r.actor.name.lower()))


def get_actor(store: Store, catalogue: Catalogue, actor_id: str) -> ActorDetail:
    record = actor_record(actor_facts(store, actor_id), catalogue)
    iri = URIRef(record.iri)
    services = list_services(store, catalogue, ServiceQuery(provider=actor_id), limit=None).items
    return ActorDetail(
        **record.model_dump(),
        services=services,
        relations=_relations(store, iri),
        sources=read_sources(store, ACTOR_SOURCES, iri),
    )
