"""The network and dashboard pages: they show the fixture's actors, mark its planted gap and single point,
escape and link nothing outside this site; and (slow) a headless Chromium draws the network offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api_support import FIXTURE_SETS, api_client

CHROMIUM = Path("/usr/bin/chromium")
EXTERNAL = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
PAGES = ("/regions/DE12/network", "/regions/DE12/network?served=true", "/regions/DE12/dashboard")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with api_client(tmp_path_factory.mktemp("views")) as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_html_and_link_nothing_outside(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert not EXTERNAL.search(response.text)
    assert "Toy Cluster Management" in response.text and "Toy Incubator" in response.text


def _embedded(html: str, element: str) -> object:
    found = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', html, re.DOTALL)
    assert found, element
    return json.loads(found.group(1))


def test_network_page_embeds_the_explorer_json_its_json_route_returns(client):
    html = client.get("/regions/DE12/network").text
    assert 'src="/static/vendor/vis-network/vis-network.min.js"' in html and 'src="/static/js/network.js"' in html
    assert not re.search(r"bootstrap|jsdelivr|cdnjs|unpkg", html, re.IGNORECASE)
    data = _embedded(html, "network-data")
    assert data == client.get("/regions/DE12/network.json").json()
    assert data == client.get("/regions/DE12/network?format=json").json()
    names = {n["name"] for n in data["nodes"]}
    assert {"Toy Cluster Management", "Toy Incubator", "Toy University", "Toy Ventures"} <= names
    assert data["labels"]["determinant"]["access-to-finance"]
    assert "cut point" in html.split('id="bridges"')[1]  # the bridge's reason, listed under the picture
    assert re.search(r"<b>5</b>relations recorded", html)
    assert 'href="/exports/network.graphml?region=DE12"' in html


def test_network_page_states_thin_relations_and_the_whole_graph_is_grouped(client):
    only_seated = client.get("/regions/DE12/network.json?served=false").json()
    assert "Toy Ministry" not in {n["name"] for n in only_seated["nodes"]}
    whole = client.get("/network").text
    data = _embedded(whole, "network-data")
    assert data["grouped"] and data["groupings"][0]["by"] == "country"
    assert 'id="grouped-note"' in whole
    assert client.get("/network?region=DE12&format=json").json()["scope"]["region"] == "DE12"


def test_region_page_links_both_views(client):
    html = client.get("/regions/DE12", headers={"Accept": "text/html"}).text
    assert 'href="/regions/DE12/dashboard"' in html and 'href="/regions/DE12/network"' in html


@pytest.mark.parametrize("page", ["network", "dashboard"])
def test_unknown_region_is_404(client, page):
    assert client.get(f"/regions/XX9/{page}").status_code == 404


@pytest.mark.slow
def test_chromium_draws_the_network_offline(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: the browser test needs a locally installed Chromium")
    data = tmp_path / "data"
    for folder in FIXTURE_SETS:
        shutil.copytree(folder, data / folder.name)
    port = _free_port()
    env = {**os.environ, "KG_STORE": "embedded", "KG_STORE_PATH": str(tmp_path / "store"), "KG_DATA_DIR": str(data)}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "serve", "--port", str(port)], env=env,
                              cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not _answers(base + "/healthz"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("kg serve did not start:\n" + (tmp_path / "serve.log").read_text())
            time.sleep(0.2)
        shot = tmp_path / "net.png"
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
                        f"--screenshot={shot}", f"{base}/regions/DE12/network"],
                       capture_output=True, timeout=120, check=False)
        assert shot.exists() and shot.stat().st_size > 10_000
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def test_sparql_workbench_offers_every_named_query_and_asks_no_other_host(client):
    from kg.queries import all_queries

    page = client.get("/sparql/editor")
    assert page.status_code == 200
    assert not re.search(r'(src|href)="(https?:)?//', page.text)
    examples = {e["name"]: e for e in _embedded(page.text, "gallery-data")}
    assert set(examples) == set(all_queries())
    for name in all_queries():
        assert f'data-name="{name}"' in page.text
    assert examples["cq01-providers-of-determinant"]["params"][0] == {
        "name": "region", "kind": "region", "value": "US-MA",
        "description": "The region (NUTS 2024 code, US-XX, US-<FIPS> or ISO country code)"}
    assert all(e["source"] for e in examples.values())
    script = client.get("/static/js/workbench.js").text
    assert 'prefixCcApi: root + "/sparql/prefixes.json"' in script  # not prefix.cc
    assert 'Yasqe.defaults.autocompleters = ["prefixes", "variables"]' in script  # no LOV look-ups
    assert client.get("/sparql/prefixes.json").json()["rc"] == "https://w3id.org/rckg/ontology#"


def test_named_queries_bind_their_parameters_on_the_server(client):
    answer = client.post("/sparql/named/cq03-single-provider-cells", data={"region": "DE12"})
    assert answer.status_code == 200
    cells = {(b["determinant"]["value"], b["phase"]["value"]) for b in answer.json()["results"]["bindings"]}
    assert ("entrepreneurship-infrastructure", "start-up") in cells
    csv = client.post("/sparql/named/cq03-single-provider-cells?format=csv", data={"region": "DE12"})
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith("determinant,phase")
    assert client.post("/sparql/named/cq03-single-provider-cells", data={"region": "XX9"}).status_code == 404
    assert client.post("/sparql/named/cq03-single-provider-cells", data={}).status_code == 400
    hostile = client.post("/sparql/named/cq03-single-provider-cells", data={"region": 'DE12" } DROP ALL #'})
    assert hostile.status_code == 404  # a value is resolved to a term, never pasted into the text


def test_gallery_text_runs_as_it_is_and_cq9_marks_the_inferred_assignment(client):
    page = client.get("/sparql/editor").text
    cq9 = next(e for e in _embedded(page, "gallery-data") if e["name"] == "cq09-table1-responsibilities")
    answer = client.post("/sparql", data={"query": cq9["text"]}, headers={"Accept": "application/sparql-results+json"})
    rows = answer.json()["results"]["bindings"]
    inferred = [(r["determinant"]["value"], r["actorType"]["value"]) for r in rows if r["inferred"]["value"] == "true"]
    assert inferred == [("access-foreign-markets", "cluster-organisation")]
    assert all(r["source"]["value"] for r in rows)
