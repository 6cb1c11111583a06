"""Keeping what has not changed: a data set whose files, ontology, loading code and regions are as they were when it
was loaded is neither validated nor written again; change any of them and it is rebuilt; a forced load rebuilds all;
a bad change still leaves the store as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import LoadError
from kg.loading.loader import load_paths
from kg.store import EmbeddedStore
from tests.conftest import FIXTURES

SETTINGS = Settings(store="memory", _env_file=None)


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    for name in ("regions-mini", "toy-region"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    return [tmp_path / "regions-mini", tmp_path / "toy-region"]


def kept(loaded) -> dict[str, bool]:
    return {d.id: d.unchanged for d in loaded}


def snapshot(store: EmbeddedStore) -> dict[str, int]:
    return store.graph_sizes()


def test_an_unchanged_load_writes_nothing_and_reports_what_is_there(folders, monkeypatch):
    store = EmbeddedStore(None)
    first = load_paths(folders, SETTINGS, store, keep_unchanged=True)
    assert kept(first) == {"regions-mini": False, "toy-region": False}
    before = snapshot(store)

    def refuse(batch):
        raise AssertionError("an unchanged load must not write")

    monkeypatch.setattr(store, "replace_graphs", refuse)
    second = load_paths(folders, SETTINGS, store, keep_unchanged=True)
    assert kept(second) == {"regions-mini": True, "toy-region": True}
    assert snapshot(store) == before
    toy = {d.id: d for d in first}["toy-region"]
    again = {d.id: d for d in second}["toy-region"]
    assert (again.triples, again.actors, again.services) == (toy.triples, toy.actors, toy.services) == (
        toy.triples, 6, 6)


def test_a_changed_file_rebuilds_its_data_set_only(folders):
    store = EmbeddedStore(None)
    load_paths(folders, SETTINGS, store, keep_unchanged=True)
    actors = folders[1] / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace("Toy Ventures", "Toy Ventures Renamed"),
                      encoding="utf-8")
    loaded = load_paths(folders, SETTINGS, store, keep_unchanged=True)
    assert kept(loaded) == {"regions-mini": True, "toy-region": False}
    names = store.select('SELECT ?n WHERE { ?a rdfs:label ?n FILTER (STRSTARTS(?n, "Toy Ventures")) }').rows
    assert [str(r["n"]) for r in names] == ["Toy Ventures Renamed"]


def test_changed_regions_rebuild_the_data_sets_placed_in_them(folders):
    store = EmbeddedStore(None)
    load_paths(folders, SETTINGS, store, keep_unchanged=True)
    regions = folders[0] / "regions.ttl"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n# a comment changes the file\n", encoding="utf-8")
    assert kept(load_paths(folders, SETTINGS, store, keep_unchanged=True)) == {
        "regions-mini": False, "toy-region": False}


def test_a_forced_load_rebuilds_everything(folders):
    store = EmbeddedStore(None)
    load_paths(folders, SETTINGS, store, keep_unchanged=True)
    assert kept(load_paths(folders, SETTINGS, store)) == {"regions-mini": False, "toy-region": False}
    assert kept(load_paths(folders, SETTINGS, store, keep_unchanged=True)) == {
        "regions-mini": True, "toy-region": True}


def test_a_bad_change_is_refused_and_the_kept_graphs_stay(folders):
    store = EmbeddedStore(None)
    load_paths(folders, SETTINGS, store, keep_unchanged=True)
    before = snapshot(store)
    services = folders[1] / "services.csv"
    services.write_text(services.read_text(encoding="utf-8").replace("start-up;growth", "start-up;later"),
                        encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load_paths(folders, SETTINGS, store, keep_unchanged=True)
    assert any("later" in str(p) for p in raised.value.problems)
    assert snapshot(store) == before
