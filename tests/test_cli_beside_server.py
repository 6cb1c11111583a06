"""Every `kg` command that only reads works while `kg serve` holds the on-disk store (it opens the store
read-only, as it was at opening); a command that writes says how to write instead, and exits 2. Against a real
`kg serve` process on a loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

KG = [sys.executable, "-c", "import sys; from kg.cli import app; sys.argv[0] = 'kg'; app()"]


def kg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], env=env, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("beside")
    env = {**os.environ, "KG_STORE": "embedded", "KG_STORE_PATH": str(folder / "store"), "COLUMNS": "200"}
    loaded = kg(env, "load", str(FIXTURES / "regions-mini"), str(FIXTURES / "toy-region"))
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([*KG, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/regions/DE126", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"kg serve did not answer: {process.stderr.read() if process.stderr else ''}")
    yield env, folder, base
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.parametrize("args", [
    ("stats",),
    ("validate", str(FIXTURES / "toy-region")),
    ("gaps", "DE126"),
    ("query", "cq01-providers-of-determinant", "--param", "determinant=access-to-finance",
     "--param", "region=DE126"),
])
def test_reading_commands_work_while_the_server_runs(server, args):
    env, _, base = server
    result = kg(env, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert httpx.get(f"{base}/regions/DE126", timeout=10).status_code == 200  # and the server still answers


def test_report_and_export_read_beside_the_server(server):
    env, folder, _ = server
    report = kg(env, "report", "DE126", "--model", "DE125", "-o", str(folder / "report.html"))
    assert report.returncode == 0, report.stdout + report.stderr
    assert "Toy Cluster Management" in (folder / "report.html").read_text(encoding="utf-8")
    export = kg(env, "export", "graphml", "--out", str(folder / "actors.graphml"))
    assert export.returncode == 0, export.stdout + export.stderr
    assert "Toy Ventures" in (folder / "actors.graphml").read_text(encoding="utf-8")


def test_a_writing_command_explains_how_to_write_instead(server):
    env, _, _ = server
    result = kg(env, "load", "--force", str(FIXTURES / "toy-region"))
    assert result.returncode == 2
    message = " ".join((result.stdout + result.stderr).split())
    assert "kg serve" in message and "PUT /datasets/{id}" in message
