"""Import Eurostat's regional innovation indicators (R&D expenditure, R&D personnel, HRST, EPO patents) as
observations on regions, so that a region's support coverage can be read next to its conditions.

Seed 001's recommendation 3 asks to analyse a region's entrepreneurial conditions, not only its support. The
values are attached as one compact observation per region x indicator x year (rc:Observation, a simplified
RDF Data Cube pattern, documented in ontology/core.ttl). Eurostat published the years on the NUTS version in
force at the time (2010, 2013 or 2016 codes), so each published code is followed through the versions
(kg.importers.nuts_versions): it is attached to a region of the graph (rc:refArea) only where it denotes the
same territory in every version it existed in; otherwise the observation keeps its published code and the
versions of that code, and no region. Aggregates (EU27_2020, EA19, ...) and countries outside the graph's
regions (JP, KR, RU, CN_X_HK) are left out.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.errors import LoadError, Problem
from kg.importers.nuts_versions import NutsVersions
from kg.namespaces import ID, RC, SCHEMA, dataset_iri, source_iri

DATASET_ID = "indicators-eurostat"
INDICATORS_FILE = "indicators.csv"
VALUES_FILE = "regional_innovation_indicators.csv"
# By default the latest three years that each indicator has values for (R&D and HRST 2018-2020, EPO patents
# 2011-2012, the only years the source has): regional R&D data are biennial in several countries, so three years
# give most regions their latest value. All of 2011-2020 would be ~330k triples, too slow to validate and load on
# every `kg load`.
LATEST_YEARS = 3

# indicator id (Nesta's file name) -> (short English label, unit): typed in from the titles in indicators.csv
INDICATORS: dict[str, tuple[str, str]] = {
    "rd_e_gerdreg_total_pc_gdp": ("R&D expenditure (GERD), all sectors", "percentage of GDP"),
    "rd_e_gerdreg_bes_pc_gdp": ("R&D expenditure (GERD), business enterprise sector", "percentage of GDP"),
    "rd_e_gerdreg_total_eur_hab": ("R&D expenditure (GERD), all sectors", "euro per inhabitant"),
    "rd_e_gerdreg_bes_eur_hab": ("R&D expenditure (GERD), business enterprise sector", "euro per inhabitant"),
    "rd_e_gerdreg_gov_eur_hab": ("R&D expenditure (GERD), government sector", "euro per inhabitant"),
    "rd_e_gerdreg_hes_eur_hab": ("R&D expenditure (GERD), higher education sector", "euro per inhabitant"),
    "rd_p_persreg_total_total_pc_act_fte_t": (
        "R&D personnel, all sectors", "percentage of the labour force (full-time equivalent)"),
    "hrst_st_rcat_hrst_pc_act": (
        "Human resources in science and technology (tertiary education or S&T occupation)",
        "percentage of the labour force"),
    "hrst_st_rcat_hrstc_pc_act": (
        "Human resources in science and technology, core (tertiary education and S&T occupation)",
        "percentage of the labour force"),
    "pat_ep_rtot_p_mhab": ("Patent applications to the EPO", "per million inhabitants"),
    "pat_ep_rtec_ht_p_mhab": ("High-tech patent applications to the EPO", "per million inhabitants"),
}
EUROSTAT_COPYRIGHT = URIRef("https://ec.europa.eu/eurostat/web/main/help/copyright-notice")
NESTA_REPO = "https://github.com/nestauk/eurito_indicators"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def observation_iri(indicator: str, code: str, year: str) -> URIRef:
    return ID[f"observation/{indicator}/{code}/{year}"]


def indicator_iri(indicator: str) -> URIRef:
    return ID[f"indicator/{indicator}"]


@dataclass
class IndicatorImport:
    """The graph and what happened to each published code, for PROVENANCE.md and the tests."""

    graph: Graph
    years: dict[str, set[int]]  # indicator -> the years imported
    linked: Counter[str] = field(default_factory=Counter)  # observations per outcome
    unlinked_codes: dict[str, str] = field(default_factory=dict)  # code -> reason
    recoded: dict[str, str] = field(default_factory=dict)  # published code -> NUTS 2024 code
    dropped_codes: Counter[str] = field(default_factory=Counter)  # code -> rows left out
    inputs: dict[str, Path] = field(default_factory=dict)


def latest_years(rows: list[dict[str, str]], count: int = LATEST_YEARS) -> dict[str, set[int]]:
    """Per indicator, the latest `count` years with values."""
    years: dict[str, set[int]] = {}
    for row in rows:
        years.setdefault(row["indicator_id"], set()).add(int(row["year"]))
    return {indicator: set(sorted(found)[-count:]) for indicator, found in years.items()}


def import_indicators(folder: Path, sources: Path, regions: dict[str, URIRef],
                      years: range | None = None) -> IndicatorImport:
    """Observations of the given years, or of each indicator's latest three; `regions` maps the graph's region
    codes to their IRIs."""
    meta_path, values_path = folder / INDICATORS_FILE, folder / VALUES_FILE
    for path in (meta_path, values_path):
        if not path.is_file():
            raise LoadError([Problem(str(path), "missing")])
    meta = {row["indicator_id"]: row for row in _rows(meta_path)}
    if unknown := sorted(set(meta) - set(INDICATORS)):
        raise LoadError([Problem(str(meta_path), "indicator without a typed-in label and unit (add it to "
                                 "INDICATORS in kg/importers/indicators.py)", value=i) for i in unknown])
    versions = NutsVersions(sources)
    rows = _rows(values_path)
    chosen = {i: set(years) for i in meta} if years is not None else latest_years(rows)
    result = IndicatorImport(Graph(), chosen, inputs={INDICATORS_FILE: meta_path, VALUES_FILE: values_path})
    g = result.graph
    _describe(g, meta)
    for row in rows:
        if int(row["year"]) not in chosen.get(row["indicator_id"], ()):
            continue
        code, indicator = row["region_id"].strip(), row["indicator_id"]
        target, version, reason = _attach(code, versions, regions)
        if version is None:
            result.dropped_codes[code] += 1
            continue
        node = observation_iri(indicator, code, row["year"])
        g.add((node, RDF.type, RC.Observation))
        g.add((node, RC.indicator, indicator_iri(indicator)))
        g.add((node, RC.year, Literal(row["year"], datatype=XSD.gYear)))
        g.add((node, RC.value, Literal(Decimal(row["value"]), datatype=XSD.decimal)))
        g.add((node, RC.unit, Literal(INDICATORS[indicator][1])))
        g.add((node, RC.publishedRegionCode, Literal(code)))
        g.add((node, RC.nutsVersion, Literal(version)))
        g.add((node, DCTERMS.source, source_iri(DATASET_ID, meta[indicator]["eurostat_dataset"])))
        if target is None:
            result.linked["kept on its own version"] += 1
            result.unlinked_codes[code] = reason
            continue
        g.add((node, RC.refArea, regions[target]))
        result.linked["attached to a region"] += 1
        if target != code:
            result.recoded[code] = target
    return result


def _attach(code: str, versions: NutsVersions, regions: dict[str, URIRef]) -> tuple[str | None, str | None, str]:
    """(region code of the graph or None, NUTS version label or None to drop the row, reason)."""
    if len(code) == 2:  # a country keeps its territory across versions; outside the graph it is left out
        return (code, "2024", "country") if code in regions else (None, None, "not a region of the graph")
    res = versions.resolve(code)
    if not res.versions:
        return None, None, "aggregate or not a NUTS code"
    if res.code_2024 is not None and res.code_2024 in regions:
        return res.code_2024, "2024", res.reason
    return None, " ".join(res.versions), res.reason


def _describe(g: Graph, meta: dict[str, dict[str, str]]) -> None:
    """The indicators, their Eurostat data sets as sources, and the data-set node."""
    datasets = sorted({row["eurostat_dataset"] for row in meta.values()})
    for code in datasets:
        node = source_iri(DATASET_ID, code)
        title = f"Eurostat, data set {code} (extracted 2022-03-31 via the SDMX API by Nesta, EURITO project)"
        g.add((node, RDF.type, RC.Source))
        g.add((node, DCTERMS.title, Literal(title)))
        g.add((node, RDFS.label, Literal(title)))
        g.add((node, DCTERMS.publisher, Literal("Eurostat")))
        g.add((node, DCTERMS.identifier, Literal(code)))
        g.add((node, SCHEMA.url, Literal(f"https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table",
                                         datatype=XSD.anyURI)))
        g.add((node, DCTERMS.rights, EUROSTAT_COPYRIGHT))
    for indicator, row in meta.items():
        node = indicator_iri(indicator)
        label, unit = INDICATORS[indicator]
        g.add((node, RDF.type, RC.Indicator))
        g.add((node, RDFS.label, Literal(f"{label} ({unit})", lang="en")))
        g.add((node, SKOS.notation, Literal(indicator)))
        g.add((node, DCTERMS.title, Literal(row["title"])))
        g.add((node, RC.unit, Literal(unit)))
        g.add((node, DCTERMS.source, source_iri(DATASET_ID, row["eurostat_dataset"])))
    node = dataset_iri(DATASET_ID)
    title = "Eurostat regional innovation indicators (R&D, HRST, EPO patents) as observations on regions"
    g.add((node, RDF.type, RC.Dataset))
    g.add((node, DCTERMS.title, Literal(title)))
    g.add((node, RDFS.label, Literal(title)))
    g.add((node, DCTERMS.license, EUROSTAT_COPYRIGHT))
    for code in datasets:
        g.add((node, DCTERMS.source, source_iri(DATASET_ID, code)))


def write_dataset(result: IndicatorImport, out: Path) -> None:
    """Write indicators.ttl and PROVENANCE.md into the data-set folder."""
    out.mkdir(parents=True, exist_ok=True)
    header = ("# Eurostat regional innovation indicators as observations\n"
              "# GENERATED by kg.importers.indicators - see PROVENANCE.md.\n\n")
    (out / "indicators.ttl").write_text(header + result.graph.serialize(format="turtle"), encoding="utf-8")
    (out / "PROVENANCE.md").write_text(provenance(result), encoding="utf-8")


def provenance(result: IndicatorImport) -> str:
    spans = {i: f"{min(y)}-{max(y)}" if y else "none" for i, y in result.years.items()}
    checksums = "\n".join(f"  - `{name}` `{hashlib.sha256(p.read_bytes()).hexdigest()}`"
                          for name, p in result.inputs.items())
    indicators = "\n".join(f"| `{i}` | {label} | {unit} | {spans.get(i, 'none')} |"
                           for i, (label, unit) in INDICATORS.items())
    by_reason: dict[str, list[str]] = {}
    for code, reason in sorted(result.unlinked_codes.items()):
        by_reason.setdefault(reason, []).append(code)
    unlinked = "\n".join(f"- {reason} ({len(codes)}): {', '.join(codes)}" for reason, codes in by_reason.items())
    recoded = ", ".join(f"{a} -> {b}" for a, b in sorted(result.recoded.items())) or "none"
    dropped = ", ".join(f"{c} ({n})" for c, n in sorted(result.dropped_codes.items())) or "none"
    return f"""# indicators-eurostat: regional innovation indicators as observations on regions

GENERATED file set: `indicators.ttl` is written by `kg/importers/indicators.py`; do not edit it by hand.
Rebuild: `kg import indicators data/sources/eurostat-regional-innovation` (each indicator's latest three years).

## Source
- Eurostat data sets `rd_e_gerdreg`, `rd_p_persreg`, `hrst_st_rcat`, `pat_ep_rtot`, `pat_ep_rtec`, extracted
  2022-03-31 from Eurostat's SDMX API by Nesta (EURITO project, {NESTA_REPO}, MIT, commit
  b6eb9c76eb11bc46fe9bcb97dcecf3c58e12cf5c), stacked into one table in
  `data/sources/eurostat-regional-innovation/` (see the PROVENANCE.md there). Licence: Eurostat copyright
  notice, reuse with acknowledgement ("Source: Eurostat"). Eurostat's flags (estimated, provisional, break)
  are not in the source.
- NUTS versions: `data/sources/nuts2024/`, `data/sources/nuts-history/`.
- Input files and SHA-256:
{checksums}

## What is in the graph
Only the **latest three years of each indicator** (the source has 2011-2020): the years a reader compares
today; regional R&D data are biennial in several countries, so three years give most regions their latest
value. The EPO patent indicators exist only for 2011-2012 in the source, so those two years are loaded for them.
All of 2011-2020 would be about 330,000 triples, too many to validate and load on every `kg load` of the
project; `--years 2011-2020` writes them. All eleven indicators:

| indicator | label | unit | years loaded |
|---|---|---|---|
{indicators}

One `rc:Observation` per indicator x published region code x year
(`https://w3id.org/rckg/id/observation/<indicator>/<code>/<year>`) with `rc:indicator`, `rc:year`, `rc:value`
(xsd:decimal), `rc:unit`, `rc:publishedRegionCode`, `rc:nutsVersion` and `dcterms:source` (the Eurostat data
set). The indicators are `rc:Indicator` nodes with label, unit and Nesta's full title.

- **Attached** ({result.linked['attached to a region']:,} observations): `rc:refArea` is the region of the graph
  and `rc:nutsVersion` is `2024`, because the published code denotes the same territory in every NUTS version
  it existed in (unchanged, renamed, or recoded; recoded codes are attached to the new code: {recoded}).
  Countries are attached to their country region (UK to `regions-world`, US to `regions-us`).
- **Kept on their own version** ({result.linked['kept on its own version']:,} observations): no `rc:refArea`;
  `rc:nutsVersion` lists the versions the code existed in. Such a value is never joined to a 2024 region:
{unlinked}
- **Left out** (rows): {dropped} - aggregates and countries that are not regions of the graph.

Triples: {len(result.graph):,}.

## Caveats
- Eurostat publishes each year in the NUTS version in force at the time; the source does not say which. A code
  is attached only when the answer does not matter (same territory in all its versions).
- Values are as published (no flags); 2020 is sparse.
"""
