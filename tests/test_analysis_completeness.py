"""Completeness of a region's data on fixtures whose counts are known by construction: the toy region (Mannheim
DE126 and Karlsruhe DE12) and the thin region (Heidelberg DE125 with one actor and no service, Stuttgart DE111
with three providers and no relation among them); and the verdict on the seed data."""

from __future__ import annotations

import pytest

from kg.analysis.completeness import MIN_ACTORS, completeness, thin_reasons
from kg.store import EmbeddedStore
from tests.api_support import api_client
from tests.conftest import store_with


@pytest.fixture(scope="module")
def toy() -> EmbeddedStore:
    return store_with("regions-mini", "toy-region")


@pytest.fixture(scope="module")
def thin() -> EmbeddedStore:
    return store_with("regions-mini", "thin-region")


def test_a_region_counts_actors_seated_and_serving_services_and_relations_among_its_actors(settings, toy):
    result = completeness(toy, settings, "DE126")
    # seated: cluster and incubator; serving: they and the federal ministry (research programme offered in DE)
    assert (result.actors_seated, result.actors_serving, result.services) == (2, 3, 5)
    # coordinates, member-of, signposts-to, and the ministry's funding of the incubator's service; the partner
    # abroad (IL) and the university (DE125) are no actors of Mannheim
    assert result.relations == 4
    assert (result.inferred, result.facts, result.inferred_share) == (0, 12, 0.0)


def test_the_parts_of_a_region_count_in_it_and_inferred_records_are_counted(settings, toy):
    result = completeness(toy, settings, "DE12")
    assert (result.actors_seated, result.actors_serving, result.services, result.relations) == (4, 4, 6, 5)
    assert (result.inferred, result.facts) == (1, 16)  # Toy Ventures' seat and sphere are inferred
    assert result.inferred_share == pytest.approx(1 / 16)
    assert not result.thin and result.reasons == ()


def test_without_services_served_from_above_the_national_provider_and_its_funding_leave_the_region(settings, toy):
    result = completeness(toy, settings, "DE126", include_served_from_above=False)
    assert (result.actors_serving, result.services, result.relations) == (2, 4, 3)


def test_each_data_set_lists_its_records_in_scope_with_title_dates_and_source_years(settings, toy):
    (share,) = completeness(toy, settings, "DE126").datasets
    assert (share.id, share.title) == ("toy-region", "Toy region for tests (answers known by construction)")
    assert (share.actors, share.services, share.relations, share.records) == (3, 5, 4, 12)
    assert share.source_years == ("2026",)
    assert share.date is None  # the template gives a data set no dcterms date
    assert share.loaded is not None and share.loaded[:2] == "20"  # when it was built for loading


def test_a_region_with_one_actor_and_no_service_is_thin_and_says_why(settings, thin):
    result = completeness(thin, settings, "DE125")
    assert (result.actors_seated, result.actors_serving, result.services, result.relations) == (1, 0, 0, 0)
    assert result.thin and result.inferred_share == 1.0
    assert result.reasons[0] == ("1 actor and no services are recorded for Heidelberg, Stadtkreis: "
                                 "its gaps say more about the data than about the region")
    assert f"needs at least {MIN_ACTORS}" in result.reasons[1]
    assert result.datasets[0].source_years == ("2008",)


def test_several_actors_with_no_relation_recorded_among_them_are_thin(settings, thin):
    result = completeness(thin, settings, "DE111")
    assert (result.actors_seated, result.actors_serving, result.services, result.relations) == (3, 3, 3, 0)
    assert result.reasons == ("no relation is recorded among the 3 actors of Stuttgart, Stadtkreis: they appear "
                              "isolated because no tie was recorded, not because none is known to exist",)


def test_reasons_name_each_threshold_the_data_fall_below():
    assert thin_reasons("R", seated=0, serving=0, services=0, relations=0, actors=0) == (
        "no actors and no services are recorded for R: its gaps say more about the data than about the region",
        "no actors seated in R: a network needs at least 3 for one actor to broker between others",
    )
    assert thin_reasons("R", seated=5, serving=2, services=7, relations=1, actors=6) == (
        "5 actors and 7 services from 2 providers are recorded for R: its gaps say more about the data than about "
        "the region",
    )
    assert thin_reasons("R", seated=3, serving=3, services=3, relations=1, actors=3) == ()


def test_completeness_to_dict(settings, thin):
    data = completeness(thin, settings, "DE125").to_dict()
    assert data["analysis"] == "completeness" and data["scope"]["region"] == "DE125"
    assert (data["actors_seated"], data["facts"], data["inferred_share"], data["thin"]) == (1, 1, 1.0, True)
    assert data["datasets"] == [{
        "id": "thin-region", "title": "Thin regions for tests (completeness known by construction)", "date": None,
        "loaded": data["datasets"][0]["loaded"], "records": 1, "actors": 1, "services": 0, "relations": 0,
        "source_years": ["2008"],
    }]
    assert len(data["reasons"]) == 2


def test_the_route_answers_the_same_result(settings, thin, tmp_path):
    with api_client(tmp_path, thin) as client:
        data = client.get("/regions/DE125/completeness").json()
    assert data == completeness(thin, settings, "DE125").to_dict()


@pytest.mark.slow
def test_north_jutland_is_thin_and_mannheim_is_not(settings, full_store):
    north = completeness(full_store, settings, "DK05")
    assert north.thin and north.actors_seated < MIN_ACTORS and north.relations == 0
    assert "north-jutland" in {d.id for d in north.datasets}
    assert "its gaps say more about the data than about the region" in north.reasons[0]
    mannheim = completeness(full_store, settings, "DE126")
    assert not mannheim.thin and mannheim.relations >= 1
    assert mannheim.datasets[0].id == "mannheim-medtech"
