"""The sources behind a set of facts, read as records (title, URL, publisher, year)."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS

from kg.lookup.facts import group_facts
from kg.lookup.records import SourceRecord
from kg.namespaces import SCHEMA
from kg.store import Store


def read_sources(store: Store, pattern: str, entity: URIRef) -> list[SourceRecord]:
    """Sources reached from the bound `?e` by `pattern`, which binds `?src` (a fixed fragment, never input)."""
    query = f"SELECT ?src ?p ?o WHERE {{\n{pattern}\n?src ?p ?o .\n}}"
    records = []
    for facts in group_facts(store.select(query, {"e": entity}).rows, subject="src").values():
        records.append(SourceRecord(
            iri=str(facts.iri),
            title=facts.text(DCTERMS.title) or facts.text(RDFS.label) or str(facts.iri),
            url=facts.text(SCHEMA.url),
            publisher=facts.text(DCTERMS.publisher),
            year=facts.text(DCTERMS.issued),
        ))
    return sorted(records, key=lambda r: r.title.lower())
