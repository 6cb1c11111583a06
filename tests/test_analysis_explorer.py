"""The explorer's data on the toy region (DE12, from tests/fixtures/toy-region): each recorded relation with
its own relations.csv row, ties derived from services kept apart and named, marks with reasons, the region
grouped by actor type and by sub-region, the completeness note, and the whole graph grouped by country."""

from __future__ import annotations

import pytest

from kg.analysis.explorer import completeness_note, explore
from tests.api_support import loaded_store


@pytest.fixture(scope="module")
def store():
    return loaded_store()


def _edges(data: dict, kind: str) -> set[tuple[str, str, str]]:
    return {(e["source"], e["relation"], e["target"]) for e in data["edges"] if e["kind"] == kind}


def test_recorded_relations_carry_their_own_record_and_source(settings, store):
    data = explore(store, settings, "DE12").to_dict()
    records = {(e["source"], e["relation"], e["target"]): [r["locator"] for r in e["records"]]
               for e in data["edges"] if not e["derived"]}
    assert records == {
        ("toy-cluster", "collaborates-with", "toy-university"): ["row 6"],
        ("toy-cluster", "coordinates", "toy-incubator"): ["row 2"],
        ("toy-cluster", "signposts-to", "toy-incubator"): ["row 7"],
        ("toy-incubator", "member-of", "toy-cluster"): ["row 3"],
        ("toy-ministry", "funds", "toy-incubator"): ["row 4"],  # funds the incubator's service
    }
    assert data["records"] == 5 and data["recorded_ties"] == 5


def test_derived_ties_are_named_and_never_counted_as_recorded(settings, store):
    data = explore(store, settings, "DE12").to_dict()
    assert _edges(data, "same-cell") == {("toy-cluster", "same-cell", "toy-vc")}
    assert _edges(data, "signposting") == {("toy-cluster", "signposting", "toy-incubator")}
    assert _edges(data, "served-from") == {("toy-ministry", "served-from", "region")}  # seated in DE111
    same = next(e for e in data["edges"] if e["kind"] == "same-cell")
    assert same["derived"] and "Venture capital at start-up" in same["detail"]
    assert set(data["derived_kinds"]) == {"same-cell", "served-from", "signposting"}


def test_nodes_carry_services_marks_and_reasons(settings, store):
    nodes = {n["id"]: n for n in explore(store, settings, "DE12").to_dict()["nodes"]}
    cluster = nodes["toy-cluster"]
    assert {m["kind"] for m in cluster["marks"]} == {"broker", "bridge", "single-point"}
    bridge = next(m for m in cluster["marks"] if m["kind"] == "bridge")
    assert "spans the public and the private sphere" in bridge["reason"]
    coaching = next(s for s in cluster["services"] if s["name"] == "Start-up coaching")
    assert coaching["phases"] and coaching["determinants"] and coaching["source"]
    assert not nodes["toy-ministry"]["local"] and nodes["toy-cluster"]["sub_region"] == "DE126"


def test_the_region_is_grouped_by_actor_type_and_sub_region(settings, store):
    groupings = {g["by"]: g for g in explore(store, settings, "DE12").to_dict()["groupings"]}
    subs = {g["key"]: g["actors"] for g in groupings["sub-region"]["groups"]}
    assert subs == {"DE126": ["toy-cluster", "toy-incubator"], "DE125": ["toy-university", "toy-vc"],
                    "elsewhere": ["toy-ministry"]}
    ties = {(t["source"], t["target"]): (t["recorded"], t["derived"]) for t in groupings["sub-region"]["ties"]}
    assert ties[("DE125", "DE126")] == (1, 1)  # collaborates-with and the shared venture-capital cell


def test_only_seated_actors_without_served(settings, store):
    data = explore(store, settings, "DE12", include_served=False).to_dict()
    assert "toy-ministry" not in {n["id"] for n in data["nodes"]} and not _edges(data, "served-from")


def test_whole_graph_is_only_grouped_by_country(settings, store):
    data = explore(store, settings, None).to_dict()
    assert data["grouped"] and not data["nodes"] and data["actors"] == 6
    countries = {g["key"]: len(g["actors"]) for g in data["groupings"][0]["groups"]}
    assert countries == {"DE": 5, "IL": 1}
    assert data["groupings"][0]["ties"] == [{"source": "DE", "target": "IL", "recorded": 1, "derived": 0}]


def test_completeness_note_when_relations_are_fewer_than_actors():
    assert completeness_note(5, 5) is None
    assert completeness_note(22, 510).startswith("22 relations are recorded in this scope for 510 actors")
    assert "add them in relations.csv" in completeness_note(1, 4)
