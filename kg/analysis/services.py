"""Services as the role-aware analyses read them: one record per service with its facts as codes and ids,
assembled from (service, facet, value) rows so that the store does not multiply a service's facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from kg.analysis.names import actor_id, actor_ref, code_of, service_id
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope
from kg.namespaces import scheme_iri
from kg.store import Store

# facets whose values are actors (read as ids); all others are taxonomy concepts (read as codes)
ACTOR_FACETS = frozenset({"provider", "signposts-to", "funded-by"})


@dataclass(frozen=True)
class ServiceFacts:
    id: str
    provider: str
    mode: str  # direct unless the data says signposting or channelling
    roles: frozenset[str]
    instruments: frozenset[str]
    determinants: frozenset[str]  # as addressed
    determinants_up: frozenset[str]  # addressed and every broader determinant
    phases: frozenset[str]
    target_groups: frozenset[str]  # declared and every broader group
    signposts_to: frozenset[str]
    funders: frozenset[str]  # of the service itself
    provider_funders: frozenset[str]
    provider_types: frozenset[str]  # declared and every broader type

    @property
    def direct(self) -> bool:
        return self.mode == "direct"


def _read(rows: Iterable[Mapping[str, Node | None]]) -> dict[str, ServiceFacts]:
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        facet, found = str(r["facet"]), facts[service_id(r["service"])]
        found[facet].add(actor_id(r["value"]) if facet in ACTOR_FACETS else code_of(r["value"]))
        if r["broader"] is not None:
            found[facet + "-up"].add(code_of(r["broader"]))
        if r["providerType"] is not None:
            found["provider-type"].add(code_of(r["providerType"]))
        if r["providerFunder"] is not None:
            found["provider-funded-by"].add(actor_id(r["providerFunder"]))
    return {
        ident: ServiceFacts(
            ident, min(f["provider"]), min(f["mode"], default="direct"), frozenset(f["role"]),
            frozenset(f["instrument"]), frozenset(f["determinant"]), frozenset(f["determinant"] | f["determinant-up"]),
            frozenset(f["phase"]), frozenset(f["target-group"] | f["target-group-up"]), frozenset(f["signposts-to"]),
            frozenset(f["funded-by"]), frozenset(f["provider-funded-by"]), frozenset(f["provider-type"]),
        )
        for ident, f in sorted(facts.items())
        if f["provider"]
    }


def services_in(store: Store, scope: Scope, determinant: URIRef | None = None) -> dict[str, ServiceFacts]:
    """The services available in the scope, by id; only those addressing `determinant` (or a narrower one)
    if given, so that a need reads no more of a large region than it asks for."""
    bound = determinant if determinant is not None else scheme_iri("determinant")
    return _read(store.select(sparql("services"), scope.bindings(determinant=bound)).rows)


def services_of(store: Store, actor: str) -> dict[str, ServiceFacts]:
    """All services of one actor, wherever offered."""
    return _read(store.select(sparql("actor-services"), {"actor": actor_ref(actor)}).rows)
