"""Signposting on the analysis-coverage fixture (DE126): the city refers to the cluster, the cluster
refers to the incubator (by a signposting service) and to a lab in Heidelberg that serves only its seat."""

from __future__ import annotations

import pytest

from kg.analysis.signposting import signpost
from kg.errors import NotFound
from kg.store import EmbeddedStore
from tests.conftest import store_with


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return store_with("regions-mini", "analysis-coverage")


def test_a_need_lists_its_provider_the_signposting_door_and_the_chain_to_it(settings, store):
    report = signpost(store, settings, "DE126", "entrepreneurship-infrastructure", "start-up")
    assert [(p.actor, p.services, p.in_region) for p in report.providers] == [
        ("cov-incubator", ("cov-incubation",), True)
    ]
    assert [(a.actor, a.service, a.mode, a.signposts_to) for a in report.access] == [
        ("cov-cluster", "cov-incubation-referral", "signposting", ("cov-incubator",))
    ]
    assert [(c.path, c.via) for c in report.chains] == [
        (("cov-city", "cov-cluster", "cov-incubator"), ("relation", "cov-incubation-referral"))
    ]


def test_referral_reaches_a_provider_outside_the_region(settings, store):
    report = signpost(store, settings, "DE126", "technology-diffusion", "growth")
    assert [(p.actor, p.in_region) for p in report.providers] == [("cov-lab", False)]
    assert [c.path for c in report.chains] == [("cov-city", "cov-cluster", "cov-lab")]
    assert report.actors["cov-lab"].name == "Heidelberg Prototype Lab (fixture)"


def test_a_determinant_category_includes_its_sub_determinants(settings, store):
    report = signpost(store, settings, "DE126", "Entrepreneurial capabilities", "start-up")
    assert report.need.determinant == "entrepreneurial-capabilities"
    assert {p.actor for p in report.providers} == {"cov-city", "cov-cluster", "cov-incubator", "cov-university"}


def test_a_target_group_includes_its_narrower_groups(settings, store):
    def providers(group: str) -> set[str]:
        report = signpost(store, settings, "DE126", "training-experience-entrepreneurs", "start-up", group)
        return {p.actor for p in report.providers}

    assert providers("students") == {"cov-university"}
    # the university mentors academic spin-offs, a narrower group of start-ups
    assert providers("start-ups") == {"cov-cluster", "cov-incubator", "cov-university"}
    assert providers("women") == set()


def test_the_phase_must_be_declared_by_the_service(settings, store):
    report = signpost(store, settings, "DE126", "entrepreneurship-education-mindset", "pre-start")
    assert report.providers == ()


def test_signposting_to_dict(settings, store):
    data = signpost(store, settings, "DE126", "venture-capital", "start-up").to_dict()
    assert data["analysis"] == "signposting"
    assert data["need"] == {"determinant": "venture-capital", "phase": "start-up", "target_group": None}
    assert [p["actor"] for p in data["providers"]] == ["cov-angels", "cov-corporate", "cov-vc"]
    assert data["access"] == [{"actor": "cov-cluster", "service": "cov-finance-channel", "mode": "channelling",
                               "signposts_to": ["cov-vc"]}]
    assert {"provider": "cov-vc", "path": ["cov-city", "cov-cluster", "cov-vc"],
            "via": ["relation", "cov-finance-channel"]} in data["chains"]
    assert set(data["actors"]) >= {"cov-angels", "cov-city", "cov-cluster", "cov-vc"}


def test_unknown_concepts_are_reported(settings, store):
    with pytest.raises(NotFound):
        signpost(store, settings, "DE126", "happiness", "start-up")
