"""The feeds the user follows and what each one's last fetches left, kept in the library (never in
the index), every change committed before the call returns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from articles.feeds import FeedState, FeedSubscription
from reader.library import Library, LibraryError

HARBOUR = FeedSubscription("Harbour News", "https://harbour.example/rss.xml")
CAUCASUS = FeedSubscription("caucasus", "https://caucasus.example/atom")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened, message = Library.open(tmp_path / "library.sqlite")
    assert message is None
    yield opened
    opened.close()


def test_feeds_are_kept_by_name_and_removed_in_any_case(library: Library) -> None:
    assert library.add_feed(" Harbour News ", HARBOUR.url + " ") == HARBOUR
    library.add_feed(CAUCASUS.name, CAUCASUS.url)
    assert library.feeds() == [CAUCASUS, HARBOUR]  # by name, in any case
    assert library.remove_feed("harbour news") == HARBOUR
    assert library.feeds() == [CAUCASUS]


def test_a_name_or_an_address_followed_already_is_refused(library: Library) -> None:
    library.add_feed(HARBOUR.name, HARBOUR.url)
    with pytest.raises(LibraryError, match="already a feed named 'Harbour News'"):
        library.add_feed("HARBOUR NEWS", "https://other.example/feed")
    with pytest.raises(LibraryError, match="already follow .* as 'Harbour News'"):
        library.add_feed("Port", HARBOUR.url)
    with pytest.raises(LibraryError, match="needs a name"):
        library.add_feed("  ", "https://other.example/feed")
    with pytest.raises(LibraryError, match="no feed named 'ports'"):
        library.remove_feed("ports")
    assert library.feeds() == [HARBOUR]


def test_fetch_states_are_kept_for_the_feeds_followed(library: Library) -> None:
    library.add_feed(HARBOUR.name, HARBOUR.url)
    library.add_feed(CAUCASUS.name, CAUCASUS.url)
    fetched = FeedState(
        etag='"abc"',
        last_modified="Fri, 04 Dec 2026 08:00:00 GMT",
        last_success=datetime(2026, 12, 4, 8, 0, 5, tzinfo=UTC),
        # What the archive tells anyway is not kept.
        seen_guids=frozenset({"guid-1"}),
    )
    waiting = FeedState(
        failures=2,
        last_error="The server answered 503.",
        retry_after=datetime(2026, 12, 4, 9, 30, tzinfo=UTC),
    )
    library.save_feed_states(
        {HARBOUR.url: fetched, CAUCASUS.url: waiting, "https://removed.example/": FeedState()}
    )
    assert library.feed_states() == {
        HARBOUR.url: FeedState(fetched.etag, fetched.last_modified, fetched.last_success),
        CAUCASUS.url: waiting,
    }
    library.remove_feed(HARBOUR.name)
    assert set(library.feed_states()) == {CAUCASUS.url}
