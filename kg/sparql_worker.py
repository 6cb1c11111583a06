"""Client SPARQL queries run in worker processes that are killed at the deadline.

Neither pyoxigraph's `Store.query` nor rdflib's engine takes a timeout, and a thread cannot be stopped: an
abandoned one keeps burning the CPU. A process can be stopped. Each worker opens the store read-only (an
on-disk Oxigraph store: `Store.read_only`; an in-memory store: a snapshot file written by the parent), checks
each query (kg.sparql_guard), evaluates it, caps the rows, and returns the serialised result. When the
deadline passes the parent kills the worker (SIGKILL frees the CPU at once) and starts a replacement while
the other workers keep answering.

On Linux each worker first moves into its own user and network namespace, where no network interface is
up: even a query that slipped past the check could not open a connection. Where the kernel does not allow
that (some container profiles), `SparqlPool.isolated` is False and the check alone refuses SERVICE.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import itertools
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, QueryError, QueryRefused, StoreError
from kg.sparql_guard import QueryInfo, inspect_query
from kg.store import Store

log = logging.getLogger(__name__)

# SPARQL 1.1 Query Results formats (JSON, XML, CSV/TSV recommendations)
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
# RDF 1.1 Turtle, RDF 1.1 N-Triples, JSON-LD 1.1
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


class QueryTimeout(QueryRefused):
    """The query did not finish within the configured time; its worker was killed."""

    retry_after_s = 5


class EndpointBusy(QueryTimeout):
    """Too many long queries run already: this one was stopped (or never started) so that short ones go on."""


class ResultTooLarge(QueryRefused):
    """The result has more rows (or triples) than the configured limit."""


@dataclass(frozen=True)
class WorkerSpec:
    """How a worker opens the data: `disk` opens an Oxigraph directory read-only, `snapshot` loads a TriG file."""

    kind: str
    path: str


@dataclass(frozen=True)
class Job:
    query: str
    result_format: str = "application/sparql-results+json"
    graph_format: str = "text/turtle"
    max_rows: int = 10_000
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Answer:
    form: str
    media_type: str
    data: bytes


# ----------------------------------------------------------------------------- in the worker process


def isolate_network() -> bool:
    """Move this process into new user and network namespaces (Linux): afterwards it has no usable network."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def _open(spec: WorkerSpec) -> ox.Store:
    if spec.kind == "disk":
        return ox.Store.read_only(spec.path)
    store = ox.Store()
    store.bulk_load(path=spec.path, format=ox.RdfFormat.TRIG)
    return store


def _dataset(job: Job, info: QueryInfo) -> dict:
    """The protocol's default-graph-uri / named-graph-uri win over the query's FROM / FROM NAMED, which win
    over this store's default: the union of all named graphs."""
    if job.default_graphs is None and job.named_graphs is None:
        return {} if info.declares_dataset else {"use_default_graph_as_union": True}
    try:
        default = [ox.NamedNode(g) for g in job.default_graphs or ()] or [ox.DefaultGraph()]
        named = [ox.NamedNode(g) for g in job.named_graphs or ()]
    except ValueError as exc:
        raise QueryError(f"not an absolute IRI in default-graph-uri or named-graph-uri: {exc}") from None
    return {"default_graph": default, "named_graphs": named}


def _solutions(result: ox.QuerySolutions, job: Job) -> bytes:
    """Count the rows while writing them as TSV (terms in N-Triples syntax, lossless), then convert: the
    limit is checked before any byte is sent, and every format comes from Oxigraph's own serialisers."""
    variables = result.variables
    lines = ["\t".join(str(v) for v in variables)]
    for row, solution in enumerate(result):
        if row >= job.max_rows:
            raise ResultTooLarge(f"the result has more than {job.max_rows} rows, the limit of this endpoint: "
                                 f"add a LIMIT or narrow the query")
        lines.append("\t".join("" if solution[v] is None else str(solution[v]) for v in variables))
    tsv = ("\n".join(lines) + "\n").encode()
    parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=RESULT_FORMATS[job.result_format])


def _triples(result: ox.QueryTriples, job: Job) -> bytes:
    triples = list(itertools.islice(result, job.max_rows + 1))
    if len(triples) > job.max_rows:
        raise ResultTooLarge(f"the result has more than {job.max_rows} triples, the limit of this endpoint: "
                             f"narrow the query")
    return ox.serialize(triples, format=GRAPH_FORMATS[job.graph_format])


def execute(store: ox.Store, job: Job) -> Answer:
    """Check, evaluate and serialise one query (runs in the worker; raises the package's errors)."""
    info = inspect_query(job.query)
    form = info.form
    try:
        result = store.query(job.query, **_dataset(job, info))
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return Answer(form, job.result_format, result.serialize(format=RESULT_FORMATS[job.result_format]))
    if isinstance(result, ox.QuerySolutions):
        return Answer(form, job.result_format, _solutions(result, job))
    return Answer(form, job.graph_format, _triples(result, job))


def worker_main(conn: Connection, spec: WorkerSpec) -> None:
    """Entry point of a worker process: isolate, open, warm up, then answer jobs until the pipe closes."""
    isolated = isolate_network()
    try:
        store = _open(spec)
        store.query("ASK { ?s ?p ?o }")  # the first query of a process is slow: pay it before the first client
        inspect_query("ASK {}")
    except (OSError, SyntaxError, ValueError) as exc:
        conn.send(("failed", f"cannot open the store: {exc}"))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if "reopen" in message:  # the data changed: read the new checkpoint from now on
            try:
                store = _open(WorkerSpec(**message["reopen"]))
            except (OSError, SyntaxError, ValueError) as exc:
                conn.send(("failed", f"cannot open the store: {exc}"))
                return
            conn.send(("ready", isolated))
            continue
        job = Job(**message)
        try:
            answer = execute(store, job)
            conn.send(("ok", (answer.form, answer.media_type, answer.data)))
        except KGError as exc:
            conn.send((type(exc).__name__, str(exc)))
        except Exception:  # the worker must outlive any query; the parent sees a clean error
            log.exception("SPARQL worker: evaluation failed")
            conn.send(("StoreError", "the query could not be evaluated"))


# ----------------------------------------------------------------------------- in the API process

class QueryCrashed(QueryRefused):
    """The engine's process died while evaluating the query (a crash of the engine on this query)."""


ENGINE_CRASHES = {-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS, -signal.SIGILL}


ERRORS: dict[str, type[KGError]] = {
    cls.__name__: cls
    for cls in (QueryRefused, QueryError, ResultTooLarge, QueryTimeout, EndpointBusy, QueryCrashed, StoreError)
}


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection
    generation: int
    long: bool = False  # running a query past `long_after_s`: niced, and retired when it ends


def _launch(spec: WorkerSpec, generation: int) -> _Worker:
    """Start `python -m kg.sparql_worker` with one end of a socket pair: a fresh interpreter that imports
    only this module (no fork of a threaded server, no re-import of the caller's main module)."""
    ours, theirs = socket.socketpair()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.sparql_worker", str(theirs.fileno()), spec.kind, spec.path],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
        )
    finally:
        theirs.close()
    return _Worker(process, Connection(ours.detach()), generation)


class SparqlPool:
    """A few query workers, started lazily; `run` answers one query within the time limit or kills its worker.

    Workers read a checkpoint (or snapshot) of the data, never the live store: a write goes on beside them, and
    `refresh` afterwards makes the next query of each worker reopen the new checkpoint (milliseconds), so reads
    never pause for a write and never see a half-written one."""

    def __init__(self, spec: Callable[[], WorkerSpec], size: int = 2, startup_timeout_s: float = 300.0,
                 release: Callable[[WorkerSpec], None] | None = None, max_long: int = 4, long_after_s: float = 1.0):
        self._make_spec = spec
        self._release = release
        self.size = size
        self.max_long = max_long
        self.long_after_s = long_after_s
        self._long = 0
        self.startup_timeout_s = startup_timeout_s
        self.isolated: bool | None = None
        self._cond = threading.Condition()
        self._spec_lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy = 0
        self._starting = 0
        self._generation = 0
        self._specs: dict[int, WorkerSpec] = {}
        self._readers: dict[int, int] = {}  # generation -> workers holding its checkpoint open
        self._closed_before = 0
        self._failure: str | None = None
        self.on_close: Callable[[], None] | None = None

    # -- data generations ------------------------------------------------------------------------
    def _current_spec(self, generation: int) -> WorkerSpec:
        """One spec per generation (one checkpoint or snapshot), made by the first worker that needs it."""
        with self._spec_lock:
            if generation not in self._specs:
                self._specs[generation] = self._make_spec()
            return self._specs[generation]

    def _hold(self, generation: int, change: int) -> None:
        """Count the workers reading a generation; an old one nobody reads any more is released (caller holds
        the lock)."""
        self._readers[generation] = self._readers.get(generation, 0) + change
        if self._readers[generation] <= 0 and generation != self._generation:
            del self._readers[generation]
            spec = self._specs.pop(generation, None)
            if spec is not None and self._release is not None:
                self._release(spec)

    # -- workers -------------------------------------------------------------------------------
    def _fill(self) -> None:
        """Start workers until `size` of them are idle or on short queries (caller holds the lock): a worker on
        a long query does not count, so short queries always find one."""
        missing = self.size - len(self._idle) - (self._busy - self._long) - self._starting
        for _ in range(max(0, missing)):
            self._starting += 1
            threading.Thread(target=self._spawn, args=(self._generation,), daemon=True).start()

    def _spawn(self, generation: int) -> None:
        worker, failure = None, None
        try:
            worker = _launch(self._current_spec(generation), generation)
            if not worker.conn.poll(self.startup_timeout_s):
                failure = "a query worker did not start in time"
            else:
                status, detail = worker.conn.recv()
                if status == "ready":
                    if self.isolated is None and not detail:
                        log.warning("SPARQL workers run without network isolation (unprivileged namespaces are "
                                    "not available here); SERVICE is still refused before evaluation")
                    self.isolated = bool(detail)
                else:
                    failure = str(detail)
        except (OSError, EOFError, KGError) as exc:
            failure = f"a query worker could not start ({type(exc).__name__})"
        with self._cond:
            self._starting -= 1
            keep = failure is None and worker is not None and not self._closed(generation)
            if keep:
                self._idle.append(worker)
                self._hold(generation, +1)
            elif failure:
                self._failure = failure
                log.error("SPARQL worker: %s", failure)
            self._cond.notify_all()
        if not keep and worker is not None:
            _stop(worker)

    def _closed(self, generation: int) -> bool:
        """Whether the pool was closed after this generation began (its workers are not kept)."""
        return generation < self._closed_before

    def _reopen(self, worker: _Worker, deadline: float) -> bool:
        """Point an idle worker of an older generation at the current data; False when it cannot."""
        with self._cond:
            generation = self._generation
        try:
            spec = self._current_spec(generation)
            worker.conn.send({"reopen": dataclasses.asdict(spec)})
            if not worker.conn.poll(max(0.1, min(10.0, deadline - time.monotonic()))):
                return False
            status, _ = worker.conn.recv()
        except (OSError, EOFError, KGError):
            return False
        if status != "ready":
            return False
        with self._cond:
            self._hold(worker.generation, -1)
            worker.generation = generation
            self._hold(generation, +1)
        return True

    def _acquire(self, deadline: float) -> _Worker:
        while True:
            with self._cond:
                while True:
                    if self._idle:
                        worker = self._idle.pop()
                        self._busy += 1
                        current = worker.generation == self._generation
                        break
                    if self._failure and not self._starting:
                        self._failure = None  # the next request tries again
                        raise StoreError("the query workers cannot start")
                    self._fill()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise EndpointBusy("no query worker became free in time: the endpoint is busy, try again")
                    self._cond.wait(remaining)
            if current or self._reopen(worker, deadline):
                return worker
            self._finish(worker, healthy=False)

    def _finish(self, worker: _Worker, healthy: bool) -> None:
        healthy = healthy and not worker.long  # a niced worker is not reused
        with self._cond:
            self._busy -= 1
            if worker.long:
                self._long -= 1
            if healthy:
                self._idle.append(worker)
            else:
                self._hold(worker.generation, -1)
            self._fill()
            self._cond.notify_all()
        if not healthy:
            _stop(worker)

    # -- public ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the workers now (the server does this at start-up, so the first query is fast)."""
        with self._cond:
            self._fill()

    def run(self, job: Job, timeout_s: float) -> Answer:
        deadline = time.monotonic() + timeout_s
        worker = self._acquire(deadline)
        try:
            worker.conn.send(dataclasses.asdict(job))
            done = worker.conn.poll(max(0.0, min(self.long_after_s, deadline - time.monotonic())))
            if not done and time.monotonic() < deadline:
                self._mark_long(worker)
                done = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            if not done:
                self._finish(worker, healthy=False)
                raise QueryTimeout(f"the query did not finish within {timeout_s:g} s, the limit of this endpoint; "
                                   f"it was stopped")
            status, detail = worker.conn.recv()
        except (EOFError, OSError):
            self._finish(worker, healthy=False)
            if worker.process.poll() in ENGINE_CRASHES:
                raise QueryCrashed("the query engine cannot evaluate this query (it crashed on it): simplify the "
                                   "query, for example fewer nested groups or OPTIONALs") from None
            raise StoreError("the query worker stopped unexpectedly") from None
        self._finish(worker, healthy=True)
        if status == "ok":
            return Answer(*detail)
        raise ERRORS.get(status, StoreError)(detail)

    def _mark_long(self, worker: _Worker) -> None:
        """A query that has run `long_after_s` moves out of the short lane: its worker is niced (the short
        queries' workers get the CPU first) and replaced by a fresh one; beyond `max_long` it is stopped."""
        with self._cond:
            refused = self._long >= self.max_long
            if not refused:
                self._long += 1
                worker.long = True
                self._fill()
        if refused:
            self._finish(worker, healthy=False)
            raise EndpointBusy(f"{self.max_long} long queries are running already; this one was stopped after "
                               f"{self.long_after_s:g} s: try again later, or narrow it")
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, worker.process.pid, 10)

    def refresh(self) -> None:
        """The data changed: every query from now on reads the new data. Queries already running finish on the
        old checkpoint, which is released when no worker reads it any more."""
        with self._cond:
            previous = self._generation
            self._generation += 1
            self._readers.setdefault(previous, 0)
            self._hold(previous, 0)
            stale, self._idle = self._idle, []
            self._busy += len(stale)
        threading.Thread(target=self._move_on, args=(stale,), daemon=True).start()

    def _move_on(self, workers: list[_Worker]) -> None:
        """Reopen idle workers on the new data at once, so the old checkpoint's disk is freed soon."""
        for worker in workers:
            self._finish(worker, healthy=self._reopen(worker, time.monotonic() + 10))

    def pids(self) -> list[int]:
        """Process ids of the idle workers (for tests and diagnostics)."""
        with self._cond:
            return [w.process.pid for w in self._idle]

    def close(self) -> None:
        """Stop every worker and release every checkpoint (at the end of the app's lifespan); a later query
        starts them again."""
        with self._cond:
            workers, self._idle = self._idle, []
            self._generation += 1
            self._closed_before = self._generation
            specs, self._specs, self._readers = list(self._specs.values()), {}, {}
            self._cond.notify_all()
        for worker in workers:
            _stop(worker)
        if self._release is not None:
            for spec in specs:
                self._release(spec)
        if self.on_close is not None:
            self.on_close()


def _stop(worker: _Worker) -> None:
    """SIGKILL: the evaluation stops at once, wherever it is."""
    with contextlib.suppress(OSError):
        worker.conn.close()
    if worker.process.poll() is None:
        worker.process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        worker.process.wait(timeout=5)


class Snapshots:
    """The copies of the data the workers read, one per generation, each removed when no worker reads it:
    checkpoints of an on-disk store (kind `disk`, hard links beside it) or TriG dumps of a memory store."""

    def __init__(self, make: Callable[[Path], None], kind: str, parent: Path | None = None):
        self._make = make
        self.kind = kind
        self._dir = Path(tempfile.mkdtemp(prefix=".kg-snapshots-", dir=parent))
        self._count = itertools.count()
        self._lock = threading.Lock()

    def __call__(self) -> WorkerSpec:
        with self._lock:
            self._dir.mkdir(exist_ok=True)
            path = self._dir / f"{next(self._count)}{'.trig' if self.kind == 'snapshot' else ''}"
            self._make(path)
            return WorkerSpec(self.kind, str(path))

    def release(self, spec: WorkerSpec) -> None:
        path = Path(spec.path)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def write_trig(store: Store, path: Path) -> None:
    """Every quad of a (small, in-memory) store as TriG, for the workers' snapshot."""
    with path.open("w", encoding="utf-8") as out:
        for row in store.select(ALL_QUADS).rows:
            out.write(f"{row['g'].n3()} {{ {row['s'].n3()} {row['p'].n3()} {row['o'].n3()} . }}\n")


def main(argv: list[str]) -> None:
    """`python -m kg.sparql_worker FD KIND PATH`: serve jobs on the inherited socket."""
    fd, kind, path = argv
    worker_main(Connection(int(fd)), WorkerSpec(kind, path))


if __name__ == "__main__":
    main(sys.argv[1:])
