"""Rendering results for the terminal (rich tables) or for machines (csv, tsv, json)."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.errors import Problem
from kg.exports.cells import spreadsheet_safe
from kg.store import SelectResult

console = Console()
err_console = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def cell(value: object) -> str:
    return "" if value is None else str(value)


def print_rows(columns: list[str], rows: list[dict], fmt: Format, title: str | None = None) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt in (Format.csv, Format.tsv):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[spreadsheet_safe(cell(r.get(c))) for c in columns] for r in rows])
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for r in rows:
            table.add_row(*[cell(r.get(c)) for c in columns])
        console.print(table)
        console.print(f"[dim]{len(rows)} row(s)[/dim]")


def print_select(result: SelectResult, fmt: Format) -> None:
    rows = [{v: (None if r.get(v) is None else str(r[v])) for v in result.variables} for r in result.rows]
    print_rows(result.variables, rows, fmt)


def print_problems(problems: list[Problem]) -> None:
    err_console.print(f"[bold red]{len(problems)} problem(s):[/bold red]")
    for problem in problems:
        err_console.print(f"  [red]✗[/red] {escape(str(problem))}", highlight=False, soft_wrap=True)
