"""The library's versioned tables: a new file gets the newest version, an older one is brought to
it with everything it held, and one from a newer newsreader is left alone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from articles.entities.corrections import Correction
from articles.feeds import FeedState, FeedSubscription
from reader.library import Library, SavedSearch, StoryMark
from reader.library.schema import SCHEMA_VERSION

VERSION_1 = Path(__file__).parent / "fixtures" / "library-v1.sql"
VERSION_2 = Path(__file__).parent / "fixtures" / "library-v2.sql"
VERSION_3 = Path(__file__).parent / "fixtures" / "library-v3.sql"
BELGRADE = "defence/2024-06-20-belgrade-talks.txt"
FESTIVAL = "culture/2024-09-30-festival.txt"
STRIKE = "economy/2023-11-02-harbour-strike.txt"


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def library_of_version_1(folder: Path) -> Path:
    return library_from(VERSION_1, folder)


def library_from(fixture: Path, folder: Path) -> Path:
    path = folder / "library.sqlite"
    db = sqlite3.connect(path)
    db.executescript(fixture.read_text(encoding="utf-8"))
    db.close()
    return path


def test_a_new_library_is_at_the_newest_version(tmp_path: Path) -> None:
    library, message = Library.open(tmp_path / "library.sqlite")
    library.close()
    assert message is None
    assert SCHEMA_VERSION >= 2
    assert user_version(tmp_path / "library.sqlite") == SCHEMA_VERSION


def test_a_library_of_version_1_opens_with_every_mark_and_search(tmp_path: Path) -> None:
    path = library_of_version_1(tmp_path)
    library, message = Library.open(path)
    try:
        assert message is None
        assert library.marks_of([BELGRADE, FESTIVAL, STRIKE]) == {
            BELGRADE: StoryMark(
                True, True, ("defence", "Serbia"), "Gašić and Valiyev: follow up in Baku"
            ),
            FESTIVAL: StoryMark(True, False, ("serbia",), ""),
            STRIKE: StoryMark(False, False, (), "Ask the union in Łódź too"),
        }
        assert library.stories_marked("tag", "SERBIA") == {BELGRADE, FESTIVAL}
        # Version 2 made notes searchable: the notes written before are found too.
        assert library.stories_marked("note_word", "gasic") == {BELGRADE}
        assert library.stories_marked("note_word", "lodz") == {STRIKE}
        assert library.saved_searches() == [
            SavedSearch("strikes", "strike OR walkout", datetime(2026, 12, 1, 9, tzinfo=UTC), None)
        ]
        library.opened_search("strikes", frozenset({STRIKE}))
        assert library.new_since_opened("strikes", frozenset({STRIKE, BELGRADE})) == 1
    finally:
        library.close()
    assert user_version(path) == SCHEMA_VERSION


def test_a_library_of_version_2_opens_with_its_marks_and_follows_feeds(tmp_path: Path) -> None:
    path = library_from(VERSION_2, tmp_path)
    library, message = Library.open(path)
    try:
        assert message is None
        assert library.stories_marked("note_word", "lodz") == {STRIKE}
        assert library.new_since_opened("strikes", frozenset({STRIKE, BELGRADE})) == 1
        assert library.feeds() == []
        library.add_feed("Harbour News", "https://harbour.example/rss.xml")
        library.save_feed_states({"https://harbour.example/rss.xml": FeedState(etag='"v1"')})
        assert library.feed_states() == {"https://harbour.example/rss.xml": FeedState(etag='"v1"')}
    finally:
        library.close()
    assert user_version(path) == SCHEMA_VERSION


def test_a_library_of_version_3_opens_with_its_marks_and_feeds_and_keeps_corrections(
    tmp_path: Path,
) -> None:
    path = library_from(VERSION_3, tmp_path)
    library, message = Library.open(path)
    try:
        assert message is None
        assert library.stories_marked("tag", "serbia") == {BELGRADE, FESTIVAL}
        assert library.new_since_opened("strikes", frozenset({STRIKE, BELGRADE})) == 1
        assert library.feeds() == [
            FeedSubscription("Harbour News", "https://harbour.example/rss.xml")
        ]
        assert library.feed_states()["https://harbour.example/rss.xml"].etag == '"v1"'
        assert library.corrections() == ()
        wolves = Correction.change_kind("Wolves", "place", "organization")
        library.correct_entity(wolves)
        assert library.corrections() == (wolves,)
    finally:
        library.close()
    assert user_version(path) == SCHEMA_VERSION


def test_a_library_from_a_newer_newsreader_is_left_alone(tmp_path: Path) -> None:
    path = library_of_version_1(tmp_path)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    library, message = Library.open(path)
    library.close()
    assert message is not None and "newer newsreader" in message
    assert not library.can_save
    assert path.read_bytes() == before
