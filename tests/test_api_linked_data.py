"""Linked data: every IRI of the graph resolves, entity endpoints negotiate JSON, JSON-LD, Turtle, N-Triples
and HTML, and the HTML pages link to each other and escape what the data says."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser

import pytest
from rdflib import RDFS, Graph, Literal, URIRef

from kg.loading.loader import load_paths
from kg.namespaces import BASE, RC
from tests.api_support import api_client, api_settings, loaded_store

ACTOR = URIRef(BASE + "id/actor/toy-cluster")


@pytest.fixture
def client(tmp_path):
    with api_client(tmp_path) as c:
        yield c


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


@pytest.mark.parametrize(("accept", "fmt"), [("application/ld+json", "json-ld"), ("text/turtle", "turtle"),
                                            ("application/n-triples", "nt")])
def test_actor_negotiates_rdf_with_services_relations_and_sources(client, accept, fmt):
    response = client.get("/actors/toy-cluster", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.text, format=fmt)
    assert (ACTOR, RDFS.label, Literal("Toy Cluster Management")) in graph
    services = set(graph.objects(ACTOR, RC.provides))
    assert len(services) == 3 and all(graph.value(s, RDFS.label) for s in services)
    assert len(set(graph.subjects(RC.relationSubject, ACTOR)) | set(graph.subjects(RC.relationObject, ACTOR))) == 5
    assert (URIRef(BASE + "id/source/toy-region/src"), RDFS.label, Literal("Test fixture")) in graph


def test_format_parameter_overrides_accept_and_unknown_media_types_get_406(client):
    response = client.get("/services/toy-coaching", params={"format": "ttl"}, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/turtle")
    assert client.get("/services/toy-coaching", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/services/toy-coaching", headers={"Accept": "*/*"}).headers["content-type"] == (
        "application/json")
    html = client.get("/regions/DE12", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html")


def test_every_iri_of_the_graph_resolves(client, tmp_path):
    store = client.app.state.store
    subjects = {str(r["s"]) for r in store.select(
        f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}")) }}').rows}
    assert len(subjects) > 200
    for iri in sorted(subjects):
        path = iri.removeprefix(BASE[:-1]).split("#")[0]
        response = client.get(path, headers={"Accept": "text/turtle"}, follow_redirects=True)
        assert response.status_code == 200, (iri, response.text[:200])
        if "#" not in iri:
            assert URIRef(iri) in set(Graph().parse(data=response.text, format="turtle").subjects()), iri


def test_entity_iris_answer_like_their_resources(client):
    assert client.get("/id/actor/toy-vc").json()["name"] == "Toy Ventures"
    assert client.get("/id/service/toy-seed-fund").json()["provider"]["id"] == "toy-vc"
    assert client.get("/id/region/IL").json()["name"] == "Israel"
    assert client.get("/concept/phase/start-up").json()["label"] == "Start-up"
    graph = client.get("/graph/toy-region", follow_redirects=False)
    assert graph.status_code == 303 and graph.headers["location"] == "/id/dataset/toy-region"
    dataset = client.get("/id/dataset/toy-region").json()
    assert dataset["label"].startswith("Toy region for tests")
    assert client.get("/id/nothing/here").status_code == 404
    assert client.get("/concept/phase/later").status_code == 404


def test_ontology_resolves_as_turtle_and_html(client):
    turtle = client.get("/ontology")
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert (RC.Actor, RDFS.label, Literal("Actor", lang="en")) in Graph().parse(data=turtle.text, format="turtle")
    assert "Regional Collaboration Systems Ontology" in client.get("/ontology", headers={"Accept": "text/html"}).text


def test_actor_page_shows_services_relations_sources_and_links_that_resolve(client):
    page = client.get("/actors/toy-cluster", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    for expected in ("Toy Cluster Management", "Start-up coaching", "Investor days", "coordinates", "member",
                     "Toy Partner Haifa", "Test fixture", "Mannheim, Stadtkreis", "row 2"):
        assert expected in text
    internal = sorted({h for h in links(text) if h.startswith("/")})
    assert "/services/toy-coaching" in internal and "/regions/DE126" in internal
    assert "/concept/determinant/venture-capital" in internal
    for href in internal:
        assert client.get(href, headers={"Accept": "text/html"}).status_code == 200, href


def test_service_and_region_pages(client):
    service = client.get("/services/toy-incubation", headers={"Accept": "text/html"}).text
    assert "Toy Incubator" in service and "Toy Federal Ministry" in service and "Start-up" in service
    region = client.get("/regions/DE12", headers={"Accept": "text/html"}).text
    assert "Karlsruhe" in region and "Toy University" in region and "Heidelberg, Stadtkreis" in region
    assert re.search(r"4 actors seated here", region)
    home = client.get("/", headers={"Accept": "text/html"}).text
    assert "6 actors" in home


def test_pages_escape_what_the_data_says(tmp_path, toy_copy):
    actors = toy_copy / "actors.csv"
    rows = list(csv.DictReader(actors.open(encoding="utf-8")))
    rows[0]["name"] = '<script>alert("x")</script> Cluster'
    rows[0]["description"] = '<img src=x onerror="alert(1)">'
    with actors.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    settings = api_settings(tmp_path)
    store = loaded_store()
    load_paths([toy_copy], settings, store)
    with api_client(tmp_path, store) as client:
        html = client.get("/actors/toy-cluster", headers={"Accept": "text/html"}).text
        assert "<script>" not in html and "<img" not in html
        assert "&lt;script&gt;" in html and "&lt;img src=x" in html
        region = client.get("/regions/DE126", headers={"Accept": "text/html"}).text
        assert "<script>" not in region


def test_regions_list_as_html(client):
    page = client.get("/regions", params={"format": "html", "level": 3}).text
    assert "DE125" in page and "Heidelberg, Stadtkreis" in page
