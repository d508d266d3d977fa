"""Fixtures of the feed tests: a real HTTP server on 127.0.0.1 serving copies (made in a
temporary folder at test time) of ../shared/feeds and ../shared/html. No test here reaches the
outside network."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_http_server import FeedHTTPServer, FeedRequestHandler, FeedServer

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED / "feeds").is_dir() or not (SHARED / "html").is_dir():
        pytest.skip("../shared/feeds and ../shared/html are not present beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def served_copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of ../shared/feeds and ../shared/html (when they exist), made once per run."""
    root = tmp_path_factory.mktemp("www")
    for name in ("feeds", "html"):
        if (SHARED / name).is_dir():
            shutil.copytree(SHARED / name, root / name)
    return root


@pytest.fixture
def feed_server(served_copies: Path) -> Iterator[FeedServer]:
    """The server, serving the copies at `/feeds/...` and `/html/...`, and the test's routes."""
    root = served_copies
    server = FeedHTTPServer(("127.0.0.1", 0), FeedRequestHandler)
    host, port = server.server_address[:2]
    server.feed_server = FeedServer(f"http://{host}:{port}", root.resolve())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.feed_server
    finally:
        server.feed_server.release.set()
        server.shutdown()
        server.server_close()
        thread.join()
