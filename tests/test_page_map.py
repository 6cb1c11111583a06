"""The map as a policy maker uses it, in Debian's Chromium: NUTS-3 paths drawn from the vendored geometry with no
request to another host, a click on Mannheim opening its dashboard, the colours telling 0 from no data, and the
values on the page those of the analysis (kg/analysis/regional.py) – on the bundled data and on the planted
region loaded from a spreadsheet."""

from __future__ import annotations

import httpx
import pytest

from tests.browser_support import open_page, screenshot

pytestmark = pytest.mark.slow


def drawn(page) -> dict[str, str]:
    page.wait_for_selector("#map[data-drawn]", timeout=60_000)
    return dict(page.eval_on_selector_all(
        "#map path[data-value]", "ps => ps.map(p => [p.dataset.code, p.dataset.value])"))


def test_nuts3_map_is_drawn_and_a_click_opens_the_dashboard(browser, full_site):
    with open_page(browser, full_site, "/map?level=3&country=DE") as (page, log):
        shown = drawn(page)
        assert len(shown) > 300 and "DE126" in shown
        assert "© EuroGeographics for the administrative boundaries" in page.inner_text("p.attribution")
        screenshot(page, "map-de-nuts3")
        page.locator('#map path[data-code="DE126"]').click()
        page.wait_for_url("**/regions/DE126/dashboard")
        log.assert_clean()


def test_all_of_europe_at_nuts3(browser, full_site):
    with open_page(browser, full_site, "/map?level=3") as (page, log):
        shown = drawn(page)
        assert len(shown) > 1000
        assert page.locator("#map path.region").count() >= len(shown)
        log.assert_clean()


def test_german_nuts2_finance_values_are_the_analysis(browser, full_site):
    query = "level=2&measure=cell&determinant=access-to-finance&country=DE"
    expected = {r["code"]: r["value"] for r in httpx.get(f"{full_site}/map/data.json?{query}", timeout=60).json()
                ["regions"]}
    with open_page(browser, full_site, f"/map?{query}") as (page, log):
        shown = drawn(page)
        assert {code: int(v) for code, v in shown.items()} == {c: v for c, v in expected.items() if c in shown}
        assert set(shown) >= {c for c in expected if c != "DEZZ"}  # Extra-Regio has no boundary
        zero = [c for c, v in expected.items() if v == 0]
        text = page.inner_text("#map-zero")
        assert (f"{len(zero)} of" in text) if zero else "at least one recorded direct provider" in text
        screenshot(page, "map-de-nuts2-finance")
        log.assert_clean()


def test_the_planted_gaps_and_category_level_service_show_as_they_are(browser, planted_site):
    with open_page(browser, planted_site, "/map?level=3&measure=cell&determinant=venture-capital&phase=start-up"
                   ) as (page, log):
        shown = drawn(page)
        # only the finance desk covers venture capital at start-up, and only at category level: not direct
        assert shown["DE125"] == "0"
        assert page.locator('#map path[data-code="DE125"]').get_attribute("fill") == "#e5675a"
        assert "covered at category level" in page.inner_text("#map-zero")  # and the page says why
        page.click("#map-zero a:text('map access to finance as a whole')")
        page.wait_for_url("**determinant=access-to-finance**")
        assert drawn(page)["DE125"] == "1"  # the finance desk, recorded for the whole category at start-up
        log.assert_clean()
    with open_page(browser, planted_site, "/map?level=3&measure=cell&determinant=business-angels&phase=growth"
                   ) as (page, log):
        assert drawn(page)["DE125"] == "2"  # the two angel providers
        log.assert_clean()
