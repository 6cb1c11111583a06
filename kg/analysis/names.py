"""How results name things: the template's short ids for actors and services, codes for concepts.

Results carry ids and codes, never raw IRIs, so that they read like the data sets they came from;
an IRI outside the project's namespaces stays whole, so an id is never ambiguous.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node

from kg.namespaces import BASE, actor_iri

ACTOR_NS = BASE + "id/actor/"
SERVICE_NS = BASE + "id/service/"


def actor_id(iri: Node | str) -> str:
    return str(iri).removeprefix(ACTOR_NS)


def service_id(iri: Node | str) -> str:
    return str(iri).removeprefix(SERVICE_NS)


def code_of(iri: Node | str) -> str:
    """The code of a taxonomy concept: the last segment of its IRI (ontology/CODES.md fixes both)."""
    return str(iri).rsplit("/", 1)[-1]


def actor_ref(ident: str) -> URIRef:
    """The IRI behind an actor id: the inverse of `actor_id`."""
    return URIRef(ident) if ":" in ident else actor_iri(ident)
