"""Turning user-given parameter values (codes, labels, slugs) into typed RDF terms for query binding."""

from __future__ import annotations

import re

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.config import Settings
from kg.errors import NotFound, QueryRefused
from kg.namespaces import actor_iri
from kg.ontology import SCHEMES, scheme
from kg.store import Store

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")


def resolve_region(code: str, store: Store) -> URIRef:
    rows = store.select(
        "SELECT ?r WHERE { ?r rc:regionCode ?code }", {"code": Literal(code.strip().upper())}
    ).rows
    if not rows:
        raise NotFound(f"unknown region code {code!r} (NUTS 2024 code, US-XX, US-<FIPS> or ISO country)")
    return rows[0]["r"]


def resolve_concept(kind: str, value: str, settings: Settings) -> URIRef:
    index = scheme(settings.ontology_dir, kind)
    iri = index.resolve(value)
    if iri is None:
        raise NotFound(f"unknown {kind} {value!r}", valid=index.codes())
    return iri


def resolve_param(kind: str, value: str, settings: Settings, store: Store) -> Node:
    if kind == "region":
        return resolve_region(value, store)
    if kind in SCHEMES:
        return resolve_concept(kind, value, settings)
    if kind == "actor":
        if not SLUG.match(value):
            raise QueryRefused(f"not an actor id: {value[:60]!r}")
        return actor_iri(value)
    if kind == "integer":
        if not re.fullmatch(r"-?\d{1,9}", value.strip()):
            raise QueryRefused(f"not an integer: {value[:60]!r}")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "text":
        return Literal(value[:500])
    raise NotFound(f"unknown parameter kind {kind!r}")
