"""The remote store against a real SPARQL 1.1 server (`oxigraph serve`) started on loopback by the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from kg.config import Settings
from kg.errors import LoadError, QueryError, StoreError
from kg.loading.loader import load_paths
from kg.namespaces import NUTS, actor_iri
from kg.querying import run_query
from kg.store import RemoteStore, open_store
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path, timeout_s: int = 5) -> Iterator[str]:
    """`oxigraph serve` on a free loopback port, as docs/remote.md says: no --union-default-graph (it would
    override FROM; the client asks for the union per query) and a server-side timeout that cancels the work."""
    beside_python = Path(sys.executable).parent / "oxigraph"  # the venv's bin/, also when it is not on PATH
    binary = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the `oxigraph` server (PyPI package oxigraph, a dev dependency) is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--timeout-s", str(timeout_s)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def server(tmp_path) -> Iterator[str]:
    with oxigraph_server(tmp_path / "server") as base:
        yield base


@pytest.fixture
def remote(server: str) -> RemoteStore:
    settings = Settings(store="remote", remote_query_url=f"{server}/query", remote_update_url=f"{server}/update",
                        _env_file=None)
    store = open_store(settings)
    assert isinstance(store, RemoteStore)
    return store


def test_remote_store_loads_and_answers_like_the_embedded_one(remote, settings):
    load_paths([FIXTURES / "regions-mini", FIXTURES / "toy-region"], settings, remote)
    assert remote.triple_count() > 300
    assert "https://w3id.org/rckg/graph/toy-region" in remote.graph_sizes()
    regions = remote.select("SELECT ?r WHERE { ?a rc:locatedWithin ?r }", {"a": actor_iri("toy-cluster")}).values("r")
    assert NUTS.DE1 in regions
    rows = run_query("cq03-single-provider-cells", {"region": "DE126"}, settings, remote).rows
    assert {str(r["onlyProvider"]) for r in rows} >= {"Toy Incubator", "Toy Cluster Management"}
    assert remote.ask("ASK { ?s a rc:Service }")
    assert len(remote.construct("CONSTRUCT { ?a ?p ?o } WHERE { ?a a rc:Actor ; ?p ?o }")) > 20


def test_failed_load_leaves_the_remote_store_unchanged(remote, settings, toy_copy):
    load_paths([FIXTURES / "regions-mini"], settings, remote)
    before = remote.graph_sizes()
    (toy_copy / "services.csv").write_text((toy_copy / "services.csv").read_text().replace(",coaching,", ",magic,", 1))
    with pytest.raises(LoadError):
        load_paths([toy_copy], settings, remote)
    assert remote.graph_sizes() == before


def test_remote_errors_are_clear(remote):
    with pytest.raises(QueryError):
        remote.select("SELECT ?x WHERE { ?x ")
    unreachable = RemoteStore("http://127.0.0.1:9/query", "http://127.0.0.1:9/update", timeout_s=2)
    with pytest.raises(StoreError, match="unreachable"):
        unreachable.select("SELECT * WHERE { ?s ?p ?o }")
