"""The network and dashboard pages: they show the fixture's actors, mark its planted gap and single point,
escape and link nothing outside this site; and (slow) a headless Chromium draws the network offline."""

from __future__ import annotations

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


def test_network_page_draws_every_actor_and_explains_brokers(client):
    html = client.get("/regions/DE12/network").text
    assert "vis.Network" in html
    assert not re.search(r"bootstrap|jsdelivr|cdnjs", html, re.IGNORECASE)
    for name in ("Toy Cluster Management", "Toy Incubator", "Toy University", "Toy Ventures"):
        assert f'"label": "{name}"' in html
    assert "cut point" in html  # the broker's reason, in the table
    assert "1 connected groups · 1 isolated actors" in html


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


def test_sparql_editor_is_served_locally_and_its_example_query_answers(client):
    from api.editor import EXAMPLE

    page = client.get("/sparql/editor")
    assert page.status_code == 200 and "new Yasgui(" in page.text
    assert not re.search(r'(src|href)="https?://', page.text)
    assert 'autocompleters: ["variables"]' in page.text  # no prefix.cc or LOV look-ups from the browser
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200
    answer = client.post("/sparql", data={"query": EXAMPLE}, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    names = {b["actorName"]["value"] for b in answer.json()["results"]["bindings"]}
    assert "Toy Cluster Management" in names and "Toy Ventures" not in names  # the VC sits in Heidelberg
