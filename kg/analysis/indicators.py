"""A region's conditions beside its support: the latest value of each Eurostat regional innovation indicator
(R&D expenditure and personnel, HRST, EPO patents) with its rank and the mean among the regions of the same level.

Seed 001 (recommendation 3) asks to read a region's entrepreneurial conditions next to its support coverage.
The observations are those of kg/importers/indicators.py, attached to a region only where the published code
denotes its territory; the store selects them (queries/indicators-*.rq), Python keeps the latest year.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.analysis.queries import sparql
from kg.analysis.scope import region_scope
from kg.store import Store


@dataclass(frozen=True)
class IndicatorValue:
    indicator: str  # the indicator's id, e.g. rd_e_gerdreg_total_pc_gdp
    label: str
    year: int  # the latest year the region has a value for
    value: float
    unit: str
    rank: int  # among the peers, 1 = highest
    peers: int  # regions of the same level with a value for the indicator and year, the region included
    peer_average: float
    source: str  # the Eurostat data set code, e.g. rd_e_gerdreg
    source_url: str | None
    nuts_version: str
    published_code: str  # the code Eurostat published the value under

    def to_dict(self) -> dict:
        return {
            "indicator": self.indicator, "label": self.label, "year": self.year, "value": self.value,
            "unit": self.unit, "rank": self.rank, "peers": self.peers, "peer_average": round(self.peer_average, 4),
            "source": self.source, "source_url": self.source_url, "nuts_version": self.nuts_version,
            "published_code": self.published_code,
        }


@dataclass(frozen=True)
class RegionIndicators:
    region: str
    label: str
    level: int | None  # the level the peers share (NUTS 0-3); None when the region has no observation
    indicators: tuple[IndicatorValue, ...]  # by indicator id

    def to_dict(self) -> dict:
        return {
            "analysis": "indicators", "region": self.region, "label": self.label, "level": self.level,
            "indicators": [i.to_dict() for i in self.indicators],
        }


def region_indicators(store: Store, region: str) -> RegionIndicators:
    """The latest value of each indicator observed for the region, ranked among the regions of its level."""
    scope = region_scope(store, region)
    rows = store.select(sparql("indicators-region"), {"region": scope.region}).rows
    latest: dict[str, str] = {}
    for r in rows:
        latest[str(r["indicator"])] = max(latest.get(str(r["indicator"]), ""), str(r["year"]))
    values = []
    for r in rows:
        if str(r["year"]) != latest[str(r["indicator"])]:
            continue
        peers = store.select(sparql("indicators-peers"), {k: r[k] for k in ("ind", "year", "level", "value")}).rows[0]
        values.append(IndicatorValue(
            str(r["indicator"]), str(r["label"]), int(str(r["year"])), float(r["value"]), str(r["unit"]),
            int(peers["rank"]), int(peers["peers"]), float(peers["peerAverage"]), str(r["source"]),
            None if r["sourceUrl"] is None else str(r["sourceUrl"]), str(r["nutsVersion"]), str(r["publishedCode"]),
        ))
    level = int(rows[0]["level"]) if rows else None
    return RegionIndicators(scope.code, scope.label, level, tuple(values))
