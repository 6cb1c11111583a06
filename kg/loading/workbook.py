"""The template as an XLSX workbook a steward fills without help: one sheet per table with the loader's columns and
a filled example row that loads, drop-down lists of the taxonomy codes, and an instructions sheet.

Columns, required flags, meanings and drop-downs all come from kg.loading.template.COLUMNS, the definitions the
loader checks against, so the workbook cannot drift from what loading accepts."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kg.loading.template import COLUMNS, Column
from kg.ontology import SchemeIndex, concept_rows

LISTS_SHEET = "lists"

# one example per table that loads as it is (given the region DE126): a steward overwrites it
EXAMPLE: dict[str, list[dict[str, str]]] = {
    "dataset": [
        {"key": "id", "value": "my-region"},  # replaced by the id the workbook's path gives
        {"key": "title", "value": "Entrepreneurship support in my region"},
        {"key": "description", "value": "Who supports entrepreneurs in the region, with what, for whom"},
        {"key": "publisher", "value": "The data steward's organisation"},
        {"key": "license", "value": "https://creativecommons.org/licenses/by/4.0/"},
    ],
    "sources": [{"id": "src-1", "title": "Regional innovation strategy", "url": "https://example.org/strategy.pdf",
                 "publisher": "Regional government", "year": "2024"}],
    "actors": [{"id": "my-region-incubator", "name": "Example Incubator", "kind": "organisation",
                "actor_type": "incubator", "sphere": "public-private", "located_in": "DE126",
                "description": "The region's incubator", "source": "src-1", "source_locator": "p. 12",
                "source_quote": "the incubator offers coaching to start-ups", "inferred": "no"},
               {"id": "my-region-agency", "name": "Example Development Agency", "kind": "organisation",
                "actor_type": "regional-development-agency", "sphere": "public", "located_in": "DE126",
                "source": "src-1", "source_locator": "p. 13", "inferred": "no"}],
    "services": [{"id": "my-region-coaching", "provider": "my-region-incubator", "name": "Start-up coaching",
                  "service_category": "business-consultancy", "instruments": "coaching", "roles": "service-provider",
                  "determinants": "entrepreneurial-capabilities", "phases": "start-up", "target_groups": "start-ups",
                  "delivery": "direct", "funded_by": "my-region-agency", "valid_from": "2020", "source": "src-1",
                  "source_locator": "p. 12", "source_quote": "the incubator offers coaching to start-ups",
                  "inferred": "no"}],
    "relations": [{"subject": "my-region-incubator", "relation": "collaborates-with", "object": "my-region-agency",
                   "note": "They run the coaching together", "source": "src-1", "source_locator": "p. 13",
                   "inferred": "yes"}],
}


def write_template(path: Path, schemes: dict[str, SchemeIndex], ontology_dir: Path) -> Path:
    """Write the template workbook to `path` (a .xlsx file, or a folder to hold template.xlsx); the example's data-set
    id is the one the loader derives from that path (the file's stem, or the folder's name)."""
    dataset_id = path.stem if path.suffix.lower() == ".xlsx" else path.name
    if path.suffix.lower() != ".xlsx":
        path = path / "template.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    _instructions(book)
    ranges = _lists(book, schemes, ontology_dir)
    for table, columns in COLUMNS.items():
        sheet = book.create_sheet(table)
        sheet.append([c.name for c in columns])
        for cell, column in zip(sheet[1], columns, strict=True):
            cell.font = Font(bold=column.required)
        for example in EXAMPLE[table]:
            if example.get("key") == "id":
                example = {"key": "id", "value": dataset_id}
            sheet.append([example.get(c.name, "") for c in columns])
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
            if (table, column.name) in ranges:
                validation = DataValidation(
                    type="list", formula1=ranges[(table, column.name)], allow_blank=True, errorStyle="warning",
                    showErrorMessage=True, errorTitle=column.name,
                    error="Not in the list (a label is accepted too; several values are separated with ';')")
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}1000")
        sheet.freeze_panes = "A2"
    book.move_sheet("instructions", offset=-book.index(book["instructions"]))
    book.active = book.index(book["dataset"])
    book.save(path)
    return path


def _lists(book: Workbook, schemes: dict[str, SchemeIndex], ontology_dir: Path) -> dict[tuple[str, str], str]:
    """A hidden sheet with each list: a scheme's codes with their labels beside them, or a column's fixed choices;
    returns the drop-down range of every (table, column) that has one."""
    sheet = book.create_sheet(LISTS_SHEET)
    lists: dict[str, list[tuple[str, str]]] = {
        name: [(r["code"], r["label"]) for r in concept_rows(ontology_dir, name)] for name in schemes
    }
    for table, columns in COLUMNS.items():
        lists |= {f"{table}.{c.name}": [(v, "") for v in c.choices] for c in columns if c.choices}
    where: dict[str, str] = {}
    for index, (title, values) in enumerate(lists.items()):
        code, label = get_column_letter(2 * index + 1), get_column_letter(2 * index + 2)
        sheet[f"{code}1"], sheet[f"{label}1"] = title, "label"
        for row, (value, text) in enumerate(values, start=2):
            sheet[f"{code}{row}"], sheet[f"{label}{row}"] = value, text
        where[title] = f"{LISTS_SHEET}!${code}$2:${code}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return {(table, c.name): where[c.scheme or f"{table}.{c.name}"]
            for table, columns in COLUMNS.items() for c in columns if c.scheme or c.choices}


def _instructions(book: Workbook) -> None:
    sheet = book.create_sheet("instructions")
    sheet.append(["How to fill this workbook"])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        "One sheet per table; one row per source, actor, service or relation. Bold columns are required.",
        "Several values in one cell are separated with ';'. Taxonomy columns take a code (drop-down) or a label; "
        "`kg taxonomy list SCHEME` lists codes, labels and alternative labels.",
        "Ids are global: an actor id of another loaded data set may be used in provider, funded_by, "
        "signposts_to, subject and object.",
        "Check with `kg validate FILE.xlsx`; every problem is named by sheet, row and column.",
        "",
    ):
        sheet.append([line])
    sheet.append(["table", "column", "required", "meaning", "values"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for table, columns in COLUMNS.items():
        for column in columns:
            sheet.append([table, column.name, "yes" if column.required else "no", column.meaning, _values(column)])
    for letter, width in zip("ABCDE", (12, 18, 10, 90, 50), strict=True):
        sheet.column_dimensions[letter].width = width


def _values(column: Column) -> str:
    if column.scheme:
        return f"a code of the {column.scheme} scheme (drop-down; kg taxonomy list {column.scheme})"
    return ", ".join(column.choices)
