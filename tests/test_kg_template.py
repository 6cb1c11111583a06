"""`kg template`: the workbook a steward fills loads as written, offers the taxonomy codes as drop-downs, explains
every column the loader checks, and a workbook with mistakes fails with messages that say what to write."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kg.cli.main import app
from kg.errors import LoadError
from kg.loading.loader import validate_paths
from kg.loading.template import COLUMNS
from kg.loading.workbook import write_template
from kg.namespaces import actor_iri
from kg.ontology import taxonomy_index

TAXONOMY_COLUMNS = {"actor_type", "sphere", "instruments", "roles", "determinants", "phases", "target_groups",
                    "service_category", "delivery", "relation"}


@pytest.fixture
def workbook(tmp_path: Path, settings) -> Path:
    return write_template(tmp_path / "my-region", taxonomy_index(settings.ontology_dir), settings.ontology_dir)


def test_cli_writes_the_workbook_into_a_folder(tmp_path: Path):
    result = CliRunner().invoke(app, ["template", str(tmp_path / "new-region")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new-region" / "template.xlsx").exists()


def test_the_example_rows_load_as_written(workbook: Path, settings, mini_store):
    graphs = validate_paths([workbook.parent], settings, mini_store)
    graph = graphs["my-region"]
    assert (actor_iri("my-region-incubator"), None, None) in graph


def test_one_sheet_per_table_with_the_loaders_columns(workbook: Path):
    book = load_workbook(workbook)
    assert {"instructions", "dataset", "sources", "actors", "services", "relations"} <= set(book.sheetnames)
    assert book.sheetnames[0] == "instructions"
    assert book["lists"].sheet_state == "hidden"
    for table, columns in COLUMNS.items():
        assert [c.value for c in book[table][1]] == [c.name for c in columns]
        assert book[table].max_row >= 2  # an example row


def test_every_taxonomy_column_has_a_drop_down_of_its_codes(workbook: Path, settings):
    book = load_workbook(workbook)
    lists = book["lists"]
    covered = set()
    for table, columns in COLUMNS.items():
        sheet = book[table]
        header = [c.value for c in sheet[1]]
        for validation in sheet.data_validations.dataValidation:
            assert validation.type == "list"
            column = header[next(iter(validation.sqref.ranges)).min_col - 1]
            covered.add(column)
            ref = validation.formula1.split("!")[1].replace("$", "")
            values = [row[0].value for row in lists[ref]]
            spec = next(c for c in columns if c.name == column)
            if spec.scheme:
                assert sorted(values) == taxonomy_index(settings.ontology_dir)[spec.scheme].codes()
            else:
                assert tuple(values) == spec.choices
    assert covered >= TAXONOMY_COLUMNS


def test_instructions_explain_every_column(workbook: Path):
    sheet = load_workbook(workbook)["instructions"]
    explained = {(r[0], r[1]): r[3] for r in sheet.iter_rows(values_only=True) if r[0] in COLUMNS}
    for table, columns in COLUMNS.items():
        for column in columns:
            assert explained[(table, column.name)] == column.meaning


def _set(sheet, row: int, column: str, value: str) -> None:
    header = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=header.index(column) + 1, value=value)


def test_a_workbook_with_mistakes_names_each_one(workbook: Path, settings, mini_store):
    book = load_workbook(workbook)
    _set(book["actors"], 2, "actor_type", "incubatr")
    _set(book["actors"], 2, "located_in", "DE12X")
    _set(book["actors"], 3, "id", "my-region-incubator")
    _set(book["services"], 2, "determinants", "Acess to other types of equity")
    _set(book["services"], 2, "source", "src-2")
    _set(book["relations"], 2, "relation", "colaborates_with")
    book.save(workbook)
    with pytest.raises(LoadError) as info:
        validate_paths([workbook.parent], settings, mini_store)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "sheet actors, row 2, actor_type: unknown actor-type" in text and "did you mean 'incubator'" in text
    assert "row 2, located_in: unknown region code 'DE12X'" in text and "'DE126'" in text
    assert "sheet actors, row 3, id: duplicate id: row 2 has the same id (row 3 repeats it)" in text
    assert "did you mean 'Access to other types of equity'" in text
    assert "sheet services, row 2, source: not an id of sources.csv; did you mean 'src-1'?" in text
    assert "funded_by: refers to an actor defined neither in actors.csv nor in any loaded data set" in text
    assert "sheet relations, row 2, relation: write one of" in text and "did you mean 'collaborates-with'" in text
