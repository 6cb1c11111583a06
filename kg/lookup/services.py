"""Services: the 'who provides what' look-up by determinant, phase, target group, instrument, category, role,
provider and region, with facet counts; one service with its sources; and the finder's answer to an
entrepreneur's need (who helps, in the order to try them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.analysis.actors import ActorInfo
from kg.analysis.completeness import completeness
from kg.analysis.names import actor_ref
from kg.analysis.signposting import SignpostReport, signpost
from kg.config import Settings
from kg.errors import NotFound
from kg.lookup.catalogue import Catalogue, Region
from kg.lookup.facts import SERVICE_PREFIX, Facts, short_id
from kg.lookup.listing import Listing, entity_facts
from kg.lookup.records import (
    ActorRef,
    FacetCount,
    FacetedPage,
    RegionRef,
    ServiceDetail,
    ServiceRecord,
    SourceRecord,
    SupportEntry,
    SupportResult,
)
from kg.lookup.sources import read_sources
from kg.namespaces import CPSV, RC, SCHEMA, actor_iri, service_iri
from kg.params import SLUG
from kg.store import Store

# Filters in the order the query tries them: named services (the finder), the region (most selective), the
# provider, then the facets. Free text also searches the labels of the service's category and instruments.
SERVICES = Listing("rc:Service", {
    "service": "BIND (?service AS ?s)",
    "area": "?s rc:offeredIn ?area .",
    "provider": "?s rc:provider ?provider .",
    "determinant": "?s rc:addresses ?determinant .",
    "instrument": "?s rc:instrument ?instrument .",
    "target_group": "?s rc:targetGroup ?target_group .",
    "category": "?s rc:serviceCategory ?category .",
    "role": "?s rc:role ?role .",
    "phase": "?s rc:phase ?phase .",
}, text_concepts="rc:serviceCategory|rc:instrument")

# the providers the finder names, by id, for their websites
PROVIDERS = Listing("rc:Actor", {"actor": "BIND (?actor AS ?s)"})

# query field -> (scheme, whether narrower concepts count too)
SCHEME_OF_FILTER = {
    "determinant": ("determinant", True), "instrument": ("instrument", True),
    "target_group": ("target-group", True), "category": ("service-category", False), "role": ("role", False),
    "phase": ("phase", False),
}

# facet -> property counted; a facet whose filter includes narrower concepts counts them for the broader one
FACETS = {
    "determinant": ("rc:addresses", True), "phase": ("rc:phase", False), "target_group": ("rc:targetGroup", True),
    "instrument": ("rc:instrument", True), "category": ("rc:serviceCategory", False), "role": ("rc:role", False),
}

Values = str | Sequence[str] | None


def values_of(value: Values) -> tuple[str, ...]:
    """One value or several (a repeated query parameter), without the empty ones a form sends."""
    if value is None:
        return ()
    found = (value,) if isinstance(value, str) else tuple(value)
    return tuple(v for v in found if v and v.strip())


def available_in(catalogue: Catalogue, region: Region) -> list[URIRef]:
    """The areas whose services are available in a region: itself, the areas that contain it (a national
    programme serves every region of its country), and its parts. The same reading as kg/queries/cq01."""
    regions = catalogue.regions
    return [r.iri for r in (region, *regions.ancestors(region), *regions.descendants(region))]


@dataclass(frozen=True)
class ServiceQuery:
    """What a client asks for; every facet is a code or label, or several (any of them), and the facets
    combine with AND; region is a code or name. All optional."""

    region: str | None = None
    determinant: Values = None
    phase: Values = None
    target_group: Values = None
    instrument: Values = None
    category: Values = None
    role: Values = None
    provider: Values = None
    q: str | None = None

    def criteria(self, catalogue: Catalogue) -> dict[str, Sequence[URIRef] | Literal]:
        found: dict[str, Sequence[URIRef] | Literal] = {}
        if self.region:
            found["area"] = available_in(catalogue, catalogue.regions.resolve(self.region))
        for name, (scheme_name, narrower) in SCHEME_OF_FILTER.items():
            iris: dict[URIRef, None] = {}
            for value in values_of(getattr(self, name)):
                iri = catalogue.concepts.resolve(scheme_name, value)
                iris.update(dict.fromkeys(catalogue.concepts.with_narrower(iri) if narrower else [iri]))
            if iris:
                found[name] = list(iris)
        providers = values_of(self.provider)
        for provider in providers:
            if not SLUG.match(provider):
                raise NotFound(f"not an actor id: {provider[:80]!r}")
        if providers:
            found["provider"] = [actor_iri(p) for p in dict.fromkeys(providers)]
        if self.q and self.q.strip():
            found["text"] = Literal(self.q.strip().lower()[:200])
        return found


ServicePage = FacetedPage[ServiceRecord]


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


def facet_counts(store: Store, catalogue: Catalogue, criteria: dict) -> dict[str, list[FacetCount]]:
    """Per facet, the matching services counted by concept, most frequent first."""
    counts = SERVICES.facet_counts(store, criteria, FACETS)
    found: dict[str, list[FacetCount]] = {}
    for name, by_value in counts.items():
        scheme_name = SCHEME_OF_FILTER[name][0]
        entries = []
        for iri, count in by_value.items():
            ref = catalogue.concepts.ref(iri)
            if ref is not None and ref.scheme == scheme_name:
                entries.append(FacetCount(**ref.model_dump(), count=count))
        found[name] = sorted(entries, key=lambda f: (-f.count, f.label.lower()))
    return found


def list_services(store: Store, catalogue: Catalogue, query: ServiceQuery, limit: int | None = 50,
                  offset: int = 0, facets: bool = False) -> FacetedPage[ServiceRecord]:
    """A page of matching services; with `facets`, the counts by concept of all matching services."""
    criteria = query.criteria(catalogue)
    items = [service_record(f, catalogue) for f in SERVICES.page(store, criteria, limit, offset)]
    total = SERVICES.total(store, criteria, len(items), limit, offset)
    return ServicePage(total=total, limit=limit if limit is not None else total, offset=offset, items=items,
                       facets=facet_counts(store, catalogue, criteria) if facets else {})


def service_facts(store: Store, service_id: str) -> Facts:
    return entity_facts(store, "service", service_id, service_iri, RC.Service)


def get_service(store: Store, catalogue: Catalogue, service_id: str) -> ServiceDetail:
    record = service_record(service_facts(store, service_id), catalogue)
    sources = read_sources(store, "{ ?e dcterms:source ?src }", URIRef(record.iri))
    return ServiceDetail(**record.model_dump(), sources=sources)


def services_by_id(store: Store, catalogue: Catalogue, ids: Iterable[str]) -> dict[str, ServiceRecord]:
    """The records of the named services, in one query."""
    iris = [service_iri(i) for i in sorted(set(ids)) if SLUG.match(i)]
    if not iris:
        return {}
    return {r.id: r for r in (service_record(f, catalogue) for f in SERVICES.page(store, {"service": iris}, None))}


def _websites(store: Store, actors: Iterable[str]) -> dict[str, str]:
    iris = [URIRef(a) for a in sorted(set(actors))]
    if not iris:
        return {}
    found = {str(f.iri): f.text(RC.website) for f in PROVIDERS.page(store, {"actor": iris}, None)}
    return {iri: site for iri, site in found.items() if site}


def _sources(store: Store, records: Iterable[ServiceRecord]) -> dict[str, SourceRecord]:
    """Each source any of the records cites, read once."""
    found: dict[str, SourceRecord] = {}
    for iri in sorted({s for r in records for s in r.provenance.sources}):
        for source in read_sources(store, "BIND (?e AS ?src)", URIRef(iri)):
            found[source.iri] = source
    return found


def _served_from(catalogue: Catalogue, region: Region, record: ServiceRecord) -> RegionRef | None:
    """The nearest enclosing area a service is offered in, when it is offered neither in the region nor in one
    of its parts (a national or EU programme); None when it is offered there."""
    regions = catalogue.regions
    local = {str(region.iri)} | {str(r.iri) for r in regions.descendants(region)}
    offered = {r.iri for r in record.offered_in}
    if offered & local:
        return None
    around = [r for r in regions.ancestors(region) if str(r.iri) in offered]
    return around[0].ref() if around else None


def _by_provider(entry: SupportEntry) -> tuple[str, str]:
    provider = entry.service.provider
    return (provider.name.lower() if provider else "", entry.service.name.lower())


def _actor(report: SignpostReport, ident: str) -> ActorRef:
    info = report.actors.get(ident, ActorInfo(ident, ident))
    return ActorRef(id=ident, name=info.name, iri=str(actor_ref(ident)))


def _categories(catalogue: Catalogue, determinant: str) -> list[str]:
    """The concepts above the need, nearest first: a service recorded for one of them may cover the need."""
    concepts = catalogue.concepts
    record = concepts.by_iri.get(str(concepts.resolve("determinant", determinant)))
    above: list[str] = []
    while record is not None and record.broader and record.broader not in above:
        above.append(record.broader)
        record = concepts.by_iri.get(record.broader)
    return above


def _category_level(store: Store, settings: Settings, catalogue: Catalogue, region: Region, determinant: str,
                    phase: str, target_group: str | None) -> dict[str, list[str]]:
    """Category -> the services available in the region that are recorded for that category itself, not for one
    of its sub-determinants: the dashboard's "covered at category level", which the finder must not hide."""
    found: dict[str, list[str]] = {}
    for category in _categories(catalogue, determinant):
        code = catalogue.concepts.by_iri[category].code
        report = signpost(store, settings, region.code, code, phase, target_group)
        found[category] = [i for p in report.providers if p.in_region for i in p.services]
    return found


def find_support(store: Store, settings: Settings, catalogue: Catalogue, region: Region, determinant: str,
                 phase: str, target_group: str | None = None) -> SupportResult:
    """Who helps with a need in a region, from the signposting analysis, in the order to try them: providers
    offering it in the region, then those offering its whole category there (a service recorded for access to
    finance when venture capital is asked for), then the doors that refer (signposting, channelling) and the
    providers that referral chains lead to, then programmes served into the region from an enclosing area."""
    concepts = catalogue.concepts
    report = signpost(store, settings, region.code, determinant, phase, target_group)
    recorded = completeness(store, settings, region.code)
    categories = _category_level(store, settings, catalogue, region, determinant, phase, target_group)
    records = services_by_id(store, catalogue, [*(i for p in report.providers for i in p.services),
                                                *(a.service for a in report.access),
                                                *(i for ids in categories.values() for i in ids)])
    websites = _websites(store, {r.provider.iri for r in records.values() if r.provider})
    sources = _sources(store, records.values())
    chains: dict[str, list[list[ActorRef]]] = {}
    for chain in report.chains:
        chains.setdefault(chain.provider, []).append([_actor(report, a) for a in chain.path[:-1]])

    def entry(route: str, record: ServiceRecord, served_from: RegionRef | None = None) -> SupportEntry:
        provider = record.provider.id if record.provider else ""
        return SupportEntry(
            route=route, service=record, served_from=served_from,
            provider_website=websites.get(record.provider.iri) if record.provider else None,
            referred_by=chains.get(provider, []),
            sources=[sources[s] for s in record.provenance.sources if s in sources],
        )

    result = SupportResult(
        region=region.ref(),
        determinant=concepts.ref(concepts.resolve("determinant", determinant)),
        phase=concepts.ref(concepts.resolve("phase", phase)),
        target_group=concepts.ref(concepts.resolve("target-group", target_group)) if target_group else None,
        actors_recorded=recorded.facts - recorded.services - recorded.relations,
        services_recorded=recorded.services,
        thin_reasons=list(recorded.reasons),
    )
    for provider in report.providers:
        for ident in provider.services:
            record = records.get(ident)
            if record is None:
                continue
            above = _served_from(catalogue, region, record) if provider.in_region else None
            if not provider.in_region:
                result.referrals.append(entry("referral", record))
            elif above is not None:
                result.from_above.append(entry("from-above", record, above))
            else:
                result.direct.append(entry("direct", record))
    listed = {e.service.id for e in result.direct + result.referrals + result.from_above}
    for category, ids in categories.items():
        for ident in ids:
            record = records.get(ident)
            if record is None or ident in listed or category not in {d.iri for d in record.determinants}:
                continue
            listed.add(ident)
            result.category_level.append(entry("category-level", record, _served_from(catalogue, region, record)))
    doors = [entry(a.mode, records[a.service], _served_from(catalogue, region, records[a.service]))
             for a in report.access if a.service in records]
    result.direct.sort(key=_by_provider)
    result.category_level.sort(key=_by_provider)
    result.referrals = sorted(doors, key=_by_provider) + sorted(result.referrals, key=_by_provider)
    result.from_above.sort(key=lambda e: (-(e.served_from.level or 0) if e.served_from else 0, *_by_provider(e)))
    return result
