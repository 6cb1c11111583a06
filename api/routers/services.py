"""Services: the 'who provides what' look-up, and one service in every representation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import StringConstraints
from rdflib import URIRef

from api.deps import CatalogueDep, StoreDep
from api.errors import invalid_values
from api.negotiation import HTML, JSON
from api.pages import format_links, render
from api.representations import ENTITY_RESPONSES, FormatParam, choose, json_response, rdf_response
from api.routers.actors import Limit, Offset
from kg.lookup.describe import describe
from kg.lookup.records import FacetedPage, ServiceDetail, ServiceRecord
from kg.lookup.services import ServiceQuery, get_service, list_services, service_facts

router = APIRouter(tags=["services"])

Code = Annotated[str | None, Query(max_length=200)]
# a facet named several times matches any of its values: ?determinant=a&determinant=b
Terms = list[Annotated[str, StringConstraints(max_length=200)]] | None
MAX_TERMS = 30


def terms(description: str) -> Any:
    return Query(max_length=MAX_TERMS, description=f"{description}; repeat for any of several")


@router.get("/services", response_model=FacetedPage[ServiceRecord],
            summary="Who provides what: services, filtered, with counts per facet")
def services(
    store: StoreDep,
    catalogue: CatalogueDep,
    region: Annotated[str | None, Query(max_length=200, description=(
        "Region code or name (any language, small typos forgiven): services offered there, in an area "
        "containing it (a national programme), or in one of its parts"))] = None,
    determinant: Annotated[Terms, terms("Determinant code or label; a category includes its sub-determinants")] = None,
    phase: Annotated[Terms, terms("Phase code or label")] = None,
    target_group: Annotated[Terms, terms("Target-group code or label; narrower groups included")] = None,
    instrument: Annotated[Terms, terms("Instrument code or label; narrower instruments included")] = None,
    category: Annotated[Terms, terms("Service-category code or label")] = None,
    role: Annotated[Terms, terms("Role code or label")] = None,
    provider: Annotated[Terms, terms("Actor id of the provider")] = None,
    q: Annotated[str | None, Query(max_length=200, description=(
        "Text in the name or description, or in a label of the service's category or instruments"))] = None,
    facets: Annotated[bool, Query(description=(
        "Count the matching services per determinant, phase, target group, instrument, category and role"))] = True,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    with invalid_values():
        query = ServiceQuery(region=region, determinant=determinant, phase=phase, target_group=target_group,
                             instrument=instrument, category=category, role=role, provider=provider, q=q)
        return json_response(list_services(store, catalogue, query, limit, offset, facets=facets))


@router.get("/services/{service_id}", response_model=ServiceDetail, responses=ENTITY_RESPONSES,
            summary="One service with its provider, facets and sources")
@router.get("/id/service/{service_id}", response_model=ServiceDetail, include_in_schema=False)
def service(service_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep, fmt: FormatParam = None):
    chosen = choose(request, fmt)
    if chosen not in (JSON, HTML):
        return rdf_response(describe(store, URIRef(service_facts(store, service_id).iri)), chosen)
    detail = get_service(store, catalogue, service_id)
    if chosen == HTML:
        return render(request, catalogue, "service.html", detail.name, iri=detail.iri,
                      formats=format_links(request), service=detail)
    return json_response(detail)
