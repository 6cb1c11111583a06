"""Query workers: a query past its deadline is stopped by killing its process, the pool carries on, writes
refresh the workers, and a worker has no network even if a query slipped past the check."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryRefused, StoreError
from kg.loading.loader import load_paths
from kg.sparql_runner import query_runner
from kg.sparql_worker import Job, QueryTimeout, ResultTooLarge, SparqlPool, WorkerSpec, execute
from kg.store import EmbeddedStore
from tests.api_support import FIXTURE_SETS, api_settings, listener, loaded_store

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NAMES = "SELECT ?n WHERE { <http://x/s> <http://x/p> ?n }"


def ready(pool: SparqlPool) -> SparqlPool:
    pool.start()
    deadline = time.monotonic() + 30
    while len(pool.pids()) < pool.size and time.monotonic() < deadline:
        time.sleep(0.05)
    return pool


@pytest.fixture
def memory_pool(tmp_path):
    store = loaded_store()
    pool = ready(query_runner(api_settings(tmp_path), store))
    yield pool, store
    pool.close()


def test_a_query_past_its_deadline_is_killed_and_replaced(memory_pool):
    pool, _ = memory_pool
    before = set(pool.pids())
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"did not finish within 0\.5 s"):
        pool.run(Job(HEAVY), 0.5)
    assert time.monotonic() - started < 2
    started = time.monotonic()
    assert b'"boolean":true' in pool.run(Job("ASK { ?s ?p ?o }"), 5).data
    assert time.monotonic() - started < 0.5  # the other worker answers at once
    ready(pool)
    after = set(pool.pids())
    assert len(before - after) == 1 and len(after) == pool.size  # one replaced
    (killed,) = before - after
    with pytest.raises(ProcessLookupError):
        os.kill(killed, 0)


def test_a_worker_that_dies_is_replaced(memory_pool):
    pool, _ = memory_pool
    for pid in pool.pids():
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(StoreError):
        pool.run(Job("ASK {}"), 5)
    ready(pool)
    assert b"true" in pool.run(Job("ASK {}"), 5).data


def test_row_limit_is_checked_before_anything_is_sent(memory_pool):
    pool, _ = memory_pool
    with pytest.raises(ResultTooLarge, match="more than 10 rows"):
        pool.run(Job("SELECT * WHERE { ?s ?p ?o }", max_rows=10), 5)
    answer = pool.run(Job("SELECT * WHERE { ?s ?p ?o } LIMIT 10", max_rows=10, result_format="text/csv"), 5)
    assert len(answer.data.decode().strip().splitlines()) == 11


def test_exclusive_restarts_the_workers_on_the_new_data(memory_pool):
    pool, store = memory_pool
    assert b'"bindings":[]' in pool.run(Job(NAMES), 5).data
    graph = Graph()
    graph.add((URIRef("http://x/s"), URIRef("http://x/p"), Literal("new")))
    with pool.exclusive():
        assert pool.pids() == []
        store.replace_graphs({URIRef("http://x/g"): graph})
    assert b'"value":"new"' in pool.run(Job(NAMES), 30).data


def test_workers_read_an_on_disk_store_while_the_server_holds_it(tmp_path):
    settings = api_settings(tmp_path, store="embedded")
    store = EmbeddedStore(settings.store_path)
    load_paths(FIXTURE_SETS, settings, store)
    pool = ready(query_runner(settings, store))
    try:
        answer = pool.run(Job("SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/rckg/ontology#Actor> }"), 10)
        assert b'"value":"6"' in answer.data
        graph = Graph()
        graph.add((URIRef("http://x/s"), URIRef("http://x/p"), Literal("on disk")))
        with pool.exclusive():
            store.replace_graphs({URIRef("http://x/g"): graph})
        assert b'"value":"on disk"' in pool.run(Job(NAMES), 30).data
    finally:
        pool.close()
        store.close()


def test_execute_refuses_service_before_the_engine_runs(tmp_path):
    with listener() as (url, connections):
        for query in (f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"):
            with pytest.raises(QueryRefused):
                execute(ox.Store(), Job(query))
    assert connections == []


def test_a_worker_has_no_network_even_past_the_check(tmp_path):
    """The sandbox alone: Oxigraph is asked to make the SERVICE call itself, in an isolated process."""
    with listener() as (url, connections):
        script = textwrap.dedent(f"""
            import sys, pyoxigraph as ox
            from kg.sparql_worker import isolate_network
            if not isolate_network():
                sys.exit(3)
            try:
                list(ox.Store().query("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
            except OSError:
                sys.exit(0)
            sys.exit(1)
        """)
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    if result.returncode == 3:
        pytest.skip("this kernel does not allow unprivileged network namespaces")
    assert result.returncode == 0, result.stderr.decode()
    assert connections == []


def test_a_worker_that_cannot_open_its_store_answers_a_clean_error(tmp_path):
    pool = SparqlPool(lambda: WorkerSpec("disk", str(tmp_path / "missing")), size=1)
    try:
        with pytest.raises(StoreError, match="cannot start"):
            pool.run(Job("ASK {}"), 30)
    finally:
        pool.close()


def test_a_remote_store_gets_only_checked_queries(tmp_path):
    settings = api_settings(tmp_path, store="remote")
    with listener() as (url, connections):
        runner = query_runner(settings.model_copy(update={"remote_query_url": url}), loaded_store())
        with pytest.raises(QueryRefused):
            runner.run(Job(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"), 5)
        with pytest.raises(QueryRefused):
            runner.run(Job("DROP ALL"), 5)
        assert connections == []
        with pytest.raises(StoreError):  # the listener is not a SPARQL server: it hangs up
            runner.run(Job("ASK { ?s ?p ?o }"), 5)
    assert len(connections) == 1
