"""Security as ASGI middleware: a request body limit (413) and the response headers
every page and answer carries (Content-Security-Policy forbidding outside sources,
no sniffing, no framing, no referrer)."""

from __future__ import annotations

import json
from typing import Any

#: Everything from this server only: no CDN, no tile server, no inline script.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """Refuse bodies over ``max_body`` bytes (by Content-Length, or as they stream in) and
    add the security headers to every response."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def _refuse(self, send: Any, status: int, message: str) -> None:
        body = json.dumps({"error": message}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                *HEADERS]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            if not length.isdigit():
                await self._refuse(send, 400, "bad Content-Length")
                return
            if int(length) > self.max_body:
                await self._refuse(send, 413, f"request body over {self.max_body:,} bytes")
                return
        # read the whole body first (at most max_body bytes), so a chunked upload that
        # grows too large is refused before any route sees it
        chunks: list[bytes] = []
        seen = 0
        if scope.get("method") in ("POST", "PUT", "PATCH", "DELETE"):
            while True:
                msg = await receive()
                if msg["type"] != "http.request":
                    return  # the client went away
                chunk = msg.get("body", b"")
                seen += len(chunk)
                if seen > self.max_body:
                    await self._refuse(send, 413, f"request body over {self.max_body:,} bytes")
                    return
                chunks.append(chunk)
                if not msg.get("more_body"):
                    break
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        async def guarded_send(msg: Any) -> None:
            if msg["type"] == "http.response.start":
                names = {k.lower() for k, _ in msg.get("headers", [])}
                msg = {**msg, "headers": [*msg.get("headers", []), *(h for h in HEADERS if h[0] not in names)]}
            await send(msg)

        await self.app(scope, replay, guarded_send)
