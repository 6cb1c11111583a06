"""The NUTS version guard: a data set written with codes of an older NUTS version fails with a message that names
the code, its version and where its territory went, instead of a bare "unknown region" (or a silent miss)."""

from __future__ import annotations

import csv

import pytest

from kg.config import PROJECT_ROOT
from kg.errors import LoadError
from kg.importers.nuts_versions import NutsVersions, write_retired
from kg.loading.loader import load_paths
from kg.loading.nuts_guard import RetiredCodes

RETIRED = RetiredCodes(PROJECT_ROOT / "data" / "crosswalks" / "nuts-retired-codes.csv")


@pytest.mark.parametrize(("code", "expected"), [
    ("NL332", "NL332 is a NUTS 2021 code that no longer exists in NUTS 2024 (code change: now NL361, same territory)"),
    ("DEG0P", "DEG0P is a NUTS 2021 code that no longer exists in NUTS 2024 (boundary shift: its territory is now "
              "in DEG0R, with other boundaries)"),
    ("de915", "DE915 is a NUTS 2013 code that no longer exists in NUTS 2024 (discontinued; merged with ex-de919: its "
              "territory is now in DE91C, with other boundaries)"),
    ("FR71", "FR71 is a NUTS 2013 code that no longer exists in NUTS 2024 (recoded: now FRK2, same territory)"),
    ("UKI3", "UKI3 is a NUTS 2021 code that no longer exists in NUTS 2024 (NUTS 2024 does not cover the United "
             "Kingdom; use UK)"),
    ("XX999", "unknown region code 'XX999' (NUTS 2024 code, US-XX, US-<FIPS> or ISO country)"),
])
def test_explain_names_the_version_of_a_retired_code_and_its_successor(code, expected):
    assert RETIRED.explain(code) == expected


def test_a_2021_statistical_region_that_was_split_is_explained_as_retired():
    explained = RETIRED.explain("NO082")
    assert explained.startswith("NO082 is a NUTS 2021 code that no longer exists in NUTS 2024 (split")


def test_template_data_set_with_a_2021_code_fails_naming_the_code_and_keeps_the_store(settings, mini_store, toy_copy):
    actors = toy_copy / "actors.csv"
    rows = list(csv.DictReader(actors.open(encoding="utf-8")))
    rows[0]["located_in"] = "NL332"
    with actors.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    before = mini_store.triple_count()
    with pytest.raises(LoadError) as caught:
        load_paths([toy_copy], settings, mini_store)
    problem = next(p for p in caught.value.problems if p.column == "located_in")
    assert problem.row == 2 and problem.value == "NL332"
    assert "NUTS 2021 code that no longer exists in NUTS 2024" in problem.message and "NL361" in problem.message
    assert mini_store.triple_count() == before


def test_shipped_retired_codes_table_is_up_to_date(tmp_path):
    fresh = tmp_path / "retired.csv"
    write_retired(NutsVersions(PROJECT_ROOT / "data" / "sources"), fresh)
    assert fresh.read_text(encoding="utf-8") == RETIRED.path.read_text(encoding="utf-8")


def test_every_2021_code_is_either_current_or_explained():
    current = NutsVersions(PROJECT_ROOT / "data" / "sources").codes["2024"]
    with (PROJECT_ROOT / "data" / "sources" / "nuts2024" / "nuts2021.csv").open(encoding="utf-8") as fh:
        codes_2021 = {row["code"] for row in csv.DictReader(fh)}
    assert all(code in current or code in RETIRED.rows for code in codes_2021)
