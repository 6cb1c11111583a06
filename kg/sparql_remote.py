"""Client SPARQL queries forwarded to a remote SPARQL server, behind the same checks as the local workers.

Dataset semantics follow the embedded workers (kg.sparql_worker._dataset): protocol graphs win over the query's
FROM / FROM NAMED, which win over the default, the union of the named graphs, asked for by `union_param`
(Oxigraph server's `union-default-graph`; None for a server whose default graph already is the union). The
row limit is applied here by counting the server's answer; see docs/remote.md for the server's own timeout."""

from __future__ import annotations

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.sparql_guard import inspect_query
from kg.sparql_worker import GRAPH_FORMATS, RESULT_FORMATS, Answer, Job, QueryTimeout, ResultTooLarge
from kg.store.remote import UNION_PARAM

TSV = "text/tab-separated-values"  # lossless and line-based: counted, then converted to the client's format
N_TRIPLES = "application/n-triples"


def _capped_solutions(data: bytes, job: Job) -> bytes:
    solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    lines = data.count(b"\n") - 1  # one header line; TSV escapes newlines inside terms
    if lines > job.max_rows:
        raise ResultTooLarge(f"the result has more than {job.max_rows} rows, the limit of this endpoint: "
                             f"add a LIMIT or narrow the query")
    return solutions.serialize(format=RESULT_FORMATS[job.result_format])


def _capped_triples(data: bytes, job: Job) -> bytes:
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    if len(triples) > job.max_rows:
        raise ResultTooLarge(f"the result has more than {job.max_rows} triples, the limit of this endpoint: "
                             f"narrow the query")
    return ox.serialize(triples, format=GRAPH_FORMATS[job.graph_format])


class RemoteEndpoint:
    """A remote SPARQL server behind the same checks: the query is inspected here, then forwarded; the
    server's own timeout must be set to stop its work (the client gives up at the same deadline)."""

    def __init__(self, query_url: str, union_param: str | None = UNION_PARAM):
        self.query_url = query_url
        self.union_param = union_param
        self.isolated = False

    def start(self) -> None:
        """Nothing to start: the remote server runs on its own."""

    def _params(self, job: Job, declares_dataset: bool) -> list[tuple[str, str]]:
        params = [("default-graph-uri", g) for g in job.default_graphs or ()]
        params += [("named-graph-uri", g) for g in job.named_graphs or ()]
        if not params and not declares_dataset and self.union_param:
            params.append((self.union_param, ""))
        return params

    def run(self, job: Job, timeout_s: float) -> Answer:
        info = inspect_query(job.query)
        form = info.form
        accept = {"ASK": job.result_format, "SELECT": TSV}.get(form, N_TRIPLES)
        try:
            response = httpx.post(self.query_url, params=self._params(job, info.declares_dataset),
                                  content=job.query.encode(), timeout=timeout_s,
                                  headers={"Content-Type": "application/sparql-query", "Accept": accept})
        except httpx.TimeoutException:
            raise QueryTimeout(f"the query did not finish within {timeout_s:g} s, the limit of this endpoint") from None
        except httpx.HTTPError:
            raise StoreError("the SPARQL server cannot be reached") from None
        if response.status_code == 400:
            raise QueryError(f"malformed query: {response.text[:500]}")
        if response.status_code >= 300:
            raise StoreError(f"the SPARQL server answered {response.status_code}")
        try:
            if form == "SELECT":
                return Answer(form, job.result_format, _capped_solutions(response.content, job))
            if form in ("CONSTRUCT", "DESCRIBE"):
                return Answer(form, job.graph_format, _capped_triples(response.content, job))
        except (SyntaxError, ValueError, OSError):
            raise StoreError("the SPARQL server sent an answer that cannot be read") from None
        return Answer(form, accept, response.content)

    def refresh(self) -> None:
        """Nothing to refresh: the remote server answers from its current data."""

    def close(self) -> None:
        """Nothing to close: each query is one request."""
