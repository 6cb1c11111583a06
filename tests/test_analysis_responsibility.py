"""Division of responsibility (Table 1) and funding checks on the analysis-coverage fixture (DE126): the
city regulates entry, only the cluster addresses bankruptcy (as a facilitator), nobody addresses labour
market regulation; the ministry funds a network that delivers nothing; the university runs a programme
with no funder; the city funds immigrant coaching that nobody delivers."""

from __future__ import annotations

import pytest

from kg.analysis.responsibility import responsibility
from kg.store import EmbeddedStore
from tests.conftest import store_with


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return store_with("regions-mini", "analysis-coverage")


def _expectation(report, determinant: str, actor_type: str, role: str):
    [found] = [e for e in report.expectations
               if (e.determinant, e.actor_type, e.role) == (determinant, actor_type, role)]
    return found


def test_a_local_government_regulator_meets_the_expectation_for_entry(settings, store):
    entry = _expectation(responsibility(store, settings, "DE126"), "admin-burdens-entry", "government", "regulator")
    assert entry.status == "met" and entry.actors == ("cov-city",)
    assert entry.category == "regulatory-framework" and entry.instruments == ("regulation",)


def test_a_regulatory_determinant_with_no_government_regulator_is_a_departure(settings, store):
    report = responsibility(store, settings, "DE126")
    bankruptcy = _expectation(report, "bankruptcy-regulation", "government", "regulator")
    assert bankruptcy.status == "other-actors" and bankruptcy.actors == ()
    assert bankruptcy.others == (("cov-cluster", ("facilitator-enabler",)),)
    assert _expectation(report, "labour-market-regulation", "government", "regulator").status == "unaddressed"


def test_a_government_actor_in_another_role_does_not_meet_a_regulator_expectation(settings, store):
    immigration = _expectation(responsibility(store, settings, "DE126"), "immigration", "government", "regulator")
    assert immigration.status == "other-actors"
    assert immigration.others == (("cov-city", ("programme-provider",)),)


def test_funding_that_reaches_no_delivery_is_flagged(settings, store):
    issues = {(i.funder, i.funded, i.kind) for i in responsibility(store, settings, "DE126").funded_not_delivered}
    assert issues == {("cov-ministry", "cov-network", "actor"), ("cov-city", "cov-immigrant-grants", "programme")}


def test_a_programme_with_no_funder_is_flagged_unless_government_runs_it(settings, store):
    report = responsibility(store, settings, "DE126")
    assert [(i.funded, i.provider) for i in report.delivered_without_funder] == [
        ("cov-plan-competition", "cov-university")
    ]


def test_responsibility_to_dict(settings, store):
    data = responsibility(store, settings, "DE126").to_dict()
    assert data["analysis"] == "responsibility"
    assert sum(data["summary"].values()) == len(data["expectations"]) == 31
    assert data["summary"]["met"] >= 1 and data["summary"]["unaddressed"] >= 1
    assert {"funder": "cov-ministry", "funded": "cov-network", "kind": "actor", "provider": None,
            "note": "Founders Network (fixture) delivers no service in the region"} in data["funded_not_delivered"]
    assert {"cov-city", "cov-cluster", "cov-ministry", "cov-network", "cov-university"} <= set(data["actors"])
