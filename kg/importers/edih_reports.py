"""The files an EDIH import writes: the Turtle, and beside it where each hub was placed and why, how many hubs
landed at each level per country, and the data-quality findings (missing services, placeholder websites,
duplicates).

The reports are for the data steward who checks an import, so they are Markdown and CSV, not RDF; the loader
ignores them (a data-set folder loads only its .ttl/.jsonld files).
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.importers.edih import HUB_SPHERE, HUB_TYPES, EdihImport, Hub, level_counts
from kg.importers.placement import LOCALITY_EXCLUDED, normalise

LEVELS = {3: "NUTS-3", 2: "NUTS-2", 1: "NUTS-1", 0: "country"}
REBUILD = "kg import edih data/sources/edih --out data/edih"


@dataclass(frozen=True)
class Issue:
    hub_id: str
    name: str
    issue: str
    detail: str


def quality_issues(result: EdihImport) -> list[Issue]:
    """Every finding, one row each, in a fixed order (by issue, then hub)."""
    issues: list[Issue] = []

    def add(hub: Hub, issue: str, detail: str = "") -> None:
        issues.append(Issue(hub.id, hub.name, issue, detail))

    for hub in result.hubs:
        cells = hub.cells
        if not hub.services:
            other = "sectors or technologies only" if hub.sectors or hub.technologies else "no sectors or technologies"
            add(hub, "missing services", f"no service labels ({other})")
        raw = cells["website_raw"].strip()
        if cells["website_truncated"] == "true":
            add(hub, "truncated website", raw)
        elif raw and not cells["website"].strip():
            add(hub, "placeholder website", raw)
        elif not raw:
            add(hub, "no website")
        elif hub.website is None:
            add(hub, "invalid website", raw)
        if not cells["description"].strip():
            add(hub, "no description")
        for label, levels in hub.services.items():
            if len(set(levels)) > 1:
                add(hub, "service with two levels", f"{label}: {', '.join(map(str, levels))} (both kept)")
        if "data" in hub.technologies:
            add(hub, "suspicious label", "technology 'data' (probably cut off in the source)")
        placement = result.placements[hub.id]
        if "disagree" in placement.method or "ignored" in placement.evidence:
            add(hub, "postcode and locality disagree", placement.evidence)
    for issue, key in (("duplicate name", lambda h: normalise(h.name)),
                       ("shared website", lambda h: h.website.rstrip("/").lower() if h.website else ""),
                       ("shared address", lambda h: normalise(h.cells["address"]))):
        groups: dict[str, list[Hub]] = defaultdict(list)
        for hub in result.hubs:
            if value := key(hub):
                groups[value].append(hub)
        for hubs in groups.values():
            if len(hubs) > 1:
                for hub in hubs:
                    add(hub, issue, "also " + ", ".join(h.id for h in hubs if h is not hub))
    return sorted(issues, key=lambda i: (i.issue, i.hub_id))


def placement_rows(result: EdihImport) -> list[dict[str, str]]:
    rows = []
    for hub in result.hubs:
        p = result.placements[hub.id]
        rows.append({
            "hub_id": hub.id, "name": hub.name, "country": hub.country, "address": hub.cells["address"],
            "region": p.code, "region_label": result.labels.get(p.code, ""), "level": LEVELS[p.level],
            "method": p.method, "evidence": p.evidence,
        })
    return rows


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _share(n: int, total: int) -> str:
    return f"{n} ({100 * n / total:.1f} %)" if total else "0"


def level_table(result: EdihImport) -> str:
    """Hubs per placement level, per country, with the totals and shares."""
    by_country = level_counts(result)
    lines = ["| country | hubs | NUTS-3 | NUTS-2 | NUTS-1 | country only |", "|---|---:|---:|---:|---:|---:|"]
    total: Counter[int] = Counter()
    for country in sorted(by_country):
        c = by_country[country]
        total.update(c)
        lines.append(f"| {country} | {sum(c.values())} | " + " | ".join(str(c[lvl]) for lvl in (3, 2, 1, 0)) + " |")
    n = sum(total.values())
    lines.append(f"| **all** | **{n}** | " + " | ".join(f"**{_share(total[lvl], n)}**" for lvl in (3, 2, 1, 0)) + " |")
    return "\n".join(lines)


def method_counts(result: EdihImport) -> Counter[str]:
    return Counter(p.method for p in result.placements.values())


def placement_markdown(result: EdihImport) -> str:
    methods = method_counts(result)
    coarse = [r for r in placement_rows(result) if r["level"] != "NUTS-3"]
    rows = "\n".join(f"| {r['hub_id']} | {r['country']} | {r['address']} | {r['region']} | {r['method']} | "
                     f"{r['evidence']} |" for r in coarse)
    excluded = "; ".join(f"{c}: {why}" for c, why in LOCALITY_EXCLUDED.items())
    return f"""# Where the EDIH catalogue's hubs were placed

GENERATED by `{REBUILD}`; every row with its evidence is in `placement.csv`.

The catalogue gives only a free-text address. Each hub sits at the finest region that is certain:
- **postcode**: a postcode of the address is in the GISCO postcode -> NUTS-3 table (NUTS 2024);
- **postcode-prefix**: the postcode is not in the table (CEDEX, PO box, new codes), so the hub sits in the finest
  region shared by every postcode that begins like it (at least two characters);
- **locality**: a municipality named in the address (LAU 2019 names, the Urban Audit city names of the LAU table,
  or a GeoNames city name such as 'Warsaw' whose municipality holds at least half its population;
  kg/importers/lau.py). The NUTS 2016 codes are taken to NUTS 2024 where the territory is unchanged, to the one
  same-named region that continues a region reshaped by a boundary shift (the evidence says so), else to the
  region containing all successors. A name shared by municipalities in several regions gives the region that
  contains them all, and the evidence lists them. Not used for {excluded};
- when postcode and locality disagree, a strong clue (an exact postcode, a whole address segment naming a
  municipality) beats a weak one (a postcode prefix, the first words of a segment); two strong or two weak
  clues give the region containing both (**postcode-and-locality**);
- **country**: nothing finer is certain (no postcode table for AL, BA, ME, UA, XK, and no municipality
  table for BA, ME, UA, XK; a place that is not a municipality, such as 'Jambes', a part of Namur).

Methods: {", ".join(f"{m} {n}" for m, n in sorted(methods.items()))}.

## Hubs per level and country
{level_table(result)}

## Hubs not placed at NUTS-3 ({len(coarse)})
| hub | country | address | region | method | evidence |
|---|---|---|---|---|---|
{rows}
"""


def quality_markdown(result: EdihImport, issues: list[Issue]) -> str:
    counts = Counter(i.issue for i in issues)
    hubs = len(result.hubs)
    with_services = sum(1 for h in result.hubs if h.services)
    services = sum(len(h.services) for h in result.hubs)
    sections = []
    for issue in sorted(counts):
        rows = "\n".join(f"| {i.hub_id} | {i.name} | {i.detail} |" for i in issues if i.issue == issue)
        sections.append(f"## {issue} ({counts[issue]})\n| hub | name | detail |\n|---|---|---|\n{rows}\n")
    summary = "\n".join(f"| {issue} | {n} |" for issue, n in sorted(counts.items()))
    return f"""# Data quality of the EDIH catalogue import

GENERATED by `{REBUILD}`; the same findings as rows are in `quality-issues.csv`.

{hubs} hubs; {with_services} declare services ({services} hub-service pairs, each a service in the graph);
{hubs - with_services} declare none and are actors without services. Nothing was corrected: each finding
is as in the source.

| finding | hubs |
|---|---:|
{summary}

{chr(10).join(sections)}"""


def provenance_markdown(result: EdihImport, inputs: dict[str, Path], triples: int) -> str:
    types = Counter(h.cells["type"] for h in result.hubs)
    checksums = "\n".join(f"  - `{name}` `{hashlib.sha256(p.read_bytes()).hexdigest()}`" for name, p in inputs.items())
    type_rows = "\n".join(f"| {t} | `{code}` | {types[t]} |" for t, code in HUB_TYPES.items())
    return f"""# edih: the European Commission's catalogue of Digital Innovation Hubs

GENERATED file set (`edih.ttl`, `placement.csv`, `placement-report.md`, `quality-issues.csv`,
`quality-report.md`): written by `kg/importers/edih.py`; do not edit by hand. Rebuild: `{REBUILD}`.

## Source
- European Commission, EDIH catalogue, export of spring 2025
  (https://european-digital-innovation-hubs.ec.europa.eu/edih-catalogue), as converted to CSV in
  `data/sources/edih/` (see the PROVENANCE.md there). Attribution: "European Commission, EDIH catalogue";
  Commission reuse policy (Decision 2011/833/EU, CC BY 4.0).
- Placement tables: GISCO postcode -> NUTS-3 2024 (`data/sources/postcode-nuts/`), LAU 2019 -> NUTS-3 2016
  (`data/sources/lau/`), GeoNames city names (`data/sources/geonames-cities/`), NUTS versions
  (`data/sources/nuts2024/`, `data/sources/nuts-history/`).
- Crosswalk: `data/crosswalks/edih-services.csv` (reviewed; each row says why).
- Input files and SHA-256:
{checksums}

## What is in the graph
- {len(result.hubs)} hubs, each an `rc:Organisation` `https://w3id.org/rckg/id/actor/edih-<hub_id>` with its
  name, title (`schema:alternateName`), description, address (`schema:address`), website (only a full http(s)
  URL), `rc:actorType` digital-innovation-hub plus the catalogue type:

| catalogue type | actor type | hubs |
|---|---|---:|
{type_rows}

  Seal of Excellence hubs passed the EDIH evaluation but are **not funded** under the Digital Europe Programme
  (the concept's definition and each hub's `skos:editorialNote` say so).
- `rc:sphere` {HUB_SPHERE} for every hub, **inferred**: the catalogue does not say who runs a hub; hubs are
  consortia of public and private partners. Every hub carries `rc:inferred true` and a note naming what is
  stated and what is derived.
- `rc:locatedIn` the region of `placement-report.md`, with `rc:placementMethod` and `rc:placementEvidence`;
  the placement table is a `dcterms:source` of the hub. No `rc:areaServed`: the catalogue does not state it,
  so coverage counts a hub where it sits. A hub placed only at the country level counts, in an analysis that
  includes services from enclosing areas, in every region of its country: read such cells with
  `--no-above`, or see the `unplacedHubsInCountry` column of `cq13-regions-without-hub-service`.
- One `rc:Service` per hub and service label (`.../id/service/edih-<hub_id>-service-<label>`), with
  `schema:serviceType` the catalogue label, `rc:serviceLevel` the declared level(s) 1-5, and the instruments,
  roles, determinants, service categories and target groups of the crosswalk (`rc:inferred true`: the
  classification is ours, sourced to the crosswalk). The catalogue states no phases; the crosswalk gives the
  services for firms growth and established (EDIH serve existing SMEs), the policy services none.
- Sectors and technologies as `rc:sectorTag` / `rc:technologyTag` literals, verbatim (no levels).
- Sources: the catalogue, the crosswalk and the two placement tables as `rc:Source` nodes.

Triples: {triples:,}. Hubs with services: {sum(1 for h in result.hubs if h.services)}; services:
{sum(len(h.services) for h in result.hubs)}.

## Caveats
- Placement is derived from free text; see `placement-report.md` for the shares per level and every hub not at
  NUTS-3, and `quality-report.md` for disagreeing clues. The postcode table keeps one NUTS-3 per postcode (FR
  postcodes can straddle NUTS-3 borders).
- The catalogue's levels are self-declared by the hubs and not comparable across hubs.
- Left out: the catalogue's contact names (personal data, dropped in the source copy).
"""


def write_dataset(result: EdihImport, out: Path, inputs: dict[str, Path]) -> dict[str, int]:
    """Write the data-set folder (Turtle, reports, PROVENANCE.md); returns the quality-issue counts."""
    out.mkdir(parents=True, exist_ok=True)
    header = "# EDIH catalogue: hubs, services, regions\n# GENERATED by kg.importers.edih - see PROVENANCE.md.\n\n"
    (out / "edih.ttl").write_text(header + result.graph.serialize(format="turtle"), encoding="utf-8")
    triples = len(result.graph)
    issues = quality_issues(result)
    _write_csv(out / "placement.csv", placement_rows(result))
    (out / "placement-report.md").write_text(placement_markdown(result), encoding="utf-8")
    _write_csv(out / "quality-issues.csv", [asdict(i) for i in issues])
    (out / "quality-report.md").write_text(quality_markdown(result, issues), encoding="utf-8")
    (out / "PROVENANCE.md").write_text(provenance_markdown(result, inputs, triples), encoding="utf-8")
    return dict(Counter(i.issue for i in issues))
