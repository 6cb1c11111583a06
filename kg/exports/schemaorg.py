"""schema.org JSON-LD: actors as Organization (GovernmentOrganization for government bodies), services as
Service (GovernmentService for public services) with provider, areaServed, audience, serviceType, category.

The document names the schema.org context by its usual IRI, as search engines and portals expect it."""

from __future__ import annotations

from kg.exports.cpsv import is_public
from kg.exports.data import ExportData
from kg.lookup.records import ActorRecord, RegionRef, ServiceRecord

GOVERNMENT = "government"
BUSINESS_AUDIENCES = {"start-ups", "smes", "nascent-entrepreneurs", "entrepreneurs", "companies"}


def _area(region: RegionRef) -> dict:
    return {"@type": "AdministrativeArea", "@id": region.iri, "name": region.name, "identifier": region.code}


def _organization(actor: ActorRecord, data: ExportData) -> dict:
    government = any(t.code == GOVERNMENT or t.code.startswith(GOVERNMENT + "-") for t in actor.types)
    node: dict = {
        "@type": "Person" if actor.kind == "person" else "GovernmentOrganization" if government else "Organization",
        "@id": actor.iri, "identifier": actor.id, "name": actor.name,
    }
    if actor.description:
        node["description"] = actor.description
    if actor.website:
        node["url"] = actor.website
    if actor.seat:
        node["location"] = _area(actor.seat)
    if actor.area_served:
        node["areaServed"] = [_area(r) for r in actor.area_served]
    if actor.types:
        node["additionalType"] = [t.iri for t in actor.types]
    if actor.sectors:
        node["knowsAbout"] = [c.label for c in actor.sectors]
    links = [e for e in data.edges if e.source == actor.iri and e.via is None]
    if member_of := [{"@id": e.target} for e in links if e.relation == "member-of"]:
        node["memberOf"] = member_of
    if parent := [{"@id": e.target} for e in links if e.relation == "part-of"]:
        node["parentOrganization"] = parent[0]
    return node


def _service(service: ServiceRecord, data: ExportData) -> dict:
    provider = data.actor(service.provider.iri) if service.provider else None
    public = is_public(service, provider)
    node: dict = {"@type": "GovernmentService" if public else "Service", "@id": service.iri,
                  "identifier": service.id, "name": service.name}
    if service.description:
        node["description"] = service.description
    if service.website:
        node["url"] = service.website
    if service.provider:
        node["provider"] = {"@id": service.provider.iri}
        if public:
            node["serviceOperator"] = {"@id": service.provider.iri}
    if service.offered_in:
        node["areaServed"] = [_area(r) for r in service.offered_in]
    if service.target_groups:
        node["audience"] = [
            {"@type": "BusinessAudience" if g.code in BUSINESS_AUDIENCES else "Audience", "audienceType": g.label}
            for g in service.target_groups
        ]
    if service.instruments:
        node["serviceType"] = [c.label for c in service.instruments]
    if service.categories or service.determinants:
        node["category"] = [c.label for c in [*service.categories, *service.determinants]]
    return node


def schemaorg_document(data: ExportData) -> dict:
    graph = [_organization(a, data) for a in data.actors] + [_service(s, data) for s in data.services]
    return {"@context": "https://schema.org", "@graph": graph}
