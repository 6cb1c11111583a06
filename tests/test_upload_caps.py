"""Upload caps enforced by the readers: real spreadsheet bombs, a huge CSV and RDF over the triple cap are
refused with the file, the limit and the setting named; the bundled data stays under the default caps."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from openpyxl import Workbook

from kg.config import PROJECT_ROOT
from kg.errors import LoadError
from kg.loading.caps import InputTooLarge, UploadCaps
from kg.loading.tables import read_csv_folder, read_csv_table, read_workbook
from kg.rdfio import parse_rdf_bytes, parse_rdf_file

SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
ACTORS_SHEET = "xl/worksheets/sheet3.xml"


def _workbook(path: Path) -> Path:
    book = Workbook()
    book.active.title = "dataset"
    book.active.append(["id", "title"])
    book.create_sheet("sources").append(["id", "title"])
    book.create_sheet("actors").append(["id", "name"])
    book.save(path)
    return path


def _replace_member(path: Path, member: str, write) -> Path:
    """Rewrite one member of the zip with `write(handle)`, keeping the others."""
    source = zipfile.ZipFile(path)
    target_path = path.with_name("bomb-" + path.name)
    with zipfile.ZipFile(target_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename == member:
                with target.open(member, "w", force_zip64=True) as handle:
                    write(handle)
            else:
                target.writestr(info, source.read(info))
    source.close()
    return target_path


def _actors_sheet(tmp_path: Path, xml: str) -> Path:
    return _replace_member(_workbook(tmp_path / "book.xlsx"), ACTORS_SHEET, lambda h: h.write(xml.encode()))


def test_a_sheet_claiming_a_huge_dimension_is_refused_before_reading(tmp_path):
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>actor {n}</t></is></c></row>' for n in range(1, 80))
    path = _actors_sheet(tmp_path, f'{SHEET_HEAD}<dimension ref="A1:XFD100000"/><sheetData>{rows}</sheetData>'
                                   "</worksheet>")
    assert path.stat().st_size < 8_000
    with pytest.raises(InputTooLarge) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert "sheet actors" in message and "claims 99999 rows x 16384 columns" in message
    assert "KG_MAX_UPLOAD_ROWS" in message and str(path) in message


def test_a_deflate_bomb_is_refused_from_the_zip_directory(tmp_path):
    def write(handle) -> None:
        handle.write(f'{SHEET_HEAD}<sheetData>'.encode())
        block = b" " * (1024 * 1024)
        for _ in range(400):
            handle.write(block)
        handle.write(b"</sheetData></worksheet>")

    path = _replace_member(_workbook(tmp_path / "book.xlsx"), ACTORS_SHEET, write)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputTooLarge) as caught:
        read_workbook(path)
    assert "KG_MAX_UPLOAD_UNZIPPED_BYTES" in str(caught.value)


def test_a_member_compressed_beyond_the_ratio_is_refused(tmp_path):
    caps = dataclasses.replace(UploadCaps.from_settings(), unzipped_bytes=10**12)
    path = _replace_member(_workbook(tmp_path / "book.xlsx"), ACTORS_SHEET,
                           lambda h: h.write(f"{SHEET_HEAD}<sheetData>{' ' * 20_000_000}</sheetData></worksheet>"
                                             .encode()))
    with pytest.raises(InputTooLarge) as caught:
        read_workbook(path, caps)
    assert re.search(r"sheet3\.xml is compressed \d+ to 1.*KG_MAX_UPLOAD_ZIP_RATIO", str(caught.value))


def test_wide_rows_under_a_lying_dimension_stop_at_the_column_cap(tmp_path):
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="GS{n}"><v>1</v></c><c r="XFD{n}"><v>1</v></c></row>'
                   for n in range(1, 80))
    path = _actors_sheet(tmp_path, f'{SHEET_HEAD}<dimension ref="A1:B2"/><sheetData>{rows}</sheetData></worksheet>')
    assert path.stat().st_size < 8_000
    with pytest.raises(InputTooLarge) as caught:
        read_workbook(path)
    assert "row 1 has cells beyond column 200" in str(caught.value)
    assert "KG_MAX_UPLOAD_COLUMNS" in str(caught.value)


def test_rows_beyond_a_lying_dimension_stop_at_the_row_cap(tmp_path):
    caps = dataclasses.replace(UploadCaps.from_settings(), rows=50)
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 200))
    path = _actors_sheet(tmp_path, f'{SHEET_HEAD}<dimension ref="A1:A2"/><sheetData>{rows}</sheetData></worksheet>')
    with pytest.raises(InputTooLarge, match=r"more than 50 rows.*KG_MAX_UPLOAD_ROWS"):
        read_workbook(path, caps)


def test_a_huge_csv_is_refused_at_the_row_cap(tmp_path):
    caps = UploadCaps.from_settings()
    path = tmp_path / "actors.csv"
    path.write_text("id,name\n" + "".join(f"a{n},actor {n}\n" for n in range(caps.rows + 5)))
    with pytest.raises(InputTooLarge) as caught:
        read_csv_table(path, "actors")
    assert str(path) in str(caught.value) and f"the limit is {caps.rows} rows" in str(caught.value)


def test_csv_columns_cells_and_bytes_are_capped(tmp_path):
    caps = dataclasses.replace(UploadCaps.from_settings(), columns=5, cells=12, file_bytes=400)
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{n}" for n in range(6)) + "\n")
    with pytest.raises(InputTooLarge, match="KG_MAX_UPLOAD_COLUMNS"):
        read_csv_table(wide, "actors", caps)
    many = tmp_path / "many.csv"
    many.write_text("a,b,c\n" + "1,2,3\n" * 5)
    with pytest.raises(InputTooLarge, match="KG_MAX_UPLOAD_CELLS"):
        read_csv_table(many, "actors", caps)
    big = tmp_path / "big.csv"
    big.write_text("a\n" + "x\n" * 300)
    with pytest.raises(InputTooLarge, match="KG_MAX_UPLOAD_FILE_BYTES"):
        read_csv_table(big, "actors", caps)


def test_a_csv_folder_over_a_cap_keeps_the_distinct_error(tmp_path):
    (tmp_path / "actors.csv").write_text("id\n" + "a\n" * 10)
    caps = dataclasses.replace(UploadCaps.from_settings(), rows=3)
    with pytest.raises(InputTooLarge):
        read_csv_folder(tmp_path, caps)


def test_the_caps_come_from_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MAX_UPLOAD_ROWS", "2")
    path = tmp_path / "actors.csv"
    path.write_text("id\na\nb\nc\n")
    with pytest.raises(InputTooLarge, match="the limit is 2 rows"):
        read_csv_table(path, "actors")


def test_rdf_over_the_triple_cap_stops_while_parsing(tmp_path):
    caps = dataclasses.replace(UploadCaps.from_settings(), triples=1000)
    data = "".join(f"<urn:s{n}> <urn:p> <urn:o{n}> .\n" for n in range(1500)).encode()
    with pytest.raises(InputTooLarge, match=r"more than 1000 triples.*KG_MAX_UPLOAD_TRIPLES"):
        parse_rdf_bytes(data, ox.RdfFormat.N_TRIPLES, "big.nt", caps)
    assert len(parse_rdf_bytes(data, ox.RdfFormat.N_TRIPLES, "big.nt")) == 1500


def test_rdf_over_the_byte_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.ttl"
    path.write_text("<urn:s> <urn:p> <urn:o> .\n" * 100)
    caps = dataclasses.replace(UploadCaps.from_settings(), file_bytes=1000)
    with pytest.raises(InputTooLarge, match=r"big\.ttl: the file has 2600 bytes.*KG_MAX_UPLOAD_FILE_BYTES"):
        parse_rdf_file(path, caps)


def test_a_cap_refusal_is_a_load_error():
    assert issubclass(InputTooLarge, LoadError)


@pytest.mark.parametrize("relative", ["data/edih/edih.ttl", "data/indicators-eurostat/indicators.ttl"])
def test_the_largest_bundled_data_sets_stay_well_under_the_default_caps(relative):
    path = PROJECT_ROOT / relative
    caps = UploadCaps.from_settings()
    triples = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert path.stat().st_size * 4 < caps.file_bytes and triples * 4 < caps.triples
