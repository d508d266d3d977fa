"""The reader reopens an archive where it was left: the query, the sort, the story."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_ARCHIVE
from pilot_helpers import main_screen, settle, type_query

from reader.app import NewsReaderApp
from reader.data.last_place import place_file
from reader.settings import Locations, Settings


def reader(locations: Locations, index_dir: Path, *, fresh: bool = False) -> NewsReaderApp:
    return NewsReaderApp(FIXTURE_ARCHIVE, index_dir, locations=locations, fresh=fresh)


async def leave_a_story_open(app: NewsReaderApp) -> tuple[str, str]:
    """Search, sort by date, open the second story; return the query and that story's id."""
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "Marenvik")
        await pilot.press("enter", "s")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.sort == "date"
        story_id = screen.article_view.article_id
        assert story_id == screen.results.hits[1].id
        return screen.shown_query, story_id


async def test_the_next_launch_opens_where_the_last_one_was_left(
    isolated_user_dirs: Locations, shared_index: Path
) -> None:
    query, story_id = await leave_a_story_open(reader(isolated_user_dirs, shared_index))
    app = reader(isolated_user_dirs, shared_index)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert screen.search_bar.query_text == query == "Marenvik"
        assert screen.shown_query == query
        assert screen.sort == "date"
        assert screen.results.highlighted_hit is not None
        assert screen.results.highlighted_hit.id == story_id
        assert screen.article_view.article_id == story_id


async def test_a_story_selected_past_the_first_page_is_selected_again(
    isolated_user_dirs: Locations, shared_index: Path
) -> None:
    def small_pages() -> NewsReaderApp:
        return NewsReaderApp(
            FIXTURE_ARCHIVE,
            shared_index,
            locations=isolated_user_dirs,
            settings=Settings(results_page_size=2),
        )

    async with small_pages().run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("up", "enter")
        await settle(pilot)
        story_id = screen.article_view.article_id
        assert story_id == screen.results.hits[-2].id
    async with small_pages().run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert screen.results.highlighted_hit is not None
        assert screen.results.highlighted_hit.id == story_id
        assert screen.article_view.article_id == story_id


async def test_fresh_starts_on_the_newest_stories(
    isolated_user_dirs: Locations, shared_index: Path
) -> None:
    await leave_a_story_open(reader(isolated_user_dirs, shared_index))
    app = reader(isolated_user_dirs, shared_index, fresh=True)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert screen.shown_query == ""
        assert screen.sort == "relevance"
        assert screen.article_view.article_id is None


async def test_a_damaged_place_file_is_ignored_with_a_warning(
    isolated_user_dirs: Locations, shared_index: Path
) -> None:
    path = place_file(isolated_user_dirs.data_dir, FIXTURE_ARCHIVE)
    path.parent.mkdir(parents=True)
    path.write_text('{"query": "Marenvik", "so', encoding="utf-8")
    app = reader(isolated_user_dirs, shared_index)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert screen.shown_query == ""
        assert len(screen.results.hits) > 2
        toasts = [(toast.title, str(toast.message)) for toast in app._notifications]
        assert len(toasts) == 1
        assert toasts[0][0] == "Last place not restored"
        assert str(path) in toasts[0][1]
        screen.results.focus()
        await pilot.press("enter")  # the next place replaces the damaged file
        await settle(pilot)
        opened = screen.article_view.article_id
    app = reader(isolated_user_dirs, shared_index)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert screen.article_view.article_id == opened
        assert not app._notifications
