"""Shared fixtures: fresh in-memory stores per test, one store with all bundled data per session, and for the page
tests a browser and sites served from the full data and from the planted region."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT, Settings
from kg.loading.loader import load_paths
from kg.store import EmbeddedStore

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(store="memory", store_path=tmp_path / "store", _env_file=None)


@pytest.fixture
def store() -> EmbeddedStore:
    return EmbeddedStore(None)


@pytest.fixture
def mini_store(settings: Settings, store: EmbeddedStore) -> EmbeddedStore:
    """A store with a handful of real NUTS regions (DE126 Mannheim and its parents, DE125, DE111) and IL."""
    load_paths([FIXTURES / "regions-mini"], settings, store)
    return store


@pytest.fixture
def toy_copy(tmp_path: Path) -> Path:
    """A writable copy of the toy region template, to break in one place per test."""
    target = tmp_path / "toy-region"
    shutil.copytree(FIXTURES / "toy-region", target)
    return target


@pytest.fixture(scope="session")
def full_store() -> EmbeddedStore:
    """All bundled data sets loaded once (slow: the whole NUTS classification and every seed case)."""
    settings = Settings(store="memory", _env_file=None)
    store = EmbeddedStore(None)
    load_paths([PROJECT_ROOT / "data"], settings, store)
    return store


def store_with(*fixture_sets: str) -> EmbeddedStore:
    """A new memory store with the named data sets of tests/fixtures loaded (for module-scoped fixtures)."""
    store = EmbeddedStore(None)
    load_paths([FIXTURES / name for name in fixture_sets], Settings(store="memory", _env_file=None), store)
    return store


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session's page tests (tests/browser_support.py)."""
    from tests.browser_support import launch_browser

    yield from launch_browser()


TABLES = ("dataset", "sources", "actors", "services", "relations")


@pytest.fixture(scope="module")
def full_site(full_store, tmp_path_factory):
    """All bundled data served by uvicorn on a loopback port (tests/browser_support.py)."""
    from tests.browser_support import serve

    with serve(full_store, tmp_path_factory.mktemp("site-full")) as base:
        yield base


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory):
    """regions-mini and the planted region, the latter loaded from an XLSX workbook as a data steward writes it."""
    import csv

    from openpyxl import Workbook

    from tests.browser_support import serve

    folder = tmp_path_factory.mktemp("planted")
    book = Workbook()
    book.remove(book.active)
    for name in TABLES:
        sheet = book.create_sheet(name)
        for row in csv.reader((FIXTURES / "planted-region" / f"{name}.csv").open(encoding="utf-8")):
            sheet.append(row)
    path = folder / "planted-region.xlsx"
    book.save(path)
    store = EmbeddedStore(None)
    load_paths([FIXTURES / "regions-mini", path], Settings(store="memory", _env_file=None), store)
    with serve(store, folder) as base:
        yield base
