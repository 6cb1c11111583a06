"""Finding data sets on disk: a template folder, an XLSX workbook, Turtle/JSON-LD files, or a tree of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kg.errors import LoadError, Problem
from kg.rdfio import RDF_FORMATS

Kind = Literal["csv", "xlsx", "rdf"]
DATASET_ID = re.compile(r"\A[a-z0-9][a-z0-9-]*\Z")  # \Z: "$" would also admit a trailing newline


@dataclass(frozen=True)
class DataSetSource:
    id: str
    kind: Kind
    files: tuple[Path, ...]
    path: Path  # the folder or file the data set was named by


def _rdf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in RDF_FORMATS)


def _in_folder(folder: Path) -> DataSetSource | None:
    if (folder / "dataset.csv").exists():
        return DataSetSource(folder.name, "csv", (folder,), folder)
    books = sorted(folder.glob("*.xlsx"))
    if len(books) == 1:
        return DataSetSource(folder.name, "xlsx", (books[0],), folder)
    if rdf := _rdf_files(folder):
        return DataSetSource(folder.name, "rdf", tuple(rdf), folder)
    return None


def _walk(folder: Path) -> list[DataSetSource]:
    own = _in_folder(folder)
    if own is not None:
        return [own]
    found: list[DataSetSource] = []
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        found.extend(_walk(child))
    return found


def discover(path: Path) -> list[DataSetSource]:
    """Data sets named by `path`: a data-set file, a data-set folder, or a tree searched for data-set folders."""
    path = path.resolve()
    if not path.exists():
        raise LoadError([Problem(str(path), "no such file or folder")])
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            found = [DataSetSource(path.stem, "xlsx", (path,), path)]
        elif suffix in RDF_FORMATS:
            found = [DataSetSource(path.stem, "rdf", (path,), path)]
        elif suffix == ".csv":
            raise LoadError([Problem(str(path), "a CSV file belongs to a template folder: name the folder")])
        else:
            raise LoadError([Problem(str(path), f"unsupported file type {suffix!r}")])
    else:
        found = _walk(path)
        if not found:
            raise LoadError([Problem(str(path), "no data set here (no dataset.csv, .xlsx, .ttl or .jsonld)")])
    problems = [
        Problem(str(ds.path), "data set ids use lower-case letters, digits and hyphens (rename it)", value=ds.id)
        for ds in found
        if not DATASET_ID.match(ds.id)
    ]
    ids = [ds.id for ds in found]
    problems += [
        Problem(str(ds.path), "two data sets share this id", value=ds.id) for ds in found if ids.count(ds.id) > 1
    ]
    if problems:
        raise LoadError(problems)
    return found
