"""Remote mode answers like embedded mode: the same protocol requests through /sparql, and the same store calls,
against an embedded memory store and a real `oxigraph serve` holding the same graphs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from api import create_app
from kg.namespaces import GRAPH
from kg.store import RemoteStore
from tests.api_support import _fixture_graphs, api_client, api_settings, listener, loaded_store
from tests.test_store_remote import oxigraph_server

pytestmark = pytest.mark.slow

TOY = GRAPH + "toy-region"
REGIONS = GRAPH + "regions-mini"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CASES = [
    {"query": COUNT},
    {"query": f"SELECT (COUNT(*) AS ?n) FROM <{REGIONS}> WHERE {{ ?s ?p ?o }}"},
    {"query": f"SELECT (COUNT(*) AS ?n) FROM <{REGIONS}> WHERE {{ ?s ?p ?o }}", "default-graph-uri": [TOY]},
    {"query": COUNT, "default-graph-uri": [TOY, REGIONS]},
    {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"},
    {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", "named-graph-uri": [TOY]},
    {"query": f"SELECT DISTINCT ?g FROM NAMED <{TOY}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
    {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o GRAPH ?g { ?x ?y ?z } }",
     "default-graph-uri": [REGIONS], "named-graph-uri": [TOY]},
    {"query": "SELECT ?a WHERE { ?a a <https://w3id.org/rckg/ontology#Actor> } ORDER BY ?a"},
    {"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "default-graph-uri": [TOY]},
]


@pytest.fixture(scope="module")
def remote_base(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("remote") / "server", timeout_s=2) as base:
        RemoteStore(f"{base}/query", f"{base}/update").replace_graphs(_fixture_graphs())
        yield base


@contextmanager
def _remote_client(tmp_path, base: str, **overrides) -> Iterator[TestClient]:
    settings = api_settings(tmp_path, store="remote", remote_query_url=f"{base}/query",
                            remote_update_url=f"{base}/update", **overrides)
    with TestClient(create_app(settings, RemoteStore(f"{base}/query", f"{base}/update"))) as client:
        yield client


def test_the_product_queries_see_the_same_dataset(remote_base):
    remote, embedded = RemoteStore(f"{remote_base}/query", f"{remote_base}/update"), loaded_store()
    assert remote.graph_sizes() == embedded.graph_sizes()
    assert remote.triple_count() == embedded.triple_count()
    union = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert remote.select(union).rows == embedded.select(union).rows


@pytest.mark.parametrize("case", CASES, ids=range(len(CASES)))
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_sparql_answers_are_identical_in_both_modes(tmp_path, remote_base, case, accept):
    with api_client(tmp_path / "e") as embedded, _remote_client(tmp_path / "r", remote_base) as remote:
        answers = [c.get("/sparql", params=case, headers={"Accept": accept}) for c in (embedded, remote)]
    assert [a.status_code for a in answers] == [200, 200], answers[1].text
    assert answers[0].text == answers[1].text


def test_from_selects_one_graph_not_everything(tmp_path, remote_base):
    with _remote_client(tmp_path, remote_base) as client:
        one = client.get("/sparql", params=CASES[1]).json()["results"]["bindings"][0]["n"]["value"]
        everything = client.get("/sparql", params=CASES[0]).json()["results"]["bindings"][0]["n"]["value"]
    assert int(one) == loaded_store().graph_sizes()[REGIONS] < int(everything)


def test_the_row_limit_applies_in_remote_mode(tmp_path, remote_base):
    with _remote_client(tmp_path, remote_base, max_rows=3) as client:
        rows = client.get("/sparql", params={"query": CASES[8]["query"]})
        assert rows.status_code == 400 and "more than 3 rows" in rows.json()["detail"]
        assert client.get("/sparql", params={"query": CASES[8]["query"] + " LIMIT 3"}).status_code == 200
        triples = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
        assert triples.status_code == 400 and "more than 3 triples" in triples.json()["detail"]


@pytest.mark.parametrize("attack", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", "LOAD <{url}>", "DROP ALL", "INSERT DATA {{ <a:b> <a:b> <a:b> }}",
])
def test_attacks_fetch_nothing_and_change_nothing_in_remote_mode(tmp_path, remote_base, attack):
    with _remote_client(tmp_path, remote_base) as client, listener() as (url, connections):
        before = client.app.state.store.graph_sizes()
        response = client.get("/sparql", params={"query": attack.format(url=url)})
        assert response.status_code in (200, 400)
        if response.status_code == 200:  # FROM names a graph of the store, none is fetched
            assert response.json()["results"]["bindings"] == []
        assert client.app.state.store.graph_sizes() == before
    assert connections == []
