"""One fetch of every feed the user follows into their archive, for the `fetch` command and the
reader alike (no Textual): the feeds and their states come from the library, and the new states
go back to it in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from articles.feeds import FeedOutcome, FetchReport, fetch_feeds
from reader.library import Library


def fetch_followed_feeds(
    library: Library, archive: Path, progress: Callable[[FeedOutcome], None] | None = None
) -> FetchReport:
    """Fetch every feed of `library` into `archive` (made when missing) and keep their states;
    `progress` hears of each feed as it is done.
    Raises LibraryError when the states can't be saved (the stories are in the archive all the
    same: the next fetch finds them there and writes none twice)."""
    archive.mkdir(parents=True, exist_ok=True)
    report = fetch_feeds(library.feeds(), library.feed_states(), archive, progress=progress)
    library.save_feed_states(report.states)
    return report
