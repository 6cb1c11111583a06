"""Reading tables as stewards write them: headers in any case with stray spaces, Excel date cells, and sheets
named after the CSV files (`actors.csv`); a workbook without the needed sheets lists the sheets it has."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from kg.errors import LoadError
from kg.loading.tables import read_csv_table, read_workbook


def _book(path: Path, titles: list[str], actors: list[list[object]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title in titles:
        sheet = book.create_sheet(title)
        for row in actors if "actor" in title.lower() else [["id"], ["x"]]:
            sheet.append(row)
    book.save(path)
    return path


def test_csv_headers_are_normalised_for_case_and_spaces(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("ID, Sphere ,Name\na1,business,Acme\n")
    table = read_csv_table(path, "actors")
    assert table.columns == ["id", "sphere", "name"]
    assert table.rows[0].get("sphere") == "business"


def test_xlsx_headers_are_normalised_and_dates_become_iso(tmp_path):
    rows = [["Id", "Sphere ", "VALID_FROM", "valid_until"],
            ["a1", "business", datetime(2024, 1, 1), date(2025, 6, 30)],
            ["a2", "science", datetime(2024, 1, 1, 13, 30), None]]
    tables = read_workbook(_book(tmp_path / "book.xlsx", ["dataset", "sources", "actors"], rows))
    actors = tables["actors"]
    assert actors.columns == ["id", "sphere", "valid_from", "valid_until"]
    assert [r.get("valid_from") for r in actors.rows] == ["2024-01-01", "2024-01-01T13:30:00"]
    assert actors.rows[0].get("valid_until") == "2025-06-30"
    assert actors.rows[0].get("sphere") == "business"


def test_sheets_named_like_the_csv_files_are_accepted(tmp_path):
    rows = [["id"], ["a1"]]
    path = _book(tmp_path / "book.xlsx", ["Dataset.csv", "sources.CSV", " actors.csv "], rows)
    tables = read_workbook(path)
    assert set(tables) == {"dataset", "sources", "actors"}
    assert tables["actors"].origin == f"{path}, sheet  actors.csv "


def test_a_workbook_without_the_needed_sheets_lists_the_sheets_found(tmp_path):
    path = _book(tmp_path / "book.xlsx", ["Sheet1", "people"], [["id"], ["a1"]])
    with pytest.raises(LoadError) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert "dataset, sources, actors" in message
    assert "'Sheet1', 'people'" in message
    assert "name the sheets dataset, sources, actors, services, relations" in message
