"""The application factory: one FastAPI app per call, holding its own store, catalogue and query workers."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import docs, editor, errors
from api.limits import BodyLimit
from api.pages import STATIC
from api.routers import (
    actors,
    analyses,
    compare,
    dashboard,
    datasets,
    exports,
    finder,
    home,
    linked_data,
    maps,
    regions,
    search,
    services,
    sparql,
    taxonomies,
    views,
)
from kg import __version__
from kg.config import Settings
from kg.lookup.catalogue import Catalogue
from kg.sparql_guard import harden_rdflib
from kg.sparql_runner import query_runner
from kg.store import Store, open_store

DESCRIPTION = """Who supports entrepreneurs with what, where: actors, their services (by determinant of
entrepreneurship, phase, target group, instrument, category and region), regions and taxonomies; every entity
also as JSON-LD, Turtle or an HTML page; exports in Open Referral HSDS, CPSV-AP, schema.org and GraphML; a
read-only SPARQL 1.1 endpoint at `/sparql`. Codes and labels are both accepted wherever a concept is named."""


def create_app(settings: Settings | None = None, store: Store | None = None, query_workers: int = 2) -> FastAPI:
    """Build an app on `store` (opened from the settings when not given, and then closed with the app).

    The SPARQL workers start with the first query; call `app.state.sparql.start()` to start them at once."""
    settings = settings or Settings()
    harden_rdflib()
    owns_store = store is None
    store = store if store is not None else open_store(settings)
    sparql_runner = query_runner(settings, store, query_workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        sparql_runner.close()
        if owns_store:
            store.close()

    app = FastAPI(title="Regional collaboration systems", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.store = store
    app.state.catalogue = Catalogue(settings.ontology_dir, store)
    app.state.sparql = sparql_runner
    app.state.write_lock = threading.Lock()
    app.state.export_slots = threading.BoundedSemaphore(exports.PARALLEL_EXPORTS)
    errors.install(app)
    docs.install(app)
    docs.document_problems(app)
    editor.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (home, actors, services, regions, analyses, taxonomies, exports, sparql, datasets, linked_data,
                   views, dashboard, compare, finder, search, maps):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, max_upload_bytes=settings.max_upload_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
                           allow_methods=["GET", "POST", "PUT", "OPTIONS"],
                           allow_headers=["Accept", "Authorization", "Content-Type"], max_age=600)
    return app
