"""Placing an actor in a region from a free-text postal address, at the finest level that is certain.

Catalogues such as the EDIH catalogue give only an address. The postcode, looked up in the GISCO postcode ->
NUTS-3 table, places it in a NUTS-3 region; where there is no postcode, the locality is looked up among the
municipalities (LAU) of the country. Each lookup yields the finest region that all its matches share, so an
ambiguous postcode prefix or a municipality name used in two provinces yields their NUTS-2 region or the
country, never one of them picked at random. When postcode and locality disagree, the actor sits in the
region containing both. Every placement says how it was derived (`method`, `evidence`): a placement is a
derived fact, and the graph must not present it as stated by the source.
"""

from __future__ import annotations

import bisect
import csv
import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.importers.nuts_versions import NutsVersions

POSTCODE_FILE = Path("postcode-nuts") / "postcode_nuts3_2024.csv.gz"
LAU_FILE = Path("lau") / "lau2019_nuts2016_names.csv.gz"

# English country names as the EDIH catalogue writes them -> Eurostat country codes (Greece is EL).
COUNTRY_CODES: dict[str, str] = {
    "Albania": "AL", "Austria": "AT", "Belgium": "BE", "Bosnia and Herzegovina": "BA", "Bulgaria": "BG",
    "Croatia": "HR", "Cyprus": "CY", "Czechia": "CZ", "Denmark": "DK", "Estonia": "EE", "Finland": "FI",
    "France": "FR", "Germany": "DE", "Greece": "EL", "Hungary": "HU", "Iceland": "IS", "Ireland": "IE",
    "Italy": "IT", "Kosovo": "XK", "Latvia": "LV", "Liechtenstein": "LI", "Lithuania": "LT", "Luxembourg": "LU",
    "Malta": "MT", "Montenegro": "ME", "Netherlands": "NL", "North Macedonia": "MK", "Norway": "NO",
    "Poland": "PL", "Portugal": "PT", "Romania": "RO", "Serbia": "RS", "Slovakia": "SK", "Slovenia": "SI",
    "Spain": "ES", "Sweden": "SE", "Türkiye": "TR", "Ukraine": "UA",
}


@dataclass(frozen=True)
class PostcodeRule:
    """How a country's postcodes look in an address, and how to write them as the table does."""

    pattern: re.Pattern[str]
    key: Callable[[re.Match[str]], str]


def _rule(pattern: str, key: Callable[[re.Match[str]], str]) -> PostcodeRule:
    return PostcodeRule(re.compile(pattern, re.IGNORECASE), key)


def _digits(m: re.Match[str]) -> str:
    return "".join(m.groups())


def _spaced(m: re.Match[str]) -> str:
    return f"{m.group(1)} {m.group(2)}"


# Country prefixes such as "L-1234", "SI-1000", "LT-03223" occur before digit postcodes.
_PREFIX = r"(?<![\w/-])(?:[A-Z]{1,2}-)?"
_FOUR = _rule(_PREFIX + r"(\d{4})(?![\d/-])", _digits)
_FIVE = _rule(_PREFIX + r"(\d{5})(?![\d/-])", _digits)
# Postcode formats of the 34 countries of the table (see data/sources/postcode-nuts/PROVENANCE.md).
POSTCODE_RULES: dict[str, PostcodeRule] = {
    **dict.fromkeys(("AT", "BE", "BG", "CH", "CY", "DK", "HU", "LI", "LU", "MK", "NO", "SI"), _FOUR),
    **dict.fromkeys(("DE", "EE", "ES", "FI", "FR", "HR", "IT", "LT", "RS", "TR"), _FIVE),
    "EL": _rule(r"(?<![\w/-])(\d{3}) ?(\d{2})(?![\d/-])", _digits),  # 104 31 or 10431; the table writes 10431
    **dict.fromkeys(("CZ", "SE", "SK"), _rule(r"(?<![\w/-])(\d{3}) ?(\d{2})(?![\d/-])", _spaced)),  # "100 00"
    "PL": _rule(r"(?<![\w/-])(\d{2}-\d{3})(?![\d/-])", lambda m: m.group(1)),
    "PT": _rule(r"(?<![\w/-])(\d{4}-\d{3})(?![\d/-])", lambda m: m.group(1)),
    "NL": _rule(r"(?<![\w/-])(\d{4}) ?([A-Z]{2})(?![A-Za-z])", lambda m: f"{m.group(1)} {m.group(2).upper()}"),
    "LV": _rule(r"\bLV[- ]?(\d{4})(?!\d)", lambda m: f"LV-{m.group(1)}"),
    # Eircode: the table holds the routing key (first three characters) only
    "IE": _rule(r"\b([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}\b", lambda m: m.group(1).upper()),
    # Malta: the table holds the three-letter locality prefix only
    "MT": _rule(r"\b([A-Z]{3}) ?\d{2,4}\b", lambda m: m.group(1).upper()),
    "RO": _rule(r"(?<![\w/-])(\d{6})(?![\d/-])", _digits),
    "IS": _rule(r"(?<![\w/-])(\d{3})(?![\d/-])", _digits),
}

# Countries whose LAU are below the municipality, so a town's name may be a parish elsewhere; no locality lookup.
LOCALITY_EXCLUDED: dict[str, str] = {
    "PT": "the LAU are parishes (freguesias), not municipalities",
    "IE": "the LAU are electoral divisions, not towns",
}
# Generic words that open municipality names and that addresses leave out ("Grad Zagreb", "Municipiul Sibiu").
_DESIGNATIONS = ("grad ", "municipiul ", "oras ", "comuna ", "miasto ", "mesto ")

# Letters that Unicode decomposition leaves alone but addresses write without diacritics.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "œ": "oe"})
_NON_WORD = re.compile(r"[^\w]+|_")


def normalise(text: str) -> str:
    """Lower-case, drop accents and punctuation: 'Ústí nad Labem' and 'Usti nad labem' become equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain).strip()


def common_region(codes: Iterable[str]) -> str:
    """The finest NUTS region containing all the codes: NUTS codes nest by prefix (DE212, DE21H -> DE21)."""
    codes = list(codes)
    prefix = codes[0]
    for code in codes[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    return prefix if len(prefix) >= 2 else codes[0][:2]


def level_of(code: str) -> int:
    """NUTS level from the code length (two letters for the country, one character per level)."""
    return len(code) - 2


@dataclass(frozen=True)
class Placement:
    """The region an address was placed in, and how."""

    code: str
    method: str  # postcode | postcode-prefix | locality | postcode-and-locality | country
    evidence: str

    @property
    def level(self) -> int:
        return level_of(self.code)


@dataclass(frozen=True)
class Lookup:
    """One source's answer: the region, what it rests on, and whether it is strong evidence (an exact postcode,
    a whole segment naming a municipality) or weak (a postcode prefix, the first words of a segment)."""

    code: str
    method: str
    evidence: str
    strong: bool


class PostcodeTable:
    """The GISCO postcode -> NUTS-3 (2024) table, read for the countries asked for."""

    def __init__(self, path: Path, countries: Iterable[str]):
        wanted = set(countries)
        self.codes: dict[str, dict[str, str]] = defaultdict(dict)
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["country_code"] in wanted:
                    self.codes[row["country_code"]][row["postcode"]] = row["nuts3_2024"]
        self.sorted: dict[str, list[str]] = {c: sorted(table) for c, table in self.codes.items()}

    def covers(self, country: str) -> bool:
        return country in self.codes

    def lookup(self, country: str, key: str) -> Lookup | None:
        """The exact postcode, else the longest prefix (at least two characters) that the table knows: the
        finest region shared by every postcode with that prefix (CEDEX and PO-box codes are not listed)."""
        table = self.codes.get(country, {})
        if key in table:
            return Lookup(table[key], "postcode", f"postcode {key} -> {table[key]} (GISCO postcode table)", True)
        keys = self.sorted.get(country, [])
        for length in range(len(key) - 1, 1, -1):
            prefix = key[:length]
            start = bisect.bisect_left(keys, prefix)
            regions = set()
            for k in keys[start:]:
                if not k.startswith(prefix):
                    break
                regions.add(table[k])
            if regions:
                region = common_region(sorted(regions))
                return Lookup(
                    region, "postcode-prefix",
                    f"postcode {key} not in the table; all {len(regions)} region(s) of postcodes {prefix}* "
                    f"lie in {region}",
                    False,
                )
        return None


class LocalityTable:
    """Municipality (LAU 2019) names -> NUTS 2024 regions, through the LAU table's NUTS 2016 codes."""

    def __init__(self, path: Path, versions: NutsVersions, countries: Iterable[str]):
        wanted = set(countries)
        raw: dict[tuple[str, str], set[str]] = defaultdict(set)
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                country = row["country"]
                if country not in wanted:
                    continue
                code = _albania_nuts3(row["nuts3_2016"]) if country == "AL" else row["nuts3_2016"]
                for name in (row["lau_name_national"], row["lau_name_latin"]):
                    for key in _name_variants(name):
                        raw[(country, key)].add(code)
        self.regions: dict[tuple[str, str], set[str]] = {
            key: {_to_2024(code, versions) for code in codes} for key, codes in raw.items()
        }

    def lookup(self, country: str, name: str, whole: bool) -> Lookup | None:
        """`whole`: the name is a whole address segment, not its first words."""
        regions = self.regions.get((country, normalise(name)))
        if not regions:
            return None
        region = common_region(sorted(regions))
        shared = "" if len(regions) == 1 else f" (municipalities of that name lie in {len(regions)} regions)"
        return Lookup(region, "locality", f"locality '{name}' -> {region} (LAU 2019 table){shared}", whole)


def _name_variants(name: str) -> set[str]:
    """A municipality name as addresses write it: each part of a bilingual name ('Namur/Namen'), without the
    status after a comma ('Aachen, Stadt') or a district after a dash ('Bratislava - mestská časť Ružinov'),
    and without a generic designation ('Grad Zagreb')."""
    variants = set()
    for part in name.split("/"):
        for text in (part, part.split(",")[0], part.split(" - ")[0]):
            key = normalise(text)
            variants.add(key)
            variants |= {key.removeprefix(d) for d in _DESIGNATIONS if key.startswith(d)}
    return {v for v in variants if v}


def _albania_nuts3(code: str) -> str:
    """The LAU table truncates Albania's NUTS-3 codes (AL11 for AL011, see its PROVENANCE.md)."""
    return f"AL0{code[2:]}" if len(code) == 4 else code


def _to_2024(code_2016: str, versions: NutsVersions) -> str:
    """The NUTS 2024 region with the same territory as a 2016 NUTS-3 code, else its NUTS-2 region, else the
    country: a municipality list of 2019 cannot say in which new region a reshaped one lies."""
    for code in (code_2016, code_2016[:-1]):
        if target := versions.resolve(code, "2016").code_2024:
            return target
    return code_2016[:2]


class Placer:
    """Places addresses with the postcode and locality tables of the project's source copies."""

    def __init__(self, sources: Path, countries: Iterable[str], versions: NutsVersions | None = None,
                 localities: LocalityTable | None = None):
        """`localities`: a table with LocalityTable's lookup (kg.importers.lau.LauTable); the LAU names alone
        when None."""
        countries = set(countries)
        self.versions = versions or NutsVersions(sources)
        self.postcodes = PostcodeTable(sources / POSTCODE_FILE, countries)
        self.localities = localities or LocalityTable(sources / LAU_FILE, self.versions, countries)

    def place(self, address: str, country: str, country_name: str) -> Placement:
        """Place one address of `country` (Eurostat code); the country itself when nothing else is certain."""
        parts = _segments(address, country_name)
        found = [x for x in (self._by_postcode(parts, country), self._by_locality(parts, country)) if x]
        if not found:
            postcode = "no postcode in the table" if self.postcodes.covers(country) else "no postcode table"
            locality = LOCALITY_EXCLUDED.get(country, "no municipality name matched")
            return Placement(country, "country", f"{postcode}; {locality}")
        if len(found) == 1:
            return Placement(found[0].code, found[0].method, found[0].evidence)
        postcode, locality = found
        evidence = f"{postcode.evidence}; {locality.evidence}"
        if locality.code.startswith(postcode.code) or postcode.code.startswith(locality.code):
            best = max(found, key=lambda x: len(x.code))
            return Placement(best.code, best.method, evidence)
        if postcode.strong != locality.strong:
            best = postcode if postcode.strong else locality
            return Placement(best.code, best.method, f"{evidence}; the weaker clue is ignored")
        region = common_region([postcode.code, locality.code])
        return Placement(region, "postcode-and-locality", f"postcode and locality disagree, so {region}: {evidence}")

    def _by_postcode(self, parts: list[str], country: str) -> Lookup | None:
        rule = POSTCODE_RULES.get(country)
        if rule is None or not self.postcodes.covers(country):
            return None
        strong, weak = [], []
        for part in parts:
            for m in rule.pattern.finditer(part):
                # a postcode opens or closes its segment ("56021 Cascina", "Gzira GZR1401"); elsewhere it may be
                # a house number, used only when nothing better is there
                alone = not part[: m.start()].strip() or not part[m.end():].strip(" .")
                (strong if alone else weak).append(rule.key(m))
        answers = [x for x in (self.postcodes.lookup(country, key) for key in strong or weak) if x]
        if not answers:
            return None
        if len({a.code for a in answers}) == 1:
            return answers[0]
        region = common_region(a.code for a in answers)
        evidence = "; ".join(a.evidence for a in answers) + f" -> together {region}"
        return Lookup(region, "postcode-prefix", evidence, False)

    def _by_locality(self, parts: list[str], country: str) -> Lookup | None:
        """The municipality named in the last two digit-free segments (after removing postcodes), trying the
        whole segment, then without trailing words ('Cascina PI', 'Burgos Burgos', 'Logroño Madrid')."""
        if country in LOCALITY_EXCLUDED:
            return None
        rule = POSTCODE_RULES.get(country)
        tried = 0
        for part in reversed(parts):
            text = rule.pattern.sub(" ", part) if rule else part
            if any(ch.isdigit() for ch in text):
                continue
            words = text.split()
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                if len(normalise(name)) >= 3 and (found := self.localities.lookup(country, name, n == len(words))):
                    return found
            tried += 1
            if tried == 2:
                break
        return None


def _segments(address: str, country_name: str) -> list[str]:
    """The comma-separated parts of an address without the trailing country name(s)."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    country = normalise(country_name)
    while parts and normalise(parts[-1]) in (country, f"republic of {country}"):
        parts.pop()
    return [re.sub(rf"\s+{re.escape(country_name)}$", "", p, flags=re.IGNORECASE) for p in parts]
