"""Placing a hub by its city (kg/importers/lau.py): LAU names, Urban Audit city names and GeoNames city names
to NUTS 2024, through the 2016 -> 2021 -> 2024 code migration; ambiguous names stay coarser with the reason."""

from __future__ import annotations

import csv

import pytest

from kg.config import PROJECT_ROOT
from kg.importers.lau import LauTable, migrate
from kg.importers.nuts_versions import NutsVersions
from kg.importers.placement import Placer

DATA = PROJECT_ROOT / "data"
SOURCES = DATA / "sources"
COUNTRIES = {"AL", "BE", "DE", "ES", "FI", "HR", "IT", "LT", "NL", "PL"}


@pytest.fixture(scope="module")
def versions() -> NutsVersions:
    return NutsVersions(SOURCES)


@pytest.fixture(scope="module")
def placer(versions) -> Placer:
    return Placer(SOURCES, COUNTRIES, versions, LauTable(SOURCES, versions, COUNTRIES))


@pytest.mark.parametrize(("code_2016", "code_2024", "shifted"), [
    ("DEG0F", "DEG0T", True),  # Ilm-Kreis: boundary shift in 2024, continued under a new code
    ("FI1D2", "FI1DB", True),  # Pohjois-Savo
    ("BE221", "BE224", True),  # Arr. Hasselt: boundary change and recode in 2021
    ("NL332", "NL361", False),  # Agglomeratie 's-Gravenhage: a code change only
    ("HR041", "HR050", False),  # Grad Zagreb: reassigned to a new NUTS-2 region, same territory
    ("PL911", "PL911", False),
])
def test_2016_codes_reach_the_nuts_2024_region_that_holds_their_territory(versions, code_2016, code_2024, shifted):
    region = migrate(code_2016, versions)
    assert region.code == code_2024
    assert bool(region.note) == shifted


@pytest.mark.parametrize(("address", "country", "name", "code", "via"), [
    ("Microkatu 1, kuopio, Kuopio, Finland", "FI", "Finland", "FI1DB", "LAU 2019 table"),
    ("Gustav-kirchhoff-platz 2, Ilmenau, Germany", "DE", "Germany", "DEG0T", "LAU 2019 table"),
    ("Al.lotników 32/46, Warsaw, Poland", "PL", "Poland", "PL911", "GeoNames city Warsaw"),
    ("C/ isaac newton, s/n. pabellón de la ue., Seville, Spain", "ES", "Spain", "ES618", "GeoNames city Sevilla"),
    ("Anna van buerenplein 1, Den haag, Netherlands", "NL", "Netherlands", "NL361", "GeoNames city The Hague"),
    ("Savanorių pr. 221, Kaunas, Lithuania", "LT", "Lithuania", "LT022", "Urban Audit city"),
    ("DESHMORET E 4 SHKURTIT, 1001, Tirana, Albania", "AL", "Albania", "AL022", "GeoNames city Tirana"),
])
def test_a_city_places_a_hub_without_a_postcode_at_nuts3(placer, address, country, name, code, via):
    placement = placer.place(address, country, name)
    assert (placement.code, placement.method, placement.level) == (code, "locality", 3), placement.evidence
    assert via in placement.evidence


def test_a_city_name_of_two_municipalities_stays_at_the_region_containing_both(placer):
    placement = placer.place("Industrijska 3, novaki, Sveta nedelja, Croatia", "HR", "Croatia")
    assert placement.code == "HR0"
    assert "lie in 2 regions (HR036, HR065)" in placement.evidence


def test_a_place_that_is_no_municipality_stays_at_the_country(placer):
    # Jambes is a part of the municipality of Namur: neither a LAU nor a GeoNames city leading to one
    placement = placer.place("Avenue prince de liege, 133, Jambes, Belgium", "BE", "Belgium")
    assert (placement.code, placement.method) == ("BE", "country")


def test_a_geonames_city_does_not_lead_to_a_village_of_its_name(versions):
    # GeoNames' Warsaw has 1.7 million inhabitants; only a municipality holding half of them may stand for it
    table = LauTable(SOURCES, versions, {"PL"})
    for _, municipalities in table.exonyms[("PL", "warsaw")]:
        assert all(m.population >= 850_000 for m in municipalities)


def test_the_shipped_placements_put_the_named_hubs_at_nuts3():
    with (DATA / "edih" / "placement.csv").open(encoding="utf-8") as fh:
        rows = {row["hub_id"]: row for row in csv.DictReader(fh)}
    named = {"digicenterns": "FI1DB", "mittelstand-digital-centre-ilmenau": "DEG0T",
             "sirris-hub-additive-manufacturing-integrated-factory": "BE224", "piap-hub": "PL911",
             "confapi-digital-innovation-hub": "ITI43", "santaka-digital-innovation-hub": "LT022"}
    assert {hub: rows[hub]["region"] for hub in named} == named
