"""Inspecting a SPARQL query before anything evaluates it, and closing rdflib's risky defaults.

Oxigraph, like rdflib, evaluates `SERVICE <iri>` by making the HTTP request itself, and an update can
`LOAD` any IRI. So a query from a client is parsed first (rdflib's SPARQL 1.1 grammar, which also expands
`\\u` escapes as the specification says) and refused when it is an update or contains SERVICE anywhere; only
then does it reach the engine. The query workers add a network sandbox behind this check (kg.sparql_worker).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseBaseException

from kg.errors import QueryError, QueryRefused

FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "AskQuery": "ASK", "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class QueryInfo:
    form: str
    declares_dataset: bool  # FROM / FROM NAMED: the query chooses its graphs, the default union does not apply


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree (CompValue is a dict, ParseResults a list)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list | tuple) or type(current).__name__ == "ParseResults":
            stack.extend(current)


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except (ParseBaseException, RecursionError, ValueError):
        return False
    return True


def inspect_query(text: str) -> QueryInfo:
    """The form (SELECT, CONSTRUCT, ASK, DESCRIBE) and dataset clause of a read-only query without SERVICE.

    Raises QueryRefused for updates (INSERT, DELETE, LOAD, ...) and SERVICE, QueryError with the parser's
    message and position for malformed text or an undeclared prefix.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    if not text.strip():
        raise QueryError("malformed query: the query is empty")
    try:
        tree = parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise QueryRefused("this endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, ...) "
                               "are not accepted") from None
        raise QueryError(f"malformed query: {exc.msg}, found {_found(exc)} at line {exc.lineno}, "
                         f"column {exc.col}") from None
    except RecursionError:
        raise QueryRefused("the query is nested too deeply or is too long to be checked") from None
    except ValueError as exc:  # e.g. an invalid \u escape
        raise QueryError(f"malformed query: {exc}") from None
    nodes = list(_walk(tree))
    names = {getattr(n, "name", None) for n in nodes}
    if "ServiceGraphPattern" in names:
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint")
    declared = {n.get("prefix") or "" for n in nodes if getattr(n, "name", None) == "PrefixDecl"}
    used = sorted({n.get("prefix") or "" for n in nodes if getattr(n, "name", None) == "pname"} - declared)
    if used:
        raise QueryError(f"malformed query: undeclared prefix {used[0]}: (declare it with PREFIX {used[0]}: <...>)")
    form = next((FORMS[n] for n in names if n in FORMS), None)
    if form is None:
        raise QueryError("malformed query: not a SELECT, CONSTRUCT, ASK or DESCRIBE query")
    return QueryInfo(form, "DatasetClause" in names)


def _found(exc: ParseBaseException) -> str:
    line = exc.line or ""
    token = line[exc.col - 1:].split(maxsplit=1)[0] if exc.col and line[exc.col - 1:].strip() else ""
    return repr(token[:40]) if token else "end of input"


def _refuse_service(ctx: Any, part: Any) -> Any:
    """An rdflib custom evaluation hook that stops SERVICE before rdflib makes its HTTP request."""
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise QueryRefused("SERVICE (federated query) is disabled in this process")
    raise NotImplementedError  # every other part: rdflib's own evaluation


def harden_rdflib() -> None:
    """Close rdflib's process-wide risky defaults; idempotent, called once at start-up.

    - FROM / FROM NAMED / LOAD no longer fetch files or URLs (SPARQL_LOAD_GRAPHS);
    - the default graph of a Dataset is no longer the union of all named graphs, so a private named graph
      cannot leak into a default-graph query (SPARQL_DEFAULT_GRAPH_UNION);
    - SERVICE raises instead of making an outbound HTTP request (SSRF).
    """
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = False
    rdflib_sparql.CUSTOM_EVALS["kg-refuse-service"] = _refuse_service
