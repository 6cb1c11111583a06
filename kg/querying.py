"""Running a named query, a .rq file or SPARQL text with parameters resolved to typed terms."""

from __future__ import annotations

from pathlib import Path

from kg.config import Settings
from kg.errors import NotFound, QueryRefused
from kg.params import resolve_param
from kg.queries import all_queries
from kg.store import SelectResult, Store


def run_query(query: str, params: dict[str, str], settings: Settings, store: Store) -> SelectResult:
    named = all_queries().get(query)
    if named is not None:
        declared = {p.name: p for p in named.params}
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise NotFound(f"query {query!r} has no parameter {', '.join(unknown)}", valid=sorted(declared))
        missing = sorted(set(declared) - set(params))
        if missing:
            raise QueryRefused(
                f"query {query!r} needs " + ", ".join(f"{m} ({declared[m].kind}: {declared[m].description})"
                                                     for m in missing)
            )
        bindings = {name: resolve_param(declared[name].kind, value, settings, store) for name, value in params.items()}
        return store.select(named.text, bindings)
    path = Path(query)
    if query.endswith(".rq"):
        if not path.is_file():
            raise NotFound(f"no such query file {query!r}", valid=list(all_queries()))
        text = path.read_text(encoding="utf-8")
    elif any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        text = query
    else:
        raise NotFound(f"no named query {query!r}", valid=list(all_queries()))
    if params:
        raise QueryRefused("parameters are for named queries; write the values into your own query")
    return store.select(text)
