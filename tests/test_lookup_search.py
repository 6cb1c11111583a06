"""Finding by name as people type: case, accents, word order, a cut-short word and one typo forgiven; the
whole name ranks first; the site search lists regions, actors and services with where each opens."""

from __future__ import annotations

import pytest

from kg.lookup.search import NameIndex, one_edit_apart
from tests.api_support import api_client

NAMES = NameIndex([("DE126", ["Mannheim, Stadtkreis", "Mannheim"]), ("DE125", ["Heidelberg, Stadtkreis"]),
                   ("AT", ["Österreich", "Austria"]), ("MIT", ["Massachusetts Institute of Technology (MIT)"])])


def first(text: str) -> str | None:
    hits = NAMES.find(text)
    return hits[0].item if hits else None


@pytest.mark.parametrize("text, item", [
    ("Mannheim", "DE126"), ("MANNHEIM", "DE126"), ("manheim", "DE126"), ("Mannhiem", "DE126"),
    ("mann", "DE126"), ("stadtkreis heidelberg", "DE125"), ("heidelburg", "DE125"),
    ("osterreich", "AT"), ("Oesterreich", "AT"), ("austria", "AT"), ("institute massachusetts", "MIT"),
])
def test_names_are_found_as_people_type_them(text, item):
    assert first(text) == item


def test_the_exact_name_ranks_above_a_name_it_begins():
    index = NameIndex([("long", ["Mannheimer Morgen"]), ("exact", ["Mannheim"])])
    assert [h.item for h in index.find("mannheim")] == ["exact", "long"]
    assert index.find("") == [] and index.find("zzz") == []


@pytest.mark.parametrize("a, b, near", [
    ("manheim", "mannheim", True), ("mannhiem", "mannheim", True), ("heidelburg", "heidelberg", True),
    ("munich", "mannheim", False), ("abc", "abcde", False),
])
def test_one_edit_apart(a, b, near):
    assert one_edit_apart(a, b) is near


def test_the_site_search_lists_regions_actors_and_services(tmp_path):
    with api_client(tmp_path) as client:
        regions = client.get("/search", params={"q": "wurttemberg", "format": "json"}).json()["items"]
        actors = client.get("/search", params={"q": "toy clustr", "format": "json"}).json()["items"]
        services = client.get("/search", params={"q": "seed", "kind": "service", "format": "json"}).json()["items"]
        page = client.get("/search", params={"q": "mannheim"}, headers={"Accept": "text/html"})
    assert [(i["kind"], i["code"], i["url"]) for i in regions] == [("region", "DE1", "/regions/DE1/dashboard")]
    assert actors[0]["name"] == "Toy Cluster Management" and actors[0]["url"] == "/actors/toy-cluster"
    assert [i["id"] for i in services] == ["toy-seed-fund"]
    assert page.status_code == 200 and "/regions/DE126/dashboard" in page.text
