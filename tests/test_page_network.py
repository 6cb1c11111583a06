"""The network explorer in Debian's Chromium on all bundled data, as a cluster manager uses it: a click on an
actor opens its services, a click on a tie its record and source, filters and the search hide what does not
match, the derived-ties switch adds dashed ties, Germany opens grouped (fast) and names the actor that joins
public and private support, and no page asks another host for anything."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.browser_support import open_page, screenshot, serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(full_store, tmp_path_factory):
    with serve(full_store, tmp_path_factory.mktemp("network-pages")) as url:
        yield url


def _ready(page) -> None:
    page.wait_for_selector("#network[data-ready=true]", timeout=30_000)


def _click_node(page, ident: str) -> None:
    """Click where the actor is drawn, after checking that no other node (or its label) lies on top of it."""
    page.evaluate("document.getElementById('network').scrollIntoView({block: 'center'})")
    spot = page.evaluate(f"kgExplorer.position('{ident}')")
    assert page.evaluate(f"kgExplorer.nodeAt({spot['x']}, {spot['y']})") == ident
    page.mouse.click(spot["x"], spot["y"])


def _count(page, what: str) -> int:
    return int(page.get_attribute("#network", f"data-{what}"))


def test_a_click_on_an_actor_opens_its_services_in_massachusetts(browser, base):
    with open_page(browser, base, "/regions/US-MA/network") as (page, log):
        _ready(page)
        assert "0 relations are recorded in this scope" in page.inner_text("#completeness-note")
        _click_node(page, "massachusetts-institute-of-technology")
        panel = page.locator("#panel")
        panel.get_by_text("Services here (4)").wait_for()
        assert panel.locator("a[href='/actors/massachusetts-institute-of-technology']").count() == 1
        assert "MIT 100K Business Plan Competition" in panel.inner_text()
        assert "single point of failure" in panel.inner_text()
        page.check("#derived")
        assert _count(page, "dashed-edges") > 0
        screenshot(page, "network-us-ma")
        log.assert_clean()


def test_a_filter_removes_nodes_and_the_derived_switch_adds_dashed_ties(browser, base):
    with open_page(browser, base, "/regions/US-MA/network") as (page, log):
        _ready(page)
        everyone = _count(page, "visible-nodes")
        assert everyone == 21 and _count(page, "dashed-edges") == 0
        page.select_option("#f-sphere", "private")
        private = _count(page, "visible-nodes")
        assert 0 < private < everyone
        page.select_option("#f-sphere", "")
        page.select_option("#f-determinant", "access-to-finance")
        assert 0 < _count(page, "visible-nodes") < everyone
        page.click("#reset")
        page.check("#derived")
        derived = [e for e in page.request.get(f"{base}/regions/US-MA/network.json").json()["edges"] if e["derived"]]
        assert _count(page, "dashed-edges") == len(derived) > 0 and _count(page, "visible-nodes") == everyone
        log.assert_clean()


def test_a_click_on_a_tie_shows_its_record_and_the_search_focuses_a_neighbourhood(browser, base):
    with open_page(browser, base, "/regions/DE126/network") as (page, log):
        _ready(page)
        page.evaluate("document.getElementById('network').scrollIntoView({block: 'center'})")
        spot = page.evaluate("kgExplorer.edgeMiddle('m2olie', 'mannheim-medical-technology-cluster')")
        page.mouse.click(spot["x"], spot["y"])
        panel = page.locator("#panel")
        panel.get_by_text("Relationship record").wait_for()
        assert "collaborates with" in panel.inner_text() and "Source: Discussion paper" in panel.inner_text()
        page.fill("#search", "M2OLIE")
        page.press("#search", "Enter")
        assert _count(page, "visible-nodes") == 2  # M2OLIE and the cluster management
        page.select_option("#depth", "2")
        assert _count(page, "visible-nodes") == 3  # and the development agency the cluster works with
        screenshot(page, "network-de126")
        log.assert_clean()


def test_germany_opens_grouped_in_under_two_seconds_and_names_its_bridge(browser, base):
    httpx.get(base + "/regions/DE/network", timeout=30)  # warm: the first query of a store is slow
    started = time.monotonic()
    assert httpx.get(base + "/regions/DE/network", timeout=30).status_code == 200
    assert time.monotonic() - started < 2.0
    with open_page(browser, base, "/regions/DE/network") as (page, log):
        _ready(page)
        assert page.locator("#grouped-note").is_visible()
        assert "relations are recorded in this scope for 66 actors" in page.inner_text("#completeness-note")
        bridges = page.locator("#bridges")
        assert "Mannheim Medical Technology Cluster" in bridges.inner_text()
        bridges.locator("button").first.click()
        panel = page.locator("#panel")
        panel.get_by_text("joins public and private").first.wait_for()
        assert "Services here (5)" in panel.inner_text()
        screenshot(page, "network-de")
        page.select_option("#view", "actors")
        _ready(page)
        assert _count(page, "visible-nodes") == 66
        log.assert_clean()


def test_the_whole_graph_is_grouped_by_country(browser, base):
    with open_page(browser, base, "/network") as (page, log):
        _ready(page)
        assert "23 relations are recorded in this scope" in page.inner_text("#completeness-note")
        _click_node(page, "g:DE")
        page.locator("#panel").get_by_text("66 actors").wait_for()
        screenshot(page, "network-all")
        log.assert_clean()
