"""Regions side by side: up to ten heat maps in one table, and for each region what the model region has
that it lacks, cell by cell, with the missing instruments and actor types. Regions are named by code or
name; the JSON of one pair stays at /regions/{code}/compare/{model}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.errors import invalid_values
from api.negotiation import HTML, JSON
from api.pages import analysis_context, render
from api.representations import FormatParam, choose
from kg.analysis.comparison import MAX_REGIONS, side_by_side
from kg.analysis.comparison import model_code as named_model
from kg.lookup.catalogue import Catalogue

router = APIRouter(tags=["pages"])

Regions = Annotated[list[str], Query(max_length=200, description=(
    f"Region code or name, repeated: up to {MAX_REGIONS} regions (mannheim and massachusetts name the models)"))]
Model = Annotated[str | None, Query(max_length=200, description="The model region (code or name), optional")]


def _code(catalogue: Catalogue, text: str) -> str:
    return catalogue.regions.resolve(named_model(text)).code


@router.get("/compare", summary="Regions side by side, and what a model region has that each lacks",
            responses={200: {"content": {HTML: {}, JSON: {}}}, 422: {"description": "Unknown region"}})
def compare_page(request: Request, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
                 region: Regions = [], model: Model = None, fmt: FormatParam = None) -> Response:  # noqa: B006
    chosen = choose(request, fmt, [HTML, JSON])
    asked = [r for r in region if r.strip()]
    if not asked:
        if chosen == JSON:
            return JSONResponse({"detail": "name at least one region: /compare?region=DK05&model=DE126"}, 422)
        return render(request, catalogue, "compare.html", "Compare regions", result=None, asked=[], model=model)
    with invalid_values():
        codes = [_code(catalogue, r) for r in asked]
        model_code = _code(catalogue, model) if model and model.strip() else None
        result = side_by_side(store, settings, codes, model_code)
    if chosen == JSON:
        return JSONResponse(result.to_dict())
    labels = " · ".join(m.coverage.scope.label for m in result.maps)
    return render(request, catalogue, "compare.html", f"Compare {labels}", result=result, asked=asked, model=model,
                  **analysis_context(catalogue))
