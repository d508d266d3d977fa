"""The main screen's side of feeds and web addresses: fetching the feeds followed into the user's
archive (by a key, the palette or every `fetch_every`), with progress in the search bar's status,
then indexing what came so the new stories join the list; opening or copying a story's address.

The fetch runs in a thread worker that only posts messages (`reader.feed_messages`).
"""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Callable
from functools import partial
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from articles.cleanup import web_link
from articles.feeds import FeedOutcome, FetchReport
from reader.data.sources import source_counts
from reader.feed_messages import FeedFetchProgressed, FeedsFetched, SourcesCounted
from reader.library import LibraryError
from reader.settings import user_archive

if TYPE_CHECKING:
    from reader.screens.main import MainScreen

FEED_BINDINGS = [
    Binding("f", "fetch_feeds", "Fetch feeds", show=False, id="fetch_feeds"),
    Binding("o", "open_link", "Open in the browser", show=False, id="open_link"),
    Binding("y", "copy_link", "Copy the address", show=False, id="copy_link"),
]


class FeedActions:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.fetching = False
        # New stories came while the index was being updated: index again when it is done.
        self._index_wanted = False

    @property
    def archive(self) -> Path:
        """The user's own archive, where fetched stories go."""
        app = self.screen.app
        return user_archive(app.locations, app.settings)

    @property
    def reading_own_archive(self) -> bool:
        return self.screen.session.archive.resolve() == self.archive.resolve()

    def start(self) -> None:
        """Fetch every `fetch_every` while the user's own archive is open."""
        seconds = self.screen.app.settings.fetch_every_seconds
        if seconds and self.reading_own_archive:
            self.screen.set_interval(seconds, partial(self.fetch, background=True))

    # Fetching

    def fetch(self, *, background: bool = False) -> None:
        if self.fetching:
            if not background:
                self.screen.notify("The feeds are being fetched already.", timeout=3)
            return
        if self.screen.session.library is None:
            self.screen.notify("Feeds are kept in your library, and none is open.")
            return
        self.fetching = True
        self.screen.search_bar.show_index_status("Fetching feeds…")
        self.screen.run_worker(
            partial(self._fetch, background),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="fetch",
        )

    def _fetch(self, background: bool) -> None:
        """In a thread worker: fetch, posting how far it got, then what it brought."""
        library = self.screen.session.library
        assert library is not None  # checked before starting
        post = self.screen.post_message
        try:
            total = len(library.feeds())
            if not total:
                post(FeedsFetched(FetchReport(()), background))
                return
            done = count(1)

            def feed_done(_outcome: FeedOutcome) -> None:
                post(FeedFetchProgressed(next(done), total))

            # The web's libraries (httpx, trafilatura) load on the first fetch, not at start-up.
            from reader.fetching import fetch_followed_feeds

            report = fetch_followed_feeds(library, self.archive, progress=feed_done)
        except (LibraryError, OSError) as error:
            post(FeedsFetched(None, background, f"The feeds could not be fetched: {error}."))
            return
        post(FeedsFetched(report, background))

    def progressed(self, message: FeedFetchProgressed) -> None:
        self.screen.search_bar.show_index_status(
            f"Fetching feeds: {message.done:,} of {message.total:,} done…"
        )

    def fetched(self, message: FeedsFetched) -> None:
        screen = self.screen
        self.fetching = False
        if not screen.updating:  # else the indexing's progress has the status line
            screen.search_bar.show_index_status(None)
        report = message.report
        if report is None:
            screen.notify(message.problem or "", title="Fetch feeds", severity="warning")
            return
        if not report.outcomes:
            screen.notify(
                "You follow no feeds yet: `newsreader feeds add URL` adds one.",
                title="Fetch feeds",
                markup=False,
            )
            return
        if report.new_stories and self.reading_own_archive:
            self.index_new_stories()
        summary = fetch_summary(report, self.reading_own_archive, self.archive)
        if report.failed:
            screen.notify(summary, title="Fetch feeds", severity="warning", markup=False)
        elif report.new_stories or not message.background:
            screen.notify(summary, title="Fetch feeds", markup=False)

    def index_new_stories(self) -> None:
        """Index what was fetched behind the stories, which then join the list."""
        if self.screen.updating:
            self._index_wanted = True
        else:
            self.screen.update_index_behind()

    def update_ended(self) -> None:
        if self._index_wanted:
            self._index_wanted = False
            self.screen.update_index_behind()

    # The sidebar's Sources

    def count_sources(self, query: str, still_wanted: Callable[[], bool]) -> None:
        """In a worker thread: the stories of `query` per feed followed, posted for the
        sidebar (nothing when no feed is followed)."""
        library = self.screen.session.library
        names = [feed.name for feed in library.feeds()] if library is not None else []
        sources = self.screen.session.explore_if_wanted(
            lambda index: source_counts(index, query, names) if names else (),
            still_wanted=still_wanted,
        )
        if sources is not None:
            self.screen.post_message(SourcesCounted(query, sources))

    # The story's web address

    def story_link(self) -> str | None:
        """The web address of the story a key applies to; None, said, when it has none."""
        screen = self.screen
        stored = screen.article_view.stored
        hit = screen.results.highlighted_hit
        if hit is not None and (stored is None or screen.focused is screen.results):
            link = web_link(hit.url)
        else:
            link = web_link(stored.article.url) if stored is not None else None
        if link is None:
            screen.notify("This story has no web address.", timeout=3)
        return link

    def open_link(self) -> None:
        link = self.story_link()
        if link is None:
            return
        if not _has_browser():
            self.screen.app.copy_to_clipboard(link)
            self.screen.notify(
                f"No browser can be opened here; the address is copied: {link}", markup=False
            )
            return
        self.screen.run_worker(partial(webbrowser.open, link, new=2), thread=True, group="browser")
        self.screen.notify(f"Opening {link}", timeout=3, markup=False)

    def copy_link(self) -> None:
        link = self.story_link()
        if link is not None:
            self.screen.app.copy_to_clipboard(link)
            self.screen.notify(f"Copied {link}", timeout=3, markup=False)


def _has_browser() -> bool:
    """Whether a browser can open beside the reader: one the user named ($BROWSER), or a desktop
    (a text browser started from here would fight the reader for the terminal)."""
    if os.environ.get("BROWSER") or sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def fetch_summary(report: FetchReport, into_open_archive: bool, archive: Path) -> str:
    """What a fetch brought, in a sentence or two, and each feed that failed with why."""
    new = report.new_stories
    feeds = len(report.outcomes)
    lines = [
        f"{new:,} new {'story' if new == 1 else 'stories'} from {feeds:,} "
        f"{'feed' if feeds == 1 else 'feeds'}"
        + ("." if into_open_archive or not new else f", in your archive {archive}.")
    ]
    lines += [f"{outcome.name}: {outcome.message}" for outcome in report.failed]
    return "\n".join(lines)
