"""The region report: one self-contained HTML file with every section a reader expects, nothing linked
that a browser would fetch, written by `kg report` and served at /regions/{code}/report; (slow) it opens
from a file:// URL with the network blocked, shows the matrix, and prints on A4."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from api.report import report_html
from kg.analysis.report import default_model
from kg.cli import app
from kg.config import Settings
from kg.lookup.catalogue import Catalogue
from tests.api_support import api_client
from tests.browser_support import ARTIFACTS, open_page
from tests.conftest import FIXTURES, store_with

FETCHED = re.compile(r"""<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*(?!["']?data:)""",
                     re.IGNORECASE)
SECTIONS = ("Coverage", "Open gaps", "Single points of failure", "Overlaps", "Brokers", "Actor network",
            "Compared with", "Who provides each covered cell", "Sources", "Data completeness")


@pytest.fixture(scope="module")
def store():
    return store_with("regions-mini", "analysis-coverage")


def _report(store, region: str = "DE126", model: str | None = "DE125") -> str:
    settings = Settings(store="memory", _env_file=None)
    return report_html(store, settings, Catalogue(settings.ontology_dir, store), region, model)


def test_report_holds_every_section_and_fetches_nothing(store):
    html = _report(store)
    for section in SECTIONS:
        assert section in html, section
    assert not FETCHED.search(html)  # styles, script and the picture are inline
    assert "<svg" in html and "@media print" in html and "@page" in html
    assert 'id="heatmap"' in html and 'data-state="category"' in html
    assert "Simplified business registration" in html  # a service named in the cell data
    assert "Analysis fixture" in html  # the fixture's source, cited by its records


def test_the_model_is_mannheim_and_mannheim_is_set_against_massachusetts():
    assert default_model("DK05") == "DE126"
    assert default_model("de126") == "US-MA"


def test_kg_report_writes_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", "embedded")
    monkeypatch.setenv("KG_STORE_PATH", str(tmp_path / "store"))
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", str(FIXTURES / "regions-mini"), str(FIXTURES / "analysis-coverage")])
    assert loaded.exit_code == 0, loaded.output
    out = tmp_path / "mannheim.html"
    result = runner.invoke(app, ["report", "DE126", "-o", str(out), "--model", "DE125"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "Mannheim" in out.read_text(encoding="utf-8")
    unknown = runner.invoke(app, ["report", "XX99", "-o", str(tmp_path / "x.html")])
    assert unknown.exit_code != 0 and "XX99" in unknown.output


def test_report_route_serves_the_same_document(tmp_path):
    with api_client(tmp_path) as client:
        page = client.get("/regions/DE12/report")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert 'id="heatmap"' in page.text and not FETCHED.search(page.text)
        assert client.get("/regions/XX9/report").status_code == 404


@pytest.mark.slow
def test_report_opens_offline_from_a_file_and_prints_on_a4(browser, full_store, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "report-de126.html"
    path.write_text(_report(full_store, "DE126", None), encoding="utf-8")
    with open_page(browser, "file://", "") as (page, log):
        page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else route.abort())
        page.goto(path.as_uri(), wait_until="load")
        assert page.locator("#heatmap td.n").count() > 100
        page.locator('#heatmap td[data-row="access-to-finance"][data-phase="start-up"]').click()
        assert "KREATECH" in page.locator("#cell-panel").inner_text()
        assert not log.console_errors, log.console_errors
        assert all(url.startswith(("file:", "data:")) for url in log.requests), log.requests
        page.screenshot(path=str(ARTIFACTS / "report-de126.png"), full_page=True)
        pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "report-de126.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
