"""Request bodies are size-limited before they are read: 413 on a declared or an actual excess.

Uploads may be as large as `max_upload_bytes`; every other body (SPARQL queries sent by POST, which arrive
as urlencoded forms) is limited to MAX_QUERY_BYTES.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_QUERY_BYTES = 1024 * 1024
UPLOAD_PREFIX = "/datasets/"


class BodyLimit:
    def __init__(self, app: ASGIApp, max_upload_bytes: int, max_other_bytes: int = MAX_QUERY_BYTES):
        self.app = app
        self.max_upload_bytes = max_upload_bytes
        self.max_other_bytes = max_other_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_upload_bytes if scope["path"].startswith(UPLOAD_PREFIX) else self.max_other_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, limit)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, f"the request body is larger than {limit} bytes")
            return message

        await self.app(scope, limited, send)


async def _refuse(send: Send, limit: int) -> None:
    body = (b'{"title":"Content Too Large","status":413,"detail":"the request body is larger than '
            + str(limit).encode() + b' bytes"}')
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
