"""A real HTTP server on 127.0.0.1 serving a feed of two stories with their pages, for the tests
of `newsreader fetch` and of fetching in the reader (tests/articles/feeds/feed_http_server.py
serves it; no test reaches the outside network)."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

FEED_TESTS = Path(__file__).parent / "articles" / "feeds"


def feed_http_server() -> ModuleType:
    """The feed tests' HTTP server module (tests/articles/feeds is not a package, so it is loaded
    from its file, once)."""
    name = "feed_http_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, FEED_TESTS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@contextlib.contextmanager
def running_feed_server(www: Path) -> Iterator[Any]:
    """The server (a `FeedServer`), serving `www` and the routes a test adds, until the end."""
    served = feed_http_server()
    www.mkdir(exist_ok=True)
    http = served.FeedHTTPServer(("127.0.0.1", 0), served.FeedRequestHandler)
    host, port = http.server_address[:2]
    http.feed_server = served.FeedServer(f"http://{host}:{port}", www.resolve())
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield http.feed_server
    finally:
        http.shutdown()
        http.server_close()
        thread.join()


PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>{body}</p><p>{more}</p></article></body></html>"""
STORIES = {
    "/news/baku.html": (
        "Valiyev opens the Baku ferry terminal",
        "Karim Valiyev, the transport minister, opened the new ferry terminal in Baku on Monday. "
        "The Caspian Shipping Company says the terminal will double the freight it moves to "
        "Turkmenbashi, and Valiyev promised a second berth before the winter.",
        "Lorries from Georgia waited at the gates for the first sailing, and the port authority "
        "expects the line to Aktau to open in the spring.",
    ),
    "/news/strike.html": (
        "Dockers in Rotterdam end their strike",
        "Dockers at the Port of Rotterdam ended a three-day strike on Tuesday after the FNV union "
        "and the employers agreed on a new wage deal, said Marieke de Vries, who led the talks "
        "for the union. Ships had queued off Hoek van Holland since Saturday.",
        "The port authority expects the backlog of containers to clear by the end of the week, "
        "as crews work extra shifts at the Maasvlakte terminals.",
    ),
}


def serve_harbour_feed(server: Any) -> str:
    """Serve the two stories' pages and a feed of them (with an ETag); returns its address."""
    items = []
    for path, (title, body, more) in STORIES.items():
        page = PAGE.format(title=title, body=body, more=more)
        server.add(path, page.encode(), "text/html; charset=utf-8")
        items.append(
            f"<item><title>{title}</title><link>{server.url(path)}</link><guid>{path}</guid>"
            f"<pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate><description>{title}.</description>"
            "</item>"
        )
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour</title>'
        f"<link>{server.base}</link>{''.join(items)}</channel></rss>"
    )
    return server.add("/harbour.rss", rss.encode(), ETag='"harbour-1"')
