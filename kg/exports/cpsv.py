"""CPSV-AP 3 (Core Public Service Vocabulary Application Profile) for the public services of the graph:
services that a public body provides, with their competent authority, classification and spatial coverage."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, SKOS

from kg.exports.data import ExportData
from kg.lookup.records import ActorRecord, ConceptRef, RegionRef, ServiceRecord
from kg.namespaces import CPSV

CV = Namespace("http://data.europa.eu/m8g/")  # SEMIC Core Vocabularies, as used by CPSV-AP 3


def is_public(service: ServiceRecord, provider: ActorRecord | None) -> bool:
    """A public service: typed so at load time (a government provider), or provided by a public-sphere actor."""
    return service.public_service or (provider is not None and provider.sphere is not None
                                      and provider.sphere.code == "public")


def _concept(graph: Graph, concept: ConceptRef) -> URIRef:
    iri = URIRef(concept.iri)
    graph.add((iri, RDF.type, SKOS.Concept))
    graph.add((iri, SKOS.prefLabel, Literal(concept.label, lang="en")))
    graph.add((iri, SKOS.notation, Literal(concept.code)))
    return iri


def _location(graph: Graph, region: RegionRef) -> URIRef:
    iri = URIRef(region.iri)
    graph.add((iri, RDF.type, DCTERMS.Location))
    graph.add((iri, SKOS.prefLabel, Literal(region.name)))
    graph.add((iri, DCTERMS.identifier, Literal(region.code)))
    return iri


def _authority(graph: Graph, actor: ActorRecord) -> URIRef:
    iri = URIRef(actor.iri)
    graph.add((iri, RDF.type, CV.PublicOrganisation))
    graph.add((iri, SKOS.prefLabel, Literal(actor.name)))
    graph.add((iri, DCTERMS.identifier, Literal(actor.id)))
    for region in [actor.seat] if actor.seat else []:
        graph.add((iri, DCTERMS.spatial, _location(graph, region)))
    return iri


def cpsv_graph(data: ExportData) -> Graph:
    graph = Graph()
    for prefix, namespace in (("cpsv", CPSV), ("cv", CV), ("dct", DCTERMS), ("dcat", DCAT), ("skos", SKOS)):
        graph.bind(prefix, namespace)
    for service in data.services:
        provider = data.actor(service.provider.iri) if service.provider else None
        if provider is None or not is_public(service, provider):
            continue
        node = URIRef(service.iri)
        graph.add((node, RDF.type, CPSV.PublicService))
        graph.add((node, DCTERMS.identifier, Literal(service.id)))
        graph.add((node, DCTERMS.title, Literal(service.name, lang="en")))
        graph.add((node, DCTERMS.description, Literal(service.description or service.name, lang="en")))
        graph.add((node, CV.hasCompetentAuthority, _authority(graph, provider)))
        for concept in service.determinants:
            graph.add((node, CV.thematicArea, _concept(graph, concept)))
        for concept in [*service.categories, *service.instruments, *service.phases, *service.target_groups]:
            graph.add((node, CV.isClassifiedBy, _concept(graph, concept)))
        for concept in service.sectors:
            graph.add((node, CV.sector, _concept(graph, concept)))
        for concept in service.instruments:
            graph.add((node, DCAT.keyword, Literal(concept.label, lang="en")))
        for region in service.offered_in:
            graph.add((node, DCTERMS.spatial, _location(graph, region)))
    return graph
