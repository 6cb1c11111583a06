"""Validating an upload in a child process, beside a server that keeps answering.

Parsing, mapping and SHACL of a large data set build big rdflib graphs: in the server process they would hold
the interpreter for seconds and leave its memory higher after every upload. So the server hands the upload to a
fresh process (`python -m kg.loading.staging`) that reads a checkpoint of the store (kg.store.embedded), runs
the very same `prepare_load`, and writes each prepared graph as N-Triples; the server then writes those in one
short transaction. The child runs under an address-space and a CPU-time limit, and its problems come back as
the same LoadError a `kg load` would raise.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from kg.config import Settings
from kg.errors import LoadError, Problem, ReferenceConflict
from kg.loading.caps import InputTooLarge
from kg.loading.loader import prepare_load
from kg.namespaces import RC
from kg.store import EmbeddedStore

MEMORY_LIMIT_BYTES = 6 * 1024**3
CPU_LIMIT_S = 600
ERRORS: dict[str, type[LoadError]] = {cls.__name__: cls for cls in (LoadError, ReferenceConflict, InputTooLarge)}


@dataclass
class StagedDataSet:
    id: str
    triples: int
    actors: int
    services: int
    ntriples: str  # file name inside the staging folder


def _stage(folder: Path, store_path: Path, settings: Settings, force: bool, out: Path) -> list[StagedDataSet]:
    store = EmbeddedStore(store_path, read_only=True)
    try:
        prepared = prepare_load([folder], settings, store, allow_dependents=force)
    finally:
        store.close()
    staged = []
    for ds_id, graph in prepared.graphs.items():
        name = f"{ds_id}.nt"
        graph.serialize(out / name, format="nt", encoding="utf-8")
        staged.append(StagedDataSet(ds_id, len(graph), _count(graph, RC.Actor), _count(graph, RC.Service), name))
    return staged


def _count(graph: Graph, cls: object) -> int:
    return len(set(graph.subjects(RDF.type, cls)))


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S))


def stage_upload(folder: Path, store: EmbeddedStore, settings: Settings, force: bool,
                 out: Path) -> list[StagedDataSet]:
    """Validate the data set in `folder` against the store as it is now, in a child process; its graphs land in
    `out`. Raises the LoadError (or subclass) the child found."""
    checkpoint = Path(tempfile.mkdtemp(prefix=".kg-staging-", dir=settings.store_path.parent)) / "store"
    try:
        store.checkpoint(checkpoint)
        request = {"folder": str(folder), "store": str(checkpoint), "force": force, "out": str(out),
                   "settings": settings.model_dump(mode="json")}
        child = subprocess.run([sys.executable, "-m", "kg.loading.staging"], input=json.dumps(request),
                               capture_output=True, text=True, preexec_fn=_limit_child, timeout=CPU_LIMIT_S * 2)
    finally:
        shutil.rmtree(checkpoint.parent, ignore_errors=True)
    try:
        answer = json.loads(child.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        reason = "ran out of memory or time" if child.returncode < 0 else f"stopped ({child.returncode})"
        raise InputTooLarge([Problem(folder.name, f"validating the upload {reason}; it was refused, nothing was "
                                                  f"changed")]) from None
    if "problems" in answer:
        raise ERRORS.get(answer["error"], LoadError)([Problem(**p) for p in answer["problems"]])
    return [StagedDataSet(**d) for d in answer["staged"]]


def main() -> None:
    """Child side: one JSON request on stdin, one JSON answer as the last line of stdout."""
    request = json.loads(sys.stdin.read())
    settings = Settings.model_validate(request["settings"])
    try:
        staged = _stage(Path(request["folder"]), Path(request["store"]), settings, request["force"],
                        Path(request["out"]))
        print(json.dumps({"staged": [dataclasses.asdict(s) for s in staged]}))
    except LoadError as exc:
        print(json.dumps({"error": type(exc).__name__, "problems": [dataclasses.asdict(p) for p in exc.problems]}))


if __name__ == "__main__":
    main()
