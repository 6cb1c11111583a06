"""The services look-up as the finder needs it: a facet named twice means either value, every response counts the
matching services per facet, a region may be named as people name it, and free text reaches categories and
instruments. On the toy region, whose six services are listed in tests/fixtures/toy-region/services.csv."""

from __future__ import annotations

import pytest

from tests.api_support import api_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with api_client(tmp_path_factory.mktemp("facets")) as c:
        yield c


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(item["id"] for item in response.json()["items"])


def counts(response, facet: str) -> dict[str, int]:
    return {f["code"]: f["count"] for f in response.json()["facets"][facet]}


def test_a_repeated_facet_matches_any_of_its_values(client):
    finance = ids(client.get("/services", params={"determinant": "venture-capital"}))
    training = ids(client.get("/services", params={"determinant": "training-experience-entrepreneurs"}))
    both = ids(client.get("/services", params=[("determinant", "venture-capital"),
                                               ("determinant", "training-experience-entrepreneurs")]))
    assert finance == ["toy-investor-days", "toy-seed-fund"] and training == ["toy-coaching"]
    assert both == sorted(finance + training)
    # facets still combine with AND: of those three, only the investor days run at growth
    assert ids(client.get("/services", params=[("determinant", "venture-capital"),
                                               ("determinant", "training-experience-entrepreneurs"),
                                               ("phase", "growth")])) == ["toy-investor-days"]


def test_one_unknown_value_among_several_is_refused_by_name(client):
    response = client.get("/services", params=[("phase", "start-up"), ("phase", "later")])
    assert response.status_code == 422
    assert "unknown phase 'later'" in response.json()["detail"]
    too_many = client.get("/services", params=[("role", "investor")] * 31)
    assert too_many.status_code == 422


def test_counts_per_facet_are_those_a_filter_would_give(client):
    response = client.get("/services", params={"determinant": "access-to-finance"})
    assert response.json()["total"] == 2
    assert counts(response, "phase") == {"start-up": 2, "growth": 1}
    # a category counts the services of its sub-determinants
    assert counts(response, "determinant") == {"access-to-finance": 2, "venture-capital": 2}
    assert counts(response, "category") == {"access-to-finance": 2}
    for code, n in counts(response, "phase").items():
        narrowed = client.get("/services", params={"determinant": "access-to-finance", "phase": code})
        assert narrowed.json()["total"] == n
    everything = client.get("/services")
    assert sum(counts(everything, "category").values()) == everything.json()["total"] == 6
    assert client.get("/services", params={"facets": "false"}).json()["facets"] == {}


def test_a_region_may_be_named_as_people_name_it(client):
    by_code = ids(client.get("/services", params={"region": "DE126"}))
    for name in ("Mannheim", "mannheim", "Mannheim, Stadtkreis", "Manheim"):
        assert ids(client.get("/services", params={"region": name})) == by_code, name
    assert ids(client.get("/services", params={"region": "Wurttemberg"})) == ids(
        client.get("/services", params={"region": "DE1"}))
    unknown = client.get("/services", params={"region": "Atlantis"})
    assert unknown.status_code == 422 and "unknown region 'Atlantis'" in unknown.json()["detail"]


def test_free_text_searches_categories_and_instruments_too(client):
    # no service of the toy region has 'investment' or 'equity' in its name or description
    assert ids(client.get("/services", params={"q": "investment"})) == ["toy-seed-fund"]  # Equity investment
    assert ids(client.get("/services", params={"q": "Access to finance"})) == ["toy-investor-days", "toy-seed-fund"]
    assert ids(client.get("/services", params={"q": "seed fund"})) == ["toy-seed-fund"]  # its name
    assert ids(client.get("/services", params={"q": "nothing like this"})) == []
