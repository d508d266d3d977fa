"""Messages the feed fetcher's worker posts (how far it got, what it brought); the main screen's
`@on` handlers own the state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from articles.feeds import FetchReport
from index.api import FacetCount


@dataclass
class FeedFetchProgressed(Message, bubble=False):
    """`done` of the `total` feeds fetched so far."""

    done: int
    total: int


@dataclass
class FeedsFetched(Message, bubble=False):
    """A fetch has ended: its report (no outcomes when no feed is followed), or `problem`, a
    sentence, when it could not run. `background`: started by `fetch_every`, not by the user."""

    report: FetchReport | None
    background: bool
    problem: str | None = None


@dataclass
class SourcesCounted(Message, bubble=False):
    """How many of `query`'s stories came from each feed followed (those with some)."""

    query: str
    sources: tuple[FacetCount, ...]
