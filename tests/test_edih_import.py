"""The EDIH catalogue importer (kg/importers/edih.py, placement.py, edih_reports.py): a mini catalogue of real rows
whose placements and mappings are known by construction, and (slow) the full catalogue."""

from __future__ import annotations

import csv
import shutil
from collections import Counter

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kg.config import PROJECT_ROOT, Settings
from kg.errors import LoadError
from kg.importers.edih import (
    import_catalogue,
    level_counts,
    parse_items,
    read_catalogue,
    read_crosswalk,
    read_links,
)
from kg.importers.edih_reports import quality_issues, write_dataset
from kg.importers.lau import LauTable
from kg.importers.nuts_versions import NutsVersions, graph_regions
from kg.importers.placement import Placer, common_region, normalise
from kg.loading.loader import load_paths
from kg.namespaces import RC, actor_iri, concept, service_iri
from kg.ontology import taxonomy_index
from kg.querying import run_query
from tests.conftest import FIXTURES

DATA = PROJECT_ROOT / "data"
SOURCES = DATA / "sources"
CROSSWALK = DATA / "crosswalks" / "edih-services.csv"
MINI = FIXTURES / "edih-mini"

# hub -> (region, method): read off the addresses of tests/fixtures/edih-mini
EXPECTED_PLACEMENTS = {
    "bayern-innovativ": ("DE212", "postcode"),  # Prinzregentenstr. 2, 80538 München
    "mittelstand-digital-zentrum-augsburg": ("DE212", "postcode"),  # contact address in München (81925)
    "edics": ("BG411", "postcode-prefix"),  # 1784 Sofia: not in the table, every 178* postcode is in BG411
    "finnish-center-for-artificial-intelligence-fcai": ("FI1B1", "locality"),  # Konemiehentie 2, Espoo
    "win2edih": ("UA", "country"),  # Kyiv: no postcode table for Ukraine
    "dih-onex": ("BA", "country"),  # Banja Luka: no postcode table for Bosnia and Herzegovina
    "dihse": ("ES419", "postcode"),  # 49071 Zamora
    "daol": ("LV00A", "postcode"),  # LV-1010 Riga
    "datalife": ("ES111", "locality"),  # Santiago de compostela, no postcode
    "datalife-2": ("ES111", "postcode"),  # 15705 Santiago de compostela
    "robocoast": ("FI196", "postcode"),  # 28100 Pori
}


def hub(hub_id: str) -> URIRef:
    return actor_iri(f"edih-{hub_id}")


@pytest.fixture(scope="module")
def schemes():
    return taxonomy_index(Settings(_env_file=None).ontology_dir)


@pytest.fixture(scope="module")
def mini(schemes):
    return import_catalogue(MINI, CROSSWALK, SOURCES, schemes, graph_regions(FIXTURES))


# ---------------------------------------------------------------- reading the catalogue


def test_formatted_cells_split_after_the_level_so_labels_keep_their_commas():
    cell = "Retail, wholesale or distribution - 3, Health care - 5, Health care - 5, Energy - 2"
    assert parse_items(cell) == [("Retail, wholesale or distribution", 3), ("Health care", 5), ("Energy", 2)]


def test_parsed_services_sectors_and_technologies_match_the_long_table_of_the_source():
    hubs = {h.id: h for h in read_catalogue(SOURCES / "edih")}
    expected: dict[tuple[str, str], set[str]] = {}
    with (SOURCES / "edih" / "edih_capabilities_long.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            expected.setdefault((row["hub_id"], row["dimension"]), set()).add(row["label"])
    for (hub_id, dimension), labels in expected.items():
        parsed = {"service": set(hubs[hub_id].services), "sector": set(hubs[hub_id].sectors),
                  "technology": set(hubs[hub_id].technologies)}[dimension]
        assert parsed == labels, (hub_id, dimension)


def test_crosswalk_maps_every_catalogue_service_label_and_says_why(schemes):
    crosswalk = read_crosswalk(CROSSWALK, schemes)
    labels = {label for h in read_catalogue(SOURCES / "edih") for label in h.services}
    assert labels == set(crosswalk)
    assert all(m.why for m in crosswalk.values())
    finance = crosswalk["Finance"].concepts
    assert concept("determinant", "access-to-finance") in finance["determinants"]
    assert concept("service-category", "access-to-finance") in finance["service_categories"]
    assert concept("determinant", "training-experience-entrepreneurs") in (
        crosswalk["Vocational training"].concepts["determinants"])
    assert concept("instrument", "networking") in crosswalk["Ecosystem building"].concepts["instruments"]


def test_crosswalk_with_an_unknown_code_or_no_reason_is_refused_with_row_and_column(tmp_path, schemes):
    broken = tmp_path / "crosswalk.csv"
    broken.write_text(
        "catalogue_label,instruments,roles,determinants,service_categories,target_groups,phases,why\n"
        "Finance,money-rain,service-provider,access-to-finance,,,,because\n"
        "Prototyping,research-infrastructure,service-provider,technology-diffusion,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        read_crosswalk(broken, schemes)
    found = {(p.row, p.column, p.value) for p in caught.value.problems}
    assert (2, "instruments", "money-rain") in found
    assert (3, "why", None) in found


def test_a_service_label_missing_from_the_crosswalk_stops_the_import(tmp_path, schemes):
    catalogue = tmp_path / "edih_catalogue.csv"
    text = (MINI / "edih_catalogue.csv").read_text(encoding="utf-8")
    catalogue.write_text(text.replace("Finance - 3", "Quantum brewing - 3"), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        import_catalogue(catalogue, CROSSWALK, SOURCES, schemes, graph_regions(FIXTURES))
    assert [p.value for p in caught.value.problems] == ["Quantum brewing"]


# ---------------------------------------------------------------- placement


@pytest.fixture(scope="module")
def placer() -> Placer:
    countries, versions = {"DE", "FR", "IT", "HU", "HR", "BE"}, NutsVersions(SOURCES)
    return Placer(SOURCES, countries, versions, LauTable(SOURCES, versions, countries))


def test_common_region_is_the_longest_shared_code_prefix():
    assert common_region(["DE212", "DE21H"]) == "DE21"
    assert common_region(["FRK24", "FRG01"]) == "FR"


def test_normalise_drops_case_accents_and_punctuation():
    assert normalise("Ústí nad Labem") == normalise("usti nad labem")
    assert normalise("Sarrola-Carcopino") == "sarrola carcopino"


@pytest.mark.parametrize(("address", "country", "name", "code", "method"), [
    ("Rheinstraße 89, 64295 Darmstadt, Germany", "DE", "Germany", "DE711", "postcode"),
    # a CEDEX-like code missing from the table: every postcode 380* lies in Isère
    ("29, rue félix esclangon, 38054 Grenoble, France", "FR", "France", "FRK24", "postcode-prefix"),
    ("Emil-figge-str. 76, Dortmund, Germany", "DE", "Germany", "DEA52", "locality"),  # 'Dortmund, Stadt'
    ("Unska 3, Zagreb, Croatia", "HR", "Croatia", "HR050", "locality"),  # 'Grad Zagreb'
    # the strong clue wins: the whole segment names Chemnitz, the postcode 91250 (a typo) is only a prefix
    ("Erfenschlager straße 73, 91250 Chemnitz, Germany", "DE", "Germany", "DED41", "locality"),
    # two strong clues that disagree: the region containing both
    ("Budapest, Podmanitczky utca 49, 5525, Hungary", "HU", "Hungary", "HU", "postcode-and-locality"),
    # a first-words match ('Cittadella') loses to an exact postcode
    ("Strada statale 7, 72100 Cittadella della ricerca brindisi BR, Italy", "IT", "Italy", "ITF44", "postcode"),
    ("Via della colonna antonina 52, Rome, Italy", "IT", "Italy", "ITI43", "locality"),  # GeoNames: Rome -> Roma
])
def test_addresses_are_placed_at_the_finest_certain_region(placer, address, country, name, code, method):
    placement = placer.place(address, country, name)
    assert (placement.code, placement.method) == (code, method), placement.evidence


def test_a_municipality_of_a_reshaped_region_lands_in_the_region_that_continues_it(placer):
    # Diepenbeek lies in BE221 Arr. Hasselt (NUTS 2016), reshaped and recoded BE224 Arr. Hasselt in 2021
    placement = placer.place("Wetenschapspark 9, Diepenbeek, Belgium", "BE", "Belgium")
    assert (placement.code, placement.level) == ("BE224", 3)
    assert "boundary shift" in placement.evidence


# ---------------------------------------------------------------- the mini catalogue


def test_every_hub_is_placed_as_its_address_says_and_carries_how(mini):
    assert {h: (p.code, p.method) for h, p in mini.placements.items()} == EXPECTED_PLACEMENTS
    g = mini.graph
    for hub_id, (code, method) in EXPECTED_PLACEMENTS.items():
        assert g.value(hub(hub_id), RC.locatedIn) == URIRef(f"http://data.europa.eu/nuts/code/{code}")
        assert g.value(hub(hub_id), RC.placementMethod) == Literal(method)
        assert str(g.value(hub(hub_id), RC.placementEvidence))
        assert g.value(hub(hub_id), RC.inferred) == Literal(True)


def test_hubs_carry_catalogue_type_sphere_website_tags_and_source(mini):
    g = mini.graph
    bayern = hub("bayern-innovativ")
    assert set(g.objects(bayern, RC.actorType)) == {
        concept("actor-type", "digital-innovation-hub"), concept("actor-type", "dih-listed")}
    assert g.value(bayern, RC.sphere) == concept("sphere", "public-private")
    assert str(g.value(bayern, RC.website)) == "https://www.bayern-innovativ.de"
    assert {str(t) for t in g.objects(bayern, RC.sectorTag)} >= {"Health care", "Manufacturing and processing"}
    assert "Artificial Intelligence & Decision support" in {str(t) for t in g.objects(bayern, RC.technologyTag)}
    assert g.value(bayern, RC.sourceLocator).startswith("edih_catalogue.csv, line")
    seal = hub("dihse")
    assert concept("actor-type", "seal-of-excellence-hub") in set(g.objects(seal, RC.actorType))
    assert "not funded" in str(g.value(seal, SKOS.editorialNote))
    assert g.value(hub("daol"), RC.website) is None  # the source says just "Website"
    assert concept("actor-type", "edih-funded") in set(g.objects(hub("daol"), RC.actorType))


def test_each_service_label_becomes_a_service_mapped_through_the_crosswalk(mini):
    g = mini.graph
    finance = service_iri("edih-bayern-innovativ-service-finance")
    assert g.value(finance, RC.provider) == hub("bayern-innovativ")
    assert g.value(finance, RC.serviceLevel) == Literal(3)
    assert concept("determinant", "access-to-finance") in set(g.objects(finance, RC.addresses))
    assert concept("instrument", "funding-acquisition-support") in set(g.objects(finance, RC.instrument))
    assert g.value(finance, RC.inferred) == Literal(True)
    assert len(set(g.objects(hub("bayern-innovativ"), RC.provides))) == 6
    assert not set(g.objects(hub("dihse"), RC.provides))  # the source lists no services


def test_quality_report_names_missing_services_placeholders_and_duplicates(mini):
    found = {(i.issue, i.hub_id) for i in quality_issues(mini)}
    assert ("missing services", "dihse") in found
    assert ("placeholder website", "daol") in found
    assert ("duplicate name", "datalife") in found and ("duplicate name", "datalife-2") in found


def test_written_data_set_loads_and_answers_the_europe_wide_query(tmp_path, mini, settings, store):
    out = tmp_path / "edih"
    write_dataset(mini, out, {"edih_catalogue.csv": MINI / "edih_catalogue.csv", "edih-services.csv": CROSSWALK})
    assert {p.name for p in out.iterdir()} == {"edih.ttl", "PROVENANCE.md", "placement.csv", "placement-report.md",
                                               "quality-issues.csv", "quality-report.md"}
    regions = tmp_path / "regions-edih-mini"
    shutil.copytree(FIXTURES / "regions-edih-mini", regions)
    # named before its regions: the loader still builds the region data sets (regions-*) first
    loaded = {d.id: d for d in load_paths([out, regions], settings, store)}
    assert (loaded["edih"].actors, loaded["edih"].services) == (11, sum(len(h.services) for h in mini.hubs))
    rows = run_query("cq13-regions-without-hub-service", {"determinant": "access-to-finance"}, settings, store).rows
    without = {str(r["code"]): int(r["coarselyPlacedHubs"]) for r in rows}
    assert "DE21" not in without and "DE212" not in without  # two hubs in München offer Finance
    assert without["ES41"] == 0  # Castilla y León: the Zamora hub offers no services
    assert without["BA01"] == 1  # the Banja Luka hub (Finance) is placed only in BA: it may be here


def test_cli_import_edih_writes_the_data_set_and_prints_the_shares(tmp_path):
    from typer.testing import CliRunner

    from kg.cli.main import app

    out = tmp_path / "edih"
    result = CliRunner().invoke(app, ["import", "edih", str(MINI), "--out", str(out), "--regions", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert "NUTS-3" in result.output and "missing services" in result.output
    with (out / "placement.csv").open(encoding="utf-8") as fh:
        assert {r["hub_id"]: r["region"] for r in csv.DictReader(fh)} == {
            h: code for h, (code, _) in EXPECTED_PLACEMENTS.items()}


def test_cli_import_edih_reports_a_missing_catalogue_as_a_problem(tmp_path):
    from typer.testing import CliRunner

    from kg.cli.main import app

    result = CliRunner().invoke(app, ["import", "edih", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "no edih_catalogue.csv here" in result.output


# ---------------------------------------------------------------- the whole catalogue


@pytest.mark.slow
def test_full_catalogue_imports_all_457_hubs_with_their_sources_and_placement_counts(schemes):
    result = import_catalogue(SOURCES / "edih", CROSSWALK, SOURCES, schemes, graph_regions(DATA))
    g = result.graph
    hubs = set(g.subjects(RC.placementMethod, None))
    assert len(result.hubs) == len(hubs) == 457
    assert all(g.value(h, URIRef("http://purl.org/dc/terms/source")) is not None for h in hubs)
    levels: Counter[int] = Counter()
    for counts in level_counts(result).values():
        levels.update(counts)
    assert dict(levels) == {3: 434, 1: 2, 0: 21}
    with (DATA / "edih" / "placement.csv").open(encoding="utf-8") as fh:
        shipped = {r["hub_id"]: r["region"] for r in csv.DictReader(fh)}
    assert shipped == {h: p.code for h, p in result.placements.items()}  # data/edih is up to date


@pytest.mark.slow
def test_europe_wide_regions_without_a_finance_hub_are_answered(full_store):
    rows = run_query("cq13-regions-without-hub-service", {"determinant": "access-to-finance"},
                     Settings(store="memory", _env_file=None), full_store).rows
    codes = {str(r["code"]) for r in rows}
    assert len(codes) > 1000
    assert "DE212" not in codes and "DE21" not in codes  # München has hubs that offer Finance
    assert "DE126" in codes  # no hub seated in Mannheim offers it
    assert {str(r["level"]) for r in rows} == {"2", "3"}


def test_a_reviewed_link_gives_the_hub_the_other_data_sets_actor_id(tmp_path, schemes):
    crosswalk = tmp_path / CROSSWALK.name
    shutil.copy(CROSSWALK, crosswalk)
    (tmp_path / "edih-actor-links.csv").write_text(
        "hub_id,actor_id,dataset,why\ndihse,zamora-hub,some-region,same name and address\n", encoding="utf-8")
    result = import_catalogue(MINI, crosswalk, SOURCES, schemes, graph_regions(FIXTURES))
    g = result.graph
    linked = actor_iri("zamora-hub")
    assert (actor_iri("edih-dihse"), None, None) not in g
    assert g.value(linked, RC.locatedIn) is not None and g.value(linked, RC.sphere) is None
    assert g.value(linked, RC.placementMethod) == Literal("postcode")  # the hub's own facts, on the shared id


def test_a_link_without_a_reason_is_refused(tmp_path):
    links = tmp_path / "edih-actor-links.csv"
    links.write_text("hub_id,actor_id,dataset,why\ndihse,zamora-hub,some-region,\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_links(links)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "why")]
