"""Gaps, single points of failure and what-if removal on the analysis-coverage fixture (DE126)."""

from __future__ import annotations

import pytest

from kg.analysis.gaps import gaps, whatif
from kg.errors import NotFound
from kg.store import EmbeddedStore
from tests.conftest import store_with

# every (sub-determinant, phase) cell of DE126 with exactly one direct provider, by construction
SINGLE_POINTS = {
    ("access-debt-financing", "growth"): "cov-ministry",
    ("business-angels", "start-up"): "cov-angels",
    ("business-entrepreneurship-education", "pre-start"): "cov-university",
    ("entrepreneurship-infrastructure", "start-up"): "cov-incubator",
    ("admin-burdens-entry", "pre-start"): "cov-city",
    ("admin-burdens-entry", "start-up"): "cov-city",
    ("bankruptcy-regulation", "established"): "cov-cluster",
}
COVERED_BY_MORE = {
    ("venture-capital", "start-up"),
    ("training-experience-entrepreneurs", "start-up"),
    ("access-domestic-market", "growth"),
}


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return store_with("regions-mini", "analysis-coverage")


def _cells(findings) -> set[tuple[str, str]]:
    return {(f.determinant, f.phase) for f in findings}


def test_single_points_are_the_cells_with_exactly_one_provider(settings, store):
    report = gaps(store, settings, "DE126")
    assert {(f.determinant, f.phase): f.providers for f in report.single_points} == {
        cell: (actor,) for cell, actor in SINGLE_POINTS.items()
    }


def test_gaps_are_all_other_cells_and_signposting_does_not_fill_them(settings, store):
    report = gaps(store, settings, "DE126")
    assert report.cells == 29 * 4
    assert len(report.gaps) == report.cells - len(SINGLE_POINTS) - len(COVERED_BY_MORE)
    planted = {("business-angels", "growth"), ("venture-capital", "growth"), ("labour-market-regulation", "start-up")}
    assert planted <= _cells(report.gaps)
    assert not _cells(report.gaps) & (set(SINGLE_POINTS) | COVERED_BY_MORE)


def test_a_gap_shows_the_providers_that_give_no_phase(settings, store):
    report = gaps(store, settings, "DE126")
    mindset = [f for f in report.gaps if f.determinant == "entrepreneurship-education-mindset"]
    assert len(mindset) == 4
    assert all(f.phase_unspecified == ("cov-university",) and f.category == "culture" for f in mindset)


def test_category_gaps_are_reported_apart(settings, store):
    report = gaps(store, settings, "DE126")
    assert ("culture", "start-up") in _cells(report.category_gaps)
    assert ("access-to-finance", "start-up") not in _cells(report.category_gaps)
    assert all(f.category == f.determinant for f in report.category_gaps)


def test_without_the_national_programme_its_cell_becomes_a_gap(settings, store):
    report = gaps(store, settings, "DE126", include_served_from_above=False)
    assert ("access-debt-financing", "growth") in _cells(report.gaps)


def test_gaps_to_dict_names_the_actors_of_its_findings(settings, store):
    data = gaps(store, settings, "DE126").to_dict()
    assert data["analysis"] == "gaps" and data["cells"] == 116
    single = next(f for f in data["single_points"] if f["determinant"] == "entrepreneurship-infrastructure")
    assert single == {"determinant": "entrepreneurship-infrastructure", "category": "entrepreneurial-capabilities",
                      "phase": "start-up", "providers": ["cov-incubator"], "signposting": ["cov-cluster"],
                      "channelling": [], "phase_unspecified": []}
    assert {"cov-incubator", "cov-cluster", "cov-university"} <= set(data["actors"])


def test_whatif_lists_the_cells_an_actor_alone_provides(settings, store):
    report = whatif(store, settings, "DE126", "cov-incubator")
    assert report.provides_in == 2
    assert _cells(report.lost) == {("entrepreneurship-infrastructure", "start-up")}
    assert report.lost[0].providers == () and report.lost[0].signposting == ("cov-cluster",)
    assert report.weakened == ()


def test_whatif_removing_a_national_actor_opens_its_cell_in_the_sub_region(settings, store):
    report = whatif(store, settings, "DE126", "cov-ministry")
    assert _cells(report.lost) == {("access-debt-financing", "growth")}
    assert ("access-to-finance", "growth") in _cells(report.category_lost)


def test_whatif_reports_cells_left_with_one_provider(settings, store):
    report = whatif(store, settings, "DE126", "cov-corporate")
    assert report.lost == ()
    assert [(f.determinant, f.phase, f.providers) for f in report.weakened] == [
        ("access-domestic-market", "growth", ("cov-cluster",))
    ]
    # the venture capital cell has three providers: removing one leaves two, neither lost nor weakened
    vc = whatif(store, settings, "DE126", "cov-vc")
    assert vc.lost == () and vc.weakened == () and vc.provides_in == 1


def test_whatif_of_an_actor_outside_the_region_changes_nothing(settings, store):
    report = whatif(store, settings, "DE126", "cov-lab")
    assert report.provides_in == 0 and report.lost == ()
    assert report.to_dict()["removed"]["name"] == "Heidelberg Prototype Lab (fixture)"


def test_whatif_of_an_unknown_actor_is_not_found(settings, store):
    with pytest.raises(NotFound):
        whatif(store, settings, "DE126", "no-such-actor")
