"""Interactive API docs served from this server: Swagger UI 5 (it reads OpenAPI 3.1) comes from the
swagger-ui-bundle-v2 package, so /docs works offline and the browser fetches nothing from a CDN."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/static/swagger-ui"


def install(app: FastAPI) -> None:
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} – API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )


PROBLEM_MEDIA = "application/problem+json"
PROBLEM_SCHEMA = {
    "type": "object", "required": ["title", "status", "detail"],
    "properties": {"title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}},
    "additionalProperties": True,
}
# what any operation may answer, whatever it does (api/errors.py turns each into problem details)
COMMON_PROBLEMS = {
    "400": "A parameter, query or body the server refuses, with the reason",
    "404": "The named thing (region, actor, service, concept, query) does not exist; valid values where short",
    "406": "None of the media types in Accept can be produced",
    "413": "The request body is larger than the limit",
    "422": "A parameter has an invalid value",
    "503": "The store or the query workers are busy or unavailable: try again after Retry-After seconds",
}


def document_problems(app: FastAPI) -> None:
    """Every operation documents the error statuses the server really sends, as RFC 9457 problem details, so a
    client (and schemathesis) finds each status it can meet in the OpenAPI document."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        content = {PROBLEM_MEDIA: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in COMMON_PROBLEMS.items():
                    responses.setdefault(status, {"description": description})
                for status, response in responses.items():
                    if status[0] in "45":
                        response["content"] = content
                if "503" in responses:
                    responses["503"]["headers"] = {"Retry-After": {
                        "description": "Seconds to wait before trying again", "schema": {"type": "integer"}}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
