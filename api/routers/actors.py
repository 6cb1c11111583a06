"""Actors: a filtered list, and one actor with its services, relations and sources in every representation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from rdflib import URIRef

from api.deps import CatalogueDep, StoreDep
from api.errors import invalid_values
from api.negotiation import HTML, JSON
from api.pages import format_links, render
from api.representations import ENTITY_RESPONSES, FormatParam, choose, json_response, rdf_response
from kg.lookup.actors import ActorQuery, actor_facts, get_actor, list_actors
from kg.lookup.describe import describe
from kg.lookup.records import ActorDetail, ActorRecord, Page

router = APIRouter(tags=["actors"])

Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]


@router.get("/actors", response_model=Page[ActorRecord], summary="Actors, filtered and paginated")
def actors(
    store: StoreDep,
    catalogue: CatalogueDep,
    region: Annotated[str | None, Query(max_length=200,
                                        description="Region code or name; sub-regions included")] = None,
    actor_type: Annotated[str | None, Query(alias="type", max_length=200,
                                            description="Actor type code or label; narrower types included")] = None,
    sector: Annotated[str | None, Query(max_length=200, description="Sector code or label")] = None,
    sphere: Annotated[str | None, Query(max_length=200,
                                        description="public, private, non-profit or public-private")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the name or description")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    with invalid_values():
        query = ActorQuery(region=region, type=actor_type, sector=sector, sphere=sphere, q=q)
        return json_response(list_actors(store, catalogue, query, limit, offset))


@router.get("/actors/{actor_id}", response_model=ActorDetail, responses=ENTITY_RESPONSES,
            summary="One actor with its services, relations and sources")
@router.get("/id/actor/{actor_id}", response_model=ActorDetail, include_in_schema=False)
def actor(actor_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep, fmt: FormatParam = None):
    chosen = choose(request, fmt)
    if chosen not in (JSON, HTML):
        return rdf_response(describe(store, URIRef(actor_facts(store, actor_id).iri)), chosen)
    detail = get_actor(store, catalogue, actor_id)
    if chosen == HTML:
        return render(request, catalogue, "actor.html", detail.name, iri=detail.iri, formats=format_links(request),
                      actor=detail)
    return json_response(detail)
