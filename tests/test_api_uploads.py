"""Uploads: the one way to write. A bearer token from the configuration, validation as `kg load` does it,
an atomic replace of the data set's named graph, 400 with every problem, and no risky parser."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.api_support import TOKEN, api_client, listener

AUTH = {"Authorization": f"Bearer {TOKEN}"}
LAB = """@prefix rc: <https://w3id.org/rckg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/rckg/id/actor/upload-lab> a rc:Actor ; rdfs:label "Upload Lab" ;
    rc:actorType <https://w3id.org/rckg/concept/actor-type/incubator> ;
    rc:sphere <https://w3id.org/rckg/concept/sphere/private> ;
    rc:locatedIn <http://data.europa.eu/nuts/code/DE125> ;
    dcterms:source <https://w3id.org/rckg/id/source/upload-lab/doc> .
<https://w3id.org/rckg/id/source/upload-lab/doc> a rc:Source ; dcterms:title "An uploaded document" .
"""
SPARQL_LAB = ("SELECT ?n WHERE { <https://w3id.org/rckg/id/actor/upload-lab> "
              "<http://www.w3.org/2000/01/rdf-schema#label> ?n }")


@pytest.fixture
def client(tmp_path):
    with api_client(tmp_path) as c:
        yield c


def _edit(path: Path, row: int, column: str, value: str) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _files(folder: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(folder.glob("*.csv"))]


def test_upload_needs_the_bearer_token_and_changes_nothing_without_it(client):
    before = client.app.state.store.graph_sizes()
    missing = client.put("/datasets/upload-lab", content=LAB, headers={"Content-Type": "text/turtle"})
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    for wrong in ("Bearer nope", f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN[:-1]}"):
        response = client.put("/datasets/upload-lab", content=LAB,
                              headers={"Content-Type": "text/turtle", "Authorization": wrong})
        assert response.status_code == 401, wrong
    assert client.app.state.store.graph_sizes() == before


def test_token_is_compared_in_constant_time(client, monkeypatch):
    import api.deps

    calls = []
    real = api.deps.hmac.compare_digest
    monkeypatch.setattr(api.deps.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    client.put("/datasets/upload-lab", content=LAB, headers={"Content-Type": "text/turtle", **AUTH})
    assert calls and all(len(a) == len(b) == 32 for a, b in calls)  # digests: not even the length leaks


def test_uploads_are_off_when_no_token_is_configured(tmp_path):
    with api_client(tmp_path, write_token=None) as client:
        response = client.put("/datasets/upload-lab", content=LAB,
                              headers={"Content-Type": "text/turtle", "Authorization": "Bearer "})
        assert response.status_code == 403


def test_turtle_upload_adds_a_data_set_that_rest_and_sparql_see(client):
    assert client.get("/sparql", params={"query": SPARQL_LAB}).json()["results"]["bindings"] == []
    response = client.put("/datasets/upload-lab", content=LAB, headers={"Content-Type": "text/turtle", **AUTH})
    assert response.status_code == 200, response.text
    assert response.json() == {"id": "upload-lab", "graph": "https://w3id.org/rckg/graph/upload-lab",
                               "triples": response.json()["triples"], "actors": 1, "services": 0}
    assert "upload-lab" in [a["id"] for a in client.get("/actors", params={"region": "DE12"}).json()["items"]]
    rows = client.get("/sparql", params={"query": SPARQL_LAB}).json()["results"]["bindings"]
    assert [r["n"]["value"] for r in rows] == ["Upload Lab"]  # the workers were restarted on the new data
    assert "upload-lab" in [d["id"] for d in client.get("/datasets").json()]


def test_template_upload_replaces_the_data_set_as_a_whole(client, toy_copy):
    _edit(toy_copy / "actors.csv", 0, "name", "Renamed Cluster")
    services = toy_copy / "services.csv"
    rows = list(csv.DictReader(services.open(encoding="utf-8")))
    with services.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["id"] != "toy-seed-fund")
    response = client.put("/datasets/toy-region", files=_files(toy_copy), headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["services"] == 5
    assert client.get("/actors/toy-cluster").json()["name"] == "Renamed Cluster"
    assert client.get("/services/toy-seed-fund").status_code == 404


def test_invalid_upload_answers_400_with_every_problem_and_changes_nothing(client, toy_copy):
    _edit(toy_copy / "services.csv", 0, "phases", "someday")
    _edit(toy_copy / "actors.csv", 1, "located_in", "ZZ999")
    before = client.app.state.store.graph_sizes()
    response = client.put("/datasets/toy-region", files=_files(toy_copy), headers=AUTH)
    assert response.status_code == 400
    body = response.json()
    problems = {(p["file"], p.get("row"), p.get("column")) for p in body["problems"]}
    assert ("services.csv", 2, "phases") in problems
    assert ("actors.csv", 3, "located_in") in problems
    assert "tmp" not in response.text and "kg-upload" not in response.text
    assert client.app.state.store.graph_sizes() == before


def test_data_set_ids_are_checked(client):
    for bad in ("ontology", "Upper_Case", "x" * 101):
        response = client.put(f"/datasets/{bad}", content=LAB, headers={"Content-Type": "text/turtle", **AUTH})
        assert response.status_code == 404, bad


def test_rdf_xml_and_unknown_files_are_refused_before_parsing(client):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&lol2;</rdf:RDF>')
    direct = client.put("/datasets/xml", content=laughs, headers={"Content-Type": "application/rdf+xml", **AUTH})
    assert direct.status_code == 415 and "RDF/XML" in direct.json()["detail"]
    as_file = client.put("/datasets/xml", files=[("files", ("data.rdf", laughs.encode(), "application/rdf+xml"))],
                         headers=AUTH)
    assert as_file.status_code == 400 and "not accepted" in as_file.json()["problems"][0]["message"]


def test_json_ld_with_a_remote_context_is_refused_without_fetching_it(client):
    with listener() as (url, connections):
        document = {"@context": url + "context.jsonld", "@id": "https://w3id.org/rckg/id/actor/x", "name": "X"}
        response = client.put("/datasets/remote-context", content=json.dumps(document),
                              headers={"Content-Type": "application/ld+json", **AUTH})
    assert response.status_code == 400
    assert connections == []


def test_upload_size_is_limited_whether_declared_or_streamed(tmp_path):
    with api_client(tmp_path, max_upload_bytes=1000) as client:
        declared = client.put("/datasets/big", content=b"#" * 5000, headers={"Content-Type": "text/turtle", **AUTH})
        assert declared.status_code == 413

        def chunks():
            for _ in range(10):
                yield b"#" * 500

        streamed = client.put("/datasets/big", content=chunks(), headers={"Content-Type": "text/turtle", **AUTH})
        assert streamed.status_code == 413
        assert len(LAB.encode()) < 1000
        assert client.put("/datasets/upload-lab", content=LAB,
                          headers={"Content-Type": "text/turtle", **AUTH}).status_code == 200  # within the limit


REGIONS_MINI = Path(__file__).parent / "fixtures" / "regions-mini" / "regions.ttl"
ONE_REGION = """@prefix rc: <https://w3id.org/rckg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/rckg/id/classification/x> a skos:ConceptScheme ; skos:prefLabel "X" .
<http://data.europa.eu/nuts/code/XX> a rc:Region ; rc:regionCode "XX" ; skos:notation "XX" ; skos:prefLabel "X" ;
    skos:inScheme <https://w3id.org/rckg/id/classification/x> ."""


def test_a_reference_data_set_is_not_replaced_by_a_version_that_drops_what_others_use(client):
    before = client.app.state.store.graph_sizes()
    for force in ("false", "true"):
        refused = client.put("/datasets/regions-mini", content=ONE_REGION, params={"force": force},
                             headers={"Content-Type": "text/turtle", **AUTH})
        assert refused.status_code == 409, refused.text
        body = refused.json()
        assert body["detail"].startswith("other data sets refer to this one")
        lost = {p["value"] for p in body["problems"] if p.get("value")}
        assert "http://data.europa.eu/nuts/code/DE126" in lost  # where the toy region's actors sit
        assert any("toy-region" in p["message"] for p in body["problems"])
    assert client.app.state.store.graph_sizes() == before
    assert client.get("/regions/DE126/coverage").status_code == 200


def test_a_reference_data_set_is_replaced_only_when_forced(client):
    same = REGIONS_MINI.read_text(encoding="utf-8")
    refused = client.put("/datasets/regions-mini", content=same, headers={"Content-Type": "text/turtle", **AUTH})
    assert refused.status_code == 409 and "force=true" in refused.json()["problems"][0]["message"]
    forced = client.put("/datasets/regions-mini", content=same, params={"force": "true"},
                        headers={"Content-Type": "text/turtle", **AUTH})
    assert forced.status_code == 200, forced.text
    assert client.get("/regions/DE126/coverage").status_code == 200
