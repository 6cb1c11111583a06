"""Comparison of Heidelberg (DE125) with Mannheim (DE126) on the analysis-coverage fixture. Heidelberg has
the national loans (served from above), its own lab and one angel fund; Mannheim has the national loans,
three investors in the venture capital cell and eight more covered cells."""

from __future__ import annotations

import math

import pytest

from kg.analysis.comparison import compare
from kg.store import EmbeddedStore
from tests.conftest import store_with


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return store_with("regions-mini", "analysis-coverage")


def test_what_the_model_has_that_the_region_lacks(settings, store):
    result = compare(store, settings, "DE125", "DE126")
    assert (result.covered_region, result.covered_model, result.covered_both) == (3, 10, 2)
    lacks = {(d.determinant, d.phase): d.model for d in result.model_only}
    assert len(lacks) == 8
    assert lacks[("business-angels", "start-up")] == ("cov-angels",)
    assert ("access-debt-financing", "growth") not in lacks and ("venture-capital", "start-up") not in lacks
    assert [(d.determinant, d.phase, d.region) for d in result.region_only] == [
        ("technology-diffusion", "growth", ("cov-lab",))
    ]
    assert [(d.determinant, d.phase, d.region, d.model) for d in result.differing] == [
        ("venture-capital", "start-up", ("cov-hd-angels",), ("cov-angels", "cov-corporate", "cov-vc"))
    ]
    assert "incubation" in result.model_only_instruments and "loan" not in result.model_only_instruments


def test_similarity_is_jaccard_over_covered_cells_and_cosine_over_counts(settings, store):
    result = compare(store, settings, "DE125", "DE126")
    assert result.jaccard == pytest.approx(2 / 11)
    # Heidelberg: three cells of one provider; Mannheim: seven of one, two of three, one of two
    assert result.cosine == pytest.approx((1 * 1 + 1 * 3) / (math.sqrt(3) * math.sqrt(7 + 9 + 9 + 4)))


def test_a_model_region_can_be_named_and_a_region_equals_itself(settings, store):
    result = compare(store, settings, "DE126", "mannheim")
    assert result.model.code == "DE126"
    assert (result.jaccard, result.cosine) == (1.0, pytest.approx(1.0))
    assert result.model_only == () and result.region_only == () and result.differing == ()


def test_a_region_against_its_parent_lacks_what_its_neighbour_adds(settings, store):
    result = compare(store, settings, "DE126", "DE12")
    assert [(d.determinant, d.phase) for d in result.model_only] == [("technology-diffusion", "growth")]
    assert result.region_only == ()
    assert [(d.determinant, d.phase, len(d.region), len(d.model)) for d in result.differing] == [
        ("venture-capital", "start-up", 3, 4)
    ]


def test_comparison_to_dict(settings, store):
    data = compare(store, settings, "DE125", "DE126").to_dict()
    assert data["analysis"] == "comparison" and data["cells"] == 116
    assert data["covered"] == {"region": 3, "model": 10, "both": 2}
    assert data["similarity"] == {"jaccard": round(2 / 11, 4), "cosine": round(4 / math.sqrt(87), 4)}
    assert data["region"]["region"] == "DE125" and data["model"]["region"] == "DE126"
    assert {"determinant": "business-angels", "category": "access-to-finance", "phase": "start-up",
            "region_providers": [], "model_providers": ["cov-angels"]} in data["model_only"]
    assert {"cov-angels", "cov-hd-angels", "cov-lab"} <= set(data["actors"])
