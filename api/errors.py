"""The one place where the package's errors become HTTP statuses, as RFC 9457 problem details.

Bodies carry a clear message (and, where it helps, the valid values or every problem of an upload), never
a traceback, a server path or an exception class; unexpected errors are logged and answered with 500.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from kg.errors import KGError, LoadError, NotFound, ReferenceConflict, StoreError
from kg.loading.caps import InputTooLarge
from kg.sparql_worker import QueryTimeout

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"

STATUS_TITLES = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
    422: "Unprocessable Content", 500: "Internal Server Error", 503: "Service Unavailable",
}


class InvalidValue(NotFound):
    """A query parameter names something that does not exist (422: the path is fine, the value is not)."""


def problem(status: int, detail: str, headers: dict[str, str] | None = None, **extra: object) -> JSONResponse:
    body = {"title": STATUS_TITLES.get(status, "Error"), "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def status_of(exc: KGError) -> int:
    if isinstance(exc, ReferenceConflict):
        return 409
    if isinstance(exc, InputTooLarge):
        return 413
    if isinstance(exc, InvalidValue):
        return 422
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, QueryTimeout | StoreError):
        return 503
    return 400  # LoadError, QueryRefused, QueryError and any other input the package refuses


async def _kg_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KGError)
    status = status_of(exc)
    if isinstance(exc, LoadError):
        problems = [
            {k: v for k, v in vars(p).items() if v is not None} for p in exc.problems
        ]
        if isinstance(exc, ReferenceConflict):
            return problem(status, "other data sets refer to this one; nothing was changed", problems=problems)
        return problem(status, f"the data set has {len(problems)} problem(s); nothing was changed", problems=problems)
    if isinstance(exc, NotFound):
        return problem(status, str(exc), valid=exc.valid)
    retry = {"Retry-After": str(QueryTimeout.retry_after_s)} if status == 503 else None
    if isinstance(exc, StoreError) and not isinstance(exc, QueryTimeout):
        log.error("store error on %s: %s", request.url.path, exc)
        return problem(status, "the store is not available; try again later", headers=retry)
    return problem(status, str(exc), headers=retry)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return problem(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(part) for part in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()]
    return problem(422, "the request has invalid parameters", errors=errors)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(500, "an unexpected error occurred; it has been logged")


def install(app: FastAPI) -> None:
    app.add_exception_handler(KGError, _kg_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


@contextlib.contextmanager
def invalid_values() -> Iterator[None]:
    """Unknown codes in query parameters answer 422 (with the valid ones), not 404."""
    try:
        yield
    except InvalidValue:
        raise
    except NotFound as exc:
        raise InvalidValue(str(exc), exc.valid) from None
