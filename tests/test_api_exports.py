"""Exports: HSDS 3.0 (JSON page and CSV package), CPSV-AP, schema.org JSON-LD and GraphML, from the API and
from `kg export`; contents checked against the toy region, whose answers are known by construction."""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile

import networkx as nx
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app as cli
from kg.exports.cpsv import CV
from kg.namespaces import CPSV, NUTS, SCHEMA
from kg.store import EmbeddedStore
from tests.api_support import FIXTURE_SETS, api_client, api_settings

SERVICE = "https://w3id.org/rckg/id/service/"
ACTOR = "https://w3id.org/rckg/id/actor/"


@pytest.fixture
def client(tmp_path):
    with api_client(tmp_path) as c:
        yield c


def test_hsds_json_nests_organization_areas_attributes_and_funding(client):
    page = client.get("/exports/hsds.json", params={"region": "DE126"}).json()
    assert page["total_items"] == len(page["contents"]) == 5
    services = {s["name"]: s for s in page["contents"]}
    incubation = services["Incubation programme"]
    uuid.UUID(incubation["id"])
    assert incubation["status"] == "active"
    assert incubation["organization"]["name"] == "Toy Incubator"
    assert incubation["organization"]["description"]  # required by HSDS, generated when the data has none
    assert [a["name"] for a in incubation["service_areas"]] == ["Mannheim, Stadtkreis"]
    assert incubation["service_areas"][0]["uri"] == "http://data.europa.eu/nuts/code/DE126"
    assert [f["source"] for f in incubation["funding"]] == ["Toy Federal Ministry"]
    terms = {(a["link_type"], a["taxonomy_term"]["code"]) for a in incubation["attributes"]}
    assert {("determinant", "entrepreneurship-infrastructure"), ("phase", "start-up"),
            ("target-group", "start-ups"), ("delivery-mode", "direct")} <= terms
    programme = services["Research programme"]
    assert [a["name"] for a in programme["service_areas"]] == ["Deutschland"]


def test_hsds_ids_are_stable_between_exports(client):
    first = client.get("/exports/hsds.json").json()
    second = client.get("/exports/hsds.json").json()
    assert [s["id"] for s in first["contents"]] == [s["id"] for s in second["contents"]]


def test_hsds_package_tables_refer_to_each_other(client):
    response = client.get("/exports/hsds.zip")
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"organizations.csv", "services.csv", "service_areas.csv", "taxonomies.csv", "taxonomy_terms.csv",
            "attributes.csv", "funding.csv", "datapackage.json", "services.json"} <= names

    def table(name: str) -> list[dict]:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode())))

    organizations, services = table("organizations.csv"), table("services.csv")
    terms, taxonomies = table("taxonomy_terms.csv"), table("taxonomies.csv")
    assert len(organizations) == 6 and len(services) == 6
    org_ids, term_ids = {o["id"] for o in organizations}, {t["id"] for t in terms}
    assert all(s["organization_id"] in org_ids for s in services)
    assert all(a["taxonomy_term_id"] in term_ids for a in table("attributes.csv"))
    assert all(t["parent_id"] in term_ids | {""} for t in terms)
    assert all(t["taxonomy_id"] in {x["id"] for x in taxonomies} for t in terms)
    assert {r["service_id"] for r in table("service_areas.csv")} <= {s["id"] for s in services}
    venture = next(t for t in terms if t["code"] == "venture-capital")
    assert next(t for t in terms if t["id"] == venture["parent_id"])["code"] == "access-to-finance"
    package = json.loads(archive.read("datapackage.json"))
    assert {r["path"] for r in package["resources"]} <= names


def test_cpsv_describes_the_public_services_with_their_authority(client):
    graph = Graph().parse(data=client.get("/exports/cpsv").text, format="turtle")
    public = set(graph.subjects(RDF.type, CPSV.PublicService))
    assert public == {URIRef(SERVICE + "toy-research-programme")}  # the national ministry's programme only
    programme = URIRef(SERVICE + "toy-research-programme")
    authority = graph.value(programme, CV.hasCompetentAuthority)
    assert authority == URIRef(ACTOR + "toy-ministry")
    assert (authority, RDF.type, CV.PublicOrganisation) in graph
    assert (programme, URIRef("http://purl.org/dc/terms/spatial"), NUTS.DE) in graph
    jsonld = client.get("/exports/cpsv", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


def test_schemaorg_types_providers_areas_and_audiences(client):
    document = client.get("/exports/schemaorg.jsonld").json()
    assert document["@context"] == "https://schema.org"
    nodes = {n["@id"]: n for n in document["@graph"]}
    assert nodes[ACTOR + "toy-ministry"]["@type"] == "GovernmentOrganization"
    assert nodes[ACTOR + "toy-incubator"]["memberOf"] == [{"@id": ACTOR + "toy-cluster"}]
    programme = nodes[SERVICE + "toy-research-programme"]
    assert programme["@type"] == "GovernmentService"
    assert programme["provider"] == {"@id": ACTOR + "toy-ministry"}
    assert programme["areaServed"][0]["identifier"] == "DE"
    coaching = nodes[SERVICE + "toy-coaching"]
    assert coaching["@type"] == "Service"
    assert {a["audienceType"] for a in coaching["audience"]} == {"Start-ups", "Students"}
    # the same document read as RDF, with the schema.org vocabulary given inline (nothing fetched)
    local = {**document, "@context": {"@vocab": str(SCHEMA)}}
    graph = Graph().parse(data=json.dumps(local), format="json-ld")
    assert (URIRef(SERVICE + "toy-coaching"), SCHEMA.provider, URIRef(ACTOR + "toy-cluster")) in graph
    assert (URIRef(ACTOR + "toy-cluster"), SCHEMA.name, Literal("Toy Cluster Management")) in graph


def test_graphml_is_the_actor_network(client):
    response = client.get("/exports/network.graphml")
    network = nx.read_graphml(io.BytesIO(response.content), force_multigraph=True)
    assert set(network.nodes) == {"toy-cluster", "toy-ministry", "toy-incubator", "toy-vc", "toy-university",
                                  "toy-partner"}
    assert network.nodes["toy-cluster"]["sphere"] == "non-profit"
    assert network.nodes["toy-cluster"]["services"] == 3
    relations = {(u, v, d["relation"]) for u, v, d in network.edges(data=True)}
    assert ("toy-cluster", "toy-incubator", "coordinates") in relations
    assert ("toy-ministry", "toy-incubator", "funds") in relations  # through the funded service
    regional = nx.read_graphml(io.BytesIO(client.get("/exports/network.graphml",
                                                     params={"region": "DE125"}).content))
    # seated in DE125, plus the ministry whose national programme is available there
    assert set(regional.nodes) == {"toy-vc", "toy-university", "toy-ministry"}


def test_export_of_an_unknown_region_is_422(client):
    response = client.get("/exports/hsds.json", params={"region": "Atlantis"})
    assert response.status_code == 422 and response.json()["valid"]


def test_kg_export_writes_each_standard(tmp_path, monkeypatch):
    store_path = tmp_path / "store"
    store = EmbeddedStore(store_path)
    from kg.loading.loader import load_paths

    load_paths(FIXTURE_SETS, api_settings(tmp_path), store)
    store.close()
    monkeypatch.setenv("KG_STORE", "embedded")
    monkeypatch.setenv("KG_STORE_PATH", str(store_path))
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "hsds", "--out", str(tmp_path / "hsds"), "--region", "DE12"])
    assert result.exit_code == 0, result.output
    services = list(csv.DictReader((tmp_path / "hsds" / "services.csv").open(encoding="utf-8")))
    assert len(services) == 6
    for standard, name in (("cpsv", "public.ttl"), ("schemaorg", "org.jsonld"), ("graphml", "net.graphml")):
        result = runner.invoke(cli, ["export", standard, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 100
    assert Graph().parse(tmp_path / "public.ttl").value(predicate=RDF.type, object=CPSV.PublicService)
    failed = runner.invoke(cli, ["export", "hsds", "--out", str(tmp_path / "x"), "--region", "XX"])
    assert failed.exit_code == 2


def test_exports_run_at_most_two_at_a_time_and_a_third_is_told_when_to_retry(tmp_path):
    with api_client(tmp_path) as busy_client:
        slots = busy_client.app.state.export_slots
        assert slots.acquire() and slots.acquire()  # two exports running
        try:
            refused = busy_client.get("/exports/schemaorg.jsonld")
            assert refused.status_code == 503 and refused.headers["retry-after"] == "10"
            assert "exports are running already" in refused.json()["detail"]
        finally:
            slots.release()
        assert busy_client.get("/exports/schemaorg.jsonld").status_code == 200
        slots.release()
