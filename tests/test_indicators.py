"""Regional innovation indicators as observations (kg/importers/indicators.py): a few real rows whose NUTS versions
are known - attached only where the published code denotes the region's territory, never joined silently."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Literal, URIRef

from kg.config import PROJECT_ROOT
from kg.importers.indicators import import_indicators, latest_years, observation_iri, write_dataset
from kg.importers.nuts_versions import NutsVersions, graph_regions
from kg.loading.loader import load_paths
from kg.namespaces import RC
from kg.querying import run_query
from tests.conftest import FIXTURES

SOURCES = PROJECT_ROOT / "data" / "sources"
MINI = FIXTURES / "indicators-mini"
GERD = "rd_e_gerdreg_total_pc_gdp"


def nuts(code: str) -> URIRef:
    return URIRef(f"http://data.europa.eu/nuts/code/{code}")


@pytest.fixture(scope="module")
def versions() -> NutsVersions:
    return NutsVersions(SOURCES)


@pytest.fixture(scope="module")
def mini():
    return import_indicators(MINI, SOURCES, graph_regions(FIXTURES), range(2011, 2021))


@pytest.mark.parametrize(("code", "version", "expected"), [
    ("DE11", None, "DE11"),  # unchanged from 2010 to 2024
    ("FR71", None, "FRK2"),  # Rhône-Alpes, recoded in 2016 with the same territory
    ("NL332", "2021", "NL361"),  # code change in 2024
    ("HR041", "2016", "HR050"),  # recoded (reassigned to a new NUTS-2 region) in 2021
    ("HU10", None, None),  # split into HU11 and HU12 in 2016
    ("DEG0P", "2021", None),  # Wartburgkreis: boundary shift in 2024
    ("NO082", "2021", None),  # Viken (statistical region): split in 2024
    ("UKC1", None, None),  # the United Kingdom left NUTS
])
def test_codes_follow_the_versions_only_while_the_territory_stays(versions, code, version, expected):
    assert versions.resolve(code, version).code_2024 == expected


def test_a_code_is_not_attached_when_its_territory_differs_between_the_versions_it_existed_in(versions):
    res = versions.resolve("PL12")  # Mazowieckie: NUTS 2010/2013 only, split in 2016
    assert res.code_2024 is None and res.versions == ("2010", "2013")


def test_observations_are_attached_recoded_or_kept_on_their_own_version(mini):
    g = mini.graph
    de12 = observation_iri(GERD, "DE12", "2019")
    assert g.value(de12, RC.refArea) == nuts("DE12")
    assert g.value(de12, RC.value) == Literal("5.33", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))
    assert str(g.value(de12, RC.unit)) == "percentage of GDP"
    assert str(g.value(de12, RC.nutsVersion)) == "2024"
    assert str(g.value(de12, RC.year)) == "2019"
    fr71 = observation_iri(GERD, "FR71", "2013")  # FRK2 is not a region of the fixture: kept, not guessed
    assert g.value(fr71, RC.refArea) is None and str(g.value(fr71, RC.publishedRegionCode)) == "FR71"
    hu10 = observation_iri(GERD, "HU10", "2013")
    assert g.value(hu10, RC.refArea) is None
    assert str(g.value(hu10, RC.nutsVersion)) == "2010 2013"
    assert mini.dropped_codes == {"EU27_2020": 1, "JP": 1}


def test_a_recoded_code_is_attached_to_its_new_region_when_the_graph_holds_it():
    regions = {**graph_regions(FIXTURES), "FRK2": nuts("FRK2")}
    result = import_indicators(MINI, SOURCES, regions, range(2013, 2014))
    assert result.graph.value(observation_iri(GERD, "FR71", "2013"), RC.refArea) == nuts("FRK2")
    assert result.recoded == {"FR71": "FRK2"}


def test_default_years_are_each_indicators_latest_three():
    rows = [{"indicator_id": "a", "year": str(y)} for y in (2011, 2015, 2017, 2019)] + [
        {"indicator_id": "pat", "year": "2011"}, {"indicator_id": "pat", "year": "2012"}]
    assert latest_years(rows) == {"a": {2015, 2017, 2019}, "pat": {2011, 2012}}


def test_loaded_observations_answer_the_indicators_of_a_region_with_its_rank_among_peers(
        tmp_path, mini, settings, store):
    out = tmp_path / "indicators-eurostat"
    write_dataset(mini, out)
    assert "kept on their own version" in (out / "PROVENANCE.md").read_text(encoding="utf-8").lower()
    for name in ("regions-mini", "regions-edih-mini"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    load_paths([tmp_path / "regions-mini", tmp_path / "regions-edih-mini", out], settings, store)
    rows = run_query("cq14-indicators-of-region", {"region": "DE21"}, settings, store).rows
    assert [(str(r["indicator"]), str(r["year"]), float(r["value"])) for r in rows] == [(GERD, "2019", 4.42)]
    row = rows[0]
    # the level-2 peers with a 2019 value in the store: DE12 (5.33) and DE21 (4.42)
    assert (int(row["peers"]), int(row["rank"]), round(float(row["peerAverage"]), 3)) == (2, 2, 4.875)
    assert str(row["source"]) == "rd_e_gerdreg" and str(row["nutsVersion"]) == "2024"


def test_cli_import_indicators_refuses_malformed_years(tmp_path):
    from typer.testing import CliRunner

    from kg.cli.main import app

    result = CliRunner().invoke(app, ["import", "indicators", str(MINI), "--out", str(tmp_path), "--years", "2020"])
    assert result.exit_code == 2 and "FIRST-LAST" in result.output


def test_cli_import_indicators_writes_a_loadable_data_set(tmp_path):
    from typer.testing import CliRunner

    from kg.cli.main import app

    out = tmp_path / "indicators-eurostat"
    result = CliRunner().invoke(app, ["import", "indicators", str(MINI), "--out", str(out), "--regions", str(FIXTURES),
                                      "--years", "2011-2020"])
    assert result.exit_code == 0, result.output
    assert (out / "indicators.ttl").is_file() and (out / "PROVENANCE.md").is_file()
