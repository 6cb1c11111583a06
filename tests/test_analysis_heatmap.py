"""The heat map's cell states on fixtures whose answers are known by construction: a service recorded for a
whole category covers its sub-determinants as "category", not as gaps; counts, referral-only cells, the
phase-less column and the services under each cell agree with the coverage matrix."""

from __future__ import annotations

import pytest

from kg.analysis.coverage import UNSPECIFIED, coverage
from kg.analysis.heatmap import heatmap
from kg.config import Settings
from tests.conftest import store_with

SETTINGS = Settings(store="memory", _env_file=None)


@pytest.fixture(scope="module")
def coverage_store():
    return store_with("regions-mini", "analysis-coverage")


@pytest.fixture(scope="module")
def planted_store():
    return store_with("regions-mini", "planted-region")


def test_category_level_service_covers_its_sub_determinants_as_its_own_state(coverage_store):
    heat = heatmap(coverage_store, SETTINGS, "DE126")
    # cov-business-advice names the category "entrepreneurial capabilities" at start-up
    skills = heat.cell("business-entrepreneurship-education", "start-up")
    assert (skills.state, skills.count, skills.category_level) == ("category", 0, ("cov-city",))
    assert [s.id for s in skills.services] == ["cov-business-advice"]
    assert skills.services[0].recorded_at == "entrepreneurial-capabilities"
    category = heat.cell("entrepreneurial-capabilities", "start-up")
    assert category.count == len(coverage(coverage_store, SETTINGS, "DE126").cell(
        "entrepreneurial-capabilities", "start-up").direct) >= 4
    # a sub-determinant with its own provider keeps its count; a phase with nothing at all is a gap
    assert heat.cell("entrepreneurship-infrastructure", "start-up").state == "one"
    assert heat.cell("business-entrepreneurship-education", "growth").state == "gap"


def test_counts_and_states_follow_the_direct_providers(coverage_store):
    heat = heatmap(coverage_store, SETTINGS, "DE126")
    vc = heat.cell("venture-capital", "start-up")
    assert vc.state == "many" and set(vc.direct) == {"cov-angels", "cov-vc", "cov-corporate"}
    assert vc.channelling == ("cov-cluster",)
    assert {s.mode for s in vc.services} == {"direct", "channelling"}
    assert heat.cell("access-debt-financing", "pre-start").state == "gap"
    assert heat.cell("access-domestic-market", "growth").state == "two"
    # the phase-less lectures fill the extra column only; an empty extra column is no gap
    assert heat.cell("entrepreneurship-education-mindset", UNSPECIFIED).count == 1
    assert heat.cell("access-debt-financing", UNSPECIFIED).state == "none"


def test_every_listed_direct_service_belongs_to_a_provider_of_its_cell(coverage_store):
    heat = heatmap(coverage_store, SETTINGS, "DE126")
    for cell in heat.cells.values():
        direct = {s.provider for s in cell.services if s.mode == "direct"}
        expected = set(cell.category_level) | set(cell.direct)
        assert direct == expected, (cell.row, cell.phase)


def test_planted_region_shows_each_planted_state(planted_store):
    heat = heatmap(planted_store, SETTINGS, "DE125")
    states = {(r.code, p): heat.cell(r.code, p).state for r in heat.rows for p in heat.coverage.phases}
    assert states[("access-to-finance", "start-up")] == "one"
    for sub in ("access-debt-financing", "access-other-equity", "business-angels", "venture-capital"):
        assert states[(sub, "start-up")] == "category", sub
    assert states[("venture-capital", "growth")] == "one"
    assert states[("business-angels", "growth")] == "two"
    assert states[("access-debt-financing", "established")] == "access"
    planted = {("access-to-finance", "start-up"), ("venture-capital", "growth"), ("business-angels", "growth"),
               ("access-debt-financing", "established"), ("access-to-finance", "growth"),
               ("access-to-finance", "established")}
    planted |= {(sub, "start-up") for sub in ("access-debt-financing", "access-other-equity", "business-angels",
                                              "venture-capital")}
    assert {k for k, v in states.items() if v != "gap"} == planted
    counts = heat.state_counts()
    assert (counts["category"], counts["one"], counts["two"], counts["access"]) == (4, 1, 1, 1)
