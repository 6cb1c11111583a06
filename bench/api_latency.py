"""HTTP latency and throughput of the look-up and coverage endpoints, beside a hello-world endpoint of the
same app in the same run (the upper bound of the HTTP layer), on the bundled data and on a generated graph
of 1M+ triples (bench/generate.py). Each store is served by uvicorn in its own process on loopback, as
`kg serve` runs it; the client runs here.

Latency: sequential requests on one keep-alive connection (p50, p99). Throughput: concurrent requests for a
fixed time. The client shares the machine with the server, so absolute numbers are a lower bound; the ratios
to hello-world, measured under the same conditions, are the point.

Run: python bench/api_latency.py [--requests 500] [--seconds 5] [--concurrency 8] [--skip-large]
     -> bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "RESULTS.md"


# ----------------------------------------------------------------------------- the server process


def serve(store_path: Path, port: int) -> None:
    """The app of `kg serve` on an on-disk store, plus /hello; coverage through the analyses' own function
    when the app has no coverage route yet (api/routers/analyses.py is added separately)."""
    import uvicorn

    from api import create_app
    from kg.config import Settings
    from kg.store import EmbeddedStore

    settings = Settings(store="embedded", store_path=store_path, _env_file=None)
    store = EmbeddedStore(store_path)
    app = create_app(settings, store)

    @app.get("/hello", include_in_schema=False)
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    if not any("coverage" in getattr(route, "path", "") for route in app.routes):
        from kg.analysis.coverage import coverage

        @app.get("/bench/coverage/{region}", include_in_schema=False)
        def bench_coverage(region: str) -> dict:
            return coverage(store, settings, region).to_dict()

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# ----------------------------------------------------------------------------- the client


@dataclass
class Measure:
    endpoint: str
    path: str
    p50_ms: float
    p99_ms: float
    rps: float


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _latencies(base: str, path: str, requests: int) -> list[float]:
    with httpx.Client(base_url=base, timeout=120) as client:
        for _ in range(20):
            client.get(path).raise_for_status()
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(path).raise_for_status()
            times.append(time.perf_counter() - started)
    return times


async def _throughput(base: str, path: str, seconds: float, concurrency: int) -> float:
    done = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                (await client.get(path)).raise_for_status()
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return done / (time.perf_counter() - started)


def measure(base: str, endpoint: str, path: str, args: argparse.Namespace) -> Measure:
    times = sorted(_latencies(base, path, args.requests))
    rps = asyncio.run(_throughput(base, path, args.seconds, args.concurrency))
    p99 = times[min(len(times) - 1, round(0.99 * len(times)))]
    return Measure(endpoint, path, statistics.median(times) * 1000, p99 * 1000, rps)


def run_store(name: str, store_path: Path, region: str, args: argparse.Namespace) -> list[Measure]:
    port = _free_port()
    log = (store_path.parent / f"{name}.log").open("w")
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(store_path), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(base + "/hello", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the {name} server did not start; see {log.name}")
            time.sleep(0.3)
        coverage = "/bench/coverage/" + region
        if not httpx.get(base + coverage, timeout=300).is_success:
            coverage = f"/regions/{region}/coverage"
        endpoints = [
            ("hello-world", "/hello"),
            ("look-up: services by region, determinant, phase",
             f"/services?region={region}&determinant=access-to-finance&phase=start-up"),
            ("look-up: actors by region", f"/actors?region={region}"),
            ("coverage matrix of the region", coverage),
        ]
        results = []
        for endpoint, path in endpoints:
            result = measure(base, endpoint, path, args)
            print(f"{name:9} {endpoint:50} p50 {result.p50_ms:7.2f} ms  p99 {result.p99_ms:7.2f} ms  "
                  f"{result.rps:7.0f} req/s", flush=True)
            results.append(result)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _triples(store_path: Path) -> int:
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(store_path)))


def report(runs: list[tuple[str, int, list[Measure]]], args: argparse.Namespace) -> str:
    lines = [
        "# API latency",
        "",
        f"`python bench/api_latency.py` on {platform.node() or 'this machine'}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}. uvicorn, one server process with its "
        f"default settings on loopback; the client (httpx) on the same machine. Latency: {args.requests} "
        f"sequential requests on one keep-alive connection; throughput: {args.concurrency} concurrent "
        f"connections for {args.seconds:g} s. Ratios are against hello-world of the same app in the same run.",
        "",
        "| data | endpoint | request | p50 ms | p99 ms | req/s | p50 / hello | req/s / hello |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, triples, measures in runs:
        hello = measures[0]
        for m in measures:
            lines.append(f"| {name} ({triples:,} triples) | {m.endpoint} | `{m.path}` | {m.p50_ms:.2f} | "
                         f"{m.p99_ms:.2f} | {m.rps:,.0f} | {m.p50_ms / hello.p50_ms:.1f}× | "
                         f"{m.rps / hello.rps:.2f} |")
    lines += [
        "",
        "Goal (issue #5): the look-up within 3× of hello-world's latency on the bundled data.",
        "`/bench/coverage/{region}` is the analyses' own `coverage()` behind a route the benchmark adds while the",
        "app has no coverage route of its own (api/routers/analyses.py is added separately).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--actors-per-region", type=int, default=14)
    parser.add_argument("--skip-large", action="store_true", help="only the bundled data")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port)
        return

    from generate import build  # bench/generate.py, beside this script

    from kg.config import PROJECT_ROOT, Settings
    from kg.loading.loader import load_paths
    from kg.store import EmbeddedStore

    runs = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        bundled = Path(tmp) / "bundled"
        store = EmbeddedStore(bundled)
        load_paths([PROJECT_ROOT / "data"], Settings(store="embedded", store_path=bundled, _env_file=None), store)
        store.close()
        runs.append(("bundled", _triples(bundled), run_store("bundled", bundled, "DE126", args)))
        if not args.skip_large:
            generated = Path(tmp) / "generated"
            triples, _sample = build(generated, args.actors_per_region)
            runs.append(("generated", triples, run_store("generated", generated, "DE126", args)))
    RESULTS.write_text(report(runs, args), encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
