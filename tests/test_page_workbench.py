"""The SPARQL workbench in Debian's Chromium on all bundled data, as an analyst uses it: every competency
question of the gallery runs with its demo parameters and shows rows or a chart, CQ 9 marks its inferred
Table 1 assignment, region codes link to their dashboards, CONSTRUCT results draw as a graph, share links
are short and restore the query, and no request leaves this server (YASGUI's prefix.cc look-up is off)."""

from __future__ import annotations

import pytest

from kg.queries import GALLERY
from tests.browser_support import open_page, screenshot, serve

pytestmark = pytest.mark.slow

DONE = "#result[data-state=rows], #result[data-state=empty], #result[data-state=graph], #result[data-state=error]"
CONSTRUCT = "CONSTRUCT { ?a rc:collaboratesWith ?b ; rdfs:label ?n } WHERE { ?a rc:collaboratesWith ?b ; rdfs:label ?n}"
EMPTY_ON_BUNDLED_DATA = {"cq05-signpost-to-incubators"}  # its source note says why


@pytest.fixture(scope="module")
def base(full_store, tmp_path_factory):
    with serve(full_store, tmp_path_factory.mktemp("workbench")) as url:
        yield url


def _run(page, name: str) -> str:
    page.evaluate("document.getElementById('result').dataset.state = 'idle'")
    page.click(f"button.example[data-name='{name}']")
    page.wait_for_selector(DONE, timeout=60_000)
    return page.get_attribute("#result", "data-state")


def test_every_competency_question_runs_and_shows_rows_or_a_chart(browser, base):
    with open_page(browser, base, "/sparql/editor") as (page, log):
        page.wait_for_selector(DONE)
        for name, example in GALLERY.items():
            state = _run(page, name)
            if name in EMPTY_ON_BUNDLED_DATA:
                assert state == "empty" and "no rows" in page.inner_text("#view-table").lower(), name
                continue
            assert state == "rows", (name, page.inner_text("#view-table")[:300])
            assert int(page.get_attribute("#result", "data-rows")) > 0, name
            assert example.source in page.inner_text("#q-source"), name
            if example.chart:
                assert page.get_attribute("#result", "data-view") == "chart", name
                assert page.locator("#chart svg.bars rect").count() > 0, name
        log.assert_clean()
        assert not [u for u in log.requests if "prefix.cc" in u or "lov.linkeddata" in u]


def test_cq10_is_a_bar_chart_and_cq9_marks_the_inferred_assignment(browser, base):
    with open_page(browser, base, "/sparql/editor") as (page, log):
        page.wait_for_selector(DONE)
        _run(page, "cq10-cluster-organisation-service-shares")
        assert page.locator("#chart svg.bars rect").count() == 8
        assert "Networking" in page.inner_text("#chart")
        screenshot(page, "workbench-cq10-chart")
        _run(page, "cq09-table1-responsibilities")
        inferred = page.locator("tr.inferred-row")
        assert inferred.count() == 1 and "access-foreign-markets" in inferred.inner_text()
        assert "inferred" in inferred.locator(".tag").inner_text()
        screenshot(page, "workbench-cq09")
        log.assert_clean()


def test_region_codes_link_to_dashboards_and_parameters_are_editable(browser, base):
    with open_page(browser, base, "/sparql/editor") as (page, log):
        page.wait_for_selector(DONE)
        _run(page, "cq14-indicators-of-region")
        assert page.locator("#view-table a[href='/regions/DK05/dashboard']").count() > 0
        page.fill("#params input[name=region]", "DE126")
        page.evaluate("document.getElementById('result').dataset.state = 'idle'")
        page.click("#run")
        page.wait_for_selector(DONE)
        assert page.locator("#view-table a[href='/regions/DE126/dashboard']").count() > 0
        log.assert_clean()


def test_share_link_is_short_and_restores_the_query_and_its_parameters(browser, base):
    with open_page(browser, base, "/sparql/editor") as (page, log):
        page.wait_for_selector(DONE)
        _run(page, "cq03-single-provider-cells")
        page.fill("#params input[name=region]", "US-MA")
        page.click("#share")
        page.wait_for_selector("#share-link:not([hidden])")
        link = page.input_value("#share-link")
        assert len(link) < 200 and "#s=" in link
        log.assert_clean()
    with open_page(browser, base, link.removeprefix(base)) as (page, log):
        page.wait_for_selector(DONE)
        assert page.input_value("#params input[name=region]") == "US-MA"
        assert "Cells covered by exactly one actor" in page.inner_text("#q-title")
        log.assert_clean()


def test_a_construct_query_draws_as_a_graph(browser, base):
    with open_page(browser, base, "/sparql/editor") as (page, log):
        page.wait_for_selector(DONE)
        page.click("button.example[data-name='']")
        page.wait_for_selector(DONE)
        page.evaluate("query => document.querySelector('.CodeMirror').CodeMirror.setValue(query)", CONSTRUCT)
        page.evaluate("document.getElementById('result').dataset.state = 'idle'")
        page.click("#run")
        page.wait_for_selector(DONE)
        assert page.get_attribute("#result", "data-state") == "graph"
        assert page.locator("#graph canvas").count() == 1
        screenshot(page, "workbench-construct-graph")
        log.assert_clean()
