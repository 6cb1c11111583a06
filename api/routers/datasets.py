"""Data sets: the list of loaded data sets, and the one way to write: replacing a data set by an upload.

An upload (template CSV files or one XLSX workbook, or Turtle / N-Triples / JSON-LD) needs the bearer token
of the configuration. It is validated as `kg load` validates, then replaces the data set's named graph in
one transaction; any problem answers 400 with every problem and changes nothing. RDF/XML is not accepted
(XML entity expansion), and JSON-LD remote contexts are never fetched (kg.rdfio)."""

from __future__ import annotations

import contextlib
import ctypes
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from api.deps import CatalogueDep, SettingsDep, SparqlDep, StoreDep, WriterDep
from kg.config import Settings
from kg.errors import LoadError, NotFound, Problem
from kg.loading.datasets import DATASET_ID
from kg.loading.loader import commit_load, prepare_load
from kg.loading.staging import stage_upload
from kg.lookup.catalogue import Catalogue
from kg.namespaces import GRAPH, ONTOLOGY_GRAPH, dataset_graph
from kg.ontology import ontology_graph
from kg.rdfio import RDF_FORMATS
from kg.sparql_runner import QueryRunner
from kg.store import EmbeddedStore, Store

router = APIRouter(tags=["data sets"])

TEMPLATE_FILES = {"dataset.csv", "sources.csv", "actors.csv", "services.csv", "relations.csv"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIRECT_TYPES = {"text/turtle": ".ttl", "application/n-triples": ".nt", "application/ld+json": ".jsonld", XLSX: ".xlsx"}
RESERVED = {ONTOLOGY_GRAPH.removeprefix(GRAPH)}


class DataSetInfo(BaseModel):
    id: str
    graph: str
    triples: int


class Loaded(BaseModel):
    id: str
    graph: str
    triples: int
    actors: int
    services: int


@router.get("/datasets", response_model=list[DataSetInfo], summary="The loaded data sets (named graphs)")
def datasets(store: StoreDep) -> list[DataSetInfo]:
    return [DataSetInfo(id=g.removeprefix(GRAPH), graph=g, triples=n)
            for g, n in sorted(store.graph_sizes().items()) if g.startswith(GRAPH)]


def _file_name(upload: UploadFile, index: int) -> str:
    """A safe local name: the template's table names, one workbook, or numbered RDF files."""
    name = Path(upload.filename or "").name.lower()
    suffix = Path(name).suffix
    if suffix == ".csv" and name in TEMPLATE_FILES:
        return name
    if suffix == ".xlsx":
        return "dataset.xlsx"
    if suffix in RDF_FORMATS:
        return f"part-{index}{suffix}"
    raise LoadError([Problem(name or "(unnamed)", "not accepted: send the template's CSV files ("
                             + ", ".join(sorted(TEMPLATE_FILES)) + "), one .xlsx workbook, or .ttl, .nt, .jsonld")])


async def _receive(request: Request, folder: Path, settings: Settings) -> None:
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=10, max_fields=10, max_part_size=settings.max_upload_bytes)
        uploads = [v for v in form.getlist("files") if isinstance(v, UploadFile)]
        if not uploads:
            raise LoadError([Problem("(upload)", "no files: send them in the form field 'files'")])
        names = [_file_name(u, i) for i, u in enumerate(uploads)]
        kinds = {Path(n).suffix if Path(n).suffix in (".csv", ".xlsx") else "rdf" for n in names}
        if len(kinds) > 1 or len(names) != len(set(names)):
            raise LoadError([Problem("(upload)", "send one kind of data set: the template CSV files, one workbook, "
                                                 "or RDF files")])
        for upload, name in zip(uploads, names, strict=True):
            (folder / name).write_bytes(await upload.read())
    elif media in DIRECT_TYPES:
        (folder / f"dataset{DIRECT_TYPES[media]}").write_bytes(await request.body())
    else:
        raise HTTPException(415, "send multipart/form-data with 'files', or a body of type "
                                 + ", ".join(DIRECT_TYPES) + " (RDF/XML is not accepted)")


def _load(request: Request, folder: Path, settings: Settings, store: Store, catalogue: Catalogue,
          sparql: QueryRunner, force: bool) -> Loaded:
    """One write at a time. Reads never wait: the upload is validated completely first (in a child process on
    an on-disk store, kg.loading.staging), the write is one short transaction, and the query workers read a
    checkpoint until the first query after the commit."""
    with request.app.state.write_lock:
        if isinstance(store, EmbeddedStore) and settings.store == "embedded":
            staged = stage_upload(folder, store, settings, force, folder.parent)[0]
            text = (folder.parent / staged.ntriples).read_text(encoding="utf-8")
            store.replace_graphs({dataset_graph(staged.id): text,
                                  ONTOLOGY_GRAPH: ontology_graph(settings.ontology_dir)})
            del text
            loaded = Loaded(id=staged.id, graph=str(dataset_graph(staged.id)), triples=staged.triples,
                            actors=staged.actors, services=staged.services)
        else:
            prepared = prepare_load([folder], settings, store, allow_dependents=force)
            done = commit_load(prepared, settings, store)[0]
            loaded = Loaded(id=done.id, graph=done.graph_iri, triples=done.triples, actors=done.actors,
                            services=done.services)
        sparql.refresh()
    catalogue.refresh()
    _return_freed_memory()
    return loaded


def _return_freed_memory() -> None:
    """Hand the heap a large write freed back to the system (glibc keeps it otherwise), so that the server's
    memory after many uploads stays what it was after the first."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _without_paths(error: LoadError, folder: Path) -> LoadError:
    """Problems name the uploaded files, never the server's temporary folder."""
    def clean(text: str | None) -> str | None:
        return text.replace(f"{folder}/", "").replace(str(folder), folder.name) if text else text

    return type(error)([Problem(clean(p.file) or "", clean(p.message) or "", p.row, p.line, p.column, p.value)
                        for p in error.problems])


@router.put("/datasets/{dataset_id}", response_model=Loaded, dependencies=[WriterDep],
            summary="Replace a data set by an upload (bearer token required)",
            openapi_extra={"requestBody": {"content": {
                "multipart/form-data": {"schema": {"type": "object", "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
                **{media: {"schema": {"type": "string", "format": "binary"}} for media in DIRECT_TYPES}}}},
            responses={400: {"description": "Every problem of the upload; nothing was changed"},
                       401: {"description": "No or a wrong bearer token"},
                       409: {"description": "Other data sets refer to this one: refused when entities they use "
                                            "would disappear (listed), or without force=true"},
                       403: {"description": "Uploads are disabled (no token configured)"},
                       413: {"description": "The upload is too large"}})
async def upload(dataset_id: str, request: Request, settings: SettingsDep, store: StoreDep,
                 catalogue: CatalogueDep, sparql: SparqlDep,
                 force: Annotated[bool, Query(description="Replace a data set that other data sets refer to "
                                                          "(never one whose replacement would break a reference)")]
                 = False) -> Loaded:
    if not DATASET_ID.match(dataset_id) or len(dataset_id) > 100 or dataset_id in RESERVED:
        raise NotFound("a data set id uses lower-case letters, digits and hyphens (and is not 'ontology')")
    with tempfile.TemporaryDirectory(prefix="kg-upload-") as tmp:
        folder = Path(tmp).resolve() / dataset_id
        folder.mkdir()
        try:
            await _receive(request, folder, settings)
            return await run_in_threadpool(_load, request, folder, settings, store, catalogue, sparql, force)
        except LoadError as exc:
            raise _without_paths(exc, folder) from None
