"""The site search behind every page's search box: regions, actors and services by name, as a results page or
as JSON for the suggestions typed into the box."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import CatalogueDep
from api.negotiation import HTML, JSON
from api.pages import render
from api.representations import FormatParam, choose, json_response
from kg.lookup.records import SearchResult
from kg.lookup.search import KIND_ORDER, site_search

router = APIRouter(tags=["pages"])

Kind = Literal["region", "actor", "service"]


@router.get("/search", response_model=SearchResult, responses={200: {"content": {HTML: {}}}},
            summary="Regions, actors and services by name (case, accents and small typos forgiven)")
def search(
    request: Request,
    catalogue: CatalogueDep,
    q: Annotated[str, Query(max_length=200, description="A name or its beginning: 'manheim', 'kreatec'")] = "",
    kind: Annotated[list[Kind] | None, Query(max_length=3, description="Only these kinds; repeatable")] = None,
    limit: Annotated[int, Query(ge=1, le=50, description="At most this many, best first")] = 20,
    fmt: FormatParam = None,
) -> Response:
    root = request.scope.get("root_path", "")
    result = site_search(catalogue, q, root, kind or list(KIND_ORDER), limit)
    if choose(request, fmt, [HTML, JSON]) == JSON:
        return json_response(result)
    groups = {k: [i for i in result.items if i.kind == k] for k in KIND_ORDER}
    return render(request, catalogue, "search.html", f"Search: {q}" if q.strip() else "Search", result=result,
                  groups=groups, search_text=q)
