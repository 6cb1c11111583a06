"""The API as deployed: `kg serve` (uvicorn) on loopback and a free port, on an on-disk store that it fills
with the bundled data because it starts empty (here the data folder holds the two small fixtures)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from tests.api_support import FIXTURE_SETS, TOKEN, listener

pytestmark = pytest.mark.slow

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LAB = (Path(__file__).parent / "test_api_uploads.py").read_text().split('LAB = """')[1].split('"""')[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[httpx.Client, subprocess.Popen]]:
    root = tmp_path_factory.mktemp("served")
    data = root / "data"
    for folder in FIXTURE_SETS:
        shutil.copytree(folder, data / folder.name)
    port = _free_port()
    env = {**os.environ, "KG_STORE": "embedded", "KG_STORE_PATH": str(root / "store"), "KG_DATA_DIR": str(data),
           "KG_WRITE_TOKEN": TOKEN, "KG_QUERY_TIMEOUT_S": "2"}
    kg = Path(sys.executable).parent / "kg"
    log = (root / "serve.log").open("w")
    process = subprocess.Popen([str(kg), "serve", "--port", str(port)], env=env, cwd=root,
                               stdout=log, stderr=subprocess.STDOUT)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    deadline = time.monotonic() + 120
    while True:
        try:
            if client.get("/healthz").status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("kg serve did not start:\n" + (root / "serve.log").read_text())
        time.sleep(0.2)
    yield client, process
    client.close()
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    log.close()


def test_serve_loaded_the_data_and_answers_lookups(server):
    client, _ = server
    page = client.get("/services", params={"region": "DE126", "phase": "start-up"}).json()
    assert page["total"] == 4
    assert client.get("/actors/toy-cluster").json()["name"] == "Toy Cluster Management"
    html = client.get("/regions/DE12", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "Toy University" in html.text
    turtle = client.get("/actors/toy-vc", headers={"Accept": "text/turtle"})
    assert URIRef("https://w3id.org/rckg/id/actor/toy-vc") in set(Graph().parse(data=turtle.text,
                                                                                 format="turtle").subjects())


def test_sparql_over_http_with_timeout_and_refusals(server):
    client, _ = server
    count = client.post("/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert int(count.json()["results"]["bindings"][0]["n"]["value"]) > 3000
    started = time.monotonic()
    slow = client.get("/sparql", params={"query": HEAVY})
    assert slow.status_code == 503 and time.monotonic() - started < 5
    started = time.monotonic()
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    assert time.monotonic() - started < 1.5
    with listener() as (url, connections):
        refused = client.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"})
        assert refused.status_code == 400
    assert connections == []


def test_upload_over_http_reaches_rest_and_the_sparql_workers(server):
    client, _ = server
    assert client.put("/datasets/upload-lab", content=LAB, headers={"Content-Type": "text/turtle"}).status_code == 401
    loaded = client.put("/datasets/upload-lab", content=LAB,
                        headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"})
    assert loaded.status_code == 200, loaded.text
    assert client.get("/actors/upload-lab").json()["name"] == "Upload Lab"
    ask = "ASK { <https://w3id.org/rckg/id/actor/upload-lab> ?p ?o }"
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True  # read-only handles reopened


def _bulk(version: int, actors: int) -> str:
    """A data set of `actors` incubators, labelled with the version of the upload."""
    head = LAB.split("<https://w3id.org/rckg/id/actor/upload-lab>")[0]
    rows = [f"<https://w3id.org/rckg/id/actor/bulk-{i}> a rc:Actor ; rdfs:label \"Lab {version}-{i}\" ; "
            f"rc:actorType <https://w3id.org/rckg/concept/actor-type/incubator> ; "
            f"rc:sphere <https://w3id.org/rckg/concept/sphere/private> ; "
            f"rc:locatedIn <http://data.europa.eu/nuts/code/DE125> ; "
            f"dcterms:source <https://w3id.org/rckg/id/source/bulk/doc> ." for i in range(actors)]
    source = '<https://w3id.org/rckg/id/source/bulk/doc> a rc:Source ; dcterms:title "Bulk" .'
    return head + "\n".join(rows) + "\n" + source + "\n"


def _rss_kib(pid: int) -> int:
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS"))
    return int(line.split()[1])


def test_reads_stay_up_through_ten_uploads(server):
    """Issue 13: a small query during and right after each upload is answered (never 503) and sees the upload
    at once; the server's memory does not grow with the number of uploads. Latencies are printed (-s)."""
    client, process = server
    stop, answers = threading.Event(), []

    def probe() -> None:
        with httpx.Client(base_url=client.base_url, timeout=30) as own:
            while not stop.is_set():
                started = time.monotonic()
                status = own.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code
                answers.append((status, time.monotonic() - started))
                time.sleep(0.02)

    prober = threading.Thread(target=probe)
    prober.start()
    label = ("SELECT ?n WHERE { <https://w3id.org/rckg/id/actor/bulk-7> "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?n }")
    memory = []
    try:
        for version in range(10):
            put = client.put("/datasets/bulk-lab", content=_bulk(version, 1500),
                             headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"})
            assert put.status_code == 200, put.text
            seen = client.get("/sparql", params={"query": label}).json()["results"]["bindings"]
            assert [b["n"]["value"] for b in seen] == [f"Lab {version}-7"]  # the first query after it sees it
            memory.append(_rss_kib(process.pid))
    finally:
        stop.set()
        prober.join()
    statuses = {status for status, _ in answers}
    print(f"\n{len(answers)} probes during 10 uploads, slowest {max(s for _, s in answers):.3f} s, "
          f"server RSS {memory[0] // 1024} MiB after one upload, {memory[-1] // 1024} MiB after ten")
    assert statuses == {200}
    print("RSS MiB after each upload:", [m // 1024 for m in memory])
    assert memory[-1] <= memory[0] * 1.2


def test_limits_and_errors_over_http(server):
    client, _ = server
    too_big = client.post("/sparql", content=b"x" * (2 * 1024 * 1024),
                          headers={"Content-Type": "application/sparql-query"})
    assert too_big.status_code == 413
    missing = client.get("/actors/nobody")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert "access-control-allow-origin" not in client.get("/actors", headers={"Origin": "https://x"}).headers


def test_serve_binds_loopback_and_stops_its_workers(server):
    client, process = server
    port = int(str(client.base_url).rsplit(":", 1)[1])
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert len(_children(process.pid)) >= 1  # the query workers
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    assert _children(process.pid) == []
