"""Feeds into the archive: fetch RSS and Atom feeds over HTTP, each new story's full text from
its page, written as JSON Lines the indexer reads. No Textual, no search engine: plain data in
(`FeedSubscription`, `FeedState`) and out (`FetchReport`)."""

from articles.feeds.fetch import fetch_feeds
from articles.feeds.model import FeedOutcome, FeedState, FeedSubscription, FetchReport

__all__ = ["FeedOutcome", "FeedState", "FeedSubscription", "FetchReport", "fetch_feeds"]
