"""Feeds in the reader: `f` (or "Fetch feeds" in the palette) fetches the feeds followed into the
user's own archive with progress in the status line, and the new stories join the list unread;
`o` and `y` open and copy a story's web address. A real HTTP server on 127.0.0.1, real files."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_ARCHIVE
from local_feeds import STORIES, running_feed_server, serve_harbour_feed
from pilot_helpers import main_screen, wait_for
from pilot_waits import settle
from textual.message import Message
from textual.notifications import Notification
from textual.widgets import Static

from reader.app import NewsReaderApp
from reader.cli.launch import SAMPLE_NOTICE
from reader.feed_messages import FeedFetchProgressed
from reader.library import Library
from reader.screens.main import MainScreen
from reader.settings import Locations, Settings, SettingsError, load_settings

BAKU_TITLE = STORIES["/news/baku.html"][0]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    with running_feed_server(tmp_path / "www") as feed_server:
        yield feed_server


@pytest.fixture
def own_archive(isolated_user_dirs: Locations) -> Path:
    """The user's own archive, holding the fixture's stories."""
    archive = isolated_user_dirs.archive_dir
    shutil.copytree(FIXTURE_ARCHIVE, archive)
    return archive


def follow(locations: Locations, name: str, url: str) -> None:
    library, _ = Library.open(locations.library_file)
    library.add_feed(name, url)
    library.close()


def sidebar_option_ids(screen: MainScreen) -> list[str | None]:
    entity_list = screen.sidebar.entity_list
    return [entity_list.get_option_at_index(i).id for i in range(entity_list.option_count)]


def notices(seen: list[Message]) -> list[Notification]:
    return [message.notification for message in seen if hasattr(message, "notification")]


async def test_f_fetches_into_the_open_archive_and_the_new_stories_join_the_list_unread(
    make_app,
    isolated_user_dirs: Locations,
    own_archive: Path,
    server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for desktop in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):  # no browser to start
        monkeypatch.delenv(desktop, raising=False)
    follow(isolated_user_dirs, "harbour", serve_harbour_feed(server))
    # The feed is held back until the test has seen the fetch under way.
    feed_released = threading.Event()
    answer_feed = server.routes["/harbour.rss"]

    def held_feed(request: Any) -> None:
        feed_released.wait(30)
        answer_feed(request)

    server.routes["/harbour.rss"] = held_feed
    seen: list[Message] = []
    app = make_app(archive=own_archive, index_dir=tmp_path / "index")
    async with app.run_test(size=(130, 40), message_hook=seen.append) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), seconds=30)
        screen = await main_screen(pilot)
        before = screen.results.total
        screen.results.focus()
        await pilot.press("f")
        status = screen.search_bar.query_one("#index-status", Static)
        assert status.display and str(status.render()) == "Fetching feeds…"
        feed_released.set()
        await wait_for(pilot, lambda: screen.results.total == before + 2, seconds=30)
        await settle(pilot)
        assert [(m.done, m.total) for m in seen if isinstance(m, FeedFetchProgressed)] == [(1, 1)]
        assert not status.display  # the status line is quiet again
        titles = [hit.title.text for hit in screen.results.hits]
        assert BAKU_TITLE in titles
        baku = screen.results.hits[titles.index(BAKU_TITLE)]
        assert baku.source == "harbour"
        assert screen.results.mark_of(baku.id) is None  # unread
        summary = [n.message for n in notices(seen) if n.title == "Fetch feeds"]
        assert summary == ["2 new stories from 1 feed."]

        # `y` copies the selected story's address; `o`, with no browser to open, copies it too.
        screen.results.highlighted = titles.index(BAKU_TITLE)
        await pilot.press("y")
        assert app.clipboard == server.url("/news/baku.html")
        app.copy_to_clipboard("")
        await pilot.press("o")
        assert app.clipboard == server.url("/news/baku.html")
        assert notices(seen)[-1].message.startswith("No browser can be opened here")

        # The sidebar's Sources count the results' stories per feed; choosing one searches it.
        entity_list = screen.sidebar.entity_list
        await wait_for(pilot, lambda: "source-0" in sidebar_option_ids(screen))
        source = entity_list.get_option_at_index(entity_list.get_option_index("source-0"))
        assert "source-1" not in sidebar_option_ids(screen)
        assert str(source.prompt).split() == ["2", "harbour"]
        entity_list.focus()
        entity_list.highlighted = entity_list.get_option_index("source-0")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.shown_query == 'source:"harbour"'
        assert screen.results.total == 2


async def test_the_palette_fetches_too_and_says_when_no_feed_is_followed(
    make_app, own_archive: Path, tmp_path: Path
) -> None:
    seen: list[Message] = []
    app = make_app(archive=own_archive, index_dir=tmp_path / "index")
    async with app.run_test(size=(130, 40), message_hook=seen.append) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), seconds=30)
        await main_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Fetch feeds")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert [n.message for n in notices(seen) if n.title == "Fetch feeds"] == [
            "You follow no feeds yet: `newsreader feeds add URL` adds one."
        ]


async def test_a_failing_feed_is_named_with_why_and_a_story_without_address_says_so(
    make_app, isolated_user_dirs: Locations, own_archive: Path, server, tmp_path: Path
) -> None:
    follow(isolated_user_dirs, "gone", server.url("/gone.rss"))
    seen: list[Message] = []
    app = make_app(archive=own_archive, index_dir=tmp_path / "index")
    async with app.run_test(size=(130, 40), message_hook=seen.append) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), seconds=30)
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("f")
        await wait_for(pilot, lambda: not screen.feed_actions.fetching, seconds=30)
        await settle(pilot)
        (failed,) = [n for n in notices(seen) if n.title == "Fetch feeds"]
        assert failed.severity == "warning"
        assert failed.message.startswith("0 new stories from 1 feed.\ngone: ")
        assert "404" in failed.message
        await pilot.press("o")  # the fixture's stories have no web address
        assert notices(seen)[-1].message == "This story has no web address."


def test_fetch_every_is_a_time_of_a_minute_or_more(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('fetch_every = "30m"\n', encoding="utf-8")
    assert load_settings(config) == Settings(fetch_every="30m")
    assert load_settings(config).fetch_every_seconds == 1800
    for wrong in ('"0m"', '"30"', '"soon"', "30"):
        config.write_text(f"fetch_every = {wrong}\n", encoding="utf-8")
        with pytest.raises(SettingsError, match="`fetch_every` must be a time"):
            load_settings(config)


async def test_the_sample_opened_for_want_of_an_own_archive_says_how_to_get_one(
    isolated_user_dirs: Locations, shared_index: Path
) -> None:
    seen: list[Message] = []
    app = NewsReaderApp(
        FIXTURE_ARCHIVE, shared_index, locations=isolated_user_dirs, notice=SAMPLE_NOTICE
    )
    async with app.run_test(size=(130, 40), message_hook=seen.append) as pilot:
        await main_screen(pilot)
    (said,) = [n for n in notices(seen) if n.title == "Your own news"]
    assert "newsreader feeds add URL" in said.message


async def test_a_fetch_in_the_background_speaks_only_when_stories_came(
    make_app, isolated_user_dirs: Locations, own_archive: Path, server, tmp_path: Path
) -> None:
    follow(isolated_user_dirs, "harbour", serve_harbour_feed(server))
    seen: list[Message] = []
    app = make_app(
        archive=own_archive, index_dir=tmp_path / "index", settings=Settings(fetch_every="30m")
    )
    async with app.run_test(size=(130, 40), message_hook=seen.append) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), seconds=30)
        screen = await main_screen(pilot)
        for _ in range(2):  # as `fetch_every` starts it: the second run finds nothing new
            screen.feed_actions.fetch(background=True)
            await wait_for(pilot, lambda: not screen.feed_actions.fetching, seconds=30)
            await settle(pilot)
    said = [n.message for n in notices(seen) if n.title == "Fetch feeds"]
    assert said == ["2 new stories from 1 feed."]
    assert len(server.hits("/harbour.rss")) == 2
