"""Stores: an embedded Oxigraph by default, a remote SPARQL 1.1 server by configuration."""

from __future__ import annotations

from kg.config import Settings
from kg.store.base import SelectResult, Store, Term
from kg.store.embedded import EmbeddedStore
from kg.store.remote import RemoteStore

__all__ = ["EmbeddedStore", "RemoteStore", "SelectResult", "Store", "Term", "open_store"]


def open_store(settings: Settings, read_only: bool = False) -> Store:
    """The configured store; `read_only` for a command that only reads, which then runs beside `kg serve`."""
    if settings.store == "remote":
        return RemoteStore(settings.remote_query_url, settings.remote_update_url, settings.remote_timeout_s,
                           settings.remote_union_param or None)
    if settings.store == "memory":
        return EmbeddedStore(None)
    return EmbeddedStore(settings.store_path, read_only=read_only)
