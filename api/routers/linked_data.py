"""Every IRI of the graph resolves here (w3id.org/rckg/... redirects to this server): concepts, schemes, the
ontology, data sets, sources, relationship records and named graphs, in JSON, JSON-LD, Turtle, N-Triples or
HTML. Actors, services and regions have their own richer views (routers actors, services, regions)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import URIRef

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.negotiation import HTML, JSON, JSON_LD, N_TRIPLES, TURTLE
from api.pages import Links, format_links, render
from api.representations import ENTITY_RESPONSES, FormatParam, choose, rdf_response
from kg.errors import NotFound
from kg.lookup.catalogue import Catalogue
from kg.lookup.describe import describe, resource
from kg.lookup.records import ConceptRecord, ResourceRecord
from kg.namespaces import BASE, PREFIXES, SCHEME, concept
from kg.rdfio import parse_rdf_file
from kg.store import Store

router = APIRouter(tags=["linked data"])

_SEGMENTS = re.compile(r"^[^\x00-\x20<>\"{}|^`\\]{1,500}$")
ONTOLOGY_IRI = URIRef(BASE + "ontology")


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri.removeprefix(namespace)}"
    return iri


def _resource_view(request: Request, store: Store, catalogue: Catalogue, iri: URIRef, chosen: str):
    record = resource(store, iri)
    if chosen == JSON:
        return record
    if chosen == HTML:
        return _resource_page(request, catalogue, record)
    return rdf_response(describe(store, iri), chosen)


def _resource_page(request: Request, catalogue: Catalogue, record: ResourceRecord) -> Response:
    link = Links(request.scope.get("root_path", ""), catalogue)
    rows = [
        (prop, [{"text": v.label or _short(v.value) if v.kind == "iri" else v.value,
                 "href": link(v.value) if v.kind == "iri" else None} for v in values])
        for prop, values in sorted(record.properties.items(), key=lambda item: _short(item[0]))
    ]
    return render(request, catalogue, "resource.html", record.label or _short(record.iri), iri=record.iri,
                  formats=format_links(request), rows=rows, short=_short)


@router.get("/concept/{scheme}/{code}", response_model=ConceptRecord | ResourceRecord, responses=ENTITY_RESPONSES,
            summary="A taxonomy concept (or a Table 1 assignment) by its IRI")
def concept_view(scheme: str, code: str, request: Request, store: StoreDep, catalogue: CatalogueDep,
                 fmt: FormatParam = None):
    iri = concept(scheme, code)
    record = catalogue.concepts.by_iri.get(str(iri))
    chosen = choose(request, fmt)
    if record is not None and chosen == JSON:
        return record
    if record is None and scheme in catalogue.concepts.schemes:
        catalogue.concepts.resolve(scheme, code)  # an unknown code: NotFound with the scheme's codes
        raise NotFound(f"{scheme}/{code} is a label, not a code: see /taxonomies/{scheme}")
    return _resource_view(request, store, catalogue, iri, chosen)


@router.get("/scheme/{path:path}", response_model=ResourceRecord, responses=ENTITY_RESPONSES,
            summary="A concept scheme (or a list the ontology keeps with it) by its IRI")
def scheme_view(path: str, request: Request, store: StoreDep, catalogue: CatalogueDep, fmt: FormatParam = None):
    chosen = choose(request, fmt)
    if not _SEGMENTS.match(path):
        raise NotFound("no such scheme")
    try:
        return _resource_view(request, store, catalogue, URIRef(SCHEME + path), chosen)
    except NotFound:
        raise NotFound(f"unknown concept scheme {path[:80]!r}", valid=sorted(catalogue.concepts.schemes)) from None


@router.get("/ontology", responses=ENTITY_RESPONSES, summary="The ontology (Turtle, JSON-LD, N-Triples, HTML)")
def ontology(request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep,
             fmt: FormatParam = None):
    chosen = choose(request, fmt, [TURTLE, JSON_LD, N_TRIPLES, HTML, JSON])
    if chosen in (HTML, JSON):
        return _resource_view(request, store, catalogue, ONTOLOGY_IRI, chosen)
    if chosen == TURTLE:
        return Response((settings.ontology_dir / "core.ttl").read_bytes(), media_type=TURTLE)
    return rdf_response(parse_rdf_file(settings.ontology_dir / "core.ttl"), chosen)


@router.get("/graph/{dataset}", status_code=303, response_class=RedirectResponse,
            summary="A named graph: see its data set", responses={303: {"description": "The data set's IRI"}})
def graph(dataset: str, request: Request) -> RedirectResponse:
    if not _SEGMENTS.match(dataset):
        raise NotFound("no such graph")
    return RedirectResponse(f"{request.scope.get('root_path', '')}/id/dataset/{dataset}", status_code=303)


@router.get("/id/{path:path}", response_model=ResourceRecord, responses=ENTITY_RESPONSES,
            summary="Any other resource of the graph (data sets, sources, relationship records) by its IRI")
def identified(path: str, request: Request, store: StoreDep, catalogue: CatalogueDep, fmt: FormatParam = None):
    if not _SEGMENTS.match(path):
        raise NotFound("no such resource")
    return _resource_view(request, store, catalogue, URIRef(BASE + "id/" + path), choose(request, fmt))
