"""The runner of client SPARQL queries for the configured store: local workers or the remote server."""

from __future__ import annotations

from kg.config import Settings
from kg.sparql_remote import RemoteEndpoint
from kg.sparql_worker import Snapshots, SparqlPool, WorkerSpec, write_trig
from kg.store import EmbeddedStore, Store

QueryRunner = SparqlPool | RemoteEndpoint


def query_runner(settings: Settings, store: Store, size: int = 2) -> QueryRunner:
    """The runner for the configured store: workers on checkpoints of the on-disk store (made beside it) or on
    snapshots of the memory store, or the remote server itself."""
    if settings.store == "remote":
        return RemoteEndpoint(settings.remote_query_url, settings.remote_union_param or None)
    if settings.store == "embedded" and isinstance(store, EmbeddedStore) and store.read_only:
        path = str(settings.store_path)  # nobody writes here: the workers read the store itself
        return SparqlPool(lambda: WorkerSpec("disk", path), size)
    if settings.store == "embedded" and isinstance(store, EmbeddedStore):
        snapshots = Snapshots(store.checkpoint, "disk", settings.store_path.parent)
    else:
        snapshots = Snapshots(lambda target: write_trig(store, target), "snapshot")
    pool = SparqlPool(snapshots, size, release=snapshots.release)
    pool.on_close = snapshots.close
    return pool
