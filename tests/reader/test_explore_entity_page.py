"""Entity pages and the stories around a story, driven with the pilot: opened from the sidebar
and the palette, hopping from name to name and back, the stories naming two names."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import main_screen, open_first_story, settle, wait_for

from index.api import update_index
from reader.explore.entities import Entity, together_query
from reader.screens.entity_page import EntityPageScreen, SeenWithList
from reader.screens.related import RelatedList, RelatedScreen
from reader.settings import Settings, SettingsError, load_settings

AASLAND = Entity("person", "Henrik Aasland")


def path_shown(page: EntityPageScreen) -> str:
    return page.query_one("#entity-path").render().plain  # type: ignore[attr-defined]


async def open_page(pilot, entity: Entity) -> EntityPageScreen:
    screen = await main_screen(pilot)
    screen.open_entity_page(entity)
    await settle(pilot)
    page = pilot.app.screen
    assert isinstance(page, EntityPageScreen)
    return page


async def test_the_page_of_a_name(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        page = await open_page(pilot, AASLAND)
        assert page.page is not None and page.page.stories == 6
        summary = page.query_one("#entity-summary").render().plain  # type: ignore[attr-defined]
        assert summary == "person · 6 stories · first 2023-09-10 · latest 2024-09-15"
        names = [name.entity for name in page.page.co_occurring]
        # Maja Lindqvist (3 of her 3 stories with him) is bound to him more than the town of
        # Marenvik (in 2 of the 3 stories that read it as a town).
        lindqvist, town = Entity("person", "Maja Lindqvist"), Entity("place", "Marenvik")
        assert names.index(lindqvist) < names.index(town)
        assert page.focused is page.query_one(SeenWithList)
        assert len(page.page.newest) == 6


async def test_i_in_the_sidebar_opens_the_selected_names_page(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "ferry strike")
        await pilot.press("e", "i")
        await settle(pilot)
        chosen = screen.sidebar.highlighted_entity
        assert chosen is not None
        assert isinstance(app.screen, EntityPageScreen)
        assert app.screen.entity == Entity(chosen.kind, chosen.name)


async def test_i_without_a_name_selected_says_so(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("i")
        await settle(pilot)
        assert app.screen is screen
        assert [n.message for n in app._notifications] == [
            "Select a name in the sidebar first (e)."
        ]


async def test_hopping_three_names_and_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        page = await open_page(pilot, AASLAND)
        hops, rows = [AASLAND], []
        for _ in range(3):
            # Down to the first name seen with this one that the path has not been to yet.
            await pilot.press("down")
            while page.highlighted_name in hops:
                await pilot.press("down")
            rows.append(page.query_one(SeenWithList).highlighted)
            await pilot.press("enter")
            await settle(pilot)
            hops.append(page.entity)
            assert page.page is not None and page.page.entity == page.entity
        assert len(set(hops)) == 4
        assert path_shown(page) == " › ".join(entity.name for entity in hops)
        for back_to, row in zip(reversed(hops[:-1]), reversed(rows), strict=True):
            await pilot.press("backspace")
            await settle(pilot)
            assert page.entity == back_to
            # The name hopped from is selected again.
            assert page.query_one(SeenWithList).highlighted == row
        assert path_shown(page) == AASLAND.name
        await pilot.press("backspace")
        await settle(pilot)
        assert app.screen is not page


async def test_b_searches_the_stories_naming_both(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        page = await open_page(pilot, AASLAND)
        other = page.highlighted_name
        assert other is not None
        await pilot.press("b")
        await settle(pilot)
        screen = await main_screen(pilot)
        assert screen.shown_query == together_query(AASLAND, other)
        assert screen.results.total == next(
            name.together for name in page.page.co_occurring if name.entity == other
        )
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.shown_query == ""


async def test_a_story_of_the_page_opens_in_the_reader(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        page = await open_page(pilot, AASLAND)
        newest = page.page.newest[0]
        await pilot.press("tab", "enter")
        await settle(pilot)
        screen = await main_screen(pilot)
        assert screen.shown_query == AASLAND.query
        assert screen.article_view.article_id == newest.id


async def test_the_pages_timeline_narrows_the_names_stories(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_page(pilot, AASLAND)
        await pilot.press("d", "enter")  # the last bucket: September 2024
        await settle(pilot)
        screen = await main_screen(pilot)
        assert screen.shown_query.startswith(f"({AASLAND.query}) date:[2024-09-")
        assert [hit.path for hit in screen.results.hits] == ["2024/budget.txt"]


async def test_the_palette_opens_an_entitys_page(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open entity maja")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntityPageScreen)
        assert app.screen.entity == Entity("person", "Maja Lindqvist")


async def test_around_a_story(make_app, archive_copy: Path, tmp_path: Path) -> None:
    # A follow-up three days after the ferry strike, naming its union leader.
    (archive_copy / "2024" / "talks.txt").write_text(
        " date 2024-05-05 Ferry talks resume in Marenvik\n"
        "Union leader Maja Lindqvist met the ferry company on Sunday.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    app = make_app(archive=archive_copy, index_dir=index_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "ferry strike pay")
        assert screen.article_view.article_id == "2024/ferry-strike.txt"
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RelatedScreen)
        assert [hit.id for hit in dialog.hits] == ["2024/talks.txt"]
        assert "Maja Lindqvist" in dialog.hits[0].snippet.text
        assert dialog.heading == "Within 7 days of "
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.article_id == "2024/talks.txt"
        await pilot.press("backspace")
        await settle(pilot)
        await wait_for(pilot, lambda: screen.article_view.article_id == "2024/ferry-strike.txt")


async def test_nothing_around_a_story_is_said(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen(pilot)
        await open_first_story(pilot, "storm")
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RelatedScreen)
        assert dialog.hits == ()
        assert dialog.query_one(RelatedList).option_count == 1


async def test_around_a_story_reaches_as_far_as_the_settings_say(
    make_app, archive_copy: Path, tmp_path: Path
) -> None:
    # A follow-up twenty days after the ferry strike: outside the week, inside `around_days`.
    (archive_copy / "2024" / "talks.txt").write_text(
        " date 2024-05-22 Ferry talks resume in Marenvik\n"
        "Union leader Maja Lindqvist met the ferry company on Wednesday.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    for days, found in ((7, []), (30, ["2024/talks.txt"])):
        app = make_app(
            archive=archive_copy, index_dir=index_dir, settings=Settings(around_days=days)
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await main_screen(pilot)
            await open_first_story(pilot, "ferry strike pay")
            await pilot.press("a")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, RelatedScreen)
            assert [hit.id for hit in dialog.hits] == found
            assert dialog.heading == f"Within {days} days of "


def test_around_days_in_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("around_days = 30\n", encoding="utf-8")
    assert load_settings(config) == Settings(around_days=30)
    for wrong in ("0", "366", '"7"', "true"):
        config.write_text(f"around_days = {wrong}\n", encoding="utf-8")
        with pytest.raises(SettingsError, match="around_days"):
            load_settings(config)
