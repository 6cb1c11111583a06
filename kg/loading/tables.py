"""Reading the template's tables from CSV files or XLSX sheets into rows that remember where they came from."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from kg.errors import LoadError, Problem

TABLE_NAMES = ("dataset", "sources", "actors", "services", "relations")


@dataclass
class Row:
    number: int  # spreadsheet row number: the header is row 1
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def many(self, column: str) -> list[str]:
        return [v.strip() for v in self.get(column).split(";") if v.strip()]


@dataclass
class Table:
    name: str
    origin: str  # "path/actors.csv" or "book.xlsx, sheet actors": how errors name it
    columns: list[str]
    rows: list[Row]


def read_csv_table(path: Path, name: str) -> Table:
    data = path.read_bytes()
    if not data.strip():
        raise LoadError([Problem(str(path), "the file is empty")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(
            [Problem(str(path), f"not UTF-8 (byte {exc.start}); save the file as UTF-8", line=line)]
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                raise LoadError(
                    [Problem(str(path), f"{len(values)} cells but {len(header)} columns", row=reader.line_num)]
                )
            rows.append(Row(reader.line_num, dict(zip(header, values, strict=False))))
    except csv.Error as exc:
        raise LoadError([Problem(str(path), f"not valid CSV: {exc}", row=reader.line_num)]) from exc
    return Table(name, str(path), header, rows)


def read_csv_folder(folder: Path) -> dict[str, Table]:
    tables = {}
    problems = []
    for name in TABLE_NAMES:
        path = folder / f"{name}.csv"
        if path.exists():
            try:
                tables[name] = read_csv_table(path, name)
            except LoadError as exc:
                problems.extend(exc.problems)
    if problems:
        raise LoadError(problems)
    return tables


def read_workbook(path: Path) -> dict[str, Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken zip/xml
        raise LoadError([Problem(str(path), f"not a readable XLSX workbook: {type(exc).__name__}")]) from exc
    tables = {}
    for name in TABLE_NAMES:
        if name not in book.sheetnames:
            continue
        sheet = book[name]
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            continue
        header = [str(h).strip() if h is not None else "" for h in values[0]]
        rows = []
        for number, raw in enumerate(values[1:], start=2):
            cells = {h: _cell(v) for h, v in zip(header, raw, strict=False) if h}
            if any(cells.values()):
                rows.append(Row(number, cells))
        tables[name] = Table(name, f"{path}, sheet {name}", header, rows)
    book.close()
    return tables


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
