"""Municipality (LAU 2019) names -> NUTS 2024 regions, for placing an address by its city.

The LAU table gives NUTS 2016 codes. Where a 2016 region kept its territory, its 2024 code is certain. Where a
boundary shift reshaped it but one 2024 region with the same name continues it (Ilm-Kreis DEG0F -> DEG0T,
Pohjois-Savo FI1D2 -> FI1DB, Arr. Hasselt BE221 -> BE224), the municipality is taken to that region: a shift
moves a few border municipalities, and the evidence says the placement rests on that. Anything else (a split,
several successors) stays at the region containing them all. Addresses often name a city as people say it
('Warsaw', 'Den Haag', 'Kaunas'), so the Urban Audit city names of the LAU table and the GeoNames names of
cities (with their population, to tell a city from a village of the same name) lead to the municipality.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.importers.nuts_versions import NutsVersions
from kg.importers.placement import Lookup, _albania_nuts3, _name_variants, common_region, normalise

LAU_FILE = Path("lau") / "lau2019_nuts2016_names.csv.gz"
CITY_FILE = Path("geonames-cities") / "cities15000_names.csv.gz"
# GeoNames writes Greece GR; Eurostat EL
GEONAMES_COUNTRY = {"GR": "EL"}
# a GeoNames city leads to a municipality only if that municipality holds at least this share of its population
MIN_POPULATION_SHARE = 0.5


@dataclass(frozen=True)
class Region2024:
    """Where a 2016 NUTS-3 code lies in NUTS 2024, and what that rests on."""

    code: str
    note: str  # empty when the territory is unchanged


def migrate(code_2016: str, versions: NutsVersions) -> Region2024:
    """The NUTS 2024 region of a NUTS 2016 NUTS-3 code: the same territory, else the one same-named region
    that continues it after a boundary shift, else the region containing all its successors."""
    if target := versions.resolve(code_2016, "2016").code_2024:
        return Region2024(target, "")
    label = versions.labels.get(code_2016, "")
    current = code_2016
    for step, following in (("2016", "2021"), ("2021", "2024")):
        moves = versions.steps.get((step, current), set())
        if len(moves) == 1:
            current = next(iter(moves))[0]
        elif not moves and current in versions.codes[following] and (step, current) not in versions.notes:
            continue
        else:
            successors = versions.successors_2024(current) if not moves else sorted(m[0] for m in moves)
            same_name = [s for s in successors if versions.labels.get(s) == label]
            if len(same_name) == 1 and same_name[0] in versions.codes["2024"]:
                current = same_name[0]
                break
            if successors:
                region = common_region(successors)
                return Region2024(region, f"{code_2016} was split or reshaped into {', '.join(successors)}")
            return Region2024(code_2016[:-1] if len(code_2016) > 3 else code_2016[:2],
                              f"{code_2016} has no NUTS 2024 successor")
    if current not in versions.codes["2024"]:
        return Region2024(code_2016[:2], f"{code_2016} has no NUTS 2024 successor")
    return Region2024(current, f"{code_2016} '{label}' continues as {current} after a boundary shift "
                               "(taken to hold the municipality unless the shift moved it)")


@dataclass(frozen=True)
class Municipality:
    name: str
    region: Region2024
    population: int


class LauTable:
    """Names of municipalities, Urban Audit cities and GeoNames cities -> the municipalities they denote."""

    def __init__(self, sources: Path, versions: NutsVersions, countries: Iterable[str]):
        wanted = set(countries)
        self.by_name: dict[tuple[str, str], list[Municipality]] = defaultdict(list)
        self.by_city: dict[tuple[str, str], list[Municipality]] = defaultdict(list)
        regions: dict[str, Region2024] = {}
        with gzip.open(sources / LAU_FILE, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                country = row["country"]
                if country not in wanted:
                    continue
                code = _albania_nuts3(row["nuts3_2016"]) if country == "AL" else row["nuts3_2016"]
                if code not in regions:
                    regions[code] = migrate(code, versions)
                lau = Municipality(row["lau_name_national"], regions[code], int(row["population"] or 0))
                for key in {k for name in (row["lau_name_national"], row["lau_name_latin"])
                            for k in _name_variants(name)}:
                    self.by_name[(country, key)].append(lau)
                if city := normalise(row["city_name"].removeprefix("Greater ")):
                    self.by_city[(country, city)].append(lau)
        self.exonyms: dict[tuple[str, str], list[tuple[str, list[Municipality]]]] = defaultdict(list)
        self._read_cities(sources / CITY_FILE, wanted)

    def _read_cities(self, path: Path, wanted: set[str]) -> None:
        """Each GeoNames city whose names include a municipality's name, the municipality holding at least half
        its population: every name of the city then leads to that municipality."""
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                country = GEONAMES_COUNTRY.get(row["country_code"], row["country_code"])
                if country not in wanted:
                    continue
                names = {normalise(n) for n in [row["name"], *row["alternate_names"].split("|")] if n}
                population = int(row["population"] or 0)
                found = {id(m): m for key in names for m in self.by_name.get((country, key), [])
                         if m.population >= MIN_POPULATION_SHARE * population}
                if not found:
                    continue
                for key in names - {""}:
                    self.exonyms[(country, key)].append((row["name"], list(found.values())))

    def lookup(self, country: str, name: str, whole: bool) -> Lookup | None:
        """`whole`: the name is a whole address segment, not its first words."""
        key = normalise(name)
        if found := self.by_name.get((country, key)):
            return _answer(name, found, "LAU 2019 table", whole)
        if found := self.by_city.get((country, key)):
            return _answer(name, found, "Urban Audit city of the LAU 2019 table", whole)
        if cities := self.exonyms.get((country, key)):
            municipalities = [m for _, ms in cities for m in ms]
            via = ", ".join(sorted({c for c, _ in cities}))
            return _answer(name, municipalities, f"GeoNames city {via} -> LAU 2019 table", whole)
        return None


def _answer(name: str, municipalities: list[Municipality], via: str, whole: bool) -> Lookup:
    """The region shared by every municipality the name denotes; an ambiguous name says where they lie."""
    codes = sorted({m.region.code for m in municipalities})
    region = common_region(codes)
    evidence = f"locality '{name}' -> {region} ({via})"
    if len(codes) > 1:
        evidence += f"; municipalities of that name lie in {len(codes)} regions ({', '.join(codes)})"
    notes = sorted({m.region.note for m in municipalities if m.region.note})
    if notes:
        evidence += "; " + "; ".join(notes)
    return Lookup(region, "locality", evidence, whole)
