"""Safety: client values reach queries only as bound terms, error bodies say nothing about the server, CORS
is configured, bodies are size-limited, and rdflib's risky defaults are closed at start-up."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import rdflib.plugins.sparql as rdflib_sparql
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, Literal, URIRef

from api import create_app
from kg.errors import QueryRefused, StoreError
from kg.store.base import bind_values
from tests.api_support import RecordingStore, api_client, api_settings, listener, loaded_store

HOSTILE = [
    '"', "'", '" } ; DROP ALL ; { "', "> } UNION { ?s ?p ?o } #", "'; DROP GRAPH <x> ; --", "a\nb\r\n}\n#",
    "\\u0022 ) } SELECT * WHERE { ?s ?p ?o", "?s ?p ?o", "<script>alert(1)</script>", "x" * 180 + '"}',
    "Ünïcödé 🚀 \u202e ǅ", "%22%7D", "\x00", "\\", "${jndi:ldap://x}", "DE126\" . ?a ?b ?c",
]
CODE_PARAMS = {
    "/actors": ["region", "type", "sector", "sphere"],
    "/services": ["region", "determinant", "phase", "target_group", "instrument", "category", "role", "provider"],
    "/regions": ["parent"],
    "/exports/hsds.json": ["region"],
}
PATHS = ["/actors/{}", "/services/{}", "/regions/{}", "/concept/phase/{}", "/id/dataset/{}", "/taxonomies/{}"]


@pytest.fixture
def recorded(tmp_path):
    store = RecordingStore(loaded_store())
    with api_client(tmp_path, store) as client:
        client.get("/regions")  # the catalogue reads the regions once; later requests only run their own queries
        yield client, store


def _mentions(store: RecordingStore, value: str) -> bool:
    """Whether the value appears in the text of any query the app sent."""
    return any(value.strip() and value.strip() in query for query, _ in store.calls)


@pytest.mark.parametrize("value", HOSTILE)
def test_text_search_values_are_bound_literals_and_the_query_does_not_change(recorded, value):
    client, store = recorded
    for path in ("/actors", "/services"):
        store.calls.clear()
        assert client.get(path, params={"q": "hub"}).status_code == 200
        benign = list(store.calls)
        store.calls.clear()
        response = client.get(path, params={"q": value})
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 0 or value.lower() in "toy cluster management"
        assert [q for q, _ in store.calls] == [q for q, _ in benign]  # the same query texts, word for word
        for (query, bindings), (_, benign_bindings) in zip(store.calls, benign, strict=True):
            assert bindings.keys() == benign_bindings.keys()
            assert bindings["text"] == Literal(value.strip().lower()[:200])
            # the text the engine receives differs from the benign one only in the one escaped literal
            sent = bind_values(query, bindings)
            assert sent == bind_values(query, benign_bindings).replace(
                Literal("hub").n3(), bindings["text"].n3(), 1)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_codes_are_refused_before_any_query_sees_them(recorded, value):
    client, store = recorded
    for path, params in CODE_PARAMS.items():
        for param in params:
            store.calls.clear()
            response = client.get(path, params={param: value})
            assert response.status_code == 422, (path, param, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            assert not _mentions(store, value), (path, param)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_path_segments_never_reach_a_query(recorded, value):
    client, store = recorded
    for template in PATHS:
        store.calls.clear()
        response = client.get(template.format(quote(value, safe="")))
        assert response.status_code in (404, 422), (template, response.status_code)
        assert "Traceback" not in response.text
        assert not any(value in q for q, _ in store.calls if len(value.strip()) > 2)


def test_sparql_dataset_parameters_must_be_iris(tmp_path):
    with api_client(tmp_path) as client:
        for value in ("> } DROP ALL", "not an iri", '"'):
            response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": value})
            assert response.status_code == 400, value


def test_error_bodies_carry_no_traceback_path_or_class(tmp_path, monkeypatch):
    import api.routers.actors

    def broken(*_args, **_kwargs):
        raise RuntimeError("/srv/secret/store exploded in module kg.lookup")

    def unavailable(*_args, **_kwargs):
        raise StoreError("cannot open the store at /srv/secret/store")

    settings = api_settings(tmp_path)
    client = TestClient(create_app(settings, loaded_store()), raise_server_exceptions=False)
    monkeypatch.setattr(api.routers.actors, "list_actors", broken)
    crashed = client.get("/actors")
    assert crashed.status_code == 500
    monkeypatch.setattr(api.routers.actors, "list_actors", unavailable)
    down = client.get("/actors")
    assert down.status_code == 503
    for response in (crashed, down, client.get("/actors/x%00y"), client.get("/sparql", params={"query": "SELEC"})):
        for leak in ("Traceback", "/srv/secret", "RuntimeError", "StoreError", "File \"", ".py"):
            assert leak not in response.text, (leak, response.text)
        assert response.json()["detail"]


def test_cors_is_off_by_default_and_configurable(tmp_path):
    preflight = {"Origin": "https://portal.example", "Access-Control-Request-Method": "GET"}
    with api_client(tmp_path) as client:
        assert "access-control-allow-origin" not in client.get("/actors", headers={"Origin": "https://x"}).headers
    with api_client(tmp_path, cors_origins=["https://portal.example"]) as client:
        allowed = client.options("/services", headers=preflight)
        assert allowed.headers["access-control-allow-origin"] == "https://portal.example"
        other = client.get("/services", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_query_bodies_are_size_limited(tmp_path):
    with api_client(tmp_path) as client:
        big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 * 1024 * 1024)
        form = client.post("/sparql", data={"query": big})
        assert form.status_code == 413
        direct = client.post("/sparql", content=(c for c in [big.encode()]),
                             headers={"Content-Type": "application/sparql-query"})
        assert direct.status_code == 413


def test_rdflib_defaults_are_closed_at_start_up(tmp_path):
    with api_client(tmp_path):
        assert rdflib_sparql.SPARQL_LOAD_GRAPHS is False
        assert rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION is False
        assert "kg-refuse-service" in rdflib_sparql.CUSTOM_EVALS
    secret = tmp_path / "secret.ttl"
    secret.write_text("<http://x/s> <http://x/p> <http://x/o> .\n")
    assert list(Graph().query(f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}")) == []
    with listener() as (url, connections):
        with pytest.raises(QueryRefused):
            list(Graph().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
        with pytest.raises(QueryRefused):
            list(Graph().query(f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"))
        list(Graph().query(f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"))
    assert connections == []
    dataset = Dataset()
    dataset.graph(URIRef("http://x/private")).add((URIRef("http://x/s"), URIRef("http://x/p"), Literal("secret")))
    assert list(dataset.query("SELECT ?o WHERE { ?s ?p ?o }")) == []  # no leak through the default graph


def test_a_busy_endpoint_answers_503_with_retry_after(tmp_path, monkeypatch):
    from kg.sparql_worker import EndpointBusy

    with api_client(tmp_path) as client:
        def busy(job, timeout_s):
            raise EndpointBusy("4 long queries are running already")

        monkeypatch.setattr(client.app.state.sparql, "run", busy)
        response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5" and "long queries" in response.json()["detail"]
