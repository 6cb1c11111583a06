"""Brokers on the analysis-network fixture (Heidelberg, DE125): a public pair and a private pair joined
only through one clusterpreneur, one isolated company, and a national agency seated elsewhere; and on
the seed data, where Mannheim's cluster management is the hub and Massachusetts has none."""

from __future__ import annotations

import pytest

from kg.analysis.network import brokers
from kg.store import EmbeddedStore
from tests.conftest import store_with


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return store_with("regions-mini", "analysis-network")


def test_the_bridge_between_a_public_and_a_private_group_is_the_top_broker(settings, store):
    report = brokers(store, settings, "DE125")
    top = report.brokers[0]
    assert top.actor == "net-bridge"
    # 4 of the 10 pairs of the other five actors have their only shortest path through it
    assert top.betweenness == pytest.approx(0.4)
    assert top.spans_public_private and top.parts == 2
    assert top.groups == ("private company", "public government")
    assert "public government" in top.reason and "private company" in top.reason
    assert "spans the public and the private sphere" in top.reason
    assert [b.actor for b in report.bridges] == ["net-bridge"]


def test_components_isolates_and_communities(settings, store):
    report = brokers(store, settings, "DE125")
    assert set(report.actors) == {"net-state", "net-agency", "net-bridge", "net-startup", "net-investor", "net-loner"}
    assert report.components == (("net-agency", "net-bridge", "net-investor", "net-startup", "net-state"),)
    assert report.isolates == ("net-loner",)
    # modularity splits the chain state - agency - bridge - startup - investor at one of its weak ties
    assert report.communities == (("net-bridge", "net-investor", "net-startup"), ("net-agency", "net-state"))
    assert {b.actor for b in report.brokers} == {"net-bridge", "net-agency", "net-startup"}


def test_actors_serving_the_region_join_the_network_only_when_asked(settings, store):
    located = brokers(store, settings, "DE125")
    served = brokers(store, settings, "DE125", include_served=True)
    assert "net-national" not in located.actors and "net-national" in served.actors
    assert ("net-national", "funds", "net-agency") in {(lk.source, lk.relation, lk.target) for lk in served.links}
    assert served.brokers[0].actor == "net-agency"


def test_brokers_to_dict(settings, store):
    data = brokers(store, settings, "DE125").to_dict()
    assert data["analysis"] == "brokers" and data["scope"]["include_served"] is False
    assert data["nodes"] == 6 and data["edges"] == 4 and data["max_betweenness"] == 0.4
    assert data["brokers"][0]["actor"] == "net-bridge" and data["isolates"] == ["net-loner"]
    assert data["actors"]["net-bridge"]["types"] == ["person"]
    assert {"source": "net-startup", "relation": "member-of", "target": "net-bridge"} in data["links"]


@pytest.mark.slow
def test_mannheim_has_a_coordinating_hub_and_massachusetts_has_none(settings, full_store):
    mannheim = brokers(full_store, settings, "DE126")
    massachusetts = brokers(full_store, settings, "US-MA")
    hub = mannheim.brokers[0]
    assert hub.actor == "mannheim-medical-technology-cluster"
    assert hub.betweenness == pytest.approx(1.0) and hub.parts == 2
    assert "Regional economic development agency" in hub.reason
    # Massachusetts: many actors, no coordinating tie among them - fragmented, nobody in between
    assert len(massachusetts.actors) > len(mannheim.actors)
    assert massachusetts.max_betweenness < 0.1 < mannheim.max_betweenness
    assert len(massachusetts.isolates) > len(massachusetts.actors) / 2
    assert len(mannheim.components) == 1 and mannheim.isolates == ()
