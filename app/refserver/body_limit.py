"""Request size bounds: every request body is capped (a chunk of an upload at its size plus the
multipart framing, any other body at 2 MB) before it is read, as a problem+json 413."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.refserver.upload_routes import CHUNK_SIZE

MAX_JSON_BODY = 2 * 1024 * 1024  # every request body but a chunk's
MAX_CHUNK_BODY = CHUNK_SIZE + 64 * 1024  # a chunk and its multipart framing


class BodyLimit:
    """ASGI middleware: a request body larger than its route's cap is refused with 413 before
    it is read (declared Content-Length) or as soon as the streamed bytes pass the cap."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = MAX_CHUNK_BODY if "/chunks/" in scope["path"] else MAX_JSON_BODY
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await _too_large(send, cap)
            return
        seen = 0
        started = False

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge(cap)
            return message

        async def tracking_send(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, cap)


class BodyTooLarge(StarletteHTTPException):
    """Raised while the body streams in; FastAPI passes HTTP exceptions through as they are."""

    def __init__(self, cap: int = MAX_JSON_BODY) -> None:
        super().__init__(413, f"request bodies are limited to {cap} bytes")
        self.cap = cap


def _problem(cap: int, detail: str) -> dict[str, Any]:
    return {"type": "about:blank", "title": "Request too large", "status": 413, "detail": detail,
            "detail_vi": f"Yêu cầu quá lớn (tối đa {cap // 1024} KB)"}


async def _too_large(send: Any, cap: int) -> None:
    body = json.dumps(_problem(cap, f"request bodies are limited to {cap} bytes")).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


async def too_large_handler(_req: Request, exc: Exception) -> JSONResponse:
    """The app's handler of :class:`BodyTooLarge` raised inside a route (while a form is read)."""
    cap = exc.cap if isinstance(exc, BodyTooLarge) else MAX_JSON_BODY
    detail = exc.detail if isinstance(exc, BodyTooLarge) else ""
    return JSONResponse(_problem(cap, detail), status_code=413, media_type="application/problem+json",
                        headers={"Connection": "close"})
