"""The runner of client SPARQL queries for the configured store: local workers or the remote server."""

from __future__ import annotations

from kg.config import Settings
from kg.sparql_remote import RemoteEndpoint
from kg.sparql_worker import Snapshot, SparqlPool, WorkerSpec, write_trig
from kg.store import Store

QueryRunner = SparqlPool | RemoteEndpoint


def query_runner(settings: Settings, store: Store, size: int = 2) -> QueryRunner:
    """The runner for the configured store: workers on the on-disk store or on a snapshot of the memory
    store, or the remote server itself."""
    if settings.store == "remote":
        return RemoteEndpoint(settings.remote_query_url)
    if settings.store == "embedded":
        path = str(settings.store_path)
        return SparqlPool(lambda: WorkerSpec("disk", path), size)
    snapshot = Snapshot(lambda target: write_trig(store, target))
    pool = SparqlPool(snapshot, size)
    pool.on_close = snapshot.close
    return pool
