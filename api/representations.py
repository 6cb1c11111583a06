"""One entity, several representations: JSON (the typed record), JSON-LD, Turtle, N-Triples, HTML."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from rdflib import Graph
from starlette.exceptions import HTTPException

from api.negotiation import ENTITY_FORMATS, JSON, JSON_LD, N_TRIPLES, TURTLE, negotiate
from kg.namespaces import PREFIXES

RDF_SERIALISERS = {TURTLE: "turtle", N_TRIPLES: "nt", JSON_LD: "json-ld"}

FormatParam = Annotated[
    str | None,
    Query(alias="format", max_length=20, description="Overrides the Accept header: json, jsonld, ttl, nt or html"),
]

ENTITY_RESPONSES: dict[int | str, dict] = {
    200: {"content": {media: {} for media in ENTITY_FORMATS[1:]},
          "description": "The entity as JSON (below), JSON-LD, Turtle, N-Triples or an HTML page, by Accept"},
    404: {"description": "No such entity"},
    406: {"description": "None of the accepted media types is offered"},
}


def choose(request: Request, override: str | None, offers: list[str] = ENTITY_FORMATS) -> str:
    chosen = negotiate(request.headers.get("accept"), offers, override)
    if chosen is None:
        raise HTTPException(406, "offered: " + ", ".join(offers))
    return chosen


def json_response(record: BaseModel) -> Response:
    """A record as JSON, serialised once: the route's response_model documents it, and FastAPI's second
    validation of an already validated record cost a third of a look-up (bench/api_latency.py)."""
    return Response(record.model_dump_json(), media_type=JSON)


def rdf_response(graph: Graph, media_type: str) -> Response:
    """Serialise with the project's prefixes; JSON-LD gets them as an inline context (nothing to fetch)."""
    if media_type == JSON_LD:
        data = graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    else:
        data = graph.serialize(format=RDF_SERIALISERS[media_type])
    return Response(data, media_type=media_type, headers={"Vary": "Accept"})
