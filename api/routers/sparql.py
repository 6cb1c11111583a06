"""The SPARQL 1.1 Protocol endpoint: read-only, with a time limit and a row limit.

GET with `query`, POST as a urlencoded form or as `application/sparql-query`; `default-graph-uri` and
`named-graph-uri` choose the dataset (graphs of this store only: nothing is fetched). SELECT and ASK answer in
the SPARQL results formats, CONSTRUCT and DESCRIBE in Turtle, N-Triples or JSON-LD. Without a query, GET
returns the service description. Every query is checked (no update, no SERVICE) and evaluated in a worker
process that is killed at the deadline (kg.sparql_worker).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, VOID
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from api.deps import SettingsDep, SparqlDep, StoreDep
from api.limits import MAX_QUERY_BYTES
from api.negotiation import HTML, JSON, JSON_LD, N_TRIPLES, TURTLE, negotiate
from api.pages import ENV
from api.representations import FormatParam, rdf_response
from kg.config import Settings
from kg.errors import QueryRefused
from kg.sparql_runner import QueryRunner
from kg.sparql_worker import Answer, Job
from kg.store import Store

router = APIRouter(tags=["sparql"])

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
RESULT_OFFERS = [SPARQL_JSON, SPARQL_XML, "text/csv", "text/tab-separated-values", JSON, "application/xml"]
RESULT_ALIASES = {JSON: SPARQL_JSON, "application/xml": SPARQL_XML}
GRAPH_OFFERS = [TURTLE, N_TRIPLES, JSON_LD]
FORMAT_IRIS = {
    SPARQL_JSON: FORMATS.SPARQL_Results_JSON, SPARQL_XML: FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV, "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    TURTLE: FORMATS.Turtle, N_TRIPLES: FORMATS["N-Triples"], JSON_LD: FORMATS["JSON-LD"],
}

READ_ONLY = "this endpoint is read-only: updates are not accepted"

QUERY_RESPONSES: dict[int | str, dict] = {
    200: {"description": "Results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE); without a query, the service "
                         "description", "content": {m: {} for m in [*RESULT_OFFERS[:4], *GRAPH_OFFERS]}},
    400: {"description": "Malformed query (message and position), an update, SERVICE, or too many rows"},
    413: {"description": "The request body is too large"},
    415: {"description": "POST with a media type other than a form or application/sparql-query"},
    503: {"description": "The query did not finish within the time limit (its work was stopped)"},
}


def _job(request: Request, query: str, settings: Settings, default_graphs: list[str] | None,
         named_graphs: list[str] | None, fmt: str | None) -> Job:
    accept = request.headers.get("accept")
    results = negotiate(accept, RESULT_OFFERS, fmt if fmt in ("json", "xml", "csv", "tsv", "srj", "srx") else None)
    graphs = negotiate(accept, GRAPH_OFFERS, fmt if fmt in ("ttl", "turtle", "nt", "ntriples", "jsonld") else None)
    return Job(
        query=query,
        result_format=RESULT_ALIASES.get(results or SPARQL_JSON, results or SPARQL_JSON),
        graph_format=graphs or TURTLE,
        max_rows=settings.max_rows,
        default_graphs=tuple(default_graphs) if default_graphs else None,
        named_graphs=tuple(named_graphs) if named_graphs else None,
    )


async def _answer(runner: QueryRunner, job: Job, settings: Settings) -> Response:
    answer: Answer = await run_in_threadpool(runner.run, job, settings.query_timeout_s)
    media_type = answer.media_type
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    return Response(answer.data, media_type=media_type, headers={"Vary": "Accept"})


def _single(values: list[str] | None) -> str | None:
    if values and len(values) > 1:
        raise QueryRefused("give exactly one query")
    return values[0] if values else None


@router.get("/sparql", responses=QUERY_RESPONSES, summary="SPARQL 1.1 query (GET), or the service description")
async def sparql_get(
    request: Request,
    runner: SparqlDep,
    settings: SettingsDep,
    store: StoreDep,
    query: Annotated[list[str] | None, Query(description="A SELECT, ASK, CONSTRUCT or DESCRIBE query")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    update: Annotated[list[str] | None, Query(description="Refused: the endpoint is read-only")] = None,
    fmt: FormatParam = None,
) -> Response:
    if update:
        raise QueryRefused(READ_ONLY)
    text = _single(query)
    if text is None:
        return await run_in_threadpool(_description, request, store, settings, fmt)
    return await _answer(runner, _job(request, text, settings, default_graph_uri, named_graph_uri, fmt), settings)


@router.post("/sparql", responses=QUERY_RESPONSES, summary="SPARQL 1.1 query (POST: urlencoded form or direct)",
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"],
                                                                  "properties": {"query": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"}}}}})
async def sparql_post(
    request: Request,
    runner: SparqlDep,
    settings: SettingsDep,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    fmt: FormatParam = None,
) -> Response:
    media, _, params = request.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    if media == "application/x-www-form-urlencoded":
        form = await request.form(max_files=0, max_fields=100, max_part_size=MAX_QUERY_BYTES)
        if form.getlist("update"):
            raise QueryRefused(READ_ONLY)
        text = _single([str(v) for v in form.getlist("query")])
        if text is None:
            raise QueryRefused("the form has no query field")
        default_graph_uri = [str(v) for v in form.getlist("default-graph-uri")] or default_graph_uri
        named_graph_uri = [str(v) for v in form.getlist("named-graph-uri")] or named_graph_uri
    elif media == "application/sparql-query":
        charset = params.partition("charset=")[2].strip().strip('"').lower()
        if charset and charset not in ("utf-8", "utf8"):
            raise HTTPException(415, "send the query as UTF-8")
        try:
            text = (await request.body()).decode("utf-8")
        except UnicodeDecodeError:
            raise QueryRefused("the query is not valid UTF-8") from None
    elif media == "application/sparql-update":
        raise QueryRefused(READ_ONLY)
    else:
        raise HTTPException(415, "send application/x-www-form-urlencoded or application/sparql-query")
    return await _answer(runner, _job(request, text, settings, default_graph_uri, named_graph_uri, fmt), settings)


def _description(request: Request, store: Store, settings: Settings, fmt: str | None) -> Response:
    """SPARQL 1.1 Service Description of this endpoint, with its limits and named graphs."""
    chosen = negotiate(request.headers.get("accept"), [TURTLE, JSON_LD, N_TRIPLES, HTML], fmt) or TURTLE
    if chosen == HTML:
        return HTMLResponse(ENV.get_template("sparql-form.html").render(
            root=request.scope.get("root_path", ""), title="SPARQL endpoint"))
    endpoint = URIRef(str(request.url.replace(query="")))
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    graph.bind("formats", FORMATS)
    graph.add((endpoint, RDF.type, SD.Service))
    graph.add((endpoint, SD.endpoint, endpoint))
    graph.add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((endpoint, SD.feature, SD.UnionDefaultGraph))
    for iri in FORMAT_IRIS.values():
        graph.add((endpoint, SD.resultFormat, iri))
    graph.add((endpoint, RDFS.comment, Literal(
        f"Read-only: updates and SERVICE are refused. A query is stopped after {settings.query_timeout_s:g} s; "
        f"results are limited to {settings.max_rows} rows. The default graph is the union of the named graphs.")))
    dataset, default = BNode(), BNode()
    graph.add((endpoint, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    sizes = store.graph_sizes()
    graph.add((default, VOID.triples, Literal(sum(sizes.values()))))
    for name, size in sorted(sizes.items()):
        named, described = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(size)))
    return rdf_response(graph, chosen)

