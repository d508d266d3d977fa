"""`fetch_feeds`: every subscription fetched, its new stories written into the archive.

Feeds are fetched a few at a time (and at most a few requests at a time per host, in
`WebClient`); within a feed, each new item's page is fetched for its full text. One feed's
failure is one sentence in its outcome and never stops the others; nothing written is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from articles.feeds.fulltext import extract_article
from articles.feeds.http import FetchError, RetryLater, WebClient, WebResponse, check_web_address
from articles.feeds.model import (
    FeedOutcome,
    FeedState,
    FeedSubscription,
    FetchReport,
    OutcomeKind,
)
from articles.feeds.parse import FeedError, FeedItem, parse_feed
from articles.feeds.store import SeenStories, duplicate_key, feed_folder, read_seen, write_new_file

MAX_FEED_BYTES = 20_000_000
MAX_PAGE_BYTES = 10_000_000
_FEED_TYPES = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_PAGE_TYPES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def fetch_feeds(
    subscriptions: Sequence[FeedSubscription],
    states: Mapping[str, FeedState],
    archive_dir: Path,
    *,
    timeout: float = 20.0,
    deadline: float = 90.0,
    parallel_feeds: int = 4,
    per_host: int = 2,
    full_text: bool = True,
    client: WebClient | None = None,
    progress: Callable[[FeedOutcome], None] | None = None,
) -> FetchReport:
    """Fetch every feed (its state looked up by URL in `states`), write what is new into
    `archive_dir`, and report each feed's outcome and new state. `progress` is called with
    each feed's outcome as it is known (from the fetching threads)."""
    seen = read_seen(archive_dir)
    for subscription in subscriptions:
        if state := states.get(subscription.url):
            seen.add_state(subscription.url, state)
    own_client = client is None
    web = client or WebClient(timeout=timeout, deadline=deadline, per_host=per_host)

    def fetch_one(subscription: FeedSubscription) -> tuple[FeedOutcome, FeedState]:
        state = states.get(subscription.url, FeedState())
        result = _FeedRun(subscription, state, web, seen, archive_dir, full_text).run()
        if progress is not None:
            progress(result[0])
        return result

    try:
        with ThreadPoolExecutor(max_workers=max(1, parallel_feeds)) as pool:
            results = list(pool.map(fetch_one, subscriptions))
    finally:
        if own_client:
            web.close()
    return FetchReport(
        outcomes=tuple(outcome for outcome, _ in results),
        states={
            subscription.url: state
            for subscription, (_, state) in zip(subscriptions, results, strict=True)
        },
    )


class _FeedRun:
    def __init__(
        self,
        subscription: FeedSubscription,
        state: FeedState,
        web: WebClient,
        seen: SeenStories,
        archive_dir: Path,
        full_text: bool,
    ) -> None:
        self.subscription = subscription
        self.state = state
        self.web = web
        self.seen = seen
        self.archive_dir = archive_dir
        self.full_text = full_text
        self.started = datetime.now(UTC)

    def run(self) -> tuple[FeedOutcome, FeedState]:
        if self.state.retry_after and self.started < self.state.retry_after:
            return self._outcome(
                "waiting",
                f"not fetched: the server asked to wait until "
                f"{self.state.retry_after:%Y-%m-%d %H:%M} UTC.",
            ), self.state
        try:
            return self._fetch()
        except RetryLater as wait:
            return self._outcome("waiting", str(wait)), dataclasses.replace(
                self.state, retry_after=wait.until
            )
        except (FetchError, FeedError) as error:
            return self._failed(str(error))
        except OSError as error:
            return self._failed(f"could not write into the archive ({error.strerror or error}).")
        except Exception as error:  # one feed's surprise must not stop the others
            return self._failed(f"an unexpected error ({type(error).__name__}: {error}).")

    def _fetch(self) -> tuple[FeedOutcome, FeedState]:
        url = check_web_address(self.subscription.url)
        response = self.web.get(
            url,
            max_bytes=MAX_FEED_BYTES,
            accept=_FEED_TYPES,
            etag=self.state.etag,
            last_modified=self.state.last_modified,
        )
        succeeded = dataclasses.replace(
            self.state,
            etag=response.etag or (self.state.etag if response.status == 304 else None),
            last_modified=response.last_modified
            or (self.state.last_modified if response.status == 304 else None),
            last_success=self.started,
            failures=0,
            last_error=None,
            retry_after=None,
        )
        if response.status == 304:
            return self._outcome("unchanged", "unchanged since the last fetch."), succeeded
        feed = parse_feed(response.body, response.content_type)
        records = [record for item in feed.items if (record := self._story(item)) is not None]
        note = f" ({feed.warning})" if feed.warning else ""
        if not records:
            return self._outcome("unchanged", f"no new stories{note}."), succeeded
        archive_file = write_new_file(
            self.archive_dir,
            feed_folder(self.subscription.name, self.subscription.url),
            self.started,
            records,
        )
        from_pages = sum(1 for record in records if record["text_from"] == "page")
        succeeded = dataclasses.replace(
            succeeded,
            seen_guids=succeeded.seen_guids | {str(r["guid"]) for r in records if r["guid"]},
            seen_urls=succeeded.seen_urls | {str(r["url"]) for r in records if r["url"]},
            seen_hashes=succeeded.seen_hashes
            | {str(r["text_hash"]) for r in records if r["text_hash"]},
        )
        count = len(records)
        message = (
            f"{count} new {'story' if count == 1 else 'stories'}: {from_pages} with the full text "
            f"of their page, {count - from_pages} with the feed's own text{note}."
        )
        outcome = dataclasses.replace(
            self._outcome("new", message),
            new_stories=count,
            full_text=from_pages,
            feed_text=count - from_pages,
            archive_file=archive_file,
        )
        return outcome, succeeded

    def _story(self, item: FeedItem) -> dict[str, object] | None:
        """The archive record of a new item, or None when it is known already or empty."""
        feed_url = self.subscription.url
        guid = item.guid or item.link
        if self.seen.has_guid(feed_url, guid) or self.seen.has_url(item.link):
            return None
        link = _web_link(item.link)
        page_url, article = None, None
        if link and self.full_text:
            try:
                page = self.web.get(link, max_bytes=MAX_PAGE_BYTES, accept=_PAGE_TYPES)
            except FetchError:
                page = None  # the feed's own text is kept: the page is not worth failing the feed
            if page is not None and _is_html(page):
                page_url = page.url
                article = extract_article(page.body, page.url)
        body = article.text if article and len(article.text) >= len(item.summary) else item.summary
        title = item.title or (article.title if article else None) or ""
        if not title and not body:
            return None
        digest = duplicate_key(body)
        urls = [link, page_url, article.canonical_url if article else None]
        if not self.seen.claim(feed_url, guid, urls, digest):
            return None
        published = item.published or (article.published if article else None)
        return {
            "title": title,
            "date": published.isoformat() if published else "",
            "author": item.author or (article.author if article else None) or "",
            "body": body,
            "url": page_url or link or "",
            "source": self.subscription.name,
            "feed_url": feed_url,
            "guid": guid or "",
            "text_hash": digest or "",
            "text_from": "page" if article is not None and body == article.text else "feed",
            "fetched": self.started.isoformat(timespec="seconds"),
        }

    def _failed(self, message: str) -> tuple[FeedOutcome, FeedState]:
        state = dataclasses.replace(
            self.state, failures=self.state.failures + 1, last_error=message
        )
        return self._outcome("failed", message), state

    def _outcome(self, kind: OutcomeKind, message: str) -> FeedOutcome:
        return FeedOutcome(
            self.subscription.name,
            self.subscription.url,
            kind,
            message[:1].upper() + message[1:],
        )


def _web_link(link: str | None) -> str | None:
    if not link:
        return None
    try:
        return check_web_address(link)
    except FetchError:
        return None  # a javascript:, data: or file: link: never followed, never stored


def _is_html(page: WebResponse) -> bool:
    kind = page.content_type.split(";")[0].strip().lower()
    return kind in ("", "text/html", "application/xhtml+xml")
