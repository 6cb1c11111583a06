"""The one small interface both stores implement, and the result types every caller reads."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryRefused
from kg.namespaces import sparql_prefixes

Term = URIRef | Literal | BNode


@dataclass
class SelectResult:
    """Rows of a SELECT, read by variable name (column order differs between engines)."""

    variables: list[str]
    rows: list[dict[str, Term | None]] = field(default_factory=list)

    def values(self, var: str) -> list[Term | None]:
        return [row.get(var) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


class Store(Protocol):
    """What the loader, the queries and the analyses need from a triple store."""

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> SelectResult: ...

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool: ...

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph: ...

    def replace_graphs(self, graphs: Mapping[URIRef, Graph | str]) -> None:
        """Replace each named graph by the given triples (a graph, or N-Triples text), all in one transaction."""
        ...

    def drop_graph(self, graph: URIRef) -> None: ...

    def graph_sizes(self) -> dict[str, int]: ...

    def triple_count(self) -> int: ...

    def close(self) -> None: ...


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def term_to_sparql(term: Node) -> str:
    """Serialise one bound value as an RDF term; the only way a value ever reaches query text."""
    if isinstance(term, URIRef):
        value = str(term)
        if not value or _IRI_FORBIDDEN.search(value) or ":" not in value:
            raise QueryRefused(f"not a valid IRI: {value[:80]!r}")
        return f"<{value}>"
    if isinstance(term, Literal):
        return term.n3()  # rdflib escapes quotes, backslashes and newlines
    raise QueryRefused(f"cannot bind a {type(term).__name__}")


_WHERE = re.compile(r"\b(?:WHERE|ASK)\s*\{", re.IGNORECASE)
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def bind_values(query: str, bindings: Mapping[str, Node] | None) -> str:
    """Pre-bind variables by a VALUES block at the start of the outer WHERE group.

    The block joins before any aggregation (a trailing VALUES would join after it), and every value is
    a typed RDF term serialised by `term_to_sparql`, so a hostile value cannot change the query's shape.
    """
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not _VAR.match(name):
            raise QueryRefused(f"not a variable name: {name!r}")
    match = _WHERE.search(query)
    if match is None:
        raise QueryRefused("a parameterised query needs a WHERE clause")
    row = " ".join(term_to_sparql(bindings[n]) for n in names)
    block = " VALUES (" + " ".join("?" + n for n in names) + ") { (" + row + ") } "
    return query[: match.end()] + block + query[match.end() :]


def with_prefixes(query: str) -> str:
    """Prepend the project's prefixes; SPARQL allows a prefix to be declared again, the later one wins."""
    return sparql_prefixes() + query


def triples_to_nt(triples) -> str:
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)


def replace_graphs_update(graphs: Mapping[URIRef, Graph | str]) -> str:
    """One SPARQL update that drops and refills each graph: one request, so one transaction in any store.

    A graph may come as N-Triples text (an upload validated in a child process hands over its file's text)."""
    parts = []
    for iri, graph in graphs.items():
        parts.append(f"DROP SILENT GRAPH {term_to_sparql(iri)}")
        body = graph if isinstance(graph, str) else triples_to_nt(graph)
        if body.strip():
            parts.append(f"INSERT DATA {{ GRAPH {term_to_sparql(iri)} {{\n{body}\n}} }}")
    return " ;\n".join(parts)
