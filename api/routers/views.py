"""The network explorer for cluster managers and analysts: a region's actors (or the whole graph, grouped by
country) drawn with vis-network (vendored under api/static/vendor/vis-network) from one JSON, the
explorer analysis, which the page embeds and `/regions/{code}/network.json` returns as it is."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.pages import render
from api.representations import FormatParam
from api.routers.analyses import Code
from kg.analysis.explorer import CAP, DERIVED, explore
from kg.config import Settings
from kg.lookup.catalogue import Catalogue
from kg.store import Store

router = APIRouter(tags=["pages"])

Served = Annotated[bool, Query(description="Include actors whose services are offered in the region")]
Region = Annotated[str | None, Query(max_length=40, description="Region code; none: the whole graph, by country")]
# the schemes whose codes the explorer's JSON names, with their labels for the page
LABELLED = ("determinant", "phase", "instrument", "role", "actor-type", "sphere", "delivery-mode")


def explorer_data(store: Store, settings: Settings, catalogue: Catalogue, region: str | None, served: bool) -> dict:
    """The explorer's result with the labels of the codes it names: the page's data and the JSON route's body."""
    data = explore(store, settings, region, served)
    body = data.to_dict()
    body["labels"] = {name: {c.code: c.label for c in catalogue.concepts.in_scheme(name)} for name in LABELLED}
    return body


def _page(request: Request, catalogue: Catalogue, data: dict, fmt: str | None) -> Response:
    if fmt == "json":
        return JSONResponse(data)
    label = data["scope"]["label"]
    return render(request, catalogue, "network.html", f"Actor network of {label}", data=data, cap=CAP,
                  derived=DERIVED)


@router.get("/regions/{code}/network", response_class=HTMLResponse,
            summary="The network explorer of a region (HTML; JSON with ?format=json)")
def network_page(code: Code, request: Request, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
                 served: Served = True, fmt: FormatParam = None) -> Response:
    return _page(request, catalogue, explorer_data(store, settings, catalogue, code, served), fmt)


@router.get("/regions/{code}/network.json", summary="The network explorer's data of a region")
def network_json(code: Code, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
                 served: Served = True) -> JSONResponse:
    return JSONResponse(explorer_data(store, settings, catalogue, code, served))


@router.get("/network", response_class=HTMLResponse,
            summary="The network explorer of any scope: a region, or without one the whole graph by country")
def network_any(request: Request, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
                region: Region = None, served: Served = True, fmt: FormatParam = None) -> Response:
    return _page(request, catalogue, explorer_data(store, settings, catalogue, region or None, served), fmt)
