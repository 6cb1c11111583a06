"""Regions and their hierarchy: a list by level, parent and text; one region with its parts and actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import CatalogueDep, StoreDep
from api.errors import invalid_values
from api.negotiation import HTML, JSON
from api.pages import format_links, render
from api.representations import ENTITY_RESPONSES, FormatParam, choose, json_response, rdf_response
from api.routers.actors import Offset
from kg.lookup.actors import ActorQuery, list_actors
from kg.lookup.describe import describe
from kg.lookup.records import Page, RegionDetail, RegionRecord
from kg.lookup.regions import list_regions, region_detail

router = APIRouter(tags=["regions"])


@router.get("/regions", response_model=Page[RegionRecord], responses={200: {"content": {HTML: {}}}},
            summary="Regions by level, parent and name")
def regions(
    request: Request,
    catalogue: CatalogueDep,
    level: Annotated[int | None, Query(ge=0, le=3, description="0 country, 1-3 NUTS levels")] = None,
    parent: Annotated[str | None, Query(max_length=200, description="Code or name of the enclosing region")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the code or name")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
    offset: Offset = 0,
    fmt: FormatParam = None,
):
    with invalid_values():
        page = list_regions(catalogue, level, parent, q, limit, offset)
    if choose(request, fmt, [JSON, HTML]) == HTML:
        return render(request, catalogue, "regions.html", "Regions", page=page)
    return json_response(page)


@router.get("/regions/{code}", response_model=RegionDetail, responses=ENTITY_RESPONSES,
            summary="One region: its place in the hierarchy, parts, actors and services")
@router.get("/id/region/{code}", response_model=RegionDetail, include_in_schema=False)
def region(code: str, request: Request, store: StoreDep, catalogue: CatalogueDep, fmt: FormatParam = None):
    chosen = choose(request, fmt)
    detail = region_detail(store, catalogue, code)
    if chosen == JSON:
        return json_response(detail)
    if chosen == HTML:
        actors = list_actors(store, catalogue, ActorQuery(region=detail.code), limit=200)
        return render(request, catalogue, "region.html", detail.name, iri=detail.iri, formats=format_links(request),
                      region=detail, actors=actors)
    return rdf_response(describe(store, catalogue.regions.resolve(detail.code).iri), chosen)
