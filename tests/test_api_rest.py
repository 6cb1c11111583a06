"""REST look-ups on the toy region: filters, pagination, codes and labels, and 404/422 with valid values."""

from __future__ import annotations

import pytest

from tests.api_support import api_client


@pytest.fixture
def client(tmp_path):
    with api_client(tmp_path) as c:
        yield c


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_actors_by_region_include_sub_regions(client):
    assert ids(client.get("/actors", params={"region": "DE12"})) == [
        "toy-cluster", "toy-incubator", "toy-university", "toy-vc"]
    assert len(ids(client.get("/actors", params={"region": "DE"}))) == 5
    assert ids(client.get("/actors", params={"region": "Mannheim, Stadtkreis"})) == ["toy-cluster", "toy-incubator"]


def test_actors_by_type_sphere_sector_and_text(client):
    assert ids(client.get("/actors", params={"type": "government"})) == ["toy-ministry"]  # narrower type counts
    assert ids(client.get("/actors", params={"type": "Cluster organisation"})) == ["toy-cluster", "toy-partner"]
    assert ids(client.get("/actors", params={"sphere": "public"})) == ["toy-ministry", "toy-university"]
    assert ids(client.get("/actors", params={"sphere": "Public", "region": "DE12"})) == ["toy-university"]
    assert ids(client.get("/actors", params={"sector": "medical-technology"})) == ["toy-cluster"]
    assert ids(client.get("/actors", params={"q": "INCUB"})) == ["toy-incubator"]
    assert ids(client.get("/actors", params={"q": "coordinating hub"})) == ["toy-cluster"]  # the description


def test_actors_are_paginated_by_name_with_a_total(client):
    first = client.get("/actors", params={"limit": 2}).json()
    second = client.get("/actors", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 6
    assert [a["name"] for a in first["items"]] == ["Toy Cluster Management", "Toy Federal Ministry"]
    assert [a["name"] for a in second["items"]] == ["Toy Incubator", "Toy Partner Haifa"]
    assert client.get("/actors", params={"limit": 0}).status_code == 422
    assert client.get("/actors", params={"offset": -1}).status_code == 422


def test_actor_record_carries_codes_labels_and_provenance(client):
    actor = client.get("/actors", params={"q": "toy ventures"}).json()["items"][0]
    assert actor["types"][0] == {"scheme": "actor-type", "code": "venture-capital-firm",
                                 "label": actor["types"][0]["label"],
                                 "iri": "https://w3id.org/rckg/concept/actor-type/venture-capital-firm"}
    assert actor["seat"]["code"] == "DE125" and actor["seat"]["name"] == "Heidelberg, Stadtkreis"
    assert actor["provenance"] == {"sources": ["https://w3id.org/rckg/id/source/toy-region/src"], "locator": "row 5",
                                   "inferred": True, "dataset": "toy-region"}


def test_one_actor_with_services_relations_and_sources(client):
    actor = client.get("/actors/toy-cluster").json()
    assert [s["id"] for s in actor["services"]] == ["toy-incubation-referral", "toy-investor-days", "toy-coaching"]
    relations = {(r["relation"], r["direction"], r["actor"]["id"]) for r in actor["relations"]}
    assert relations == {
        ("coordinates", "out", "toy-incubator"), ("member-of", "in", "toy-incubator"),
        ("partner-abroad", "out", "toy-partner"), ("collaborates-with", "in", "toy-university"),
        ("signposts-to", "out", "toy-incubator"),
    }
    assert [s["title"] for s in actor["sources"]] == ["Test fixture"]
    assert actor["sources"][0]["url"] == "https://example.org/fixture"


def test_who_provides_what_by_determinant_phase_and_region(client):
    assert ids(client.get("/services", params={"determinant": "access-to-finance"})) == [
        "toy-investor-days", "toy-seed-fund"]  # the category includes its sub-determinant venture-capital
    assert ids(client.get("/services", params={"determinant": "venture-capital", "phase": "start-up",
                                               "region": "DE126"})) == ["toy-investor-days"]
    # offered in DE126 itself, and the national programme offered in DE, which contains DE126
    assert ids(client.get("/services", params={"region": "DE126"})) == [
        "toy-incubation", "toy-incubation-referral", "toy-investor-days", "toy-research-programme",
        "toy-coaching"]
    assert len(ids(client.get("/services", params={"region": "DE12"}))) == 6  # parts of DE12 count too


def test_services_by_target_group_instrument_category_role_and_provider(client):
    assert ids(client.get("/services", params={"target_group": "students"})) == ["toy-coaching"]
    assert ids(client.get("/services", params={"instrument": "incubation"})) == [
        "toy-incubation", "toy-incubation-referral"]
    assert ids(client.get("/services", params={"category": "Access to finance"})) == [
        "toy-investor-days", "toy-seed-fund"]
    assert ids(client.get("/services", params={"role": "signposting"})) == ["toy-incubation-referral"]
    assert ids(client.get("/services", params={"provider": "toy-vc"})) == ["toy-seed-fund"]
    assert ids(client.get("/services", params={"phase": "Start-up", "target_group": "Nascent entrepreneurs"})) == [
        "toy-incubation-referral"]


def test_one_service_with_provider_funding_signposting_and_sources(client):
    referral = client.get("/services/toy-incubation-referral").json()
    assert referral["provider"] == {"id": "toy-cluster", "name": "Toy Cluster Management",
                                    "iri": "https://w3id.org/rckg/id/actor/toy-cluster"}
    assert referral["delivery"]["code"] == "signposting"
    assert [a["id"] for a in referral["signposts_to"]] == ["toy-incubator"]
    incubation = client.get("/services/toy-incubation").json()
    assert [a["name"] for a in incubation["funded_by"]] == ["Toy Federal Ministry"]
    assert incubation["sources"][0]["title"] == "Test fixture"
    programme = client.get("/services/toy-research-programme").json()
    assert programme["public_service"] is True
    assert [r["code"] for r in programme["offered_in"]] == ["DE"]
    assert (programme["valid_from"], programme["valid_until"]) == ("2012", "2026")


def test_unknown_codes_answer_422_with_the_valid_ones(client):
    response = client.get("/services", params={"phase": "later"})
    assert response.status_code == 422
    body = response.json()
    assert "unknown phase 'later'" in body["detail"]
    assert body["valid"] == ["established", "growth", "pre-start", "start-up"]
    region = client.get("/actors", params={"region": "DE99"}).json()
    assert "DE1" in region["valid"] and "DE126" in region["valid"]  # codes that look alike
    valid_types = client.get("/actors", params={"type": "spaceport"}).json()["valid"]
    assert {"accelerator", "incubator", "cluster-organisation"} <= set(valid_types)


def test_unknown_entities_answer_404(client):
    assert client.get("/actors/toy-nobody").status_code == 404
    assert client.get("/services/toy-nothing").status_code == 404
    missing = client.get("/regions/XX")
    assert missing.status_code == 404 and missing.json()["valid"]
    scheme = client.get("/taxonomies/colours")
    assert scheme.status_code == 404 and "phase" in scheme.json()["valid"]


def test_regions_and_their_hierarchy(client):
    region = client.get("/regions/karlsruhe").json()  # a name, any case
    assert region["code"] == "DE12" and region["parent"]["code"] == "DE1"
    assert [r["code"] for r in region["ancestors"]] == ["DE1", "DE"]
    assert [r["code"] for r in region["children"]] == ["DE125", "DE126"]
    assert (region["actors_located"], region["services_available"]) == (4, 6)
    assert client.get("/regions/de12").json()["code"] == "DE12"
    level3 = client.get("/regions", params={"level": 3}).json()
    assert [r["code"] for r in level3["items"]] == ["DE111", "DE125", "DE126"]
    children = client.get("/regions", params={"parent": "DE12"}).json()
    assert [r["code"] for r in children["items"]] == ["DE125", "DE126"]
    assert client.get("/regions", params={"q": "heidel"}).json()["items"][0]["code"] == "DE125"


def test_taxonomies_by_code_and_label(client):
    schemes = {s["name"]: s for s in client.get("/taxonomies").json()}
    assert {"determinant", "phase", "instrument", "target-group", "actor-type"} <= set(schemes)
    assert schemes["phase"]["concepts"] == 4
    phases = client.get("/taxonomies/phase").json()
    assert [p["code"] for p in phases] == ["established", "growth", "pre-start", "start-up"]
    sub = client.get("/taxonomies/determinant/venture-capital").json()
    assert sub["broader"] == "https://w3id.org/rckg/concept/determinant/access-to-finance"
    assert client.get("/taxonomies/phase/Start-up").json()["code"] == "start-up"


def test_openapi_documents_every_resource(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/actors", "/actors/{actor_id}", "/services", "/services/{service_id}", "/regions",
                 "/regions/{code}", "/taxonomies", "/sparql", "/datasets/{dataset_id}", "/exports/hsds.json"):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_docs_page_uses_only_assets_served_here(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "/static/swagger-ui/swagger-ui-bundle.js" in page.text
    assert client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200
