"""Issue 14: likely duplicate actors (same website host, or nearly the same name in the same region) are
flagged for a person to confirm; portals, linked actors and different organisations are not."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.loading.duplicates import likely_duplicates
from kg.namespaces import RC, actor_iri
from kg.store import EmbeddedStore

FR101 = URIRef("http://data.europa.eu/nuts/code/FR101")
DE126 = URIRef("http://data.europa.eu/nuts/code/DE126")


def _actor(graph: Graph, slug: str, name: str, region: URIRef, website: str | None = None) -> URIRef:
    node = actor_iri(slug)
    graph.add((node, RDF.type, RC.Actor))
    graph.add((node, RDFS.label, Literal(name)))
    graph.add((node, RC.locatedIn, region))
    if website:
        graph.add((node, RC.website, Literal(website)))
    return node


def test_same_host_and_similar_names_in_one_region_are_flagged():
    annex, hubs = Graph(), Graph()
    _actor(annex, "cap-digital", "Cap Digital", FR101, "https://www.capdigital.com/en")
    _actor(hubs, "edih-77", "CAP DIGITAL", FR101, "http://capdigital.com")
    _actor(annex, "cyberforum", "CyberForum e.V.", DE126, "https://www.cyberforum.de")
    _actor(hubs, "edih-12", "Cyberforum", DE126)
    _actor(hubs, "edih-13", "Cyberforum", FR101)  # same name, another region: not flagged by name
    _actor(hubs, "edih-14", "Digital Hub Paris", FR101)
    pairs = likely_duplicates({"annex": annex, "edih": hubs}, None)
    found = {(p.first.iri.rsplit("/", 1)[1], p.second.iri.rsplit("/", 1)[1]): p.reason for p in pairs}
    assert found == {("cap-digital", "edih-77"): "same website host capdigital.com",
                     ("cyberforum", "edih-12"): "similar names in the same region (100%)"}


def test_portals_and_linked_actors_are_not_flagged():
    graph = Graph()
    for i in range(6):  # six actors whose only website is a page of one portal
        _actor(graph, f"hub-{i}", f"Hub number {i}", DE126 if i % 2 else FR101, f"https://portal.eu/hubs/{i}")
    a = _actor(graph, "lab-a", "Innovation Lab Mannheim", DE126)
    b = _actor(graph, "lab-b", "Innovation Lab Mannheim", DE126)
    graph.add((a, OWL.sameAs, b))
    assert likely_duplicates({"ds": graph}, None) == []


def test_actors_already_in_the_store_count():
    store = EmbeddedStore(None)
    stored = Graph()
    _actor(stored, "mannheim-cluster", "Cluster Medizintechnologie Mannheim", DE126, "https://www.m2oli.de")
    store.replace_graphs({URIRef("https://w3id.org/rckg/graph/mannheim"): stored})
    new = Graph()
    _actor(new, "m2-hub", "Medical hub", DE126, "https://m2oli.de/hub")
    (pair,) = likely_duplicates({"new": new}, store)
    assert {pair.first.dataset, pair.second.dataset} == {"mannheim", "new"} and "m2oli.de" in pair.reason
