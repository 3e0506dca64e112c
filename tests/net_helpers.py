"""Real HTTP servers on loopback for fetch and watch tests (nothing leaves 127.0.0.x).

    with LoopbackServer({"/feed.xml": send(200, body, "application/rss+xml")}) as srv:
        fetch(srv.url("/feed.xml"), policy=LOOPBACK)
        srv.hits("/feed.xml")  # how many requests that path got

A route is a function of the request handler; :func:`send`, :func:`redirect`
and :func:`drip` make the usual ones. Handlers swallow broken connections (a
client that gave up), so no thread ever ends in a traceback.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable
from typing import Any

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


def send(status: int, body: bytes | str = b"", ctype: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> Route:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    return route


def redirect(location: str, status: int = 302) -> Route:
    def route(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def drip(stop: threading.Event, every_s: float = 2.0, n: int = 30, ctype: str = "text/html") -> Route:
    """Headers at once, then one byte every ``every_s`` seconds (no Content-Length)."""

    def route(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.flush()
        for _ in range(n):
            h.wfile.write(b"x")
            h.wfile.flush()
            if stop.wait(every_s):
                return

    return route


class LoopbackServer:
    """A threaded HTTP server on ``host`` (a loopback address), port chosen by the OS."""

    def __init__(self, routes: dict[str, Route], host: str = "127.0.0.1") -> None:
        self.routes = dict(routes)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.posts: list[tuple[str, dict[str, str], bytes]] = []
        self.post_failures = 0  # answer this many POSTs with 503 first (retry tests)
        self.lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with server.lock:
                    server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path.split("?")[0])
                try:
                    if route is None:
                        send(404, b"not found", "text/plain")(self)
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
                    self.close_connection = True

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                with server.lock:
                    fail = server.post_failures > 0
                    if fail:
                        server.post_failures -= 1
                    else:
                        server.posts.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                try:
                    send(503 if fail else 200, b"busy" if fail else b"ok", "text/plain")(self)
                except OSError:
                    self.close_connection = True

            def log_message(self, *args: Any) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up (deadline tests do it on purpose)

        self.httpd = Server((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.host = host
        self.port = self.httpd.server_port
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str | None = None) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if path is None or p.split("?")[0] == path)

    def start(self) -> LoopbackServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_for(pred: Callable[[], bool], timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.02)
    return pred()
