"""The map (/map): Europe at a NUTS level (or one country of it) or the US states, each region coloured by one
measure that kg/analysis/regional.py computes for all of them at once; the regions also listed by value, and a
click through to each dashboard. `/map/data.json` (or `?format=json`) is the same measure as JSON."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.errors import invalid_values
from api.negotiation import HTML, JSON
from api.pages import analysis_context, render
from api.representations import FormatParam, choose, json_response
from kg.analysis.regional import LEVELS, MEASURES, indicators, regional
from kg.errors import NotFound

router = APIRouter(tags=["pages"])

Text = Annotated[str | None, Query(max_length=200)]
Level = Annotated[str, Query(max_length=3, description="NUTS level 0-3, or us for the US states")]
Measure = Annotated[str, Query(max_length=20, description="providers, gaps, covered, cell or indicator")]
Country = Annotated[str | None, Query(max_length=3, description="Only this country's regions (NUTS code, DE)")]


@router.get("/map/data.json", summary="One measure for every region of a level: the map's colours")
def map_data(store: StoreDep, settings: SettingsDep, level: Level = "2", measure: Measure = "providers",
             determinant: Text = None, phase: Text = None, indicator: Text = None, country: Country = None,
             ) -> dict[str, Any]:
    with invalid_values():
        return regional(store, settings, level, measure, determinant, phase, indicator, country).to_dict()


@router.get("/map", summary="The map of a measure over all regions of a level",
            responses={200: {"content": {HTML: {}, JSON: {}}}, 422: {"description": "Unknown parameter value"}})
def map_page(request: Request, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
             level: Level = "2", measure: Measure = "providers", determinant: Text = None, phase: Text = None,
             indicator: Text = None, country: Country = None, fmt: FormatParam = None) -> Response:
    if choose(request, fmt, [HTML, JSON]) == JSON:
        return json_response(map_data(store, settings, level, measure, determinant, phase, indicator, country))
    asked = {"level": level, "measure": measure, "determinant": determinant or "", "phase": phase or "",
             "indicator": indicator or "", "country": (country or "").upper()}
    try:
        result = regional(store, settings, level, measure, determinant, phase, indicator, country)
        error = None
    except NotFound as exc:
        result, error = None, exc
    concepts = catalogue.concepts
    need = concepts.by_iri.get(str(concepts.resolve("determinant", result.determinant))) if result and \
        result.determinant else None
    broader = concepts.ref(need.broader) if need and need.broader else None
    ranked = sorted(result.regions, key=lambda r: (r.value is None, r.value if r.value is not None else 0, r.code)
                    ) if result else []
    return render(request, catalogue, "map.html", "Map", asked=asked, result=result, ranked=ranked, error=error,
                  levels=LEVELS, measures=MEASURES, request_query=request.url.query, broader=broader,
                  indicators=sorted(indicators(store).values(), key=lambda i: i.label),
                  needs=catalogue.concepts.grouped("determinant"), phases=catalogue.concepts.in_order("phase"),
                  **analysis_context(catalogue))
