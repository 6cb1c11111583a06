"""Regions and their hierarchy, read from the catalogue; counts of actors and services from the store."""

from __future__ import annotations

from kg.lookup.actors import ACTORS
from kg.lookup.catalogue import Catalogue, Region
from kg.lookup.records import Page, RegionDetail, RegionRecord
from kg.lookup.services import SERVICES, available_in
from kg.store import Store

RegionPage = Page[RegionRecord]


def region_record(region: Region, catalogue: Catalogue) -> RegionRecord:
    parent = catalogue.regions.ref(region.parent) if region.parent is not None else None
    return RegionRecord(**region.ref().model_dump(), parent=parent)


def list_regions(catalogue: Catalogue, level: int | None = None, parent: str | None = None, q: str | None = None,
                 limit: int = 100, offset: int = 0) -> Page[RegionRecord]:
    """Regions by level, parent (code or name) and text in code or name, sorted by code."""
    regions = catalogue.regions
    if parent:
        found = regions.children.get(str(regions.resolve(parent).iri), [])
    else:
        found = sorted(regions.by_iri.values(), key=lambda r: r.code)
    if level is not None:
        found = [r for r in found if r.level == level]
    if q:
        needle = q.strip().lower()
        found = [r for r in found if needle in r.code.lower() or needle in r.name.lower()]
    items = [region_record(r, catalogue) for r in found[offset: offset + limit]]
    return RegionPage(total=len(found), limit=limit, offset=offset, items=items)


def region_detail(store: Store, catalogue: Catalogue, code: str) -> RegionDetail:
    regions = catalogue.regions
    region = regions.resolve(code)
    return RegionDetail(
        **region_record(region, catalogue).model_dump(),
        ancestors=[r.ref() for r in regions.ancestors(region)],
        children=[r.ref() for r in regions.children.get(str(region.iri), [])],
        actors_located=ACTORS.count(store, {"region": [region.iri]}),
        services_available=SERVICES.count(store, {"area": available_in(catalogue, region)}),
    )
