"""The start page (what is in the graph, where to begin) and a health check."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import CatalogueDep, StoreDep
from api.negotiation import HTML, JSON
from api.pages import render
from api.representations import FormatParam, choose
from kg.stats import store_stats

router = APIRouter(tags=["about"])


@router.get("/", summary="What the graph holds, and links to start from",
            responses={200: {"content": {HTML: {}}}})
def home(request: Request, store: StoreDep, catalogue: CatalogueDep, fmt: FormatParam = None):
    stats = store_stats(store)
    if choose(request, fmt, [JSON, HTML]) == HTML:
        countries = [row for row in stats.region_rows
                     if getattr(catalogue.regions.by_code.get(row["region"]), "level", None) == 0]
        return render(request, catalogue, "home.html", "Start", stats=stats, countries=countries)
    return {
        "actors": stats.actors, "services": stats.services, "regions": stats.regions, "triples": stats.triples,
        "links": {"docs": "/docs", "openapi": "/openapi.json", "sparql": "/sparql", "actors": "/actors",
                  "services": "/services", "regions": "/regions", "taxonomies": "/taxonomies",
                  "datasets": "/datasets", "exports": ["/exports/hsds.json", "/exports/hsds.zip", "/exports/cpsv",
                                                       "/exports/schemaorg.jsonld", "/exports/network.graphml"]},
    }


@router.get("/healthz", summary="Liveness: the store answers")
def healthz(store: StoreDep) -> dict[str, str]:
    store.ask("ASK { ?s ?p ?o }")
    return {"status": "ok"}
