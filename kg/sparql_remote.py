"""Client SPARQL queries forwarded to a remote SPARQL server, behind the same checks as the local workers."""

from __future__ import annotations

import contextlib

import httpx

from kg.errors import QueryError, StoreError
from kg.sparql_guard import inspect_query
from kg.sparql_worker import Answer, Job, QueryTimeout


class RemoteEndpoint:
    """A remote SPARQL server behind the same checks: the query is inspected here, then forwarded; the
    server's own timeout must be set to stop its work (the client gives up at the same deadline)."""

    def __init__(self, query_url: str):
        self.query_url = query_url
        self.isolated = False

    def start(self) -> None:
        """Nothing to start: the remote server runs on its own."""

    def run(self, job: Job, timeout_s: float) -> Answer:
        form = inspect_query(job.query).form
        accept = job.graph_format if form in ("CONSTRUCT", "DESCRIBE") else job.result_format
        params = [("default-graph-uri", g) for g in job.default_graphs or ()]
        params += [("named-graph-uri", g) for g in job.named_graphs or ()]
        try:
            response = httpx.post(self.query_url, params=params, content=job.query.encode(), timeout=timeout_s,
                                  headers={"Content-Type": "application/sparql-query", "Accept": accept})
        except httpx.TimeoutException:
            raise QueryTimeout(f"the query did not finish within {timeout_s:g} s, the limit of this endpoint") from None
        except httpx.HTTPError:
            raise StoreError("the SPARQL server cannot be reached") from None
        if response.status_code == 400:
            raise QueryError(f"malformed query: {response.text[:500]}")
        if response.status_code >= 300:
            raise StoreError(f"the SPARQL server answered {response.status_code}")
        return Answer(form, accept, response.content)

    def exclusive(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def close(self) -> None:
        """Nothing to close: each query is one request."""
