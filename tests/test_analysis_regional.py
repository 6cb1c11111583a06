"""The map's set-based measures equal the per-region coverage and gaps answers, region by region, on the
planted region (DE125: planted gaps and category-level services) and the analysis-coverage fixture (DE126)."""

from __future__ import annotations

import pytest

from kg.analysis.coverage import UNSPECIFIED, coverage
from kg.analysis.gaps import gaps
from kg.analysis.regional import regional
from kg.store import EmbeddedStore
from tests.conftest import store_with


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return store_with("regions-mini", "analysis-coverage", "planted-region")


@pytest.mark.parametrize("level", ["0", "1", "2", "3"])
def test_providers_gaps_and_share_equal_the_coverage_of_each_region(settings, store, level):
    measures = {m: regional(store, settings, level, m).values() for m in ("providers", "gaps", "covered")}
    assert measures["providers"]
    for code, providers in measures["providers"].items():
        cov = coverage(store, settings, code)
        assert providers == len({a for c in cov.cells for a in c.direct}), code
        report = gaps(store, settings, code)
        assert measures["gaps"][code] == len(report.gaps), code
        assert measures["covered"][code] == round((report.cells - len(report.gaps)) / report.cells, 4), code


@pytest.mark.parametrize("phase", [None, "start-up", "growth"])
@pytest.mark.parametrize("determinant", ["access-to-finance", "venture-capital", "culture"])
def test_one_cell_equals_the_coverage_cell_of_each_region(settings, store, determinant, phase):
    values = regional(store, settings, "3", "cell", determinant=determinant, phase=phase).values()
    for code, providers in values.items():
        cov = coverage(store, settings, code)
        columns = [phase] if phase else [*cov.phases, UNSPECIFIED]
        assert providers == len({a for p in columns for a in cov.cell(determinant, p).direct}), (code, providers)


def test_a_region_with_no_service_counts_zero_not_missing(settings, store):
    values = regional(store, settings, "3", "cell", determinant="culture", phase="pre-start").values()
    assert set(values) == {"DE111", "DE125", "DE126"} and all(v == 0 for v in values.values())
