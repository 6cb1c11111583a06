"""A region's indicators on the indicators-mini fixture (GERD 2019 for DE, DE12 and DE21, as in test_indicators), with
one older observation planted for DE21: the latest year is shown, ranked among the regions of the same level."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.analysis.indicators import region_indicators
from kg.config import PROJECT_ROOT, Settings
from kg.importers.indicators import import_indicators, indicator_iri, observation_iri, write_dataset
from kg.importers.nuts_versions import graph_regions
from kg.loading.loader import load_paths
from kg.namespaces import GRAPH, NUTS, RC, source_iri
from kg.querying import run_query
from kg.store import EmbeddedStore
from tests.api_support import api_client
from tests.conftest import FIXTURES

GERD = "rd_e_gerdreg_total_pc_gdp"
GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")  # rdflib's XSD imported here makes pytest warn


def _older_observation() -> Graph:
    """DE21's GERD of 2017, higher than any 2019 value: shown only if the latest year were not picked."""
    g = Graph()
    node = observation_iri(GERD, "DE21", "2017")
    for p, o in ((RDF.type, RC.Observation), (RC.indicator, indicator_iri(GERD)), (RC.refArea, NUTS.DE21),
                 (RC.year, Literal("2017", datatype=GYEAR)), (RC.value, Literal(Decimal("9.99"))),
                 (RC.unit, Literal("percentage of GDP")), (RC.nutsVersion, Literal("2024")),
                 (RC.publishedRegionCode, Literal("DE21")),
                 (DCTERMS.source, source_iri("indicators-eurostat", "rd_e_gerdreg"))):
        g.add((node, p, o))
    return g


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> EmbeddedStore:
    folder: Path = tmp_path_factory.mktemp("indicators")
    mini = import_indicators(FIXTURES / "indicators-mini", PROJECT_ROOT / "data" / "sources",
                             graph_regions(FIXTURES), range(2011, 2021))
    write_dataset(mini, folder / "indicators-eurostat")
    for name in ("regions-mini", "regions-edih-mini"):
        shutil.copytree(FIXTURES / name, folder / name)
    store = EmbeddedStore(None)
    load_paths([folder / "regions-mini", folder / "regions-edih-mini", folder / "indicators-eurostat"],
               Settings(store="memory", _env_file=None), store)
    store.replace_graphs({URIRef(GRAPH + "test-older-observation"): _older_observation()})
    return store


def test_the_latest_value_is_ranked_among_the_regions_of_the_same_level(store):
    result = region_indicators(store, "DE21")
    assert (result.region, result.level) == ("DE21", 2)
    (gerd,) = result.indicators
    assert (gerd.indicator, gerd.year, gerd.value, gerd.unit) == (GERD, 2019, 4.42, "percentage of GDP")
    # the level-2 regions with a 2019 value: DE12 (5.33) and DE21 (4.42); the 2017 value is no peer
    assert (gerd.rank, gerd.peers, gerd.peer_average) == (2, 2, pytest.approx(4.875))
    assert gerd.source == "rd_e_gerdreg"
    assert gerd.source_url == "https://ec.europa.eu/eurostat/databrowser/view/rd_e_gerdreg/default/table"
    assert gerd.label == "R&D expenditure (GERD), all sectors (percentage of GDP)"


def test_the_answer_agrees_with_the_competency_query(store):
    settings = Settings(store="memory", _env_file=None)
    (row,) = [r for r in run_query("cq14-indicators-of-region", {"region": "DE12"}, settings, store).rows
              if str(r["year"]) == "2019"]
    (gerd,) = region_indicators(store, "DE12").indicators
    assert (gerd.rank, gerd.peers, gerd.value) == (int(row["rank"]), int(row["peers"]), float(row["value"])) == (
        1, 2, 5.33)
    assert gerd.peer_average == pytest.approx(float(row["peerAverage"]))


def test_a_country_is_ranked_among_countries_and_a_region_without_observations_has_none(store):
    (gerd,) = region_indicators(store, "DE").indicators
    assert (gerd.value, gerd.rank, gerd.peers) == (3.17, 1, 1)  # JP is not a region of the graph
    empty = region_indicators(store, "DE126")
    assert empty.indicators == () and empty.level is None


def test_indicators_to_dict(store):
    data = region_indicators(store, "DE21").to_dict()
    assert data["analysis"] == "indicators" and (data["region"], data["level"]) == ("DE21", 2)
    assert data["indicators"] == [{
        "indicator": GERD, "label": "R&D expenditure (GERD), all sectors (percentage of GDP)", "year": 2019,
        "value": 4.42, "unit": "percentage of GDP", "rank": 2, "peers": 2, "peer_average": 4.875,
        "source": "rd_e_gerdreg", "source_url": "https://ec.europa.eu/eurostat/databrowser/view/rd_e_gerdreg/default/table",
        "nuts_version": "2024", "published_code": "DE21",
    }]


def test_the_route_answers_the_same_result_and_404_for_an_unknown_region(store, tmp_path):
    with api_client(tmp_path, store) as client:
        assert client.get("/regions/DE21/indicators").json() == region_indicators(store, "DE21").to_dict()
        assert client.get("/regions/XX99/indicators").status_code == 404


def test_the_dashboard_shows_the_indicators_beside_the_support(store, tmp_path):
    with api_client(tmp_path, store) as client:
        page = client.get("/regions/DE21/dashboard").text
        empty = client.get("/regions/DE126/dashboard").text
    panel = page[page.index('<section class="indicators">'):]
    panel = panel[:panel.index("</section>")]
    assert "R&amp;D expenditure (GERD), all sectors (percentage of GDP)" in panel
    assert "<td>2019</td>" in panel and "4.42" in panel and "2 of 2" in panel and "4.88" in panel
    assert "No Eurostat regional innovation indicator is recorded for" in empty
