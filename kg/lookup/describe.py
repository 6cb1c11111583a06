"""The RDF description of one entity, for content negotiation: its own triples and, for an actor, its
services, qualified relations and sources, so a Turtle or JSON-LD client sees what the HTML page shows."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from kg.errors import NotFound
from kg.lookup.records import ResourceRecord, Value
from kg.namespaces import PREFIXES
from kg.store import Store

# Each part binds ?e; separate simple queries keep every part an index look-up on the bound entity.
PARTS = (
    "CONSTRUCT { ?e ?p ?o } WHERE { ?e ?p ?o }",
    "CONSTRUCT { ?x ?p ?o } WHERE { ?e rc:provides ?x . ?x ?p ?o }",
    "CONSTRUCT { ?x ?p ?o } WHERE { ?x rc:relationSubject ?e ; ?p ?o }",
    "CONSTRUCT { ?x ?p ?o } WHERE { ?x rc:relationObject ?e ; ?p ?o }",
    "CONSTRUCT { ?x ?p ?o } WHERE { ?e dcterms:source ?x . ?x ?p ?o }",
)


def describe(store: Store, iri: URIRef) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for part in PARTS:
        graph += store.construct(part, {"e": iri})
    return graph


def resource(store: Store, iri: URIRef) -> ResourceRecord:
    """The own triples of any resource, with the names of the IRIs they point to; NotFound if it has none."""
    rows = store.select(RESOURCE, {"e": iri}).rows
    if not rows:
        raise NotFound(f"nothing is known about {str(iri)[:200]}")
    properties: dict[str, list[Value]] = {}
    for row in rows:
        value = _value(row["o"], row.get("olabel"))
        values = properties.setdefault(str(row["p"]), [])
        if value not in values:
            values.append(value)
    labels = properties.get(str(RDFS.label)) or properties.get(str(SKOS.prefLabel)) or []
    return ResourceRecord(iri=str(iri), label=labels[0].value if labels else None, properties=properties)


def _value(term: Node, label: Node | None) -> Value:
    if isinstance(term, Literal):
        return Value(value=str(term), kind="literal", language=term.language,
                     datatype=str(term.datatype) if term.datatype else None)
    return Value(value=str(term), kind="iri" if isinstance(term, URIRef) else "blank",
                 label=str(label) if label is not None else None)


RESOURCE = """SELECT ?p ?o ?olabel WHERE {
  ?e ?p ?o .
  OPTIONAL { ?o rdfs:label|skos:prefLabel ?olabel }
}"""
