"""Exports of the whole graph or of one region in the exchange standards: Open Referral HSDS 3.0 (JSON page,
CSV package), CPSV-AP (Turtle, JSON-LD, N-Triples), schema.org JSON-LD, GraphML."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from api.deps import CatalogueDep, StoreDep
from api.errors import invalid_values
from api.negotiation import JSON_LD, N_TRIPLES, TURTLE
from api.representations import FormatParam, choose, rdf_response
from kg.exports.cpsv import cpsv_graph
from kg.exports.data import ExportData, read_export
from kg.exports.graphml import graphml_bytes
from kg.exports.hsds import hsds_json, hsds_zip
from kg.exports.schemaorg import schemaorg_document
from kg.lookup.catalogue import Catalogue
from kg.store import Store

PARALLEL_EXPORTS = 2
EXPORT_WAIT_S = 2.0


def export_slot(request: Request) -> Iterator[None]:
    """Exports read and serialise a whole graph: at most PARALLEL_EXPORTS run at once, so that two or three
    clients asking for everything cannot take the look-ups and the pages down with them."""
    slots = request.app.state.export_slots
    if not slots.acquire(timeout=EXPORT_WAIT_S):
        raise HTTPException(503, f"{PARALLEL_EXPORTS} exports are running already: try again shortly",
                            headers={"Retry-After": "10"})
    try:
        yield
    finally:
        slots.release()


router = APIRouter(prefix="/exports", tags=["exports"], dependencies=[Depends(export_slot)])

Region = Annotated[str | None, Query(max_length=200, description="Region code or name; default: everything")]


def _data(store: Store, catalogue: Catalogue, region: str | None) -> ExportData:
    with invalid_values():
        return read_export(store, catalogue, region)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/hsds.json", summary="Open Referral HSDS 3.0: a page of service objects (JSON)")
def hsds(store: StoreDep, catalogue: CatalogueDep, region: Region = None) -> JSONResponse:
    return JSONResponse(hsds_json(_data(store, catalogue, region)))


@router.get("/hsds.zip", summary="Open Referral HSDS 3.0: the tabular package (CSV files, datapackage.json)",
            responses={200: {"content": {"application/zip": {}}}})
def hsds_package(store: StoreDep, catalogue: CatalogueDep, region: Region = None) -> Response:
    return Response(hsds_zip(_data(store, catalogue, region)), media_type="application/zip",
                    headers=_attachment("hsds.zip"))


@router.get("/cpsv", summary="CPSV-AP 3 RDF of the public services (Turtle, JSON-LD or N-Triples by Accept)",
            responses={200: {"content": {TURTLE: {}, JSON_LD: {}, N_TRIPLES: {}}}})
def cpsv(request: Request, store: StoreDep, catalogue: CatalogueDep, region: Region = None,
         fmt: FormatParam = None) -> Response:
    chosen = choose(request, fmt, [TURTLE, JSON_LD, N_TRIPLES])
    return rdf_response(cpsv_graph(_data(store, catalogue, region)), chosen)


@router.get("/schemaorg.jsonld", summary="schema.org JSON-LD: Organization, Service / GovernmentService",
            responses={200: {"content": {JSON_LD: {}}}})
def schemaorg(store: StoreDep, catalogue: CatalogueDep, region: Region = None) -> JSONResponse:
    return JSONResponse(schemaorg_document(_data(store, catalogue, region)), media_type=JSON_LD)


@router.get("/network.graphml", summary="GraphML of the actor network for network tools",
            responses={200: {"content": {"application/graphml+xml": {}}}})
def graphml(store: StoreDep, catalogue: CatalogueDep, region: Region = None) -> Response:
    return Response(graphml_bytes(_data(store, catalogue, region)), media_type="application/graphml+xml",
                    headers=_attachment("network.graphml"))
