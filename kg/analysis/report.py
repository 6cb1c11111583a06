"""What a region's printable report holds beyond its dashboard: a comparison with a model region and the
sources behind the region's records. The model is Mannheim (seed 001's integrated approach) unless the
region is Mannheim, which is then set against Massachusetts."""

from __future__ import annotations

from dataclasses import dataclass

from kg.analysis.comparison import MODEL_REGIONS, Comparison, compare, model_code
from kg.analysis.dashboard import Dashboard, dashboard
from kg.analysis.queries import sparql
from kg.analysis.scope import Scope
from kg.config import Settings
from kg.store import Store


@dataclass(frozen=True)
class SourceUse:
    iri: str
    title: str
    url: str | None
    publisher: str | None
    year: str | None
    records: int  # the region's services and actors citing it


@dataclass(frozen=True)
class Report:
    board: Dashboard
    comparison: Comparison | None  # None when the region is its own model
    sources: tuple[SourceUse, ...]


def default_model(region: str) -> str:
    code = region.strip().upper()
    return MODEL_REGIONS["massachusetts"] if code == MODEL_REGIONS["mannheim"] else MODEL_REGIONS["mannheim"]


def sources_of(store: Store, scope: Scope) -> tuple[SourceUse, ...]:
    def text(value: object) -> str | None:
        return None if value is None else str(value)

    return tuple(
        SourceUse(str(r["source"]), str(r["title"] or r["source"]), text(r["url"]), text(r["publisher"]),
                  text(r["year"]), int(r["records"]))
        for r in store.select(sparql("report-sources"), scope.bindings()).rows
    )


def report(store: Store, settings: Settings, region: str, model: str | None = None) -> Report:
    board = dashboard(store, settings, region)
    model_region = model_code(model).strip().upper() if model else default_model(board.scope.code)
    comparison = None if model_region == board.scope.code else compare(store, settings, region, model_region)
    return Report(board, comparison, sources_of(store, board.scope))
