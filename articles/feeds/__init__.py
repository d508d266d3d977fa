"""Feeds into the archive: fetch RSS and Atom feeds over HTTP, each new story's full text from
its page, written as JSON Lines the indexer reads. No Textual, no search engine: plain data in
(`FeedSubscription`, `FeedState`) and out (`FetchReport`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles.feeds.model import FeedOutcome, FeedState, FeedSubscription, FetchReport

if TYPE_CHECKING:
    from articles.feeds.fetch import fetch_feeds

__all__ = ["FeedOutcome", "FeedState", "FeedSubscription", "FetchReport", "fetch_feeds"]


def __getattr__(name: str) -> object:
    # The fetcher brings an HTTP client and the page extractor (about 0.2 s of imports), which
    # the library and every command that only reads feeds' names never need.
    if name == "fetch_feeds":
        from articles.feeds.fetch import fetch_feeds

        return fetch_feeds
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
