"""Upload caps in one place: the limits every reader enforces while reading, so that a spreadsheet bomb, a
huge CSV or an RDF file with millions of triples is refused within a second instead of exhausting the server.

Each refusal is an `InputTooLarge` (a LoadError, so the CLI reports it like any bad input; the API may map it
to 413) whose message names the file, the limit and the setting that raises it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from kg.config import Settings
from kg.errors import LoadError, Problem

# members smaller than this are never refused for their ratio: a tiny blank sheet compresses very well
RATIO_FLOOR_BYTES = 1024 * 1024


class InputTooLarge(LoadError):
    """An input over one of the upload caps (distinct so that the API can answer 413 instead of 400)."""


@dataclass(frozen=True)
class UploadCaps:
    rows: int
    columns: int
    cells: int
    file_bytes: int
    triples: int
    unzipped_bytes: int
    zip_ratio: int

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> UploadCaps:
        s = settings or Settings()
        return cls(s.max_upload_rows, s.max_upload_columns, s.max_upload_cells, s.max_upload_file_bytes,
                   s.max_upload_triples, s.max_upload_unzipped_bytes, s.max_upload_zip_ratio)


def too_large(origin: str, message: str) -> InputTooLarge:
    return InputTooLarge([Problem(origin, message)])


def check_file_bytes(origin: str, size: int, caps: UploadCaps) -> None:
    if size > caps.file_bytes:
        raise too_large(origin, f"the file has {size} bytes; the limit is {caps.file_bytes} bytes "
                                "(KG_MAX_UPLOAD_FILE_BYTES)")


def check_table_shape(origin: str, rows: int, columns: int, caps: UploadCaps, *, claims: bool = False,
                      kind: str = "sheet") -> None:
    """Refuse a table with more rows (not counting the header), columns or cells than the caps."""
    verb = "claims" if claims else "has"
    if rows > caps.rows or columns > caps.columns:
        raise too_large(origin, f"the {kind} {verb} {rows} rows x {columns} columns; the limit is {caps.rows} rows "
                                f"and {caps.columns} columns (KG_MAX_UPLOAD_ROWS, KG_MAX_UPLOAD_COLUMNS)")
    if rows * columns > caps.cells:
        raise too_large(origin, f"the {kind} {verb} {rows} rows x {columns} columns = {rows * columns} cells; "
                                f"the limit is {caps.cells} cells (KG_MAX_UPLOAD_CELLS)")


def check_zip(path: Path, caps: UploadCaps) -> None:
    """Refuse a workbook whose zip declares more uncompressed bytes, or a member compressed more, than the caps:
    read from the zip's directory, before any member is inflated."""
    origin = str(path)
    check_file_bytes(origin, path.stat().st_size, caps)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError([Problem(origin, f"not a readable XLSX workbook: {type(exc).__name__}")]) from exc
    total = sum(m.file_size for m in members)
    if total > caps.unzipped_bytes:
        raise too_large(origin, f"the workbook unpacks to {total} bytes; the limit is {caps.unzipped_bytes} bytes "
                                "(KG_MAX_UPLOAD_UNZIPPED_BYTES)")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > caps.zip_ratio:
            raise too_large(origin, f"{member.filename} is compressed {ratio:.0f} to 1; the limit is "
                                    f"{caps.zip_ratio} to 1 (KG_MAX_UPLOAD_ZIP_RATIO)")
