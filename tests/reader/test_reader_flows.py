"""The reader's flows, driven with the pilot on a fixed archive indexed by the real core."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import FIXTURE_ARCHIVE
from held_calls import HOLD_SECONDS, HeldCall
from pilot_helpers import (
    main_screen,
    open_first_story,
    settle,
    type_query,
    wait_for,
    with_empty_search_bar,
)
from textual import events
from textual.command import CommandList
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input

import reader.data.indexing
from index.api import FacetCount, IndexProgress, IndexReport, entity_query, update_index
from index.whoosh.search import ArchiveIndex
from reader.app import NewsReaderApp
from reader.data.session import ArchiveSession
from reader.messages import (
    ArticleLoaded,
    IndexingFinished,
    IndexingProgressed,
    IndexingStarted,
    MoreResultsLoaded,
    SearchFinished,
)
from reader.screens.help import HelpScreen
from reader.screens.indexing import IndexingScreen
from reader.screens.main import MainScreen
from reader.screens.notice import NoticeScreen
from reader.screens.related import RelatedScreen
from reader.settings import Settings, load_settings

ARTICLE_COUNT = len(list(FIXTURE_ARCHIVE.rglob("*.txt")))
# The fixture's stories and one the test adds.
NEW_COUNT = ARTICLE_COUNT + 1


async def test_opens_on_the_newest_stories(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        hits = screen.results.hits
        assert len(hits) == ARTICLE_COUNT
        dates = [hit.date for hit in hits]
        assert dates == sorted(dates, reverse=True)
        assert (
            screen.sub_title
            == f"archive · {ARTICLE_COUNT} articles · {ARTICLE_COUNT} of {ARTICLE_COUNT} unread"
        )
        assert screen.focused is screen.search_bar.input


async def test_typing_a_query_shows_its_hits(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "seals")
        assert screen.shown_query == "seals"
        titles = [hit.title.text for hit in screen.results.hits]
        assert titles == [
            "Scientists count record number of seals near Skarholm",
            "Council of Marenvik approves the new harbour bridge",  # "the seal colony"
        ]
        status = str(screen.query_one("#search-status").visual)
        assert status.startswith("2 stories · ")


async def test_typing_cancels_the_stale_searches(make_app) -> None:
    finished: list[str] = []

    def record(message: Message) -> None:
        if isinstance(message, SearchFinished):
            finished.append(message.page.query)

    app = make_app()
    async with app.run_test(size=(130, 40), message_hook=record) as pilot:
        screen = await main_screen(pilot)
        finished.clear()
        # Keys typed while the index is busy (here: held) wait for it, then only the newest
        # query runs: the stale ones never reach the index.
        with screen.session._lock:
            await pilot.press(*"ferry")
            await pilot.pause(0.1)
        await settle(pilot)
        assert set(finished) == {"ferry"}


async def test_enter_opens_the_story_and_n_p_move_between_stories(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "Marenvik")
        hits = screen.results.hits
        assert len(hits) >= 3
        await pilot.press("enter")  # leave the search bar for the results
        assert screen.focused is screen.results
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.article_view.article_id == hits[1].id
        assert screen.focused is screen.article_view
        shown = screen.article_view.text.plain
        assert shown.startswith(hits[1].title.text)
        await pilot.press("n")
        await settle(pilot)
        assert screen.article_view.article_id == hits[2].id
        assert screen.results.highlighted == 2
        await pilot.press("p", "p")
        await settle(pilot)
        assert screen.article_view.article_id == hits[0].id


async def test_each_story_has_a_scrollbar_when_longer_than_the_pane_and_G_shows_its_end(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(130, 30)) as pilot:
        screen = await main_screen(pilot)
        view = screen.article_view
        screen.results.focus()
        await pilot.press("enter")
        scrolled = []
        for _ in range(len(screen.results.hits)):
            await settle(pilot)
            await pilot.press("G")
            await settle(pilot)
            text_height = view.query_one("#article-text").size.height
            shown = view.scrollable_content_region.height
            assert view.virtual_size.height == max(text_height, shown)
            assert view.show_vertical_scrollbar == (text_height > shown)
            assert view.vertical_scrollbar.display == (text_height > shown)
            assert view.scroll_y == max(0, text_height - shown)
            scrolled.append(text_height > shown)
            await pilot.press("n")
        assert True in scrolled and False in scrolled  # both kinds, one after the other


async def test_j_k_g_G_move_through_the_results(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("j", "j")
        assert screen.results.highlighted == 2
        await pilot.press("k")
        assert screen.results.highlighted == 1
        await pilot.press("G")
        assert screen.results.highlighted == ARTICLE_COUNT - 1
        await pilot.press("g")
        assert screen.results.highlighted == 0


async def test_G_and_end_go_to_the_last_story_past_the_first_page(make_app) -> None:
    app = make_app(settings=Settings(results_page_size=1))
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        assert len(screen.results.hits) < ARTICLE_COUNT - 2
        await pilot.press("G")
        await settle(pilot)
        assert len(screen.results.hits) == ARTICLE_COUNT
        assert screen.results.highlighted == ARTICLE_COUNT - 1
        await pilot.press("g", "down")  # the next page is asked for as the cursor nears it
        await pilot.press("end")
        await settle(pilot)
        assert screen.results.highlighted == ARTICLE_COUNT - 1


async def test_search_terms_are_highlighted_in_the_article(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "seals")
        content = screen.article_view.text
        hit_words = {
            content.plain[span.start : span.end].lower()
            for span in content.spans
            if span.style == ".search-hit"
        }
        assert hit_words == {"seals"}


async def test_article_markup_and_escapes_show_literally(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "poster")
        shown = screen.article_view.text.plain
        assert "Library shows [bold]poster[/] art from the old cannery" in shown
        assert "[red]FRESH FISH[/red]" in shown


async def test_choosing_an_entity_searches_for_it_and_back_returns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "seals")
        opened = screen.article_view.article_id
        await pilot.press("e")
        assert screen.focused is screen.sidebar.entity_list
        entity = screen.sidebar.highlighted_entity
        assert entity is not None, "the sidebar lists the story's entities"
        await pilot.press("enter")
        await settle(pilot)
        expected = entity_query(entity.kind, entity.name)
        assert screen.search_bar.query_text == expected
        assert screen.shown_query == expected
        assert all(entity.name in hit.entities[entity.kind] for hit in screen.results.hits)
        assert opened in {hit.id for hit in screen.results.hits}
        assert screen.focused is screen.results
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.search_bar.query_text == "seals"
        assert screen.shown_query == "seals"
        assert screen.results.highlighted_hit.id == opened


async def test_alt_left_goes_back_too(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.go_to_query("ferry")
        await settle(pilot)
        assert screen.shown_query == "ferry"
        screen.search_bar.input.focus()
        await pilot.press("alt+left")
        await settle(pilot)
        assert screen.shown_query == ""


async def test_back_returns_to_each_search_settled_on_with_enter(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "ferry")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash")
        await type_query(pilot, "storm")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.shown_query == "storm"
        assert screen.check_action("back", ()) is True  # the footer offers it
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.shown_query == "ferry"
        assert screen.search_bar.query_text == "ferry"
        await pilot.press("alt+left")
        await settle(pilot)
        assert screen.shown_query == ""
        assert len(screen.history) == 0


async def test_a_search_typed_with_its_enter_in_one_burst_is_settled_on(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        # Each search and its Enter arriving at once, as a terminal sends keys typed ahead or
        # pasted: Enter, a priority key, is read before the search bar has taken the letters.
        for burst in ("ferry", "/storm"):
            keys = [("slash", "/") if c == "/" else (c, c) for c in burst]
            for key, character in [*keys, ("enter", "\r")]:
                app.post_message(events.Key(key, character))
            await settle(pilot)
        assert screen.shown_query == "storm"
        assert screen.focused is screen.results
    async with make_app().run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert screen.shown_query == "storm"  # the search settled on is where it reopens


async def test_a_search_settled_on_by_opening_a_story_is_a_place_to_go_back_to(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "cannery")
        first_opened = screen.article_view.article_id
        await pilot.press("slash")
        await open_first_story(pilot, "seals")
        await pilot.press("escape")
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.shown_query == "cannery"
        assert screen.article_view.article_id == first_opened


async def test_back_returns_from_a_related_story_to_the_story_it_came_from(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "strike")
        opened = screen.article_view.article_id
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RelatedScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.article_id == dialog.hits[0].id != opened
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.shown_query == "strike"
        assert screen.article_view.article_id == opened


async def test_back_from_a_search_typed_but_not_settled_on_returns_to_the_one_that_was(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "cannery")
        cannery_story = screen.article_view.article_id
        await pilot.press("slash")
        await type_query(pilot, "seals")
        await pilot.press("escape")
        assert screen.check_action("back", ()) is True  # the footer offers it
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.search_bar.query_text == screen.shown_query == "cannery"
        assert screen.article_view.article_id == cannery_story
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.shown_query == ""
        assert screen.check_action("back", ()) is False


async def test_a_story_opened_with_n_settles_on_its_search(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "cannery")
        await pilot.press("slash")
        await type_query(pilot, "Marenvik")
        await pilot.press("escape", "n")
        await settle(pilot)
        marenvik_story = screen.article_view.article_id
        assert marenvik_story in {hit.id for hit in screen.results.hits}
        await pilot.press("slash")
        await type_query(pilot, "seals")
        await pilot.press("escape", "backspace")
        await settle(pilot)
        assert screen.shown_query == "Marenvik"
        assert screen.article_view.article_id == marenvik_story
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.shown_query == "cannery"


async def test_back_to_a_story_past_the_first_page_selects_it_and_n_goes_on_from_it(
    make_app,
) -> None:
    app = make_app(settings=Settings(results_page_size=2))
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "")
        await pilot.press(*"nnnnn")
        await settle(pilot)
        fifth = screen.results.hits[5].id
        assert screen.article_view.article_id == fifth
        await pilot.press("slash")
        await type_query(pilot, "seals")
        await pilot.press("enter", "backspace")
        await settle(pilot)
        assert screen.shown_query == ""
        assert screen.article_view.article_id == fifth
        assert screen.results.highlighted_hit is not None
        assert screen.results.highlighted_hit.id == fifth
        await pilot.press("n")
        await settle(pilot)
        assert screen.article_view.article_id == screen.results.hits[6].id


async def test_a_new_search_never_leaves_a_story_of_the_old_results_open(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "seals")
        await pilot.press("slash")
        await type_query(pilot, "budget")
        budget_story = screen.results.hits[0].id
        await wait_for(pilot, lambda: screen.article_view.article_id == budget_story)
        assert "budget" in screen.article_view.text.plain.lower()
        await type_query(pilot, "nothingmatchesthis")
        await wait_for(pilot, lambda: "No story matches" in screen.article_view.text.plain)
        assert screen.article_view.article_id is None
        await type_query(pilot, "seals")
        await wait_for(pilot, lambda: screen.article_view.article_id is not None)


async def test_selected_entity_mentions_are_marked_and_visited(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "Aasland")
        await pilot.press("e")
        entity = screen.sidebar.highlighted_entity
        assert entity is not None
        view = screen.article_view
        assert view.selected == entity
        count = view.mention_count
        assert count >= 1
        marked = [span for span in view.text.spans if span.style == ".mention--selected"]
        assert len(marked) == count
        assert {view.text.plain[s.start : s.end] for s in marked} <= {
            entity.name,
            *entity.name.split(),
        }
        await pilot.press("right_square_bracket")
        assert view.current_mention == 0
        await pilot.press("right_square_bracket")
        assert view.current_mention == (1 % count)
        await pilot.press("left_square_bracket")
        assert view.current_mention == 0


async def test_a_mention_key_with_no_name_selected_selects_the_storys_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "Aasland")
        view = screen.article_view
        assert view.selected is None
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.selected is not None
        assert view.selected == screen.sidebar.highlighted_entity
        assert view.current_mention == 0


async def test_n_pressed_twice_at_once_moves_two_stories(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "Marenvik")
        hits = screen.results.hits
        assert len(hits) >= 4
        await pilot.press("n", "n", "n")  # before the first story they open has loaded
        await settle(pilot)
        assert screen.article_view.article_id == hits[3].id
        await pilot.press("p", "p")
        await settle(pilot)
        assert screen.article_view.article_id == hits[1].id


async def test_n_pressed_past_the_stories_loaded_waits_for_them(make_app, monkeypatch) -> None:
    app = make_app(settings=Settings(results_page_size=2))
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "")
        loaded = len(screen.results.hits)
        assert loaded < ARTICLE_COUNT - 1
        further_pages = HeldCall(monkeypatch, ArchiveSession, "search")
        try:
            await pilot.press(*"n" * (loaded + 1))  # one past the stories loaded
            await wait_for(pilot, further_pages.entered.is_set)
        finally:
            further_pages.released.set()
        await settle(pilot)
        assert screen.article_view.article_id == screen.results.hits[loaded + 1].id
        assert screen.results.highlighted == loaded + 1


async def test_help_scrolls_with_G_and_g_and_names_each_key_one_way(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await main_screen(pilot)
        await pilot.press("tab", "question_mark")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = help_screen.query_one("#help")
        assert keys.max_scroll_y > 0
        await pilot.press("G")
        await settle(pilot)
        assert keys.scroll_y == keys.max_scroll_y
        await pilot.press("g")
        await settle(pilot)
        assert keys.scroll_y == 0
        text = help_screen.help_text().plain
        assert "ctrl+p" not in text and "^p" in text


async def test_a_bad_query_shows_its_message_and_keeps_the_results(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "ferry")
        before = [hit.id for hit in screen.results.hits]
        screen.search_bar.input.insert_text_at_cursor(" colour:red")  # pasted
        await settle(pilot)
        status = str(screen.query_one("#search-status").visual)
        assert "Unknown field 'colour'" in status
        assert [hit.id for hit in screen.results.hits] == before
        assert screen.shown_query == "ferry"


async def test_a_suggestion_can_be_accepted_with_a_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "cannerry")
        suggestion = screen.search_bar.suggestion
        assert suggestion is not None and "cannery" in suggestion
        assert screen.query_one("#suggestion").display
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert screen.search_bar.query_text == suggestion
        assert screen.results.total >= 2
        assert screen.search_bar.suggestion is None


async def test_a_suggestion_can_be_accepted_with_a_click(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "cannerry")
        suggestion = screen.search_bar.suggestion
        assert suggestion is not None
        await pilot.click("#suggestion")
        await settle(pilot)
        assert screen.shown_query == suggestion


async def test_s_toggles_the_sort_order(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "Marenvik bridge")
        assert screen.sort == "relevance"
        screen.results.focus()
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "date"
        dates = [hit.date for hit in screen.results.hits]
        assert dates == sorted(dates, reverse=True)
        assert "newest first" in str(screen.query_one("#search-status").visual)
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "relevance"


async def test_related_stories_open_from_their_dialog(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "strike")
        opened = screen.article_view.article_id
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RelatedScreen)
        assert dialog.hits and opened not in {hit.id for hit in dialog.hits}
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.article_view.article_id == dialog.hits[0].id


async def test_help_lists_every_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").visual)
        for description in (
            "Search",
            "Next story",
            "Previous story",
            "Names",
            "Previous mention",
            "Next mention",
            "Back",
            "Sort",
            "Related",
            "Open",
            "Quit",
            "Help",
            "Cycle the panes",
            "Commands: search a name",
        ):
            assert description in text, description
        for keys in ("/", "n", "p", "e", "[", "]", "s", "r", "j", "k", "g", "G", "q", "?", "^p"):
            assert f"  {keys} " in text, keys
        await pilot.press("escape")
        assert app.screen is screen


async def test_tab_cycles_the_panes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        order = [screen.focused]
        for _ in range(5):
            await pilot.press("tab")
            order.append(screen.focused)
        assert order == [
            screen.search_bar.input,
            screen.results,
            screen.article_view,
            screen.sidebar.entity_list,
            screen.timeline_view,
            screen.search_bar.input,
        ]
        await pilot.press("shift+tab")
        assert screen.focused is screen.timeline_view
        screen.results.focus()
        await pilot.press("slash")
        assert screen.focused is screen.search_bar.input
        await pilot.press("escape")
        assert screen.focused is screen.results


async def test_the_sidebar_folds_away_when_narrow(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        assert not screen.sidebar.display or not screen.sidebar.region
        screen.results.focus()
        await pilot.press("e")
        await pilot.pause()
        assert screen.sidebar.region.width > 0
        assert screen.focused is screen.sidebar.entity_list
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-show-sidebar")
        assert screen.sidebar.region.width == 0


async def test_at_80_columns_titles_have_room_messages_wrap_and_help_shows(make_app) -> None:
    from textual.widgets import Footer

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        assert screen.results.scrollable_content_region.width >= 34
        await pilot.press("escape")  # to the results
        await settle(pilot)
        footer_keys = " ".join(str(key.render()) for key in screen.query_one(Footer).children)
        assert "Help" in footer_keys
        await type_query(pilot, 'date:"not a date" AND')
        status = screen.search_bar.query_one("#search-status")
        assert status.region.height >= 2
        assert "2024-06-30" in str(status.visual)  # the end of the message is on screen


async def test_no_crash_when_tiny_or_resized(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "ferry")
        for size in ((120, 40), (80, 24), (20, 6), (40, 12), (200, 60)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("e", "right_square_bracket", "escape")
            await settle(pilot)
        assert app.screen is screen
        assert screen.has_class("-wide")


async def test_the_result_scrollbar_follows_more_stories_and_a_resize(make_app) -> None:
    app = make_app(settings=Settings(results_page_size=3))
    async with app.run_test(size=(130, 16)) as pilot:
        screen = await main_screen(pilot)
        results = screen.results

        def scrollbar_fits_the_list() -> bool:
            bar = results.vertical_scrollbar
            return (
                bar.window_virtual_size == results.virtual_size.height
                and bar.window_size == results.container_size.height
            )

        assert scrollbar_fits_the_list()
        shown = len(results.hits)
        screen.results.focus()
        await pilot.press("G")
        await settle(pilot)
        assert len(results.hits) > shown
        assert scrollbar_fits_the_list()
        await pilot.resize_terminal(130, 24)
        await settle(pilot)
        assert scrollbar_fits_the_list()


async def test_indexing_screen_on_first_launch(make_app, tmp_path: Path) -> None:
    seen: list[Message] = []
    app = make_app(index_dir=tmp_path / "fresh-index")
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, IndexingScreen) or any(
            isinstance(message, IndexingProgressed) for message in seen
        )
        screen = await main_screen(pilot)
        progress = [m.progress for m in seen if isinstance(m, IndexingProgressed)]
        assert progress and progress[-1].done == progress[-1].total == ARTICLE_COUNT
        assert len(screen.results.hits) == ARTICLE_COUNT


async def test_up_to_date_index_skips_the_indexing(make_app) -> None:
    seen: list[Message] = []
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await main_screen(pilot)
        assert not any(isinstance(message, IndexingProgressed) for message in seen)


async def test_new_files_are_indexed_behind_the_stories(
    make_app, archive_copy: Path, tmp_path
) -> None:
    index_dir = tmp_path / "index"
    app = make_app(archive=archive_copy, index_dir=index_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
    (archive_copy / "late.txt").write_text(
        " date 2025-01-05 A late story about the lighthouse\nThe lighthouse keeper retired.\n",
        encoding="utf-8",
    )
    seen: list[Message] = []
    app = make_app(archive=archive_copy, index_dir=index_dir)
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # the stored stories, not the indexing screen
        screen = await main_screen(pilot)
        assert screen.results.hits[0].title.text == "A late story about the lighthouse"
        assert (
            screen.sub_title
            == f"archive · {NEW_COUNT} articles · {NEW_COUNT} of {NEW_COUNT} unread"
        )
        assert not screen.query_one("#index-status").display
    order = [type(m) for m in seen if isinstance(m, (SearchFinished, IndexingStarted))]
    assert order.index(SearchFinished) < order.index(IndexingStarted)  # the stories came first


async def test_an_index_update_shows_a_quiet_status_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        status = screen.query_one("#index-status")
        screen.post_message(IndexingStarted(3))
        await pilot.pause()
        assert status.display and "Indexing 3 changed files" in str(status.visual)
        screen.post_message(IndexingProgressed(IndexProgress(done=1, total=3, skipped=0)))
        await pilot.pause()
        assert "1 / 3 files" in str(status.visual)
        screen.post_message(IndexingFinished(None))
        await pilot.pause()
        assert not status.display


async def test_an_update_behind_the_stories_that_breaks_says_so_and_clears_its_status(
    make_app, archive_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    index_dir = tmp_path / "index"
    app = make_app(archive=archive_copy, index_dir=index_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
    (archive_copy / "late.txt").write_text(" date 2025-01-05 Late\nA late story.\n", "utf-8")

    def broken_update(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr("reader.data.indexing.update_index", broken_update)
    app = make_app(archive=archive_copy, index_dir=index_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        assert len(screen.results.hits) == ARTICLE_COUNT  # the stories stay readable
        assert not screen.query_one("#index-status").display
        messages = [str(toast.message) for toast in app._notifications]
        assert any("the disk went away" in message for message in messages)


async def test_a_manifest_that_is_not_a_database_is_rebuilt(
    make_app, archive_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    app = make_app(archive=archive_copy, index_dir=index_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
    (index_dir / "manifest.sqlite").write_bytes(b"not a database, " * 64)
    app = make_app(archive=archive_copy, index_dir=index_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        assert len(screen.results.hits) == ARTICLE_COUNT


async def test_an_index_update_leaves_the_cursor_on_its_story(make_app, tmp_path: Path) -> None:
    archive = tmp_path / "many"
    archive.mkdir()
    for number in range(25):
        (archive / f"{number:02}.txt").write_text(
            f" date 2025-01-{number + 1:02} Story {number}\nAbout the harbour.\n", "utf-8"
        )
    settings = Settings(results_page_size=10)
    app = make_app(archive=archive, index_dir=tmp_path / "index", settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        for moves in (2, 12):  # on the first page, then past it
            await pilot.press(*["down"] * moves)
            await settle(pilot)
            chosen = screen.results.highlighted_hit
            screen.index_changed()
            await settle(pilot)
            assert screen.results.highlighted_hit == chosen


async def test_empty_archive_explains_what_is_expected(make_app, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_bytes(b"")
    app = make_app(archive=empty, index_dir=tmp_path / "index")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoticeScreen)
        text = str(app.screen.query_one("#notice-text").visual)
        assert f"No articles in {empty}" in text
        assert "date YYYY-MM-DD Title" in text
        assert "notes.txt" in text  # the skipped file and why
        # Adding an article and pressing r indexes again and opens the reader.
        (empty / "first.txt").write_text(
            " date 2024-01-01 First story\nThe first story of the archive.\n", encoding="utf-8"
        )
        await pilot.press("r")
        screen = await main_screen(pilot)
        assert [hit.title.text for hit in screen.results.hits] == ["First story"]


async def test_command_palette_searches_an_entity(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        name = screen.session.entity_names(top=5)["person"][0].name
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*f"person: {name}")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.shown_query == entity_query("person", name)


async def test_command_palette_toggles_the_sort(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sort: relevance")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.sort == "date"


async def test_q_quits_but_types_in_the_search_bar(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await pilot.press("q")
        assert screen.query_one(Input).value == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_the_chosen_theme_persists(make_app, isolated_user_dirs) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert load_settings(isolated_user_dirs.config_file).theme == "nord"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        assert app.theme == "nord"


async def test_the_reader_searches_with_the_engine_chosen(
    make_app, shared_index, isolated_user_dirs
) -> None:
    """The command line's --engine wins over the config file's, which wins over the default."""
    from_config = make_app(settings=Settings(engine="whoosh"))
    from_command_line = NewsReaderApp(
        FIXTURE_ARCHIVE,
        shared_index,
        locations=isolated_user_dirs,
        settings=Settings(engine="whoosh"),
        engine="fastpath",
    )
    for app, engine in (
        (make_app(), "fastpath"),
        (from_config, "whoosh"),
        (from_command_line, "fastpath"),
    ):
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await main_screen(pilot)
            assert app.session is not None and app.session.engine == engine
            assert screen.results.hits


async def test_a_broken_config_is_reported_and_left_alone(make_app, isolated_user_dirs) -> None:
    config = isolated_user_dirs.config_file
    config.parent.mkdir(parents=True)
    config.write_text("theme = [", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await main_screen(pilot)
        assert app.settings_problem and "not valid TOML" in app.settings_problem
        app.theme = "nord"
        await settle(pilot)
    assert config.read_text(encoding="utf-8") == "theme = ["


async def test_keymap_mistakes_get_one_warning_each_naming_file_and_line(
    make_app, isolated_user_dirs
) -> None:
    config = isolated_user_dirs.config_file
    config.parent.mkdir(parents=True)
    config.write_text(
        'theme = "textual-dark"\n\n[keymap]\ntoggle_sort = "z"\nno_such_action = "x"\n'
        'related = "ctrl+banana"\nfocus_entities = "n"\n',
        encoding="utf-8",
    )
    app = make_app(settings=load_settings(config))
    seen: list[Message] = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await main_screen(pilot)
    notices = [message.notification.message for message in seen if isinstance(message, Notify)]
    keymap_notices = [notice for notice in notices if str(config) in notice]
    assert len(keymap_notices) == 3, keymap_notices
    unknown, bad_key, clash = keymap_notices
    assert "line 5" in unknown and "no_such_action" in unknown
    assert "line 6" in bad_key and "ctrl+banana" in bad_key
    assert "line 7" in clash and "focus_entities and next_story" in clash


async def test_the_search_bar_hint_names_people_and_places_of_the_open_archive(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        await wait_for(pilot, lambda: 'person:"Name"' not in screen.search_bar.input.placeholder)
        hint = screen.search_bar.input.placeholder
        assert "Baku" not in hint and 'person:"Name"' not in hint
        assert 'place:"Skarholm"' in hint or 'place:"Marenvik"' in hint


async def test_keys_can_be_remapped_by_binding_id(make_app) -> None:
    app = make_app(settings=Settings(keymap={"toggle_sort": "z"}))
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "relevance"
        await pilot.press("z")
        await settle(pilot)
        assert screen.sort == "date"


async def test_the_mouse_opens_stories_and_chooses_names(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        first = screen.results.hits[0]
        await pilot.click("#results", offset=(5, 1))
        await settle(pilot)
        assert screen.article_view.article_id == first.id
        # Row 0 is the "In this story" heading, row 1 the first kind's heading.
        entity = screen.sidebar._entries[screen.sidebar.entity_list.get_option_at_index(2).id]
        await pilot.click("#entity-list", offset=(8, 2))
        await settle(pilot)
        assert screen.shown_query == entity_query(entity.kind, entity.name)


async def test_a_click_chooses_the_name_under_it_after_another_story_was_open(make_app) -> None:
    # The names across the results move up or down with the number of names in the story.
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        entity_list = screen.sidebar.entity_list
        screen.results.focus()
        await pilot.press("enter")
        await settle(pilot)
        first_count = entity_list.option_count
        await pilot.press("n")
        await settle(pilot)
        while entity_list.option_count == first_count:
            await pilot.press("n")
            await settle(pilot)
        visible_rows = entity_list.scrollable_content_region.height
        row = min(
            index
            for index in range(min(entity_list.option_count, visible_rows))
            if (option_id := entity_list.get_option_at_index(index).id) is not None
            and option_id.startswith("facet-")
        )
        entity = screen.sidebar._entries[entity_list.get_option_at_index(row).id]
        await pilot.click("#entity-list", offset=(8, row))
        await settle(pilot)
        assert screen.shown_query == entity_query(entity.kind, entity.name)


async def test_reindex_from_the_command_palette(make_app, archive_copy: Path, tmp_path) -> None:
    app = make_app(archive=archive_copy, index_dir=tmp_path / "index")
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        (archive_copy / "late.txt").write_text(
            " date 2025-01-05 A late story about the lighthouse\nThe keeper retired.\n",
            encoding="utf-8",
        )
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Re-index")
        await settle(pilot)
        await pilot.press("enter")
        screen = await main_screen(pilot)
        assert screen.results.hits[0].title.text == "A late story about the lighthouse"
        assert (
            screen.sub_title
            == f"archive · {NEW_COUNT} articles · {NEW_COUNT} of {NEW_COUNT} unread"
        )


async def test_reindex_while_the_update_behind_the_stories_runs_follows_it(
    make_app, archive_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    (archive_copy / "late.txt").write_text(
        " date 2025-01-05 A late story about the lighthouse\nThe keeper retired.\n",
        encoding="utf-8",
    )
    # The update behind the stories is held with the index's write lock taken.
    writing, let_go = threading.Event(), threading.Event()
    updates: list[bool] = []

    def held_update(archive: Path, index_dir: Path, **options) -> IndexReport:
        updates.append(True)
        progress = options.pop("progress")

        def held_progress(update: IndexProgress) -> None:
            if len(updates) == 1:
                writing.set()
                let_go.wait(HOLD_SECONDS)
            progress(update)

        return update_index(archive, index_dir, progress=held_progress, **options)

    monkeypatch.setattr(reader.data.indexing, "update_index", held_update)
    app = make_app(archive=archive_copy, index_dir=index_dir)
    notices: list[str] = []
    notify = app.notify

    def record(message: str, **options) -> None:
        notices.append(message)
        notify(message, **options)

    monkeypatch.setattr(app, "notify", record)
    try:
        async with app.run_test(size=(130, 40)) as pilot:
            await wait_for(pilot, writing.is_set)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Re-index")
            await wait_for(pilot, lambda: palette_choice(app) == "Re-index the archive")
            await pilot.press("enter")
            await wait_for(pilot, lambda: bool(notices) or isinstance(app.screen, IndexingScreen))
            assert isinstance(app.screen, MainScreen)
            assert notices == [
                "An update is already running in this window; "
                "the archive is indexed again when it has finished."
            ]
            let_go.set()
            screen = await main_screen(pilot)
            assert len(updates) == 2  # the re-index ran after the update
            assert screen.results.hits[0].title.text == "A late story about the lighthouse"
            assert not any("another newsreader" in notice for notice in notices)
    finally:
        let_go.set()


def palette_choice(app) -> str | None:
    """The command the palette runs on Enter, once it has looked."""
    commands = app.screen.query(CommandList)
    option = commands.first().highlighted_option if commands else None
    return str(option.prompt).split("\n")[0] if option else None


async def test_a_late_answer_about_an_earlier_story_is_dropped(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        first, second = screen.results.hits[:2]
        earlier = screen.session.article(first.id)
        screen.open_story(second.id)
        await settle(pilot)
        screen.post_message(ArticleLoaded(earlier, "", (), ()))
        await settle(pilot)
        assert screen.article_view.article_id == second.id


async def test_stories_show_and_open_while_the_sidebar_counts_are_read(
    make_app, monkeypatch
) -> None:
    facets = HeldCall(monkeypatch, ArchiveIndex, "facets")
    app = make_app()
    try:
        async with app.run_test(size=(130, 40)) as pilot:
            await wait_for(pilot, facets.entered.is_set)  # the first counts, of every story
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await pilot.press(*"seals", "enter", "enter")
            await wait_for(pilot, lambda: screen.article_view.article_id is not None)
            assert screen.shown_query == "seals"
            assert screen.article_view.article_id == screen.results.hits[0].id
            assert "Across 0 stories" in sidebar_lines(screen)  # no counts yet
            facets.released.set()
            await settle(pilot)
            assert "Across 2 stories" in sidebar_lines(screen)
    finally:
        facets.released.set()


async def test_a_page_fetched_before_the_sort_changed_is_not_appended(
    make_app, monkeypatch, shared_index: Path
) -> None:
    index = ArchiveIndex.open(shared_index)
    dated = [hit.id for hit in index.search("said", page_size=50, sort="date").hits]
    index.close()
    # The next page of `said` in each order is held until the test lets it go: the one asked
    # for in relevance order comes back after the list was sorted by date and asked again.
    let_go = {"relevance": threading.Event(), "date": threading.Event()}
    search = ArchiveSession.search

    def held_search(session: ArchiveSession, query: str, **options):
        if query == "said":
            let_go[options["sort"]].wait(HOLD_SECONDS)
        return search(session, query, **options)

    monkeypatch.setattr(ArchiveSession, "search", held_search)
    seen: list[Message] = []
    app = make_app(settings=Settings(results_page_size=3))
    try:
        async with app.run_test(size=(130, 40), message_hook=seen.append) as pilot:
            await main_screen(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.search_bar.input.focus()
            # The first story is near the end of a list of three: the next page is asked for.
            await pilot.press(*"said")
            await wait_for(pilot, lambda: screen.shown_query == "said")
            screen.results.focus()
            await pilot.press("s")
            await wait_for(pilot, lambda: screen.results.hits[0].id == dated[0])
            let_go["relevance"].set()
            await wait_for(
                pilot,
                lambda: any(
                    isinstance(message, MoreResultsLoaded) and message.page.query == "said"
                    for message in seen
                ),
            )
            await pilot.pause()
            let_go["date"].set()
            await settle(pilot)
            assert [hit.id for hit in screen.results.hits] == dated[:6]
    finally:
        for gate in let_go.values():
            gate.set()


async def test_sidebar_counts_line_up_whatever_their_width(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        facets = {
            "person": (FacetCount("Reagan", 1833), FacetCount("James Baker", 7)),
            "place": (FacetCount("United States", 14366), FacetCount("Tokyo", 512)),
            "organization": (FacetCount("Reuters", 44),),
        }
        screen.sidebar.show_facets(facets, 80385)
        await pilot.pause()
        entries = [line for line in sidebar_lines(screen) if line.strip()[:1].isdigit()]
        assert [line.split()[0] for line in entries] == ["1,833", "7", "14,366", "512", "44"]
        names = [facet.name for kind in facets.values() for facet in kind]
        assert len({line.index(name) for line, name in zip(entries, names, strict=True)}) == 1
        assert all(line.startswith(" ") for line in entries)  # a space before the widest too


def sidebar_lines(screen: MainScreen) -> list[str]:
    entity_list = screen.sidebar.entity_list
    return [
        str(entity_list.get_option_at_index(index).prompt)
        for index in range(entity_list.option_count)
    ]


async def test_keys_typed_ahead_open_the_first_hit_of_the_new_query(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await pilot.press(*"seals", "enter", "enter")
        await settle(pilot)
        assert screen.shown_query == "seals"
        assert screen.article_view.article_id == screen.results.hits[0].id
        assert screen.article_view.stored.article.title.startswith("Scientists count")
        assert screen.focused is screen.article_view


async def test_empty_archive_again_on_the_next_launch(make_app, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for _launch in range(2):
        app = make_app(archive=empty, index_dir=tmp_path / "index")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, NoticeScreen)
            assert "No articles in" in str(app.screen.query_one("#notice-text").visual)


async def test_a_search_typed_right_after_slash_goes_into_the_search_bar(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await settle(pilot)
        # The keys arrive together, as from a fast typist or a paste.
        for key in ("slash", *"budget"):
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await settle(pilot)
        assert screen.search_bar.query_text == "budget"
        assert screen.shown_query == "budget"
        await pilot.press("slash")  # in the search bar, it is typed
        assert screen.search_bar.query_text == "budget/"


async def test_slash_in_an_empty_search_bar_is_not_typed(make_app) -> None:
    # The reader opens with the search bar focused: `/` pressed out of habit, then a search,
    # must not search for "/port".
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await with_empty_search_bar(pilot)
        await pilot.press("slash", *"port")
        await settle(pilot)
        assert screen.search_bar.query_text == "port"
        assert screen.shown_query == "port"


async def test_slashes_typed_fast_into_an_empty_search_bar_are_all_typed(make_app) -> None:
    """A burst ("x/y/z", or a paste): the screen sees each `/` before the bar has taken the
    letters typed before it; the bar reads them in order."""
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await with_empty_search_bar(pilot)
        for character in "x/y/z":
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await settle(pilot)
        assert screen.search_bar.query_text == "x/y/z"


@pytest.mark.parametrize("command", ["person: gasic", "open entity gasic"])
async def test_command_palette_finds_a_name_typed_without_its_accents(
    make_app, tmp_path: Path, command: str
) -> None:
    # As the search does: `gasic` finds Bratislav Gašić in the palette's names too.
    from articles.bundled import SAMPLE_ARCHIVE

    app = make_app(archive=SAMPLE_ARCHIVE, index_dir=tmp_path / "index")
    async with app.run_test(size=(130, 40)) as pilot:
        await main_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*command)
        await settle(pilot)
        from textual.command import CommandList

        first = app.screen.query_one(CommandList).get_option_at_index(0)
        assert "Bratislav Gašić" in str(first.prompt)


async def test_the_sidebar_counts_a_surname_s_mentions_under_the_full_name(
    make_app, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "2025-04-02-march.txt").write_text(
        " date 2025-04-02 Students march through Uppsala\n"
        "Greta Thunberg spoke to the crowd on Wednesday. Thunberg said the students would "
        "return every week, and Thunberg thanked the police.\n",
        encoding="utf-8",
    )
    update_index(archive, tmp_path / "index")
    app = make_app(archive, tmp_path / "index")
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "Uppsala")
        people = [line.split() for line in sidebar_lines(screen) if "Thunberg" in line]
        assert people[0] == ["3", "Greta", "Thunberg"]  # the story's section, then all stories'
        assert all(line[1:] == ["Greta", "Thunberg"] for line in people)


async def test_typing_on_with_the_same_highlights_leaves_the_story_as_laid_out(make_app) -> None:
    highlighted: list[str] = []

    def record(message: Message) -> None:
        if isinstance(message, ArticleLoaded) and message.keep_position:
            highlighted.append(message.query)

    app = make_app()
    async with app.run_test(size=(130, 40), message_hook=record) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "seals")
        laid_out = screen.article_view.text
        screen.search_bar.input.focus()
        await pilot.press("end", "space")  # after the query, not over it
        await settle(pilot)
        assert set(highlighted) == {"seals "}
        assert screen.article_view.text is laid_out
        await pilot.press(*"council")
        await settle(pilot)
        assert screen.article_view.text is not laid_out, "new highlights are shown"
