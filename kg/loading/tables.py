"""Reading the template's tables from CSV files or XLSX sheets into rows that remember where they came from."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from kg.errors import LoadError, Problem
from kg.loading.caps import InputTooLarge, UploadCaps, check_file_bytes, check_table_shape, check_zip, too_large

TABLE_NAMES = ("dataset", "sources", "actors", "services", "relations")
REQUIRED_TABLES = ("dataset", "sources", "actors")  # the template cannot be read without these


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


def normalise_header(value: object) -> str:
    """`Sphere ` and `SPHERE` are the column `sphere`: stewards' headers differ only in case and spacing."""
    return str(value).strip().lower() if value is not None else ""


def read_csv_table(path: Path, name: str, caps: UploadCaps | None = None) -> Table:
    caps = caps or UploadCaps.from_settings()
    check_file_bytes(str(path), path.stat().st_size, caps)
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
        header = [normalise_header(h) for h in next(reader)]
        check_table_shape(str(path), 0, len(header), caps, kind="table")
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                raise LoadError(
                    [Problem(str(path), f"{len(values)} cells but {len(header)} columns", row=reader.line_num)]
                )
            rows.append(Row(reader.line_num, dict(zip(header, values, strict=False))))
            if len(rows) > caps.rows or len(rows) * len(header) > caps.cells:
                check_table_shape(str(path), len(rows), len(header), caps, kind="table")
    except csv.Error as exc:
        raise LoadError([Problem(str(path), f"not valid CSV: {exc}", row=reader.line_num)]) from exc
    return Table(name, str(path), header, rows)


def read_csv_folder(folder: Path, caps: UploadCaps | None = None) -> dict[str, Table]:
    caps = caps or UploadCaps.from_settings()
    tables = {}
    problems = []
    over_cap = False
    for name in TABLE_NAMES:
        path = folder / f"{name}.csv"
        if path.exists():
            try:
                tables[name] = read_csv_table(path, name, caps)
            except LoadError as exc:
                problems.extend(exc.problems)
                over_cap = over_cap or isinstance(exc, InputTooLarge)
    if problems:
        raise (InputTooLarge if over_cap else LoadError)(problems)
    return tables


def read_workbook(path: Path, caps: UploadCaps | None = None) -> dict[str, Table]:
    """The template's tables from a workbook, read in streaming mode within the caps: the zip and each sheet's
    declared dimension are checked before any cell is parsed, and streaming stops at the caps."""
    from openpyxl import load_workbook

    caps = caps or UploadCaps.from_settings()
    check_zip(path, caps)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken zip/xml
        raise LoadError([Problem(str(path), f"not a readable XLSX workbook: {type(exc).__name__}")]) from exc
    try:
        sheets = _sheets_by_table(path, book.sheetnames)
        return {name: table for name, title in sheets.items()
                if (table := _read_sheet(book[title], name, f"{path}, sheet {title}", caps)) is not None}
    finally:
        book.close()


def _sheets_by_table(path: Path, titles: list[str]) -> dict[str, str]:
    """Sheet titles by table name, matched without regard to case, spaces or a `.csv` suffix (`Actors.csv`)."""
    found: dict[str, str] = {}
    for title in titles:
        key = title.strip().lower().removesuffix(".csv").strip()
        if key in TABLE_NAMES and key not in found:
            found[key] = title
    missing = [name for name in REQUIRED_TABLES if name not in found]
    if missing:
        listed = ", ".join(repr(t) for t in titles) or "none"
        raise LoadError([Problem(str(path), f"no sheet for the {', '.join(missing)} table(s); the sheets found are "
                                            f"{listed}; name the sheets {', '.join(TABLE_NAMES)}")])
    return found


def _read_sheet(sheet, name: str, origin: str, caps: UploadCaps) -> Table | None:
    if sheet.max_row is not None and sheet.max_column is not None:
        check_table_shape(origin, max(sheet.max_row - 1, 0), sheet.max_column, caps, claims=True)
    # one row and one column beyond the caps, to see an excess (a sheet may lie about its dimension) without
    # reading or padding any further
    stream = sheet.iter_rows(min_row=1, max_row=caps.rows + 2, max_col=caps.columns + 1, values_only=True)
    header_values = next(stream, None)
    if header_values is None:
        return None
    _check_width(origin, 1, header_values, caps)
    header = [normalise_header(h) for h in header_values]
    while header and not header[-1]:
        header.pop()
    rows: list[Row] = []
    cells = 0
    for number, raw in enumerate(stream, start=2):
        _check_width(origin, number, raw, caps)
        if number - 1 > caps.rows:
            raise too_large(origin, f"the sheet has more than {caps.rows} rows; the limit is {caps.rows} rows "
                                    "(KG_MAX_UPLOAD_ROWS)")
        values = {h: _cell(v) for h, v in zip(header, raw, strict=False) if h}
        filled = sum(1 for v in values.values() if v)
        if filled:
            rows.append(Row(number, values))
            cells += filled
        if cells > caps.cells:
            raise too_large(origin, f"the sheet has more than {caps.cells} filled cells; the limit is {caps.cells} "
                                    "cells (KG_MAX_UPLOAD_CELLS)")
    return Table(name, origin, header, rows)


def _check_width(origin: str, number: int, values: tuple, caps: UploadCaps) -> None:
    if len(values) > caps.columns and values[caps.columns] not in (None, ""):
        raise too_large(origin, f"row {number} has cells beyond column {caps.columns}; the limit is {caps.columns} "
                                "columns (KG_MAX_UPLOAD_COLUMNS)")


def _cell(value: object) -> str:
    """A cell as text; Excel dates become ISO dates (a datetime at midnight is just its date)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() and value.tzinfo is None else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
