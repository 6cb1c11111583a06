"""The map's JSON on the small fixtures: every region of the level with its value, and 422 for bad values."""

from __future__ import annotations

import pytest

from tests.api_support import api_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with api_client(tmp_path_factory.mktemp("map")) as c:
        yield c


def test_level_three_lists_every_region_with_a_value(client):
    data = client.get("/map/data.json?level=3&measure=gaps").json()
    assert {r["code"] for r in data["regions"]} == {"DE111", "DE125", "DE126"}
    assert all(isinstance(r["value"], int) for r in data["regions"]) and data["higher_is_worse"]


@pytest.mark.parametrize("query", ["level=7", "measure=nope", "measure=cell", "measure=cell&determinant=nope",
                                   "measure=indicator&indicator=nope", "country=ZZ"])
def test_bad_values_answer_422(client, query):
    assert client.get(f"/map/data.json?{query}").status_code == 422
