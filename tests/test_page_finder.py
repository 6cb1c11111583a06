"""The finder and the search box as an entrepreneur or adviser uses them, in Debian's Chromium: a region typed by
name and picked from the suggestions, a need and a phase chosen, and who helps listed with a link to share; the
header's search box on a dashboard leads to a service; on the planted region, a service recorded for the whole
category shows as such when a sub-determinant is asked for."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser_support import open_page, screenshot

pytestmark = pytest.mark.slow


def test_mannheim_finance_at_start_up_lists_kreatech(browser, full_site):
    with open_page(browser, full_site, "/find") as (page, log):
        region = page.locator("#find-region")
        region.press_sequentially("Manheim", delay=30)  # a typo, as people type
        suggestion = page.locator(".suggestions a").first
        suggestion.wait_for()
        assert "Mannheim" in suggestion.inner_text()
        suggestion.click()
        assert region.input_value() == "DE126"
        page.select_option("#find-need", "access-to-finance")
        page.select_option("#find-phase", "start-up")
        page.click("form.finder-form button[type=submit]")
        page.wait_for_load_state("networkidle")
        asked = parse_qs(urlsplit(page.url).query)
        assert asked["region"] == ["DE126"] and asked["need"] == ["access-to-finance"]
        direct = page.locator("#direct")
        assert "KREATECH funding scheme" in direct.inner_text()
        assert direct.locator('a[href="/services/kreatech"]').count() == 1
        assert "§4.1" in direct.inner_text()
        screenshot(page, "finder-mannheim-finance")
        log.assert_clean()


def test_the_finder_answers_a_region_named_in_the_url(browser, full_site):
    with open_page(browser, full_site, "/find?region=Mannheim&need=access-to-finance&phase=start-up") as (page, log):
        assert "Mannheim" in page.locator("h2.answer").inner_text()
        assert "KREATECH funding scheme" in page.locator("#direct").inner_text()
        log.assert_clean()


def test_the_header_search_box_leads_to_a_service(browser, full_site):
    with open_page(browser, full_site, "/regions/DE126/dashboard") as (page, log):
        box = page.locator("header form.site-search input")
        box.press_sequentially("kreatec", delay=30)
        page.locator("header .suggestions a").first.wait_for()
        box.press("ArrowDown")
        box.press("Enter")
        page.wait_for_url("**/services/kreatech")
        assert "KREATECH" in page.locator("h1").inner_text()
        log.assert_clean()


def test_a_category_level_service_is_listed_for_its_sub_determinants(browser, planted_site):
    path = "/find?region=Heidelberg&need=venture-capital&phase=start-up"
    with open_page(browser, planted_site, path) as (page, log):
        assert page.locator("#direct").count() == 0  # nobody offers venture capital itself at start-up
        section = page.locator("#category-level")
        assert "Heidelberg finance desk" in section.inner_text()
        assert "access to finance as a whole" in section.inner_text()
        assert page.locator("#nothing-found").count() == 0
        screenshot(page, "finder-planted-category-level")
        log.assert_clean()
