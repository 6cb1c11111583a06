"""Region analyses over HTTP: the same functions and results as `kg coverage|gaps|...`, as JSON.

Each answer is the analysis result's `to_dict()`, whose shape is documented in docs/analyses.md.
An unknown region in the path answers 404; an unknown code in a query parameter answers 422 with the
valid codes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from api.deps import SettingsDep, StoreDep
from api.errors import invalid_values
from kg.analysis.comparison import MODEL_REGIONS, compare
from kg.analysis.completeness import completeness
from kg.analysis.coverage import coverage
from kg.analysis.gaps import gaps, whatif
from kg.analysis.indicators import region_indicators as indicators
from kg.analysis.network import brokers
from kg.analysis.overlaps import overlaps
from kg.analysis.responsibility import responsibility
from kg.analysis.signposting import signpost
from kg.params import resolve_region

router = APIRouter(prefix="/regions/{code}", tags=["analyses"])

Code = Annotated[str, Path(max_length=40, description="Region code: NUTS 2024, US-XX, US-<FIPS>, ISO country")]
Above = Annotated[bool, Query(description="Count services served into the region from an enclosing area")]
Below = Annotated[bool, Query(description="Count services offered only in a part of the region")]
Concept = Annotated[str, Query(min_length=1, max_length=200, description="Code or label")]
Result = dict[str, Any]


def _region(store, code: str) -> None:
    """Resolve the path's region first, so that an unknown one is a 404 and not a 422."""
    resolve_region(code, store)


@router.get("/coverage", summary="Coverage matrix: distinct providers per (concept, phase)")
def region_coverage(
    code: Code, store: StoreDep, settings: SettingsDep,
    dimension: Annotated[Literal["determinant", "service-category", "target-group"], Query()] = "determinant",
    above: Above = True, subregions: Below = True,
) -> Result:
    _region(store, code)
    return coverage(store, settings, code, dimension, above, subregions).to_dict()


@router.get("/gaps", summary="Gaps (no provider) and single points of failure (one provider)")
def region_gaps(code: Code, store: StoreDep, settings: SettingsDep, above: Above = True,
                subregions: Below = True) -> Result:
    _region(store, code)
    return gaps(store, settings, code, above, subregions).to_dict()


@router.get("/single-points", summary="Cells covered by exactly one provider")
def region_single_points(code: Code, store: StoreDep, settings: SettingsDep, above: Above = True,
                         subregions: Below = True) -> Result:
    _region(store, code)
    report = gaps(store, settings, code, above, subregions).to_dict()
    return {key: report[key] for key in ("analysis", "scope", "cells", "single_points", "actors")}


@router.get("/overlaps", summary="Crowded cells whose providers have no collaboration link")
def region_overlaps(
    code: Code, store: StoreDep, settings: SettingsDep,
    min_providers: Annotated[int, Query(ge=2, le=100, description="Providers that make a cell crowded")] = 3,
    above: Above = True, subregions: Below = True,
) -> Result:
    _region(store, code)
    return overlaps(store, settings, code, min_providers, above, subregions).to_dict()


@router.get("/brokers", summary="Brokers and public/private bridges of the region's actor network")
def region_brokers(
    code: Code, store: StoreDep, settings: SettingsDep,
    served: Annotated[bool, Query(description="Include actors whose services are offered in the region")] = False,
) -> Result:
    _region(store, code)
    return brokers(store, settings, code, served).to_dict()


@router.get("/signposting", summary="Providers for an entrepreneur's need and the referral chains to them")
def region_signposting(
    code: Code, store: StoreDep, settings: SettingsDep, determinant: Concept, phase: Concept,
    target_group: Annotated[str | None, Query(max_length=200)] = None, above: Above = True, subregions: Below = True,
) -> Result:
    _region(store, code)
    with invalid_values():
        return signpost(store, settings, code, determinant, phase, target_group, above, subregions).to_dict()


@router.get("/compare/{model}", summary="Compare with another region or a model region (mannheim, massachusetts)")
def region_compare(
    code: Code, store: StoreDep, settings: SettingsDep,
    model: Annotated[str, Path(max_length=40, description=f"Region code or one of {', '.join(MODEL_REGIONS)}")],
    above: Above = True, subregions: Below = True,
) -> Result:
    _region(store, code)
    _region(store, MODEL_REGIONS.get(model.strip().lower(), model))
    return compare(store, settings, code, model, above, subregions).to_dict()


@router.get("/whatif/{actor}", summary="The cells that lose all provision if an actor is taken out")
def region_whatif(
    code: Code, store: StoreDep, settings: SettingsDep,
    actor: Annotated[str, Path(max_length=120, pattern=r"^[a-z0-9][a-z0-9-]*$", description="Actor id")],
    above: Above = True, subregions: Below = True,
) -> Result:
    _region(store, code)
    return whatif(store, settings, code, actor, above, subregions).to_dict()


@router.get("/responsibility", summary="Departures from Table 1's division of responsibility; funding gaps")
def region_responsibility(code: Code, store: StoreDep, settings: SettingsDep, above: Above = True,
                          subregions: Below = True) -> Result:
    _region(store, code)
    return responsibility(store, settings, code, above, subregions).to_dict()


@router.get("/completeness", summary="How complete the region's data are, and whether they are too thin to judge")
def region_completeness(code: Code, store: StoreDep, settings: SettingsDep, above: Above = True,
                        subregions: Below = True) -> Result:
    _region(store, code)
    return completeness(store, settings, code, above, subregions).to_dict()


@router.get("/indicators", summary="Latest Eurostat innovation indicators, ranked among regions of the same level")
def region_indicators(code: Code, store: StoreDep) -> Result:
    _region(store, code)
    return indicators(store, code).to_dict()
