"""A remote SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever) over the protocol.

Like the embedded store, the product's own queries read the default graph as the union of the named graphs. Against
Oxigraph server (started WITHOUT `--union-default-graph`, which would also override FROM) each query asks for the
union with Oxigraph's `union-default-graph` parameter; for a server whose default graph already is the union
(Virtuoso, GraphDB, Neptune, Fuseki with `unionDefaultGraph`) `union_param` is None. See docs/remote.md.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store.base import SelectResult, Term, bind_values, replace_graphs_update, with_prefixes

SPARQL_JSON = "application/sparql-results+json"  # SPARQL 1.1 Query Results JSON Format
N_TRIPLES = "application/n-triples"  # RDF 1.1 N-Triples
UNION_PARAM = "union-default-graph"  # Oxigraph server: this query's default graph is the union of all graphs


def _from_json(binding: dict | None) -> Term | None:
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    return Literal(value, datatype=URIRef(datatype) if datatype else None)


class RemoteStore:
    def __init__(self, query_url: str, update_url: str, timeout_s: float = 60.0,
                 union_param: str | None = UNION_PARAM):
        self.query_url = query_url
        self.update_url = update_url
        self._params = {union_param: ""} if union_param else {}
        self._client = httpx.Client(timeout=timeout_s)

    def _post_query(self, query: str, bindings: Mapping[str, Node] | None, accept: str) -> httpx.Response:
        text = with_prefixes(bind_values(query, bindings))
        try:
            response = self._client.post(
                self.query_url,
                params=self._params,
                content=text.encode(),
                headers={"Content-Type": "application/sparql-query", "Accept": accept},
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"SPARQL server {self.query_url} unreachable: {exc}") from exc
        if response.status_code == 400:
            raise QueryError(f"malformed query: {response.text[:500]}")
        if response.status_code >= 300:
            raise StoreError(f"SPARQL server answered {response.status_code}: {response.text[:300]}")
        return response

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        data = self._post_query(query, bindings, SPARQL_JSON).json()
        if "results" not in data:
            raise QueryError("not a SELECT query")
        variables = data["head"]["vars"]
        rows = [{v: _from_json(b.get(v)) for v in variables} for b in data["results"]["bindings"]]
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        data = self._post_query(query, bindings, SPARQL_JSON).json()
        if "boolean" not in data:
            raise QueryError("not an ASK query")
        return bool(data["boolean"])

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        response = self._post_query(query, bindings, N_TRIPLES)
        return Graph().parse(data=response.text, format="nt")

    def _update(self, text: str) -> None:
        try:
            response = self._client.post(
                self.update_url,
                content=text.encode(),
                headers={"Content-Type": "application/sparql-update"},
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"SPARQL server {self.update_url} unreachable: {exc}") from exc
        if response.status_code >= 300:
            raise StoreError(
                f"update refused by the server ({response.status_code}), nothing was changed: "
                f"{response.text[:300]}"
            )

    def replace_graphs(self, graphs: Mapping[URIRef, Graph | str]) -> None:
        """One update request; SPARQL servers apply a request as one transaction."""
        self._update(replace_graphs_update(graphs))

    def drop_graph(self, graph: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def graph_sizes(self) -> dict[str, int]:
        res = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {str(r["g"]): int(r["n"]) for r in res.rows}

    def triple_count(self) -> int:
        res = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0]["n"]) if res.rows else 0

    def close(self) -> None:
        self._client.close()
