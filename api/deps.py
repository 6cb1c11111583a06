"""FastAPI dependencies as Annotated aliases: what a route needs, taken from the app that serves it."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from kg.config import Settings
from kg.lookup.catalogue import Catalogue
from kg.sparql_runner import QueryRunner
from kg.store import Store

# async on purpose: FastAPI runs a plain `def` dependency in the thread pool, a hop that cost more than the
# whole look-up query (bench/api_latency.py); these only read the app's state


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_catalogue(request: Request) -> Catalogue:
    return request.app.state.catalogue


async def get_sparql(request: Request) -> QueryRunner:
    return request.app.state.sparql


async def require_write_token(request: Request) -> None:
    """Writes need `Authorization: Bearer <write_token>`; with no token configured, writing is off."""
    expected = request.app.state.settings.write_token
    if not expected:
        raise HTTPException(403, "uploads are disabled on this server (no write token is configured)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # digests of equal length: the comparison time says nothing about the token, not even its length
    matches = hmac.compare_digest(hashlib.sha256(given.strip().encode()).digest(),
                                  hashlib.sha256(expected.encode()).digest())
    if scheme.lower() != "bearer" or not matches:
        raise HTTPException(401, "a valid bearer token is required to upload data",
                            headers={"WWW-Authenticate": 'Bearer realm="kg"'})


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
SparqlDep = Annotated[QueryRunner, Depends(get_sparql)]
WriterDep = Depends(require_write_token)
