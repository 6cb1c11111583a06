"""Reading RDF files safely: Oxigraph's parsers (exact line/column errors, no remote JSON-LD contexts,
no XML entity expansion because RDF/XML is not accepted), into a scratch graph that is added only when whole."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import LoadError, Problem

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,  # RDF 1.1 Turtle
    ".nt": ox.RdfFormat.N_TRIPLES,  # RDF 1.1 N-Triples
    ".jsonld": ox.RdfFormat.JSON_LD,  # JSON-LD 1.1 (remote contexts refused)
    ".json": ox.RdfFormat.JSON_LD,
}


def parse_rdf_bytes(data: bytes, fmt: ox.RdfFormat, name: str) -> Graph:
    from kg.store.embedded import to_rdflib

    if not data.strip():
        raise LoadError([Problem(name, "the file is empty")])
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError([Problem(name, f"not UTF-8 (byte {exc.start})", line=line)]) from exc
    graph = Graph()
    try:
        for triple in ox.parse(data, format=fmt):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    except SyntaxError as exc:
        message = str(exc.msg) if hasattr(exc, "msg") else str(exc)
        raise LoadError([Problem(name, f"syntax error: {message}", line=exc.lineno)]) from exc
    return graph


def parse_rdf_file(path: Path) -> Graph:
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LoadError([Problem(str(path), f"unsupported file type {path.suffix!r}")])
    return parse_rdf_bytes(path.read_bytes(), fmt, str(path))
