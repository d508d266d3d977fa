"""What goes into and comes out of a fetch: plain dataclasses, no persistence of their own.

The caller (the library, later) keeps the states between runs; `fetch_feeds` takes them and hands
back new ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal


@dataclass(frozen=True, slots=True)
class FeedSubscription:
    """A feed to fetch: `name` becomes each story's source, `url` is the feed's address."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a feed's last fetches left behind: conditional-GET validators, failures, and the
    stories already written (per-feed guids, canonical URLs and text hashes)."""

    etag: str | None = None
    last_modified: str | None = None
    last_success: datetime | None = None
    # Failed fetches in a row since the last success.
    failures: int = 0
    last_error: str | None = None
    # Set from a 429 or 503 with Retry-After: no request to the feed before then.
    retry_after: datetime | None = None
    seen_guids: frozenset[str] = frozenset()
    seen_urls: frozenset[str] = frozenset()
    seen_hashes: frozenset[str] = frozenset()


OutcomeKind = Literal["new", "unchanged", "failed", "waiting"]


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """One feed's result. `message` is one sentence for the user; `archive_file` the file
    written (relative to the archive folder) when there were new stories."""

    name: str
    url: str
    kind: OutcomeKind
    message: str
    new_stories: int = 0
    full_text: int = 0
    feed_text: int = 0
    archive_file: str | None = None


@dataclass(frozen=True, slots=True)
class FetchReport:
    """Every feed's outcome, in the order given, and each feed's new state by feed URL."""

    outcomes: tuple[FeedOutcome, ...]
    states: dict[str, FeedState] = field(default_factory=dict)

    @property
    def new_stories(self) -> int:
        return sum(outcome.new_stories for outcome in self.outcomes)

    @property
    def failed(self) -> tuple[FeedOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.kind == "failed")
