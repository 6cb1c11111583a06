"""The competency questions answer from the bundled seed data (slow: loads everything once per session),
and from the toy region whose answers are known by construction (fast)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT, Settings
from kg.loading.loader import load_paths
from kg.querying import run_query
from tests.conftest import FIXTURES

DATA = PROJECT_ROOT / "data"


def ask(store, name: str, **params: str) -> list[dict[str, str]]:
    result = run_query(name, params, Settings(store="memory", _env_file=None), store)
    return [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in result.rows]


@pytest.fixture
def toy_store(settings, mini_store):
    load_paths([FIXTURES / "toy-region"], settings, mini_store)
    return mini_store


# ---------------------------------------------------------------- toy region: answers known by construction


def test_cq1_counts_national_programme_and_category_includes_sub_determinants(toy_store):
    rows = ask(toy_store, "cq01-providers-of-determinant", region="DE126", determinant="knowledge-creation-diffusion")
    assert {r["actorName"] for r in rows} == {"Toy Federal Ministry"}  # seated in Stuttgart, serves all of DE
    assert {r["addressed"] for r in rows} == {"rd-investment"}
    finance = ask(toy_store, "cq01-providers-of-determinant", region="DE12", determinant="access-to-finance")
    assert {r["actorName"] for r in finance} == {"Toy Cluster Management", "Toy Ventures"}
    # Stuttgart is outside the cluster's and the VC's seats, and nobody serves into it
    assert ask(toy_store, "cq01-providers-of-determinant", region="DE111", determinant="access-to-finance") == []


def test_cq2_gap_and_signposting_is_not_provision(toy_store):
    gaps = {r["code"] for r in ask(toy_store, "cq02-gaps-for-phase", region="DE126", phase="start-up")}
    assert "venture-capital" not in gaps and "training-experience-entrepreneurs" not in gaps
    assert "bankruptcy-regulation" in gaps and "rd-investment" in gaps  # rd-investment is only for growth
    # in Heidelberg only the VC's seed fund and the national programme are available
    heidelberg = {r["code"] for r in ask(toy_store, "cq02-gaps-for-phase", region="DE125", phase="start-up")}
    assert "entrepreneurship-infrastructure" in heidelberg and "venture-capital" not in heidelberg


def test_cq3_single_provider_cells(toy_store):
    rows = ask(toy_store, "cq03-single-provider-cells", region="DE126")
    cells = {(r["determinant"], r["phase"]): r["onlyProvider"] for r in rows}
    assert cells[("entrepreneurship-infrastructure", "start-up")] == "Toy Incubator"  # the referral does not count
    assert cells[("training-experience-entrepreneurs", "start-up")] == "Toy Cluster Management"
    assert cells[("venture-capital", "start-up")] == "Toy Cluster Management"  # the VC sits in DE125, not here
    wider = {(r["determinant"], r["phase"]) for r in ask(toy_store, "cq03-single-provider-cells", region="DE12")}
    assert ("venture-capital", "start-up") not in wider  # DE12 holds both the cluster and the VC


def test_cq5_cluster_signposts_to_incubator_instead_of_incubating(toy_store):
    rows = ask(toy_store, "cq05-signpost-to-incubators", region="DE1")
    assert {(r["actorName"], r["incubatorName"]) for r in rows} == {("Toy Cluster Management", "Toy Incubator")}


def test_cq6_services_for_students(toy_store):
    rows = ask(toy_store, "cq06-services-for-target-groups", region="DE126")
    assert {(r["serviceName"], r["targetGroup"]) for r in rows} == {("Start-up coaching", "students")}


def test_cq11_partner_abroad(toy_store):
    rows = ask(toy_store, "cq11-partners-abroad", region="DE12")
    partners = {(r["partnerName"], r["partnerRegion"], r["partnerAbroad"]) for r in rows}
    assert ("Toy Partner Haifa", "IL", "true") in partners
    assert all(r["partnerRegion"] != "DE125" for r in rows)  # the university sits inside DE12


# ---------------------------------------------------------------- the bundled seed data


@pytest.mark.slow
def test_cq7_finds_the_federal_funding_of_m2olie(full_store):
    rows = ask(full_store, "cq07-funding")
    m2olie = [r for r in rows if "M2OLIE" in r["fundedName"]]
    assert m2olie and {r["funder"].rsplit("/", 1)[1] for r in m2olie} == {"bmbf"}
    assert all(r["source"] for r in m2olie)


@pytest.mark.slow
def test_cq11_finds_mannheims_partners_in_boston_haifa_suzhou(full_store):
    rows = ask(full_store, "cq11-partners-abroad", region="DE126")
    regions = {r["partnerRegion"] for r in rows if r["partnerAbroad"] == "true"}
    assert {"US-25025", "IL", "CN"} <= regions
    assert any("Boston" in r["partnerName"] for r in rows)


def _template_rows(name: str) -> list[dict[str, str]]:
    rows = []
    for path in sorted(DATA.glob(f"*/{name}.csv")):
        rows.extend(csv.DictReader(path.open(encoding="utf-8")))
    return rows


@pytest.mark.slow
def test_cq10_shares_match_an_independent_count_of_the_csv_files(full_store):
    """The oracle reads the template files directly, without the loader or SPARQL."""
    clusters = {r["id"] for r in _template_rows("actors") if "cluster-organisation" in r["actor_type"].split(";")}
    offering: dict[str, set[str]] = {}
    for service in _template_rows("services"):
        if service["provider"] in clusters:
            for category in filter(None, service.get("service_category", "").split(";")):
                offering.setdefault(category.strip(), set()).add(service["provider"])
    rows = {r["category"]: r for r in ask(full_store, "cq10-cluster-organisation-service-shares")}
    assert {"networking", "access-to-finance", "business-consultancy"} <= set(rows)
    for category, row in rows.items():
        assert int(row["graphClusterOrganisations"]) == len(clusters)
        assert int(row["graphOffering"]) == len(offering.get(category, ()))
        assert float(row["graphPercent"]) == pytest.approx(
            100 * len(offering.get(category, ())) / len(clusters), abs=0.05)


@pytest.mark.slow
def test_cq4_massachusetts_has_uncoordinated_crowded_cells(full_store):
    rows = ask(full_store, "cq04-uncoordinated-overlaps", region="US-MA")
    assert rows and all(int(r["providers"]) >= 3 for r in rows)
    assert any("Massachusetts Institute of Technology" in r["names"] for r in rows)


@pytest.mark.slow
def test_cq12_lists_what_north_jutland_lacks_compared_with_mannheim(full_store):
    rows = ask(full_store, "cq12-lacks-vs-model", region="DK05", model="DE126")
    assert ("rd-investment", "start-up") in {(r["determinant"], r["phase"]) for r in rows}
    assert any("M2OLIE" in r["modelProviders"] for r in rows)


@pytest.mark.slow
def test_every_named_query_runs_on_the_bundled_data(full_store):
    from kg.queries import all_queries

    examples = {"region": "DE126", "model": "US-MA", "determinant": "access-to-finance", "phase": "start-up"}
    for name, query in all_queries().items():
        params = {p.name: examples[p.name] for p in query.params}
        ask(full_store, name, **params)  # raises on a malformed query or a missing parameter


def test_data_sets_cite_a_source_on_every_row():
    for name in ("actors", "services", "relations"):
        for path in sorted(DATA.glob(f"*/{name}.csv")):
            for row in csv.DictReader(path.open(encoding="utf-8")):
                assert row["source"] and row["source_locator"], (Path(path).parent.name, row)


def test_cq4_agrees_with_the_overlap_analysis_on_its_planted_fixture(settings, mini_store):
    """Three unlinked investors share one cell (an overlap); a crowded cell with a membership link does not."""
    from kg.analysis.overlaps import overlaps

    load_paths([FIXTURES / "analysis-coverage"], settings, mini_store)
    rows = ask(mini_store, "cq04-uncoordinated-overlaps", region="DE126")
    report = overlaps(mini_store, settings, "DE126")
    expected = {(c.finding.determinant, c.finding.phase) for c in report.overlaps}
    assert expected and {(r["determinant"], r["phase"]) for r in rows} == expected
    coordinated = {(c.finding.determinant, c.finding.phase) for c in report.coordinated}
    assert coordinated and not coordinated & {(r["determinant"], r["phase"]) for r in rows}
