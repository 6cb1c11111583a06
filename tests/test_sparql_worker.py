"""Query workers: a query past its deadline is stopped by killing its process, the pool carries on, writes
refresh the workers, and a worker has no network even if a query slipped past the check."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryRefused, StoreError
from kg.loading.loader import load_paths
from kg.sparql_runner import query_runner
from kg.sparql_worker import (
    EndpointBusy,
    Job,
    QueryCrashed,
    QueryTimeout,
    ResultTooLarge,
    SparqlPool,
    WorkerSpec,
    execute,
)
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


def test_workers_answer_during_a_write_and_see_it_after_refresh(memory_pool):
    pool, store = memory_pool
    assert b'"bindings":[]' in pool.run(Job(NAMES), 5).data
    before = set(pool.pids())
    graph = Graph()
    graph.add((URIRef("http://x/s"), URIRef("http://x/p"), Literal("new")))
    store.replace_graphs({URIRef("http://x/g"): graph})
    assert b'"bindings":[]' in pool.run(Job(NAMES), 5).data  # written, not yet published: the old snapshot
    pool.refresh()
    assert b'"value":"new"' in pool.run(Job(NAMES), 30).data
    assert set(ready(pool).pids()) == before  # the same processes reopened the new data


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
        snapshots = sorted(p.name for p in settings.store_path.parent.glob(".kg-snapshots-*/*"))
        store.replace_graphs({URIRef("http://x/g"): graph})
        pool.refresh()
        for _ in range(pool.size + 1):  # every worker, idle or not, moves to the new checkpoint
            assert b'"value":"on disk"' in pool.run(Job(NAMES), 30).data
        # the old checkpoint is removed once no worker reads it (idle workers move on in the background)
        deadline = time.monotonic() + 10
        while len(list(settings.store_path.parent.glob(".kg-snapshots-*/*"))) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sorted(p.name for p in settings.store_path.parent.glob(".kg-snapshots-*/*")) != snapshots
        assert len(list(settings.store_path.parent.glob(".kg-snapshots-*/*"))) == 1
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


def test_short_queries_are_answered_while_four_explosive_ones_run(tmp_path):
    """Issue 13: long queries move out of the short lane (niced, replaced), so small ones keep being served."""
    pool = ready(query_runner(api_settings(tmp_path), loaded_store()))
    results: list[object] = []

    def explode() -> None:
        try:
            results.append(pool.run(Job(HEAVY), 8))
        except QueryRefused as exc:
            results.append(exc)

    heavy = [threading.Thread(target=explode) for _ in range(4)]
    try:
        for thread in heavy:
            thread.start()
            time.sleep(0.3)
        time.sleep(1.5)  # all four past the short lane's second
        latencies = []
        for _ in range(20):
            started = time.monotonic()
            assert b"true" in pool.run(Job("ASK { ?s ?p ?o }"), 8).data
            latencies.append(time.monotonic() - started)
        print(f"\nsmall queries beside 4 explosive ones: slowest {max(latencies):.3f} s")
    finally:
        for thread in heavy:
            thread.join()
        pool.close()
    assert len(results) == 4 and all(isinstance(r, QueryTimeout) for r in results)  # stopped at their deadline


def test_beyond_the_long_query_cap_a_query_is_stopped_as_busy(tmp_path):
    pool = ready(query_runner(api_settings(tmp_path), loaded_store()))
    pool.max_long = 1
    outcome: list[BaseException] = []

    def hold() -> None:
        try:
            pool.run(Job(HEAVY), 4)
        except QueryTimeout as exc:
            outcome.append(exc)

    first = threading.Thread(target=hold)
    try:
        first.start()
        time.sleep(1.5)
        with pytest.raises(EndpointBusy, match="1 long queries are running already"):
            pool.run(Job(HEAVY), 4)
        assert b"true" in pool.run(Job("ASK { ?s ?p ?o }"), 4).data
    finally:
        first.join()
        pool.close()
    assert len(outcome) == 1 and not isinstance(outcome[0], EndpointBusy)  # the first ran to its deadline


def test_a_query_that_crashes_the_engine_is_a_clear_400_not_a_store_outage(memory_pool):
    """A worker that dies of a crash signal (the engine's stack overflow is SIGSEGV) while evaluating a query
    blames the query; the pool replaces the worker."""
    pool, _ = memory_pool
    victims = set(pool.pids())

    def crash_soon() -> None:
        time.sleep(0.5)
        for pid in victims:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSEGV)

    threading.Thread(target=crash_soon).start()
    with pytest.raises(QueryCrashed, match="cannot evaluate this query"):
        pool.run(Job(HEAVY), 10)
    assert b"true" in ready(pool).run(Job("ASK {}"), 10).data
