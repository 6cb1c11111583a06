"""One measure for every region of a map at once: Europe at a NUTS level (0-3, optionally one country) or the
US states, each region with its distinct direct providers, its gaps, the share of its cells covered, the
providers of one (determinant, phase) cell, or the latest value of one Eurostat indicator.

A map of 1,500 regions cannot run the coverage matrix 1,500 times, so the store aggregates over all of them in
one query (queries/regional-*.rq); the definitions are those of coverage.rq and kg/analysis/gaps.py (available
in the region, in an area containing it or in one of its parts; direct provision only; a cell is a
sub-determinant in a phase), and tests/test_analysis_regional.py holds them equal region by region.

A region of the map with no service counts 0; only a region the store does not know, or one with no
observation of the indicator, has no value (None), so the map can tell "nothing recorded" from "no data".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.analysis.coverage import UNSPECIFIED, axis, phase_order
from kg.analysis.names import actor_id, code_of
from kg.analysis.queries import sparql
from kg.config import Settings
from kg.errors import NotFound
from kg.lookup.catalogue import best_label
from kg.namespaces import NUTS, RC
from kg.ontology import scheme
from kg.params import resolve_concept
from kg.store import Store

US = "us"
LEVELS = ("0", "1", "2", "3", US)
US_STATES = "https://w3id.org/rckg/id/region/US-"  # the IRI stem of the states (level 1), e.g. .../US-MA

# measure -> what its value is, for the legend
MEASURES: dict[str, str] = {
    "providers": "distinct direct providers",
    "gaps": "gaps: (sub-determinant, phase) cells with no direct provider",
    "covered": "share of (sub-determinant, phase) cells with a direct provider",
    "cell": "distinct direct providers of the determinant",
    "indicator": "latest value of the indicator",
}


@dataclass(frozen=True)
class RegionValue:
    code: str
    label: str
    value: float | None  # None: no value recorded (an indicator not observed for the region)
    year: int | None = None  # the indicator's year

    def to_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "value": self.value, "year": self.year}


@dataclass(frozen=True)
class RegionalMeasure:
    level: str  # "0"-"3" or "us"
    measure: str
    title: str  # what a value is, as the legend says it
    unit: str
    higher_is_worse: bool  # the gaps: a darker region is worse off
    cells: int  # (sub-determinant, phase) cells per region, what gaps and covered count against
    country: str | None
    determinant: str | None
    phase: str | None  # None with a determinant: any phase
    indicator: str | None
    regions: tuple[RegionValue, ...]  # by code

    def values(self) -> dict[str, float | None]:
        return {r.code: r.value for r in self.regions}

    def to_dict(self) -> dict:
        return {
            "analysis": "regional", "level": self.level, "measure": self.measure, "title": self.title,
            "unit": self.unit, "higher_is_worse": self.higher_is_worse, "cells": self.cells,
            "country": self.country, "determinant": self.determinant, "phase": self.phase,
            "indicator": self.indicator, "regions": [r.to_dict() for r in self.regions],
        }


@dataclass(frozen=True)
class Indicator:
    iri: URIRef
    id: str
    label: str
    unit: str


def indicators(store: Store) -> dict[str, Indicator]:
    """The indicators with observations, by id: what the map offers to colour by."""
    return {str(r["indicator"]): Indicator(r["ind"], str(r["indicator"]), str(r["label"]),
                                           "" if r["unit"] is None else str(r["unit"]))
            for r in store.select(sparql("regional-indicators")).rows}


def _prefix(store: Store, level: str, country: str | None) -> str:
    """The IRI stem of the map's regions: the US states, or NUTS regions (of one country when named)."""
    if level == US:
        if country not in (None, "US"):
            raise NotFound(f"the US map has no country {country!r}", valid=["US"])
        return US_STATES
    if country is None:
        return str(NUTS)
    countries = sorted(code for code, _ in _regions(store, "0", str(NUTS)).values())
    if country not in countries:
        raise NotFound(f"unknown NUTS country {country[:40]!r}", valid=countries)
    return str(NUTS) + country


def _bindings(level: str, prefix: str, **extra: Node) -> dict[str, Node]:
    return {"level": Literal(1 if level == US else int(level)), "prefix": Literal(prefix), **extra}


def _regions(store: Store, level: str, prefix: str) -> dict[URIRef, tuple[str, str]]:
    """The map's regions: IRI -> (code, label)."""
    found: dict[URIRef, tuple[str, list[Node]]] = {}
    for r in store.select(sparql("regional-regions"), _bindings(level, prefix)).rows:
        found.setdefault(r["region"], (str(r["code"]), []))[1].append(r["label"])
    return {iri: (code, best_label(labels) or code) for iri, (code, labels) in found.items()}


@dataclass(frozen=True)
class _Values:
    """One measure's values by region IRI, and what they are."""

    values: dict[URIRef, float | None]
    title: str
    unit: str
    years: dict[URIRef, int] | None = None


@dataclass(frozen=True)
class _Provision:
    """Direct provision available in each region: (provider, row code, phase code) with coverage.py's codes."""

    offers: dict[URIRef, set[tuple[str, str, str]]]
    leaves: frozenset[str]  # the rows a gap is counted in: determinants with no narrower one
    phases: tuple[str, ...]

    @property
    def cells(self) -> int:
        return len(self.leaves) * len(self.phases)

    def covered(self, region: URIRef) -> int:
        return len({(row, phase) for _, row, phase in self.offers.get(region, ())
                    if row in self.leaves and phase != UNSPECIFIED})

    def providers(self, region: URIRef, row: str | None = None, phase: str | None = None) -> int:
        return len({actor for actor, r, p in self.offers.get(region, ())
                    if row in (None, r) and phase in (None, p)})


def provision(store: Store, bindings: Mapping[str, Node]) -> _Provision:
    """Each area's direct offers read once (regional-offers.rq), joined to the map's regions in Python."""
    codes, rows = axis(store, RC.Determinant)
    phases = phase_order(store)
    by_area: dict[Node, set[tuple[str, str, str]]] = defaultdict(set)
    for r in store.select(sparql("regional-offers")).rows:
        if r["row"] in codes:
            by_area[r["area"]].add((actor_id(r["actor"]), codes[r["row"]], phases.get(r["phase"], UNSPECIFIED)))
    offers: dict[URIRef, set[tuple[str, str, str]]] = defaultdict(set)
    for r in store.select(sparql("regional-areas"), bindings).rows:
        offers[r["region"]] |= by_area.get(r["area"], set())
    return _Provision(offers, frozenset(r.code for r in rows if not r.rollup), tuple(phases.values()))


def _coverage(found: _Provision, measure: str, regions: Iterable[URIRef]) -> _Values:
    if measure == "providers":
        return _Values({iri: found.providers(iri) for iri in regions}, MEASURES[measure], "providers")
    if measure == "gaps":
        return _Values({iri: found.cells - found.covered(iri) for iri in regions}, MEASURES[measure], "cells")
    return _Values({iri: round(found.covered(iri) / found.cells, 4) if found.cells else 0.0 for iri in regions},
                   MEASURES[measure], "share")


def _cell(found: _Provision, regions: Iterable[URIRef], determinant: str, phase: str | None) -> _Values:
    title = f"distinct direct providers of {determinant} in {phase or 'any phase'}"
    return _Values({iri: found.providers(iri, determinant, phase) for iri in regions}, title, "providers")


def _indicator(store: Store, bindings: Mapping[str, Node], indicator: Indicator) -> _Values:
    """Each region's latest value; of two observations in one year, that of the first published code."""
    latest: dict[URIRef, tuple[int, float]] = {}
    for r in store.select(sparql("regional-indicator"), {**bindings, "ind": indicator.iri}).rows:
        year = int(str(r["year"]))
        if r["region"] not in latest or year > latest[r["region"]][0]:
            latest[r["region"]] = (year, float(r["value"]))
    return _Values({iri: v for iri, (_, v) in latest.items()}, indicator.label, indicator.unit,
                   {iri: y for iri, (y, _) in latest.items()})


def _required(value: str | None, what: str, measure: str, valid: list[str]) -> str:
    if not value or not value.strip():
        raise NotFound(f"the measure {measure!r} needs a {what}", valid=valid)
    return value.strip()


def _concept(settings: Settings, scheme_name: str, value: str | None, measure: str) -> str:
    """A concept's code from its code or label; NotFound lists the valid codes."""
    valid = scheme(settings.ontology_dir, scheme_name).codes()
    if not value or not value.strip():
        raise NotFound(f"the measure {measure!r} needs a {scheme_name}", valid=valid)
    return code_of(resolve_concept(scheme_name, value.strip(), settings))


def _indicator_named(store: Store, value: str | None) -> Indicator:
    known = indicators(store)
    if not value or value.strip() not in known:
        shown = f"unknown indicator {value.strip()[:80]!r}" if value and value.strip() else "no indicator given"
        raise NotFound(f"{shown} for the measure 'indicator'", valid=sorted(known))
    return known[value.strip()]


def regional(
    store: Store, settings: Settings, level: str, measure: str = "providers", determinant: str | None = None,
    phase: str | None = None, indicator: str | None = None, country: str | None = None,
    include_served_from_above: bool = True, include_subregions: bool = True,
) -> RegionalMeasure:
    """The measure for every region of the level; NotFound (with the valid values) for an unknown parameter."""
    if level not in LEVELS:
        raise NotFound(f"unknown map level {level[:20]!r}", valid=list(LEVELS))
    if measure not in MEASURES:
        raise NotFound(f"unknown measure {measure[:40]!r}", valid=list(MEASURES))
    country = country.strip().upper() if country and country.strip() else None
    prefix = _prefix(store, level, country)
    bindings = _bindings(level, prefix, above=Literal(include_served_from_above),
                         below=Literal(include_subregions))
    regions = _regions(store, level, prefix)
    concept = phase_code = chosen = None
    if measure == "indicator":
        chosen = _indicator_named(store, indicator)
        found = _indicator(store, bindings, chosen)
    else:
        offers = provision(store, bindings)
        if measure == "cell":
            concept = _concept(settings, "determinant", determinant, measure)
            phase_code = _concept(settings, "phase", phase, measure) if phase and phase.strip() else None
            found = _cell(offers, regions, concept, phase_code)
        else:
            found = _coverage(offers, measure, regions)
    years = found.years or {}
    values = tuple(sorted((RegionValue(code, label, found.values.get(iri), years.get(iri))
                           for iri, (code, label) in regions.items()), key=lambda r: r.code))
    return RegionalMeasure(level, measure, found.title, found.unit, measure == "gaps", cell_count(store), country,
                           concept, phase_code, chosen.id if chosen else None, values)


def cell_count(store: Store) -> int:
    """The cells of each region's matrix as gaps counts them: the leaf determinants times the phases."""
    _, rows = axis(store, RC.Determinant)
    return sum(not r.rollup for r in rows) * len(phase_order(store))
