"""The finder (/find): who helps with a need in a region, in the order to try them, as JSON and as a page.
On the toy region: Toy Cluster Management runs investor days (venture capital, start-up) and refers to the
Toy Incubator's incubation programme; the ministry's research programme is offered in all of DE."""

from __future__ import annotations

import pytest

from tests.api_support import api_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with api_client(tmp_path_factory.mktemp("finder")) as c:
        yield c


def found(client, **params) -> dict:
    response = client.get("/find", params={**params, "format": "json"})
    assert response.status_code == 200, response.text
    return response.json()


def routes(result: dict) -> list[tuple[str, str]]:
    return [(e["route"], e["service"]["id"]) for e in result["direct"] + result["referrals"] + result["from_above"]]


def test_a_region_by_name_a_category_and_a_phase(client):
    result = found(client, region="Mannheim", need="access-to-finance", phase="start-up")
    assert result["region"]["code"] == "DE126"
    assert routes(result) == [("direct", "toy-investor-days")]
    entry = result["direct"][0]
    assert entry["service"]["provider"]["name"] == "Toy Cluster Management"
    assert [s["title"] for s in entry["sources"]] == ["Test fixture"]
    assert result["thin"] is True and result["thin_reasons"]  # two actors seated: the answer says so


def test_direct_providers_come_before_the_doors_that_refer(client):
    result = found(client, region="DE126", need="entrepreneurship-infrastructure", phase="start-up")
    assert routes(result) == [("direct", "toy-incubation"), ("signposting", "toy-incubation-referral")]
    door = result["referrals"][0]["service"]
    assert [a["id"] for a in door["signposts_to"]] == ["toy-incubator"]


def test_a_national_programme_is_listed_as_served_from_above(client):
    result = found(client, region="DE126", need="rd-investment", phase="growth")
    assert routes(result) == [("from-above", "toy-research-programme")]
    assert result["from_above"][0]["served_from"]["code"] == "DE"


def test_incomplete_or_unknown_questions_answer_422(client):
    assert client.get("/find", params={"format": "json"}).status_code == 422
    wrong = client.get("/find", params={"region": "DE126", "need": "happiness", "phase": "start-up",
                                        "format": "json"})
    assert wrong.status_code == 422 and "happiness" in wrong.json()["detail"]


def test_the_page_shows_the_form_the_answer_and_a_share_link(client):
    empty = client.get("/find", headers={"Accept": "text/html"})
    assert empty.status_code == 200 and 'name="need"' in empty.text and "Venture capital" in empty.text
    page = client.get("/find", params={"region": "Mannheim", "need": "access-to-finance", "phase": "start-up"},
                      headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "Investor days" in page.text and "Toy Cluster Management" in page.text
    assert "/find?region=DE126&amp;need=access-to-finance&amp;phase=start-up" in page.text
    unknown = client.get("/find", params={"region": "Atlantis", "need": "access-to-finance", "phase": "start-up"},
                         headers={"Accept": "text/html"})
    assert unknown.status_code == 200 and "Atlantis" in unknown.text
