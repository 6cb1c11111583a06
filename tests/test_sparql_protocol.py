"""The SPARQL endpoint against a subset of the W3C SPARQL 1.1 Protocol tests (adapted: the endpoint is
read-only, and dataset IRIs name graphs of this store instead of documents to fetch), plus its limits:
timeout, row limit, SERVICE and LOAD refused before any connection is made."""

from __future__ import annotations

import csv
import io
import json
import os
import time
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from kg.namespaces import GRAPH
from tests.api_support import api_client, listener

TOY = GRAPH + "toy-region"
REGIONS = GRAPH + "regions-mini"
ACTORS = "SELECT ?a WHERE { ?a a <https://w3id.org/rckg/ontology#Actor> } ORDER BY ?a"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """One app for the read-only conformance tests (its query workers start once); the limit tests build
    their own."""
    with api_client(tmp_path_factory.mktemp("sparql")) as c:
        yield c


def bindings(response, var: str) -> list[str]:
    assert response.status_code == 200, response.text
    return [b[var]["value"] for b in response.json()["results"]["bindings"]]


def count(response) -> int:
    return int(bindings(response, "n")[0])


# ------------------------------------------------------------------ W3C protocol tests, positive


def test_query_get(client):
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.json()["boolean"] is True


def test_query_post_form(client):
    assert len(bindings(client.post("/sparql", data={"query": ACTORS}), "a")) == 6


def test_query_post_direct(client):
    response = client.post("/sparql", content=ACTORS, headers={"Content-Type": "application/sparql-query"})
    assert len(bindings(response, "a")) == 6


def test_query_dataset_default_graph(client):
    everything = count(client.get("/sparql", params={"query": COUNT}))
    toy = count(client.get("/sparql", params={"query": COUNT, "default-graph-uri": TOY}))
    assert toy == client.app.state.store.graph_sizes()[TOY] < everything


def test_query_dataset_default_graphs_get_and_post(client):
    sizes = client.app.state.store.graph_sizes()
    params = [("query", COUNT), ("default-graph-uri", TOY), ("default-graph-uri", REGIONS)]
    assert count(client.get("/sparql", params=params)) == sizes[TOY] + sizes[REGIONS]
    assert count(client.post("/sparql", data={"query": COUNT, "default-graph-uri": [TOY, REGIONS]})) == (
        sizes[TOY] + sizes[REGIONS])


def test_query_dataset_named_graphs(client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    response = client.get("/sparql", params=[("query", query), ("named-graph-uri", TOY),
                                             ("named-graph-uri", REGIONS)])
    assert bindings(response, "g") == [REGIONS, TOY]


def test_query_dataset_full(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o GRAPH ?g { ?x ?y ?z } }"
    sizes = client.app.state.store.graph_sizes()
    response = client.get("/sparql", params=[("query", query), ("default-graph-uri", REGIONS),
                                             ("named-graph-uri", TOY)])
    assert count(response) == sizes[REGIONS] * sizes[TOY]


def test_query_multiple_dataset_protocol_overrides_from(client):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{REGIONS}> WHERE {{ ?s ?p ?o }}"
    sizes = client.app.state.store.graph_sizes()
    assert count(client.get("/sparql", params={"query": query})) == sizes[REGIONS]
    assert count(client.get("/sparql", params={"query": query, "default-graph-uri": TOY})) == sizes[TOY]


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"), ("text/html,*/*;q=0.8", "application/sparql-results+json"),
])
def test_query_content_type_select(client, accept, media):
    response = client.get("/sparql", params={"query": ACTORS}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    body = response.text
    if media.endswith("json"):
        assert len(json.loads(body)["results"]["bindings"]) == 6
    elif media.endswith("xml"):
        assert len(ET.fromstring(body).findall(f".//{SRX}result")) == 6
    elif media == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["a"] and len(rows) == 7 and rows[1][0].startswith("https://w3id.org/rckg/id/actor/")
    else:
        lines = body.strip().split("\n")
        assert lines[0] == "?a" and len(lines) == 7 and lines[1].startswith("<https://")


def test_query_content_type_ask(client):
    response = client.get("/sparql", params={"query": "ASK { ?s a <http://nothing/x> }"},
                          headers={"Accept": "application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    assert ET.fromstring(response.text).find(f"{SRX}boolean").text == "false"


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                            ("application/ld+json", "json-ld")])
def test_query_content_type_construct_and_describe(client, accept, fmt):
    construct = "CONSTRUCT { ?a a ?t } WHERE { ?a a <https://w3id.org/rckg/ontology#Actor>, ?t }"
    response = client.get("/sparql", params={"query": construct}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    assert len(set(Graph().parse(data=response.text, format=fmt).subjects())) == 6
    describe = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/rckg/id/actor/toy-vc>"},
                          headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=describe.text, format=fmt)) > 5


def test_service_description(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    text = response.text
    assert any(str(o) == sd + "SPARQL11Query" for o in graph.objects())
    assert TOY in text and "SPARQL_Results_JSON" in text and "30 s" in text and "10000 rows" in text
    assert "<form" in client.get("/sparql", headers={"Accept": "text/html"}).text


# ------------------------------------------------------------------ W3C protocol tests, negative


def test_bad_query_method(client):
    assert client.put("/sparql", content=ACTORS).status_code == 405
    assert client.delete("/sparql").status_code == 405


def test_bad_multiple_queries(client):
    response = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert response.status_code == 400
    assert client.post("/sparql", data={"query": ["ASK {}", "ASK {}"]}).status_code == 400


def test_bad_query_wrong_media_type_and_missing_types(client):
    assert client.post("/sparql", content=ACTORS, headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/sparql", content=f"query={ACTORS}").status_code == 415  # no content type at all


def test_bad_query_non_utf8(client):
    latin = "ASK { ?s ?p \"caf\u00e9\" }".encode("latin-1")
    response = client.post("/sparql", content=latin, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400 and "UTF-8" in response.json()["detail"]
    utf16 = client.post("/sparql", content="ASK {}".encode("utf-16"),
                        headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert utf16.status_code == 415


def test_bad_query_syntax_gives_the_parsers_message_and_position(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "malformed query" in detail and "line 3" in detail and "column" in detail
    prefix = client.get("/sparql", params={"query": "SELECT * WHERE { ?s rc:name ?o }"}).json()["detail"]
    assert "undeclared prefix rc:" in prefix


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/rckg/graph/toy-region>", "LOAD <file:///etc/passwd>",
    "CREATE GRAPH <http://x/g>",
])
def test_updates_are_refused_in_every_form(client, update):
    before = client.app.state.store.graph_sizes()
    for response in (
        client.get("/sparql", params={"update": update}),
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400
        assert "read-only" in response.json()["detail"]
    assert client.app.state.store.graph_sizes() == before


# ------------------------------------------------------------------ safety and limits


@pytest.mark.parametrize("pattern", [
    "SERVICE <{url}> {{ ?s ?p ?o }}", "SERVICE SILENT <{url}> {{ ?s ?p ?o }}", "service <{url}> {{ ?s ?p ?o }}",
    "\\u0053ERVICE <{url}> {{ ?s ?p ?o }}", "OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "{{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}", "FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "?a ?b ?c FILTER(?a < ?b) SERVICE ?a#>\n {{ ?s ?p ?o }}", "BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }}",
    "MINUS {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_before_any_connection(client, pattern):
    with listener() as (url, connections):
        query = "SELECT * WHERE { " + pattern.format(url=url) + " }"
        for response in (client.get("/sparql", params={"query": query}),
                         client.post("/sparql", data={"query": query}),
                         client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})):
            assert response.status_code == 400, response.text
            assert "SERVICE" in response.json()["detail"]
    assert connections == []


def test_from_and_load_fetch_nothing(client):
    with listener() as (url, connections):
        for source in (url, "file:///etc/passwd"):
            response = client.get("/sparql", params={"query": f"SELECT * FROM <{source}> WHERE {{ ?s ?p ?o }}"})
            assert response.status_code == 200 and response.json()["results"]["bindings"] == []
            assert client.get("/sparql", params={"update": f"LOAD <{source}>"}).status_code == 400
    assert connections == []


def test_service_in_a_string_or_a_name_is_just_text(client):
    query = ('SELECT ?s WHERE { ?s a <https://w3id.org/rckg/ontology#Service> ; '
             '<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(?l != "SERVICE <http://x> {}") }')
    assert len(bindings(client.get("/sparql", params={"query": query}), "s")) == 6


def test_row_limit_answers_a_clear_error(tmp_path):
    with api_client(tmp_path, max_rows=3) as client:
        response = client.get("/sparql", params={"query": ACTORS})
        assert response.status_code == 400 and "more than 3 rows" in response.json()["detail"]
        assert len(bindings(client.get("/sparql", params={"query": ACTORS + " LIMIT 3"}), "a")) == 3
        construct = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
        assert construct.status_code == 400 and "more than 3 triples" in construct.json()["detail"]


def test_timeout_stops_the_work_and_the_next_query_answers_promptly(tmp_path):
    with api_client(tmp_path, query_timeout_s=1.0) as client:
        pool = client.app.state.sparql
        pool.start()
        while len(pool.pids()) < pool.size:  # the server starts its workers at start-up; here we wait for them
            time.sleep(0.05)
        busy = set(pool.pids())
        started = time.monotonic()
        response = client.get("/sparql", params={"query": HEAVY})
        elapsed = time.monotonic() - started
        assert response.status_code == 503 and "1 s" in response.json()["detail"]
        assert elapsed < 3
        started = time.monotonic()
        assert count(client.get("/sparql", params={"query": COUNT})) > 0
        assert time.monotonic() - started < 1.0
        killed = busy - set(pool.pids())
        assert len(killed) == 1
        (pid,) = killed
        assert not os.path.exists(f"/proc/{pid}")  # killed and reaped: it uses no CPU


def test_results_reflect_the_store_through_the_workers(client):
    assert bindings(client.get("/sparql", params={"query": ACTORS}), "a")[0] == (
        "https://w3id.org/rckg/id/actor/toy-cluster")
