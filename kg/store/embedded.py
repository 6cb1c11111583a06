"""Embedded store on Oxigraph (pyoxigraph): on disk by default, in memory for tests.

Chosen over rdflib's own store by measurement (bench/store_engines.py): loads and regional
aggregations are one to two orders of magnitude faster at the same data.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store.base import SelectResult, Term, bind_values, replace_graphs_update, with_prefixes

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: object) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise StoreError(f"unsupported term {term!r}")


class EmbeddedStore:
    """An Oxigraph store. The on-disk store admits one writer process; `read_only` opens it beside that writer
    (kg serve) as it was at opening, so that commands that only read work while the server runs."""

    def __init__(self, path: Path | None = None, read_only: bool = False):
        self.read_only = read_only
        if path is None:
            self._store = ox.Store()
        elif read_only:
            if not (path / "CURRENT").exists():
                raise StoreError(f"there is no store at {path} yet: load data first (kg load)")
            try:
                self._store = ox.Store.read_only(str(path))
            except OSError as exc:
                raise StoreError(f"cannot read the store at {path}: {exc}") from exc
        else:
            path.mkdir(parents=True, exist_ok=True)
            try:
                self._store = ox.Store(str(path))
            except OSError as exc:
                raise StoreError(
                    f"cannot open the store at {path} for writing: {exc}. Is another kg process (kg serve) using "
                    f"it? Commands that only read open it beside the server; to load data while it runs, upload "
                    f"it (PUT /datasets/{{id}} with the write token) or stop the server first."
                ) from exc
        self._store.query("ASK { ?s ?p ?o }")  # the first query of a process is slow: pay it now

    def _run(self, query: str, bindings: Mapping[str, Node] | None):
        text = with_prefixes(bind_values(query, bindings))
        try:
            return self._store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {exc}") from exc

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        solutions = self._run(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = [v.value for v in solutions.variables]
        rows = [{v: to_rdflib(sol[v]) for v in variables} for sol in solutions]
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in result:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return graph

    def replace_graphs(self, graphs: Mapping[URIRef, Graph | str]) -> None:
        """One SPARQL update is one Oxigraph transaction: readers see the old or the new graphs, never half.
        The write is flushed at once, so that no later reader replays a growing write-ahead log."""
        try:
            self._store.update(replace_graphs_update(graphs))
            self._store.flush()
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"update failed, nothing was changed: {exc}") from exc

    def checkpoint(self, target: Path) -> None:
        """A consistent read-only copy of the store as it is now, made of hard links (milliseconds, little disk):
        query workers read a checkpoint, so that a write never waits for them nor they for it."""
        try:
            self._store.flush()
            self._store.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot make a checkpoint of the store at {target}: {exc}") from exc

    def drop_graph(self, graph: URIRef) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")
        self._store.flush()

    def graph_sizes(self) -> dict[str, int]:
        res = self._store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {sol["g"].value: int(sol["n"].value) for sol in res}

    def triple_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store
