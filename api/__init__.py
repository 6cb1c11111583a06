"""The HTTP API: REST look-ups with OpenAPI, linked-data entity pages, exports, the SPARQL endpoint, uploads.

`create_app(settings)` builds an app; `kg serve` runs one with uvicorn."""

from api.app import create_app

__all__ = ["create_app"]
