"""The dashboard and comparison pages as HTML, on the toy fixtures: the planted single point and gap are
drawn in their states, the panels list the findings, and the pages link the JSON analyses they show."""

from __future__ import annotations

import re

import pytest

from tests.api_support import api_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with api_client(tmp_path_factory.mktemp("dashboard")) as c:
        yield c


def _cell(html: str, row: str, phase: str) -> re.Match | None:
    return re.search(rf'<td class="n s-(\w+)" data-row="{row}" data-phase="{phase}" data-state="\w+"[^>]*>([^<]*)</td>',
                     html)


def test_dashboard_marks_the_planted_single_point_and_a_gap(client):
    html = client.get("/regions/DE12/dashboard").text
    single = _cell(html, "entrepreneurship-infrastructure", "start-up")
    assert single and single.groups() == ("one", "1")
    gap = _cell(html, "access-debt-financing", "pre-start")
    assert gap and gap.groups() == ("gap", "0")
    points = html.split("Single points of failure")[1].split("<h2>")[0]
    assert re.search(r'Entrepreneurship infrastructure</td><td>start-up</td>\s*<td><a href="/actors/toy-incubator">'
                     r"Toy Incubator</a>", points)
    assert "Access to debt financing" in html.split("Open gaps")[1]
    for analysis in ("coverage", "gaps", "brokers", "completeness"):
        assert f'href="/regions/DE12/{analysis}"' in html
    assert 'href="/regions/DE12/network"' in html and 'href="/regions/DE12/report"' in html
    assert 'id="dashboard-data"' in html and 'action="/compare"' in html
    for state in ("gap", "category", "one", "two", "many", "access"):
        assert f'class="swatch s-{state}"' in html  # the legend names every colour


def test_compare_page_without_regions_offers_examples_and_json_asks_for_one(client):
    page = client.get("/compare", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'href="/compare?region=DK05&amp;model=DE126"' in page.text
    assert client.get("/compare?format=json").status_code == 422


def test_compare_resolves_names_and_refuses_unknown_and_too_many_regions(client):
    data = client.get("/compare?region=DE126&model=DE125&format=json").json()
    assert [r["region"] for r in data["regions"]] == ["DE126", "DE125"]
    assert data["comparisons"][0]["model"]["region"] == "DE125"
    assert client.get("/compare?region=XX99").status_code == 422


def test_compare_refuses_more_regions_than_fit_side_by_side(client, monkeypatch):
    monkeypatch.setattr("kg.analysis.comparison.MAX_REGIONS", 3)
    answer = client.get("/compare?region=DE126&region=DE125&region=DE111&model=DE11&format=json")
    assert answer.status_code == 400 and "at most 3 regions" in answer.text


def test_unknown_region_dashboard_is_404(client):
    assert client.get("/regions/XX9/dashboard").status_code == 404
