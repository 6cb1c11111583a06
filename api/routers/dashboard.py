"""A region's dashboard for cluster managers and policy makers: the coverage heat map with a state per cell
and the services behind each, beside the gaps, single points of failure, overlaps, brokers, the region's
indicators and how complete its data are. Every panel reads the analysis its JSON route returns."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.errors import invalid_values
from api.pages import analysis_context, render
from api.report import report_html
from api.routers.analyses import Code
from kg.analysis.comparison import model_code as named_model
from kg.analysis.dashboard import dashboard
from kg.params import resolve_region

router = APIRouter(prefix="/regions/{code}", tags=["pages"])


@router.get("/dashboard", response_class=HTMLResponse, summary="Coverage, gaps, overlaps and brokers as a page")
def dashboard_page(code: Code, request: Request, store: StoreDep, settings: SettingsDep,
                   catalogue: CatalogueDep) -> HTMLResponse:
    resolve_region(code, store)
    board = dashboard(store, settings, code)
    return render(request, catalogue, "dashboard.html", f"Dashboard of {board.scope.label}", board=board,
                  **analysis_context(catalogue))


@router.get("/report", response_class=HTMLResponse, summary="The region's report: one self-contained HTML file")
def report_page(code: Code, request: Request, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
                model: Annotated[str | None, Query(max_length=40, description="Model region code or name")] = None,
                ) -> HTMLResponse:
    resolve_region(code, store)
    with invalid_values():
        model_code = catalogue.regions.resolve(named_model(model)).code if model else None
    return HTMLResponse(report_html(store, settings, catalogue, code, model_code,
                                    root=request.scope.get("root_path", "")))
