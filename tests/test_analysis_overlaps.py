"""Overlaps on the analysis-coverage fixture (DE126): three unlinked investors share the venture capital
cell; three coaches share the training cell but the incubator is a member of the cluster; two unlinked
providers share the domestic-market cell."""

from __future__ import annotations

import pytest

from kg.analysis.overlaps import overlaps
from kg.errors import QueryRefused
from kg.store import EmbeddedStore
from tests.conftest import store_with


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return store_with("regions-mini", "analysis-coverage")


def test_three_unlinked_providers_in_one_cell_are_an_overlap(settings, store):
    report = overlaps(store, settings, "DE126")
    assert report.min_providers == 3
    assert [(c.finding.determinant, c.finding.phase, c.finding.providers) for c in report.overlaps] == [
        ("venture-capital", "start-up", ("cov-angels", "cov-corporate", "cov-vc"))
    ]
    assert report.overlaps[0].links == ()


def test_a_crowded_cell_with_a_membership_link_is_coordinated_not_an_overlap(settings, store):
    report = overlaps(store, settings, "DE126")
    [coordinated] = report.coordinated
    assert (coordinated.finding.determinant, coordinated.finding.phase) == ("training-experience-entrepreneurs",
                                                                            "start-up")
    assert [(lk.source, lk.relation, lk.target) for lk in coordinated.links] == [
        ("cov-incubator", "member-of", "cov-cluster")
    ]


def test_the_threshold_is_configurable(settings, store):
    cells = {(c.finding.determinant, c.finding.phase) for c in overlaps(store, settings, "DE126", 2).overlaps}
    assert cells == {("venture-capital", "start-up"), ("access-domestic-market", "growth")}
    assert overlaps(store, settings, "DE126", 4).overlaps == ()
    with pytest.raises(QueryRefused):
        overlaps(store, settings, "DE126", 1)


def test_overlaps_to_dict(settings, store):
    data = overlaps(store, settings, "DE126").to_dict()
    assert data["analysis"] == "overlaps" and data["min_providers"] == 3
    assert data["overlaps"][0]["providers"] == ["cov-angels", "cov-corporate", "cov-vc"]
    assert data["overlaps"][0]["channelling"] == ["cov-cluster"] and data["overlaps"][0]["links"] == []
    assert data["coordinated"][0]["links"] == [
        {"source": "cov-incubator", "relation": "member-of", "target": "cov-cluster"}
    ]
    assert data["actors"]["cov-vc"]["name"] == "Seed Ventures (fixture)"
