"""The dashboard and the comparison page as a cluster manager sees them, in Debian's Chromium: the heat map
agrees with /regions/{code}/coverage cell by cell, a category-level service shows as such and not as a gap,
a click on a cell lists its providers, and a comparison lists what a region lacks against its model. Also
on a region the pages have never seen, loaded from a spreadsheet."""

from __future__ import annotations

import httpx
import pytest

from tests.browser_support import open_page, screenshot

pytestmark = pytest.mark.slow

def _cell(page, row: str, phase: str):
    return page.locator(f'#heatmap td[data-row="{row}"][data-phase="{phase}"]')


def test_mannheim_finance_row_shows_kreatech_and_no_false_gaps(browser, full_site):
    with open_page(browser, full_site, "/regions/DE126/dashboard") as (page, log):
        finance = _cell(page, "access-to-finance", "start-up")
        assert finance.inner_text().strip() == "1"
        for sub in ("access-debt-financing", "access-other-equity", "business-angels", "venture-capital"):
            assert _cell(page, sub, "start-up").get_attribute("data-state") == "category", sub
        finance.click()
        panel = page.locator("#cell-panel")
        assert "KREATECH funding scheme" in panel.inner_text()
        assert panel.locator('a[href="/services/kreatech"]').count() == 1
        assert panel.locator('a[href="/actors/mannheim-regional-development-agency"]').count() == 1
        assert "§4.1" in panel.inner_text()
        _cell(page, "venture-capital", "start-up").click()
        text = panel.inner_text()
        assert "recorded for the whole category" in text and "recorded for Access to finance" in text
        assert "KREATECH funding scheme" in panel.inner_text()
        screenshot(page, "dashboard-de126")
        log.assert_clean()


def test_heat_map_agrees_with_the_coverage_route_cell_by_cell(browser, full_site):
    cells = httpx.get(f"{full_site}/regions/DE/coverage", timeout=60).json()["cells"]
    with open_page(browser, full_site, "/regions/DE/dashboard") as (page, log):
        shown = page.eval_on_selector_all(
            "#heatmap td.n",
            "tds => tds.map(td => [td.dataset.row, td.dataset.phase, td.dataset.state, td.innerText])")
        log.assert_clean()
    drawn = {(row, phase): (state, text.strip()) for row, phase, state, text in shown}
    assert len(drawn) == len(cells)
    for cell in cells:
        state, text = drawn[(cell["row"], cell["phase"])]
        if cell["providers"]:
            assert text == str(cell["providers"]), cell
        else:
            assert state in ("gap", "category", "access", "none"), cell
    # Germany has finance providers at growth: the category row says so
    assert drawn[("access-to-finance", "growth")][1] not in ("0", "")


def test_folding_a_category_hides_its_sub_determinants(browser, full_site):
    with open_page(browser, full_site, "/regions/DE126/dashboard") as (page, log):
        page.click('#heatmap tr[data-row="access-to-finance"] button.fold')
        assert not page.locator('#heatmap tr[data-row="venture-capital"]').is_visible()
        page.click('#heatmap tr[data-row="access-to-finance"] button.fold')
        assert page.locator('#heatmap tr[data-row="venture-capital"]').is_visible()
        log.assert_clean()


def test_comparison_lists_what_north_jutland_lacks_against_mannheim(browser, full_site):
    expected = httpx.get(f"{full_site}/regions/DK05/compare/DE126", timeout=60).json()["model_only"]
    assert expected
    with open_page(browser, full_site, "/regions/DK05/dashboard") as (page, log):
        page.fill('form.pick input[name="model"]', "Mannheim")
        page.click("form.pick button")
        page.wait_for_load_state("networkidle")
        lacks = page.locator('section.lacks[data-region="DK05"]')
        assert lacks.locator("table.model-only tr").count() - 1 == len(expected)
        assert "Entrepreneurship infrastructure" in lacks.inner_text()
        assert "Cluster organisation" in lacks.inner_text()  # an actor type the model has and DK05 lacks
        assert page.locator("table.side-by-side th.region").count() == 2
        screenshot(page, "compare-dk05-de126")
        log.assert_clean()


def test_planted_spreadsheet_region_shows_its_gaps_and_category_level_service(browser, planted_site):
    with open_page(browser, planted_site, "/regions/DE125/dashboard") as (page, log):
        states = dict(page.eval_on_selector_all(
            "#heatmap td.n", "tds => tds.map(td => [td.dataset.row + '|' + td.dataset.phase, td.dataset.state])"))
        assert states["access-to-finance|start-up"] == "one"
        assert states["venture-capital|start-up"] == "category"
        assert states["venture-capital|growth"] == "one"
        assert states["business-angels|growth"] == "two"
        assert states["access-debt-financing|established"] == "access"
        assert states["culture|pre-start"] == "gap"
        _cell(page, "business-angels", "start-up").click()
        text = page.locator("#cell-panel").inner_text()
        assert "Heidelberg finance desk" in text and "whole category" in text
        _cell(page, "access-debt-financing", "established").click()
        text = page.locator("#cell-panel").inner_text()
        assert "Signposted" in text and "Bank loan referral" in text
        screenshot(page, "dashboard-planted-de125")
        log.assert_clean()
