"""A real HTTP server on 127.0.0.1 for the feed tests (started by the `feed_server` fixture),
serving copies of ../shared/feeds and ../shared/html and whatever a test adds to its routes."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class FeedServer:
    """The server's address, its routes (path -> handler) and every request it answered."""

    base: str
    root: Path
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self, path: str, body: bytes, content_type: str = "application/rss+xml", **headers: str
    ) -> str:
        """Serve `body` at `path` with a 200; returns its URL."""
        self.routes[path] = answer(200, body, {"Content-Type": content_type, **headers})
        return self.url(path)

    def hits(self, path: str) -> list[SeenRequest]:
        return [request for request in self.requests if request.path == path]


def answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Handler:
    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handle


class FeedRequestHandler(BaseHTTPRequestHandler):
    server: FeedHTTPServer

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        feed_server = self.server.feed_server
        seen = SeenRequest(self.path, {key.lower(): value for key, value in self.headers.items()})
        feed_server.requests.append(seen)
        handler = feed_server.routes.get(self.path)
        if handler is None:
            handler = self._static_file()
        # The client may stop reading: that is what the size caps are for.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            handler(self)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.server.feed_server.requests[-1].status = code
        super().send_response(code, message)

    def _static_file(self) -> Handler:
        path = (self.server.feed_server.root / self.path.lstrip("/").split("?")[0]).resolve()
        if not path.is_file() or self.server.feed_server.root not in path.parents:
            return answer(404, b"not here", {"Content-Type": "text/plain"})
        kind = "text/html; charset=utf-8" if path.suffix == ".html" else "application/xml"
        return answer(200, path.read_bytes(), {"Content-Type": kind})

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


class FeedHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    feed_server: FeedServer
