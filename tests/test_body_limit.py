"""A 413 that arrives: a real uvicorn server on loopback refuses a 2 MiB POST /sparql that a raw socket is still
writing in chunks, and the client reads the 413 every time instead of a broken pipe."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import uvicorn

from api import create_app
from api.limits import DRAIN_BYTES, MAX_QUERY_BYTES
from kg.store import EmbeddedStore
from tests.api_support import api_settings

pytestmark = pytest.mark.slow

BODY_BYTES = 2 * 1024 * 1024
CHUNK = 16 * 1024
TRIES = 20


@pytest.fixture(scope="module")
def port(tmp_path_factory) -> Iterator[int]:
    store = EmbeddedStore(None)
    store.replace_graphs({})
    app = create_app(api_settings(Path(tmp_path_factory.mktemp("body-limit"))), store)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield free
    server.should_exit = True
    thread.join(10)


def _post(port: int, headers: list[str], chunks: Iterable[bytes]) -> bytes:
    """Send the request while the server may already be answering; return what the server sent back."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        head = ["POST /sparql HTTP/1.1", f"Host: 127.0.0.1:{port}",
                "Content-Type: application/x-www-form-urlencoded", *headers]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        for chunk in chunks:
            conn.sendall(chunk)
        answer = b""
        while data := conn.recv(65536):
            answer += data
        return answer


def _query_body() -> bytes:
    prefix = b"query=SELECT%20*%20WHERE%20%7B%7D%20%23"
    return prefix + b"x" * (BODY_BYTES - len(prefix))


def _pieces(body: bytes) -> Iterator[bytes]:
    return (body[i:i + CHUNK] for i in range(0, len(body), CHUNK))


def test_declared_oversized_body_is_drained_and_answered_413(port):
    body = _query_body()
    answers = [_post(port, [f"Content-Length: {len(body)}"], _pieces(body)) for _ in range(TRIES)]
    assert all(a.startswith(b"HTTP/1.1 413") for a in answers), [a[:40] for a in answers]
    assert all(b"connection: close" in a.lower() for a in answers)


def test_chunked_oversized_body_is_drained_and_answered_413(port):
    body = _query_body()
    chunked = [f"{len(piece):x}\r\n".encode() + piece + b"\r\n" for piece in _pieces(body)] + [b"0\r\n\r\n"]
    answers = [_post(port, ["Transfer-Encoding: chunked"], chunked) for _ in range(TRIES)]
    assert all(a.startswith(b"HTTP/1.1 413") for a in answers), [a[:40] for a in answers]
    assert b"larger than" in answers[0]


def test_a_body_under_the_limit_is_still_served(port):
    body = b"query=" + b"ASK%20%7B%7D"
    answer = _post(port, [f"Content-Length: {len(body)}", "Accept: application/sparql-results+json",
                          "Connection: close"], iter([body]))
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]


def test_a_declared_body_beyond_the_drain_bound_is_refused_without_reading_it(port):
    declared = MAX_QUERY_BYTES + DRAIN_BYTES + 1
    answer = _post(port, [f"Content-Length: {declared}"], iter([b"query="]))
    assert answer.startswith(b"HTTP/1.1 413")

