"""Request bodies are size-limited: 413 on a declared or an actual excess, answered so that a client still
sending can read it.

Uploads may be as large as `max_upload_bytes`; every other body (SPARQL queries sent by POST, which arrive
as urlencoded forms) is limited to MAX_QUERY_BYTES. A 413 sent while the client is still writing would reach
it as a broken pipe (the unread bytes make the kernel reset the connection), so the rest of an oversized body
is read and discarded, up to DRAIN_BYTES past the limit, before the 413 is sent with `Connection: close`.
A body larger still is refused at once and the connection closed: draining it would cost more than it is worth.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_QUERY_BYTES = 1024 * 1024
DRAIN_BYTES = 64 * 1024 * 1024  # a fixed bound on what is read and discarded beyond the limit
UPLOAD_PREFIX = "/datasets/"
CLOSE = {"connection": "close"}


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
            if declared.isdigit() and int(declared) <= limit + DRAIN_BYTES:
                await _drain(receive, {"type": "http.request", "more_body": True}, 0, limit + DRAIN_BYTES)
            await _refuse(send, limit)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    await _drain(receive, message, received, limit + DRAIN_BYTES)
                    raise HTTPException(413, f"the request body is larger than {limit} bytes", headers=CLOSE)
            return message

        await self.app(scope, limited, send)


async def _drain(receive: Receive, message: Message, received: int, bound: int) -> None:
    """Read and discard the rest of the body after `message`, stopping once `bound` bytes have arrived."""
    while message["type"] == "http.request" and message.get("more_body", False) and received <= bound:
        message = await receive()
        received += len(message.get("body", b""))


async def _refuse(send: Send, limit: int) -> None:
    body = (b'{"title":"Content Too Large","status":413,"detail":"the request body is larger than '
            + str(limit).encode() + b' bytes"}')
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
