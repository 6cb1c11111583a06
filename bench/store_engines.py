"""Choosing the embedded store by measurement: rdflib's in-memory Dataset against pyoxigraph, same process,
same data (the bundled data sets, optionally replicated with renamed actors and services), same queries.

Run: python bench/store_engines.py [--copies 10] [--repeat 7]  -> prints a Markdown table (medians, ratios).
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.config import Settings
from kg.loading.loader import load_paths
from kg.namespaces import NUTS, concept
from kg.queries import get_query
from kg.store import EmbeddedStore
from kg.store.base import bind_values, with_prefixes

QUERIES = {
    "CQ1 providers of access to finance in DE126": (
        "cq01-providers-of-determinant",
        {"region": NUTS.DE126, "determinant": concept("determinant", "access-to-finance")},
    ),
    "CQ3 single-provider cells of DE1": ("cq03-single-provider-cells", {"region": NUTS.DE1}),
    "CQ4 crowded cells of US-MA": (
        "cq04-uncoordinated-overlaps", {"region": URIRef("https://w3id.org/rckg/id/region/US-MA")}
    ),
    "CQ10 cluster organisation shares": ("cq10-cluster-organisation-service-shares", {}),
}


def bundled_ntriples() -> str:
    store = EmbeddedStore(None)
    load_paths([Path(__file__).resolve().parents[1] / "data"], Settings(store="memory", _env_file=None), store)
    return store._store.dump(format=ox.RdfFormat.N_QUADS).decode()


def replicate(nquads: str, copies: int) -> str:
    """Copies of every actor and service (renamed), so the graph grows in the same model."""
    lines = nquads.splitlines()
    out = list(lines)
    for i in range(1, copies):
        suffix = f"-copy{i}>"
        for line in lines:
            if "/id/actor/" in line or "/id/service/" in line:
                out.append(_rename(line, suffix))
    return "\n".join(out) + "\n"


def _rename(line: str, suffix: str) -> str:
    parts = []
    for token in line.split(" "):
        if token.startswith(("<https://w3id.org/rckg/id/actor/", "<https://w3id.org/rckg/id/service/")):
            token = token[:-1] + suffix
        parts.append(token)
    return " ".join(parts)


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def timed_with_budget(fn, repeat: int, budget_s: float) -> float | None:
    """Median in a forked child that is killed at the budget: rdflib's engine cannot be interrupted."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=lambda: queue.put(timed(fn, repeat)))
    child.start()
    child.join(budget_s)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds allowed per rdflib query measurement")
    args = parser.parse_args()
    data = replicate(bundled_ntriples(), args.copies).encode()

    def load_rdflib() -> Dataset:
        ds = Dataset(default_union=True)
        ds.parse(data=data, format="nquads")
        return ds

    def load_ox() -> ox.Store:
        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        return store

    rd, ox_store = load_rdflib(), load_ox()
    triples = len(ox_store)
    rows: list[tuple[str, float | None, float]] = [("load N-Quads", timed(load_rdflib, 3), timed(load_ox, 3))]
    for label, (name, bindings) in QUERIES.items():
        text = with_prefixes(bind_values(get_query(name).text, bindings))
        rows.append((label, timed_with_budget(lambda t=text: list(rd.query(t)), args.repeat, args.budget),
                     timed(lambda t=text: list(ox_store.query(t, use_default_graph_as_union=True)), args.repeat)))
    print(f"{triples:,} quads ({args.copies} copies of the bundled actors and services), medians of "
          f"{args.repeat} runs (loads: 3), python {sys.version.split()[0]}\n")
    print("| operation | rdflib Dataset | pyoxigraph | rdflib / pyoxigraph |")
    print("|---|---:|---:|---:|")
    for label, a, b in rows:
        if a is None:
            print(f"| {label} | > {args.budget:.0f} s (stopped) | {b * 1000:,.1f} ms | > {args.budget / b:,.0f}× |")
        else:
            print(f"| {label} | {a * 1000:,.1f} ms | {b * 1000:,.1f} ms | {a / b:,.1f}× |")


if __name__ == "__main__":
    main()
