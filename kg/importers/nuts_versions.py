"""NUTS codes across classification versions: which older code denotes which NUTS 2024 region.

Codes change between NUTS versions (recoded, split, merged, boundaries shifted), and sources publish on the
version in force when they were made: the LAU table on NUTS 2016, Eurostat's regional tables on 2010-2016,
older data sets on NUTS 2021. Joining such a code to the NUTS 2024 region that happens to carry the same code
can attach a value to the wrong territory. This module follows a code from each version it existed in to
NUTS 2024 and accepts the step only where the territory stayed the same (unchanged, renamed or recoded);
any boundary change ends the line, so the caller keeps the code on its own version instead of guessing.

It also writes two small things the 2024 region data sets lack::

    python -m kg.importers.nuts_versions data/sources data

* `data/crosswalks/nuts-retired-codes.csv`, the codes of NUTS 2010-2021 that NUTS 2024 no longer has, which
  the loader's version guard reads to explain an unknown code ("NL332 ... now NL361");
* `data/regions-sr2024-ba/`, the 2024 statistical regions of Bosnia and Herzegovina, which Eurostat's 2024
  workbook lists but the statistical-regions copy of `regions-nuts2024` does not (hubs are seated there).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

HISTORY_VERSIONS = ("2010", "2013", "2016", "2021")
VERSIONS = (*HISTORY_VERSIONS, "2024")

# Words in Eurostat's change notes that mean the territory changed; any other note (empty, "recoded",
# "name change", "code change", "recoded (ressignment)", "art. 5(2a)", ...) keeps the territory.
# "art. 5(2a)" is a boundary shift below the threshold at which NUTS counts a change: Eurostat keeps the code.
# NUTS codes as Eurostat's notes write them (de915, ukm8): two letters, then up to three characters with a digit
CODE_IN_NOTE = re.compile(r"\b((?=[a-z]{2}[0-9a-z]*\d)[a-z]{2}[0-9a-z]{1,3})\b")
TERRITORY_CHANGES = ("boundary", "split", "merge", "new", "discontinued", "shift")

RC_REGION_CODE = ox.NamedNode("https://w3id.org/rckg/ontology#regionCode")
RETIRED_FILE = Path("crosswalks") / "nuts-retired-codes.csv"
SUPPLEMENT_ID = "regions-sr2024-ba"
RETIRED_COLUMNS = ("code", "last_version", "level", "country_code", "label", "change", "now", "successor")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _same_territory(change: str) -> bool:
    text = change.strip().lower()
    return not any(word in text for word in TERRITORY_CHANGES)


@dataclass(frozen=True)
class Resolution:
    """Where a published code lands in NUTS 2024: `code_2024` is None when no same-territory region exists."""

    code: str
    code_2024: str | None
    versions: tuple[str, ...]  # the versions the published code existed in
    reason: str


class NutsVersions:
    """Codes of NUTS (and the statistical regions) 2010-2024, and the same-territory steps between versions."""

    def __init__(self, sources: Path):
        """`sources` holds `nuts2024/` and `nuts-history/` (the project's copies in data/sources)."""
        self.codes: dict[str, set[str]] = defaultdict(set)  # version -> codes
        self.labels: dict[str, str] = {}
        self.levels: dict[str, int] = {}
        self.steps: dict[tuple[str, str], set[tuple[str, bool]]] = defaultdict(set)  # (version, code) -> next
        self.notes: dict[tuple[str, str], str] = {}
        # old code -> (version, code) of the regions that took its territory over, with other boundaries
        self.successors: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._read_2024(sources / "nuts2024")
        self._read_history(sources / "nuts-history" / "nuts_changes_1999_2021.csv")
        self._read_2021(sources / "nuts2024" / "nuts2021.csv")
        self._read_correspondence(sources / "nuts2024" / "nuts2021_to_nuts2024.csv")
        self._read_correspondence(sources / "nuts-history" / "sr2021_to_sr2024.csv")

    # -- reading -------------------------------------------------------------------------------------
    def _read_2024(self, folder: Path) -> None:
        for row in _rows(folder / "nuts2024_eu27.csv"):
            self._add("2024", row["nuts_code"], row["name_en"] or row["name"], int(row["level"]))
        for row in _rows(folder / "statistical_regions2024_efta_candidates.csv"):
            self._add("2024", row["sr_code"], row["name"], int(row["level"]))
            if row["level"] == "1":  # the SR file has no country rows; the country code is every level-1 parent
                self._add("2024", row["parent_code"], "", 0)

    def _read_2021(self, path: Path) -> None:
        for row in _rows(path):
            self._add("2021", row["code"], row["label"], int(row["level"]))

    def _read_history(self, path: Path) -> None:
        for row in _rows(path):
            for version in HISTORY_VERSIONS:
                if code := row[f"code_{version}"].strip():
                    self.codes[version].add(code)
                    if label := row.get(f"geo_name_{version}", "").strip():
                        self.labels.setdefault(code, label)
            for old, new in pairwise(HISTORY_VERSIONS):
                a, b, change = row[f"code_{old}"].strip(), row[f"code_{new}"].strip(), row[f"change_{new}"]
                if a and b:
                    self.steps[(old, a)].add((b, _same_territory(change)))
                if a and change.strip():
                    self.notes[(old, a)] = change.strip()
                self._read_successors(old, a, new, b, change.strip().lower())

    def _read_successors(self, old: str, a: str, new: str, b: str, note: str) -> None:
        """Eurostat's notes name where a territory went: 'split into new hu11 and hu12' on the old code's row,
        'merge of ex-de915 and de919' or 'made from ex-ie023, ie024' on the new code's row."""
        if a and not b and "split into" in note:
            for code in CODE_IN_NOTE.findall(note.split("split into", 1)[1]):
                self.successors[a].add((new, code.upper()))
        elif b and not a and "ex-" in note:
            predecessors = re.split(r"\b(?:minus|plus|lost)\b", note.split("ex-", 1)[1])[0]
            for code in CODE_IN_NOTE.findall(predecessors):
                self.successors[code.upper()].add((new, b))

    def _read_correspondence(self, path: Path) -> None:
        rows = _rows(path)
        new = {(r["country_code"], r["level"], r["label"]): r["code_2024"] for r in rows if not r["code_2021"].strip()}
        for row in rows:
            if row["code_2021"].strip() and not row["code_2024"].strip():
                key = (row["country_code"], row["level"], row["label"])
                if key in new:
                    self.successors[row["code_2021"].strip()].add(("2024", new[key]))
        for row in rows:
            a, b, change = row["code_2021"].strip(), row["code_2024"].strip(), row["change"]
            if a:
                self.codes["2021"].add(a)
                self.labels.setdefault(a, row["label"])
                self.levels.setdefault(a, int(row["level"]))
                if change.strip():
                    self.notes[("2021", a)] = change.strip()
            if a and b:
                self.steps[("2021", a)].add((b, _same_territory(change)))

    def _add(self, version: str, code: str, label: str, level: int) -> None:
        code = code.strip()
        self.codes[version].add(code)
        if label.strip():
            self.labels.setdefault(code, label.strip())
        self.levels.setdefault(code, level)

    # -- following a code ----------------------------------------------------------------------------
    def versions_of(self, code: str) -> tuple[str, ...]:
        return tuple(v for v in VERSIONS if code in self.codes[v])

    def follow(self, version: str, code: str) -> str | None:
        """The NUTS 2024 code with the same territory as `code` had in `version`, or None."""
        current = code
        for step in VERSIONS[VERSIONS.index(version):-1]:
            nxt = VERSIONS[VERSIONS.index(step) + 1]
            moves = self.steps.get((step, current), set())
            if not moves:
                # the history lists many codes only once; an unchanged code present in the next version stays
                if current in self.codes[nxt] and (step, current) not in self.notes:
                    continue
                return None
            if len(moves) != 1 or not next(iter(moves))[1]:
                return None
            current = next(iter(moves))[0]
        return current if current in self.codes["2024"] else None

    def successors_2024(self, code: str) -> list[str]:
        """The NUTS 2024 regions that took over (part of) a discontinued code's territory, where known."""
        found = set()
        for version, successor in self.successors.get(code, ()):
            found.add(self.follow(version, successor) or successor)
        return sorted(found)

    def resolve(self, code: str, version: str | None = None) -> Resolution:
        """Resolve a published code, from a known version or (None) from whichever version it existed in.

        With an unknown version the code is accepted only if it reaches the same NUTS 2024 region from
        every version it existed in, so that the join is right whatever version the publisher used."""
        code = code.strip()
        versions = self.versions_of(code)
        if version is not None:
            if version not in versions:
                return Resolution(code, None, versions, f"not a NUTS {version} code")
            candidates = (version,)
        elif not versions:
            return Resolution(code, None, versions, "not a NUTS code of 2010-2024")
        else:
            candidates = versions
        targets = {self.follow(v, code) for v in candidates}
        if len(targets) == 1 and None not in targets:
            target = next(iter(targets))
            reason = "same code and territory in NUTS 2024" if target == code else f"recoded: now {target}"
            return Resolution(code, target, versions, reason)
        if targets == {None}:
            return Resolution(code, None, versions, "territory changed or code discontinued before NUTS 2024")
        return Resolution(code, None, versions, "the code denotes different territories in different versions")

    def retired(self) -> Iterable[dict[str, str]]:
        """Rows of the retired-codes table: every 2010-2021 code that NUTS 2024 no longer has."""
        current = self.codes["2024"]
        for code in sorted({c for v in HISTORY_VERSIONS for c in self.codes[v]} - current):
            versions = self.versions_of(code)
            last = versions[-1]
            res = self.resolve(code, last)
            yield {
                "code": code,
                "last_version": last,
                "level": str(self.levels.get(code, len(code) - 2)),
                "country_code": code[:2],
                "label": self.labels.get(code, ""),
                "change": self.notes.get((last, code), ""),
                "now": res.code_2024 or "",
                "successor": ";".join(self.successors_2024(code)),
            }


def write_retired(versions: NutsVersions, path: Path) -> int:
    """Write the retired-codes table; returns the row count."""
    rows = list(versions.retired())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=RETIRED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def graph_regions(data_dir: Path) -> dict[str, URIRef]:
    """Region code -> IRI of every region data set (`regions-*`) under `data_dir`: what `kg load` will know."""
    found: dict[str, URIRef] = {}
    for path in sorted(data_dir.glob("regions-*/*.ttl")):
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if triple.predicate == RC_REGION_CODE:
                found[triple.object.value] = URIRef(triple.subject.value)
    return found


def sr_supplement(versions: NutsVersions, sources: Path) -> Graph:
    """The 2024 statistical regions that the SR 2021 -> 2024 correspondence lists as new but the 2024 SR copy
    lacks (Bosnia and Herzegovina), as regions in the statistical-regions-2024 classification."""
    from kg.importers.regions import (
        NUTS,
        SR_2024,
        SR_COUNTRY_NAMES,
        RegionRecord,
        _add_dataset,
        _add_regions,
        _new_graph,
    )

    rows = [r for r in _rows(sources / "nuts-history" / "sr2021_to_sr2024.csv")
            if r["code_2024"].strip() and r["code_2024"].strip() not in versions.codes["2024"]]
    countries = sorted({r["country_code"] for r in rows})
    records = [
        RegionRecord(code=c, level=0, name=SR_COUNTRY_NAMES[c][1], name_en=SR_COUNTRY_NAMES[c][0],
                     alt_labels=[SR_COUNTRY_NAMES[c][1]], parent=None, classification=SR_2024, iri=NUTS[c],
                     note="Level-0 region derived from the country code; names typed in by the data steward "
                          "(SR_COUNTRY_NAMES in kg/importers/regions.py).")
        for c in countries
    ]
    for row in rows:
        code = row["code_2024"].strip()
        records.append(RegionRecord(code=code, level=int(row["level"]), name=row["label"].strip(),
                                    parent=code[:-1], classification=SR_2024, iri=NUTS[code],
                                    extra_regio=code.endswith("Z")))
    g = _new_graph()
    _add_regions(g, records)
    g.add((SR_2024, RDF.type, SKOS.ConceptScheme))  # described in regions-nuts2024; typed here for the shapes
    _add_dataset(g, URIRef(f"https://w3id.org/rckg/id/dataset/{SUPPLEMENT_ID}"),
                 "Regions: statistical regions 2024 missing from regions-nuts2024",
                 f"The 2024 statistical regions of {', '.join(countries)}, from Eurostat's SR 2021-2024 "
                 "correspondence; the classification node is described in regions-nuts2024.", [SR_2024])
    return g


SUPPLEMENT_PROVENANCE = """# regions-sr2024-ba: 2024 statistical regions of Bosnia and Herzegovina

GENERATED file set: `regions.ttl` is written by `kg/importers/nuts_versions.py`; do not edit it by hand.

## Why
Eurostat's workbook `NUTS2021-NUTS2024.xlsx` lists statistical regions for Bosnia and Herzegovina (BA), but
the statistical-regions copy that `regions-nuts2024` is built from has none (see its PROVENANCE.md). Two hubs
of the EDIH catalogue are seated in BA; without a BA region they could not be placed at all.

## Source
- Eurostat, sheet "SR2021- SR2024" of `NUTS2021-NUTS2024.xlsx`, as CSV in
  `data/sources/nuts-history/sr2021_to_sr2024.csv` (see the PROVENANCE.md there): the rows whose 2024 code
  is not in `data/sources/nuts2024/statistical_regions2024_efta_candidates.csv` (BA0, BA01-BA03, BAZ, BAZZ;
  Eurostat defines no level 3 for BA).
- The country row BA is derived, with the names typed in `SR_COUNTRY_NAMES` of `kg/importers/regions.py`.
- Licence: Eurostat copyright notice, reuse with acknowledgement ("Source: Eurostat").

## What was derived
As in `regions-nuts2024`: Eurostat IRIs `http://data.europa.eu/nuts/code/<CODE>`, `rc:level`, `rc:parentRegion`,
`rc:withinRegion` to every ancestor, `rc:extraRegio` for BAZ and BAZZ, classification
`https://w3id.org/rckg/id/classification/statistical-regions-2024` (described in `regions-nuts2024`).
Triples: {triples}.

## Rebuild
From the repository root: `python -m kg.importers.nuts_versions data/sources data`
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.importers.nuts_versions", description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path, help="folder with nuts2024/ and nuts-history/ (data/sources)")
    parser.add_argument("data", type=Path, help="the data folder to write into (data)")
    args = parser.parse_args(argv)
    versions = NutsVersions(args.sources)
    count = write_retired(versions, args.data / RETIRED_FILE)
    print(f"{args.data / RETIRED_FILE}: {count} retired codes")
    graph = sr_supplement(versions, args.sources)
    folder = args.data / SUPPLEMENT_ID
    folder.mkdir(parents=True, exist_ok=True)
    header = ("# Regions: 2024 statistical regions missing from regions-nuts2024\n"
              "# GENERATED by kg.importers.nuts_versions - do not edit by hand; see PROVENANCE.md.\n\n")
    (folder / "regions.ttl").write_text(header + graph.serialize(format="turtle"), encoding="utf-8")
    (folder / "PROVENANCE.md").write_text(SUPPLEMENT_PROVENANCE.format(triples=len(graph)), encoding="utf-8")
    print(f"{folder}: {len(graph)} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
