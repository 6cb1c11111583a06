"""Services: the 'who provides what' look-up by determinant, phase, target group, instrument, category, role,
provider and region, and one service with its sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import NotFound
from kg.lookup.catalogue import Catalogue, Region
from kg.lookup.facts import SERVICE_PREFIX, Facts, short_id
from kg.lookup.listing import Listing, entity_facts
from kg.lookup.records import Page, ServiceDetail, ServiceRecord
from kg.lookup.sources import read_sources
from kg.namespaces import CPSV, RC, SCHEMA, actor_iri, service_iri
from kg.params import SLUG
from kg.store import Store

# Filters in the order the query tries them: the region (most selective), the provider, then the facets.
SERVICES = Listing("rc:Service", {
    "area": "?s rc:offeredIn ?area .",
    "provider": "?s rc:provider ?provider .",
    "determinant": "?s rc:addresses ?determinant .",
    "instrument": "?s rc:instrument ?instrument .",
    "target_group": "?s rc:targetGroup ?target_group .",
    "category": "?s rc:serviceCategory ?category .",
    "role": "?s rc:role ?role .",
    "phase": "?s rc:phase ?phase .",
})

# query field -> (scheme, whether narrower concepts count too)
SCHEME_OF_FILTER = {
    "determinant": ("determinant", True), "instrument": ("instrument", True),
    "target_group": ("target-group", True), "category": ("service-category", False), "role": ("role", False),
    "phase": ("phase", False),
}


def available_in(catalogue: Catalogue, region: Region) -> list[URIRef]:
    """The areas whose services are available in a region: itself, the areas that contain it (a national
    programme serves every region of its country), and its parts. The same reading as kg/queries/cq01."""
    regions = catalogue.regions
    return [r.iri for r in (region, *regions.ancestors(region), *regions.descendants(region))]


@dataclass(frozen=True)
class ServiceQuery:
    """What a client asks for; every field is a code or label (region: code or name), all optional."""

    region: str | None = None
    determinant: str | None = None
    phase: str | None = None
    target_group: str | None = None
    instrument: str | None = None
    category: str | None = None
    role: str | None = None
    provider: str | None = None
    q: str | None = None

    def criteria(self, catalogue: Catalogue) -> dict[str, Sequence[URIRef] | Literal]:
        found: dict[str, Sequence[URIRef] | Literal] = {}
        if self.region:
            found["area"] = available_in(catalogue, catalogue.regions.resolve(self.region))
        for name, (scheme_name, narrower) in SCHEME_OF_FILTER.items():
            value = getattr(self, name)
            if value:
                iri = catalogue.concepts.resolve(scheme_name, value)
                found[name] = catalogue.concepts.with_narrower(iri) if narrower else [iri]
        if self.provider:
            if not SLUG.match(self.provider):
                raise NotFound(f"not an actor id: {self.provider[:80]!r}")
            found["provider"] = [actor_iri(self.provider)]
        if self.q:
            found["text"] = Literal(self.q.strip().lower()[:200])
        return found


ServicePage = Page[ServiceRecord]


def service_record(facts: Facts, catalogue: Catalogue) -> ServiceRecord:
    concepts, regions = catalogue.concepts, catalogue.regions
    provider = facts.one(RC.provider)
    delivery = facts.one(RC.deliveryMode)
    return ServiceRecord(
        id=short_id(facts.iri, SERVICE_PREFIX),
        iri=str(facts.iri),
        name=facts.name(),
        description=facts.text(SCHEMA.description),
        provider=facts.actor(provider) if provider is not None else None,
        public_service=CPSV.PublicService in facts.all(RDF.type),
        instruments=concepts.refs(facts.all(RC.instrument)),
        roles=concepts.refs(facts.all(RC.role)),
        determinants=concepts.refs(facts.all(RC.addresses)),
        phases=concepts.refs(facts.all(RC.phase)),
        target_groups=concepts.refs(facts.all(RC.targetGroup)),
        categories=concepts.refs(facts.all(RC.serviceCategory)),
        sectors=concepts.refs(facts.all(RC.sector)),
        delivery=concepts.ref(delivery) if delivery is not None else None,
        offered_in=regions.refs(facts.all(RC.offeredIn)),
        signposts_to=facts.actors(RC.signpostsTo),
        funded_by=facts.actors(RC.fundedBy),
        valid_from=facts.text(RC.validFrom),
        valid_until=facts.text(RC.validUntil),
        website=facts.text(RC.website),
        provenance=facts.provenance(),
    )


def list_services(store: Store, catalogue: Catalogue, query: ServiceQuery, limit: int | None = 50,
                  offset: int = 0) -> Page[ServiceRecord]:
    criteria = query.criteria(catalogue)
    items = [service_record(f, catalogue) for f in SERVICES.page(store, criteria, limit, offset)]
    total = SERVICES.total(store, criteria, len(items), limit, offset)
    return ServicePage(total=total, limit=limit if limit is not None else total, offset=offset, items=items)


def service_facts(store: Store, service_id: str) -> Facts:
    return entity_facts(store, "service", service_id, service_iri, RC.Service)


def get_service(store: Store, catalogue: Catalogue, service_id: str) -> ServiceDetail:
    record = service_record(service_facts(store, service_id), catalogue)
    sources = read_sources(store, "{ ?e dcterms:source ?src }", URIRef(record.iri))
    return ServiceDetail(**record.model_dump(), sources=sources)
