"""What a data set's loaded graph depends on, as one hash, so that `kg load` can keep a graph whose inputs have not
changed instead of validating and writing it again (a restart of the demo then takes seconds, not minutes).

A graph is built from the data set's own files, the ontology (taxonomies decide codes, shapes decide validity),
the code that builds it, and – for every data set that is not itself a region data set – the regions it is placed
in. The hash covers all four: change any and the data set is rebuilt. It is stored in the data set's own graph
(`rc:contentHash` on the data set), so it is replaced with the graph and can never describe another graph."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal

from kg.loading.datasets import DataSetSource
from kg.namespaces import RC, dataset_graph, dataset_iri
from kg.store import Store

PACKAGE = Path(__file__).resolve().parent.parent
# the code a graph is built by: the loader, the template mapping, validation, and the names of what it writes
BUILDERS = tuple(PACKAGE / p for p in ("loading", "validation.py", "namespaces.py", "ontology.py", "rdfio.py"))

STORED = """SELECT ?g ?hash WHERE { GRAPH ?g { ?dataset rc:contentHash ?hash } }"""


def _files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            found.append(path)
    return found


def digest(paths: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the files' names (relative to their root) and bytes, in a fixed order, and any extra text."""
    h = hashlib.sha256()
    for root in paths:
        for file in _files([root]):
            h.update(str(file.relative_to(root) if file != root else file.name).encode())
            h.update(b"\0")
            h.update(file.read_bytes())
            h.update(b"\0")
    for text in extra:
        h.update(text.encode())
        h.update(b"\0")
    return h.hexdigest()


def is_region_set(source: DataSetSource) -> bool:
    return source.kind == "rdf" and source.id.startswith("regions-")


def fingerprints(sources: list[DataSetSource], ontology_dir: Path) -> dict[str, str]:
    """Each data set's hash; the region data sets' hashes enter every other one's."""
    shared = digest([ontology_dir, *BUILDERS])
    own = {s.id: digest(s.files, s.kind, shared) for s in sources}
    regions = "".join(sorted(own[s.id] for s in sources if is_region_set(s)))
    return {s.id: own[s.id] if is_region_set(s) else digest([], own[s.id], regions) for s in sources}


def stored_fingerprints(store: Store) -> dict[str, str]:
    """Graph IRI -> the hash its data set was loaded with (graphs loaded before hashes existed have none)."""
    return {str(r["g"]): str(r["hash"]) for r in store.select(STORED).rows}


def unchanged(sources: list[DataSetSource], hashes: dict[str, str], store: Store) -> set[str]:
    """The data sets whose graph in the store was built from exactly these inputs."""
    stored = stored_fingerprints(store)
    return {s.id for s in sources if stored.get(str(dataset_graph(s.id))) == hashes[s.id]}


def stamp(graph: Graph, dataset_id: str, fingerprint: str) -> None:
    graph.add((dataset_iri(dataset_id), RC.contentHash, Literal(fingerprint)))
