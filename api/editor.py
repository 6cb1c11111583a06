"""The SPARQL workbench (`/sparql/editor`): the YASGUI query editor (vendored under api/static/yasgui) with
every named competency query of kg/queries as an example, result views beyond the table, downloads and
short share links; nothing is fetched from another host.

A named query's parameters are bound here, never pasted into its text: `POST /sparql/named/{name}` resolves
each value by its declared kind (as `kg query -p` does) and binds it as a VALUES block, then runs the query
(the text as the user edited it) in the same read-only worker pool, time limit and row limit as `/sparql`.
The editor's prefix completion reads `/sparql/prefixes.json`, this graph's own prefixes, in place of
prefix.cc."""

from __future__ import annotations

import re

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import CatalogueDep, SettingsDep, SparqlDep, StoreDep
from api.limits import MAX_QUERY_BYTES
from api.pages import render
from api.representations import FormatParam
from kg.errors import QueryRefused
from kg.namespaces import PREFIXES
from kg.params import resolve_param
from kg.queries import GALLERY, NamedQuery, all_queries, get_query
from kg.sparql_worker import Job
from kg.store.base import bind_values, with_prefixes

# SPARQL 1.1 Query Results JSON, CSV and TSV (W3C recommendations), and Turtle for CONSTRUCT / DESCRIBE
RESULTS = {"json": "application/sparql-results+json", "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPHS = {"ttl": "text/turtle", "nt": "application/n-triples"}


def _declared(text: str) -> str:
    """The PREFIX lines a query needs, so that the text in the editor also runs as it is at /sparql."""
    used = [p for p in PREFIXES if re.search(rf"(?<![\w:]){re.escape(p)}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)


def _example(query: NamedQuery) -> dict:
    example = GALLERY[query.name]
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("# param:")).strip()
    return {
        "name": query.name, "title": query.title, "answers": query.answers, "question": example.question,
        "source": example.source, "chart": list(example.chart) if example.chart else None,
        "params": [{"name": p.name, "kind": p.kind, "description": p.description, "value": example.demo[p.name]}
                   for p in query.params],
        "text": _declared(body) + body + "\n",
    }


def gallery() -> list[tuple[str, list[dict]]]:
    """The named queries as the workbench shows them, grouped by user question in the gallery's order."""
    queries = all_queries()
    examples = [_example(queries[name]) for name in GALLERY if name in queries]
    questions = dict.fromkeys(e["question"] for e in examples)
    return [(q, [e for e in examples if e["question"] == q]) for q in questions]


def install(app: FastAPI) -> None:

    @app.get("/sparql/editor", include_in_schema=False)
    async def editor(request: Request, catalogue: CatalogueDep) -> HTMLResponse:
        sections = gallery()
        return render(request, catalogue, "editor.html", "SPARQL workbench", sections=sections,
                      examples=[e for _, items in sections for e in items], prefixes=PREFIXES,
                      demo_regions=("DE126", "US-MA"))

    @app.get("/sparql/prefixes.json", summary="The graph's prefixes, as prefix.cc lists them", tags=["sparql"])
    async def prefixes() -> JSONResponse:
        return JSONResponse(PREFIXES)

    @app.post("/sparql/named/{name}", tags=["sparql"],
              summary="Run a named query (as edited) with its parameters bound by the server",
              responses={200: {"content": {**{m: {} for m in RESULTS.values()}, **{m: {} for m in GRAPHS.values()}}}})
    async def run_named(name: str, request: Request, runner: SparqlDep, settings: SettingsDep, store: StoreDep,
                        fmt: FormatParam = None) -> Response:
        named = get_query(name)
        form = await request.form(max_files=0, max_fields=40, max_part_size=MAX_QUERY_BYTES)
        text = str(form.get("query") or named.text)
        values = {p.name: str(form.get(p.name) or "").strip() for p in named.params}
        missing = [p for p in named.params if not values[p.name]]
        if missing:
            raise QueryRefused("give " + ", ".join(f"{p.name} ({p.kind}: {p.description})" for p in missing))
        bindings = {p.name: await run_in_threadpool(resolve_param, p.kind, values[p.name], settings, store)
                    for p in named.params}
        job = Job(query=with_prefixes(bind_values(text, bindings)), result_format=RESULTS.get(fmt or "json",
                  RESULTS["json"]), graph_format=GRAPHS.get(fmt or "ttl", GRAPHS["ttl"]), max_rows=settings.max_rows)
        answer = await run_in_threadpool(runner.run, job, settings.query_timeout_s)
        media_type = answer.media_type + ("; charset=utf-8" if answer.media_type.startswith("text/") else "")
        return Response(answer.data, media_type=media_type)
