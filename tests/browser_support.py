"""Real pages in a real browser: the app served by uvicorn on a loopback port (in a thread of the test
process, on a store the test hands it), and Debian's Chromium driven by Playwright, with every request the
page makes recorded so a test can assert that nothing left for another host.

No browser is downloaded: Playwright drives /usr/bin/chromium. Screenshots go to `ARTIFACTS`
(test-artifacts/ at the project root, or $KG_TEST_ARTIFACTS) so a run leaves pictures to look at."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn

from api import create_app
from kg.config import PROJECT_ROOT, Settings
from kg.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("KG_TEST_ARTIFACTS", PROJECT_ROOT / "test-artifacts"))
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                "--disable-background-networking", "--disable-component-update"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(store: Store, tmp_path: Path, **overrides: object) -> Iterator[str]:
    """The app on `store`, served by uvicorn on 127.0.0.1; yields its base URL."""
    settings = Settings(_env_file=None, **{"store": "memory", "store_path": tmp_path / "store",
                                           "write_token": "test-write-token", **overrides})
    app = create_app(settings, store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@dataclass
class PageLog:
    """What one page did: its console errors, page errors and every URL it requested."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the server's (data: and blob: URLs stay in the page)."""
        own = urlsplit(self.base).netloc
        return [u for u in self.requests
                if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own]

    def assert_clean(self) -> None:
        assert not self.console_errors, self.console_errors
        assert not self.foreign_requests(), self.foreign_requests()


def launch_browser():
    """Yield one headless Chromium; the tests skip where Debian's chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield instance
        instance.close()


@contextmanager
def open_page(browser, base: str, path: str, offline: bool = False, width: int = 1280, height: int = 900):
    """A new page at base+path with its log; `offline` aborts every request to another host."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log = PageLog(base)
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.console_errors.append(str(e)))
    page.on("request", lambda r: log.requests.append(r.url))
    if offline:
        own = urlsplit(base).netloc

        def guard(route):
            if urlsplit(route.request.url).netloc in (own, ""):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
    try:
        if path:
            page.goto(base + path, wait_until="networkidle")
        yield page, log
    finally:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG under ARTIFACTS and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target
