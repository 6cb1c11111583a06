"""The finder for entrepreneurs and their advisers, in the spirit of GOV.UK's Business Support Finder: a region,
a need and a phase in one shareable GET URL, and who helps – providers in the region first, then who refers
there, then programmes served from a wider area – with how to reach each and where each fact comes from.
The page and `?format=json` render the same typed result (kg.lookup.services.find_support)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.errors import InvalidValue, invalid_values
from api.negotiation import HTML, JSON
from api.pages import render
from api.representations import FormatParam, choose, json_response
from kg.errors import NotFound
from kg.lookup.catalogue import Catalogue
from kg.lookup.records import SupportResult
from kg.lookup.services import find_support

router = APIRouter(tags=["pages"])

Text = Annotated[str | None, Query(max_length=200)]
EXAMPLE = "/find?region=Mannheim&need=access-to-finance&phase=start-up"


def _choices(catalogue: Catalogue) -> dict[str, object]:
    """What the form offers: needs grouped by determinant category, phases in order, target groups."""
    concepts = catalogue.concepts
    return {"needs": concepts.grouped("determinant"), "phases": concepts.in_order("phase"),
            "target_groups": concepts.in_order("target-group")}


def _wider(catalogue: Catalogue, result: SupportResult) -> dict[str, object]:
    """Where to look next when little is found: the need's category, and the region around this one."""
    need = catalogue.concepts.by_iri.get(result.determinant.iri)
    region = catalogue.regions.by_code.get(result.region.code.upper())
    return {"broader_need": catalogue.concepts.ref(need.broader) if need and need.broader else None,
            "parent_region": catalogue.regions.ref(region.parent) if region and region.parent else None}


@router.get("/find", response_model=SupportResult, summary="Who helps with a need in a region, in the order to try",
            responses={200: {"content": {HTML: {}}}, 422: {"description": "Unknown or ambiguous region or concept"}})
def find(
    request: Request, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
    region: Annotated[str | None, Query(max_length=200, description="Region code or name: Mannheim, DE126")] = None,
    need: Annotated[str | None, Query(max_length=200, description=(
        "Determinant code or label: a category (access-to-finance) or a sub-determinant (venture-capital)"))] = None,
    phase: Annotated[str | None, Query(max_length=200, description="Phase code or label: start-up")] = None,
    target_group: Annotated[str | None, Query(max_length=200, description="Target group, optional")] = None,
    fmt: FormatParam = None,
) -> Response:
    asked = {"region": (region or "").strip(), "need": (need or "").strip(), "phase": (phase or "").strip(),
             "target_group": (target_group or "").strip()}
    complete = all(asked[k] for k in ("region", "need", "phase"))
    if choose(request, fmt, [HTML, JSON]) == JSON:
        if not complete:
            raise InvalidValue(f"name a region, a need and a phase: {EXAMPLE}")
        with invalid_values():
            found = catalogue.regions.resolve(asked["region"])
            return json_response(find_support(store, settings, catalogue, found, asked["need"], asked["phase"],
                                              asked["target_group"] or None))
    page = {"asked": asked, "result": None, "candidates": [], "suggestions": [], "error": None,
            **_choices(catalogue)}
    candidates = catalogue.regions.candidates(asked["region"]) if asked["region"] else []
    if complete and len(candidates) == 1:
        try:
            page["result"] = find_support(store, settings, catalogue, candidates[0], asked["need"], asked["phase"],
                                          asked["target_group"] or None)
        except NotFound as exc:
            page["error"] = str(exc)
    elif asked["region"] and len(candidates) != 1:
        page["candidates"] = candidates[:20]
        page["suggestions"] = [] if candidates else [h.item for h in catalogue.regions.find(asked["region"], 8)]
    result = page["result"]
    if isinstance(result, SupportResult):
        page.update(_wider(catalogue, result))
    title = (f"Support for {result.determinant.label.lower()} at {result.phase.label.lower()} in {result.region.name}"
             if isinstance(result, SupportResult) else "Find support")
    return render(request, catalogue, "find.html", title, **page)
