"""Likely duplicates: two actors (of one data set or of two) that may be one organisation, for a person to
confirm and then link (a shared id, or data/crosswalks/edih-actor-links.csv for catalogue hubs).

Two signals, both cheap and explainable: the same website host, or names that are nearly the same among actors
seated in the same region. Hosts that many actors share (a portal, a social network) say nothing and are left
out. The check never refuses anything: it warns.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations
from urllib.parse import urlsplit

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.namespaces import GRAPH, RC
from kg.store import Store

NAME_SIMILARITY = 0.9
SHARED_HOST_LIMIT = 4  # a host of more actors than this is a portal, not an organisation's own site
_WORD = re.compile(r"[a-z0-9]+")
_LEGAL_FORMS = {"gmbh", "ev", "e", "v", "ag", "ltd", "inc", "sa", "srl", "bv", "nv", "ab", "as", "oy", "the"}

STORED_ACTORS = """
SELECT ?actor ?g (SAMPLE(?label) AS ?name) (SAMPLE(?site) AS ?website) (SAMPLE(?seat) AS ?region) WHERE {
  GRAPH ?g { ?actor a rc:Actor ; rdfs:label ?label OPTIONAL { ?actor rc:website ?site }
             OPTIONAL { ?actor rc:locatedIn ?seat } }
} GROUP BY ?actor ?g
"""


@dataclass(frozen=True)
class ActorFacts:
    iri: URIRef
    dataset: str
    name: str
    host: str | None
    region: URIRef | None


@dataclass(frozen=True)
class LikelyDuplicate:
    first: ActorFacts
    second: ActorFacts
    reason: str


def _host(url: object | None) -> str | None:
    if url is None:
        return None
    host = urlsplit(str(url)).hostname or ""
    return host.removeprefix("www.") or None


def _words(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(sorted(set(_WORD.findall(plain)) - _LEGAL_FORMS))


def _numbers(words: str) -> set[str]:
    return {word for word in words.split() if word.isdigit()}


def _from_graph(dataset: str, graph: Graph) -> list[ActorFacts]:
    return [ActorFacts(actor, dataset, str(graph.value(actor, RDFS.label) or actor), _host(graph.value(actor,
                       RC.website)), graph.value(actor, RC.locatedIn))
            for actor in set(graph.subjects(RDF.type, RC.Actor))]


def likely_duplicates(graphs: dict[str, Graph], store: Store | None) -> list[LikelyDuplicate]:
    """Pairs among the actors of `graphs` and those of the store's other data sets that may be one
    organisation; actors already one (same IRI) or linked by owl:sameAs are not reported."""
    actors = [facts for ds_id, graph in graphs.items() for facts in _from_graph(ds_id, graph)]
    if store is not None:
        rows = store.select(STORED_ACTORS).rows
        actors += [ActorFacts(r["actor"], str(r["g"]).removeprefix(GRAPH), str(r["name"]), _host(r["website"]),
                              r["region"]) for r in rows if str(r["g"]).removeprefix(GRAPH) not in graphs]
    linked = {frozenset(pair) for graph in graphs.values() for pair in graph.subject_objects(OWL.sameAs)}
    found: dict[frozenset, LikelyDuplicate] = {}

    def report(a: ActorFacts, b: ActorFacts, reason: str) -> None:
        key = frozenset((a.iri, b.iri))
        if a.iri != b.iri and key not in linked and key not in found:
            found[key] = LikelyDuplicate(*sorted((a, b), key=lambda f: str(f.iri)), reason)

    by_host: dict[str, list[ActorFacts]] = defaultdict(list)
    by_region: dict[URIRef, list[ActorFacts]] = defaultdict(list)
    for facts in actors:
        if facts.host:
            by_host[facts.host].append(facts)
        if facts.region is not None:
            by_region[facts.region].append(facts)
    for host, sharing in by_host.items():
        if len({f.iri for f in sharing}) <= SHARED_HOST_LIMIT:
            for a, b in combinations(sharing, 2):
                report(a, b, f"same website host {host}")
    for neighbours in by_region.values():
        for a, b in combinations(neighbours, 2):
            words_a, words_b = _words(a.name), _words(b.name)
            if _numbers(words_a) != _numbers(words_b):  # "Hub 1" and "Hub 2" are two hubs
                continue
            similarity = SequenceMatcher(None, words_a, words_b).ratio()
            if similarity >= NAME_SIMILARITY:
                report(a, b, f"similar names in the same region ({similarity:.0%})")
    return sorted(found.values(), key=lambda d: (str(d.first.iri), str(d.second.iri)))
