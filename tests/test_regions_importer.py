"""Tests of the region importer (kg/importers/regions.py), built from the project's own source
copies in data/sources, never from ../shared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # let `pytest` run from anywhere without installing the package
    sys.path.insert(0, str(ROOT))

from kg.importers import regions  # noqa: E402
from kg.importers.regions import NUTS, RC, REGION  # noqa: E402

SOURCES = ROOT / "data" / "sources"
EU_CSV = SOURCES / "nuts2024" / "nuts2024_eu27.csv"
SR_CSV = SOURCES / "nuts2024" / "statistical_regions2024_efta_candidates.csv"
STATES_CSV = SOURCES / "us-geo" / "us_states.csv"
COUNTIES_CSV = SOURCES / "us-geo" / "us_counties_2020.csv"

NUTS_2024 = URIRef("https://w3id.org/rckg/id/classification/nuts-2024")
SR_2024 = URIRef("https://w3id.org/rckg/id/classification/statistical-regions-2024")
ISO = URIRef("https://w3id.org/rckg/id/classification/iso-3166-countries")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


@pytest.fixture(scope="module")
def nuts() -> Graph:
    return regions.nuts_graph(EU_CSV, SR_CSV)


@pytest.fixture(scope="module")
def us() -> Graph:
    return regions.us_graph(STATES_CSV, COUNTIES_CSV, None)


@pytest.fixture(scope="module")
def world() -> Graph:
    return regions.world_countries_graph()


@pytest.fixture(scope="module")
def all_regions(nuts: Graph, us: Graph, world: Graph) -> Graph:
    g = Graph()
    for part in (nuts, us, world):
        for t in part:
            g.add(t)
    return g


def _regions(g: Graph, scheme: URIRef | None = None) -> set[URIRef]:
    found = set(g.subjects(RDF.type, RC.Region))
    if scheme is not None:
        found = {s for s in found if (s, RC.classification, scheme) in g}
    return found  # type: ignore[return-value]


def _level(g: Graph, s: URIRef) -> int:
    return int(g.value(s, RC.level))


# ----------------------------------------------------------------------------- NUTS


def test_nuts_counts(nuts: Graph) -> None:
    eu = _regions(nuts, NUTS_2024)
    sr = _regions(nuts, SR_2024)
    assert len(eu) == 1609
    assert len(sr) == 460 + 11  # + the derived level-0 countries AL CH IS LI ME MK NO RS TR UA XK
    assert eu.isdisjoint(sr)
    levels = [_level(nuts, s) for s in eu]
    assert [levels.count(i) for i in range(4)] == [27, 119, 271, 1192]


def test_mannheim(nuts: Graph) -> None:
    de126 = NUTS["DE126"]
    assert (de126, RDF.type, RC.Region) in nuts
    assert nuts.value(de126, RC.level) == Literal(3, datatype=XSD_INTEGER)
    assert nuts.value(de126, RC.parentRegion) == NUTS["DE12"]
    assert set(nuts.objects(de126, RC.withinRegion)) == {NUTS["DE12"], NUTS["DE1"], NUTS["DE"]}
    assert nuts.value(de126, SKOS.prefLabel) == Literal("Mannheim, Stadtkreis")
    assert nuts.value(de126, RC.regionCode) == Literal("DE126")
    assert nuts.value(de126, RC.classification) == NUTS_2024


def test_nordjylland_and_countries(nuts: Graph) -> None:
    dk05 = NUTS["DK05"]
    assert _level(nuts, dk05) == 2
    assert nuts.value(dk05, SKOS.prefLabel) == Literal("Nordjylland")
    assert set(nuts.objects(dk05, RC.withinRegion)) == {NUTS["DK0"], NUTS["DK"]}
    de = NUTS["DE"]
    assert _level(nuts, de) == 0
    assert Literal("Germany", lang="en") in set(nuts.objects(de, SKOS.prefLabel))
    assert Literal("Deutschland") in set(nuts.objects(de, SKOS.prefLabel))
    assert Literal("Deutschland") in set(nuts.objects(de, SKOS.altLabel))
    assert nuts.value(NUTS["EL"], RC.regionCode) == Literal("EL")  # Greece as Eurostat codes it
    assert (NUTS["GR"], None, None) not in nuts
    assert (NUTS["UK"], None, None) not in nuts  # no UK in NUTS 2024


def test_statistical_regions_get_a_country(nuts: Graph) -> None:
    no = NUTS["NO"]
    assert _level(nuts, no) == 0
    assert nuts.value(no, RC.classification) == SR_2024
    assert Literal("Norway", lang="en") in set(nuts.objects(no, SKOS.prefLabel))
    assert nuts.value(NUTS["NO0"], RC.parentRegion) == no
    assert set(nuts.objects(NUTS["CH013"], RC.withinRegion)) == {NUTS["CH01"], NUTS["CH0"], NUTS["CH"]}
    # whitespace runs in source labels are collapsed
    assert nuts.value(NUTS["UA61"], SKOS.prefLabel) == Literal("Київська Область")


def test_extra_regio(nuts: Graph) -> None:
    flagged = {s for s in nuts.subjects(RC.extraRegio, Literal(True))}
    assert {NUTS["DEZ"], NUTS["DEZZ"], NUTS["DEZZZ"], NUTS["NOZ"], NUTS["TRZZZ"]} <= flagged
    assert len(flagged & _regions(nuts, NUTS_2024)) == 81
    assert len(flagged & _regions(nuts, SR_2024)) == 33
    assert all(str(s).endswith("Z") for s in flagged)
    assert NUTS["CZ"] not in flagged  # Czechia ends in Z but is a country
    assert NUTS["DE126"] not in flagged
    assert all((s, RC.extraRegio, Literal(False)) not in nuts for s in _regions(nuts))


def test_nuts_iris_and_schemes(nuts: Graph) -> None:
    assert all(str(s).startswith("http://data.europa.eu/nuts/code/") for s in _regions(nuts))
    for scheme in (NUTS_2024, SR_2024):
        assert (scheme, RDF.type, SKOS.ConceptScheme) in nuts
        assert (scheme, RDF.type, RC.Source) in nuts
    assert nuts.value(NUTS_2024, URIRef("http://www.w3.org/2002/07/owl#versionInfo")) == Literal("2024")
    dataset = URIRef("https://w3id.org/rckg/id/dataset/regions-nuts2024")
    assert (dataset, RDF.type, RC.Dataset) in nuts


# ----------------------------------------------------------------------------- US


def test_suffolk_county(us: Graph) -> None:
    suffolk = REGION["US-25025"]
    assert us.value(suffolk, RC.regionCode) == Literal("US-25025")
    assert us.value(suffolk, SKOS.prefLabel) == Literal("Suffolk County")
    assert _level(us, suffolk) == 3
    assert us.value(suffolk, RC.parentRegion) == REGION["US-MA"]
    assert set(us.objects(suffolk, RC.withinRegion)) == {REGION["US-MA"], REGION["US"]}
    assert _level(us, REGION["US-MA"]) == 1
    assert us.value(REGION["US-MA"], RC.parentRegion) == REGION["US"]
    assert _level(us, REGION["US"]) == 0


def test_us_scope(us: Graph) -> None:
    levels = [_level(us, s) for s in _regions(us)]
    assert levels.count(0) == 1
    assert levels.count(1) == 56  # 50 states + DC + AS GU MP PR VI, aliases deduplicated
    assert levels.count(3) == 14  # only Massachusetts counties by default
    assert Literal("D.C.") in set(us.objects(REGION["US-DC"], SKOS.altLabel))


def test_us_other_states_and_aliases() -> None:
    g = regions.us_graph(STATES_CSV, COUNTIES_CSV, {"NY", "MA"})
    manhattan = REGION["US-36061"]
    assert g.value(manhattan, SKOS.prefLabel) == Literal("New York County")
    assert Literal("Manhattan Borough") in set(g.objects(manhattan, SKOS.altLabel))
    assert sum(1 for s in _regions(g) if _level(g, s) == 3) == 14 + 62
    with pytest.raises(ValueError):
        regions.us_graph(STATES_CSV, COUNTIES_CSV, {"XX"})


# ----------------------------------------------------------------------------- world


def test_world_countries(world: Graph) -> None:
    assert {s for s in _regions(world)} == {REGION["IL"], REGION["CN"], REGION["UK"]}
    assert _level(world, REGION["IL"]) == 0
    assert world.value(REGION["IL"], RC.classification) == ISO
    assert Literal("Israel", lang="en") in set(world.objects(REGION["IL"], SKOS.prefLabel))
    assert Literal("GB") in set(world.objects(REGION["UK"], SKOS.altLabel))
    assert (REGION["US"], None, None) not in world


# ----------------------------------------------------------------------------- all regions


def test_every_region_is_well_formed(all_regions: Graph) -> None:
    g = all_regions
    regs = _regions(g)
    assert len(regs) == 2080 + 71 + 3
    codes = set()
    for s in regs:
        levels = list(g.objects(s, RC.level))
        assert len(levels) == 1, s
        assert levels[0].datatype == XSD_INTEGER
        code_values = list(g.objects(s, RC.regionCode))
        assert len(code_values) == 1, s
        code = str(code_values[0])
        assert code == str(s).rsplit("/", 1)[-1]
        assert Literal(code) in set(g.objects(s, SKOS.notation))
        codes.add(code)
        assert len(list(g.objects(s, RC.classification))) == 1
        assert g.value(s, SKOS.prefLabel) is not None
        parents = list(g.objects(s, RC.parentRegion))
        level = int(levels[0])
        if level == 0:
            assert parents == [] and set(g.objects(s, RC.withinRegion)) == set()
            continue
        assert len(parents) == 1 and parents[0] in regs, s
        assert _level(g, parents[0]) < level
        # withinRegion is exactly the materialised chain of parents
        chain, cur = set(), parents[0]
        while cur is not None:
            chain.add(cur)
            cur = g.value(cur, RC.parentRegion)
        assert set(g.objects(s, RC.withinRegion)) == chain, s
    assert len(codes) == len(regs)  # codes are unique across the three data sets


def test_main_reproduces_committed_data(tmp_path: Path) -> None:
    """The generated data sets in data/ must be what the importer builds from data/sources."""
    assert regions.main([str(SOURCES), str(tmp_path)]) == 0
    for folder in ("regions-nuts2024", "regions-us", "regions-world"):
        for name in ("regions.ttl", "PROVENANCE.md"):
            fresh = (tmp_path / folder / name).read_bytes()
            committed = (ROOT / "data" / folder / name).read_bytes()
            assert fresh == committed, f"data/{folder}/{name} is stale: rerun the importer"
