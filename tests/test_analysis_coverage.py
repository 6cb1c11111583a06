"""Coverage matrix and region scope on the analysis-coverage fixture (Mannheim, DE126), whose answers are
known by construction: a national ministry seated in Stuttgart (DE111) serves DE, a lab in Heidelberg
(DE125) serves only its seat, and each planted cell is named in the fixture's services.csv."""

from __future__ import annotations

import pytest

from kg.analysis.coverage import UNSPECIFIED, coverage
from kg.errors import NotFound
from kg.store import EmbeddedStore
from tests.conftest import store_with


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    """Loaded once per module: the analyses only read."""
    return store_with("regions-mini", "analysis-coverage")


def test_national_programme_seated_elsewhere_counts_in_every_region_of_its_country(settings, store):
    for region in ("DE126", "DE125", "DE12", "DE"):
        cov = coverage(store, settings, region)
        assert cov.cell("access-debt-financing", "growth").direct == ("cov-ministry",), region


def test_served_from_above_can_be_switched_off(settings, store):
    cov = coverage(store, settings, "DE126", include_served_from_above=False)
    assert cov.cell("access-debt-financing", "growth").direct == ()
    assert cov.cell("venture-capital", "start-up").providers == 3


def test_subregions_roll_up_into_the_parent_region_but_not_sideways(settings, store):
    def lab(region: str, **scope: bool) -> tuple[str, ...]:
        return coverage(store, settings, region, **scope).cell("technology-diffusion", "growth").direct

    assert lab("DE12") == ("cov-lab",)
    assert lab("DE12", include_subregions=False) == ()
    assert lab("DE126") == ()
    assert lab("DE125") == ("cov-lab",)


def test_direct_provision_is_kept_apart_from_signposting_and_channelling(settings, store):
    cov = coverage(store, settings, "DE126")
    finance = cov.cell("venture-capital", "start-up")
    assert finance.direct == ("cov-angels", "cov-corporate", "cov-vc")
    assert finance.channelling == ("cov-cluster",) and finance.signposting == ()
    incubation = cov.cell("entrepreneurship-infrastructure", "start-up")
    assert incubation.direct == ("cov-incubator",) and incubation.signposting == ("cov-cluster",)


def test_category_rows_roll_up_their_sub_determinants_and_category_only_services(settings, store):
    cov = coverage(store, settings, "DE126")
    assert cov.row("access-to-finance").rollup and cov.row("venture-capital").parent == "access-to-finance"
    assert cov.cell("access-to-finance", "start-up").direct == ("cov-angels", "cov-corporate", "cov-vc")
    # the city's advice addresses only the category: it fills the category row, no sub-determinant row
    assert "cov-city" in cov.cell("entrepreneurial-capabilities", "start-up").direct
    subs = [r.code for r in cov.rows if r.parent == "entrepreneurial-capabilities"]
    assert all("cov-city" not in cov.cell(s, "start-up").direct for s in subs)


def test_a_service_without_phase_fills_only_the_unspecified_column(settings, store):
    cov = coverage(store, settings, "DE126")
    assert cov.phases == ("pre-start", "start-up", "growth", "established")
    assert cov.cell("entrepreneurship-education-mindset", UNSPECIFIED).direct == ("cov-university",)
    assert all(cov.cell("entrepreneurship-education-mindset", p).providers == 0 for p in cov.phases)


def test_providers_are_counted_distinct(settings, store):
    # the angel network's one service addresses two sub-determinants; the category counts it once
    cov = coverage(store, settings, "DE126")
    assert cov.cell("access-to-finance", "start-up").providers == 3


def test_target_group_dimension_rolls_narrower_groups_up(settings, store):
    cov = coverage(store, settings, "DE126", dimension="target-group")
    assert cov.cell("academic-spin-offs", "start-up").direct == ("cov-university",)
    assert "cov-university" in cov.cell("start-ups", "start-up").direct
    assert cov.cell("students", UNSPECIFIED).direct == ("cov-university",)


def test_service_category_dimension(settings, store):
    cov = coverage(store, settings, "DE126", dimension="service-category")
    assert cov.cell("incubation", "start-up").direct == ("cov-incubator",)
    assert cov.cell("incubation", "start-up").signposting == ("cov-cluster",)


def test_to_dict_lists_every_cell_and_describes_the_actors_it_names(settings, store):
    data = coverage(store, settings, "DE126").to_dict()
    assert data["analysis"] == "coverage" and data["scope"]["region"] == "DE126"
    assert data["phases"][-1] == UNSPECIFIED
    assert len(data["cells"]) == len(data["rows"]) * 5
    cell = next(c for c in data["cells"] if c["row"] == "venture-capital" and c["phase"] == "start-up")
    assert cell == {"row": "venture-capital", "phase": "start-up", "providers": 3,
                    "direct": ["cov-angels", "cov-corporate", "cov-vc"], "signposting": [],
                    "channelling": ["cov-cluster"], "recorded_here": ["cov-angels", "cov-corporate", "cov-vc"]}
    category = next(c for c in data["cells"] if c["row"] == "entrepreneurial-capabilities" and c["phase"] == "start-up")
    assert category["recorded_here"] == ["cov-city"]  # the one service that names the category itself
    assert len(category["direct"]) > 1
    assert data["actors"]["cov-ministry"] == {"name": "Federal Ministry (fixture)", "types": ["government-national"],
                                              "sphere": "public", "seat": "DE111"}


def test_unknown_region_and_dimension_are_reported(settings, store):
    with pytest.raises(NotFound):
        coverage(store, settings, "XX999")
    with pytest.raises(NotFound) as info:
        coverage(store, settings, "DE126", dimension="sector")
    assert "determinant" in info.value.valid
