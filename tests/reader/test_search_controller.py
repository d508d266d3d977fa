"""The main screen's search state, without Textual: what runs, what is stale, Back, n and p."""

from __future__ import annotations

import subprocess
import sys

from reader.data.history import HistoryEntry
from reader.screens.search_controller import (
    TYPING_PAUSE_SECONDS,
    SearchController,
    StoryMove,
)


class FakeView:
    """The search bar, the result list and the article pane, as plain values."""

    def __init__(self) -> None:
        self.typed = ""
        self.hit_ids: list[str] = []
        self.cursor: int | None = None
        self.open_id: str | None = None

    def query_typed(self) -> str:
        return self.typed

    def story_selected(self) -> tuple[str | None, int | None]:
        if self.cursor is None or not 0 <= self.cursor < len(self.hit_ids):
            return None, self.cursor
        return self.hit_ids[self.cursor], self.cursor

    def story_open(self) -> str | None:
        return self.open_id

    def position_of_story(self, article_id: str) -> int | None:
        return self.hit_ids.index(article_id) if article_id in self.hit_ids else None


class Reader:
    """A controller with its view and the places it kept, and the screen's side of a search."""

    def __init__(self, page_size: int = 30) -> None:
        self.view = FakeView()
        self.kept: list[HistoryEntry] = []
        self.controller = SearchController(self.view, page_size=page_size, keep_place=self._keep)

    def _keep(self, place: HistoryEntry) -> bool:
        self.kept.append(place)
        return True

    def show(self, query: str, hit_ids: list[str], *, generation: int | None = None):
        """The first page of `query` came (of the latest search unless `generation`)."""
        shown = self.controller.search_finished(
            query, self.controller.generation if generation is None else generation
        )
        if shown is not None:
            self.view.hit_ids = hit_ids
            self.view.cursor = 0 if hit_ids else None
            if shown.select is not None and shown.select[0] in hit_ids:
                self.view.cursor = hit_ids.index(shown.select[0])
            if shown.open_id is not None:
                self.view.open_id = shown.open_id
        return shown

    def search_and_show(self, query: str, hit_ids: list[str]) -> None:
        self.view.typed = query
        self.controller.submit(query)
        self.show(query, hit_ids)


def test_a_typed_query_waits_for_a_pause_and_makes_earlier_searches_stale() -> None:
    reader = Reader()
    first = reader.controller.typed("fer")
    second = reader.controller.typed("ferry")
    assert first is not None and second is not None
    assert second.delay == TYPING_PAUSE_SECONDS
    assert not reader.controller.is_latest(first.generation)
    assert reader.controller.is_latest(second.generation)
    assert reader.show("fer", [], generation=first.generation) is None
    assert reader.controller.shown_query == ""


def test_the_letters_of_a_search_already_started_by_enter_do_not_search_again() -> None:
    reader = Reader()
    started = reader.controller.submit("budget")
    assert started is not None and started.delay == 0
    assert reader.controller.typed("budget") is None
    assert reader.controller.typed("budge") is not None


def test_enter_on_the_query_shown_settles_without_searching() -> None:
    reader = Reader()
    reader.show("", ["a", "b"])
    reader.controller.typed("ferry")
    reader.show("ferry", ["f1", "f2"])
    assert reader.controller.submit("ferry") is None
    assert reader.controller.settled_query == "ferry"
    assert len(reader.controller.history) == 1


def test_a_failed_search_keeps_the_results_and_is_reported_only_when_latest() -> None:
    reader = Reader()
    reader.show("", ["a"])
    stale = reader.controller.typed('"unclosed')
    latest = reader.controller.typed('"unclosed q')
    assert stale is not None and latest is not None
    assert reader.controller.search_failed(stale.generation) is False
    assert reader.controller.search_failed(latest.generation) is True
    assert reader.controller.searching is None
    assert reader.controller.shown_query == ""


def test_answers_about_another_query_than_the_one_shown_are_dropped() -> None:
    reader = Reader()
    reader.show("", ["a"])
    assert reader.controller.is_shown("")
    assert not reader.controller.is_shown("ferry")


def test_back_returns_to_each_search_settled_on() -> None:
    reader = Reader()
    reader.show("", ["a", "b"])
    reader.search_and_show("ferry", ["f1", "f2"])
    reader.view.cursor = 1
    reader.search_and_show("storm", ["s1"])
    move = reader.controller.back()
    assert move is not None and move.search is not None
    assert (move.place.query, move.place.selected_id, move.place.selected_position) == (
        "ferry",
        "f2",
        1,
    )
    reader.view.typed = "ferry"
    reader.show("ferry", ["f1", "f2"])
    assert reader.view.cursor == 1  # the story selected there is selected again
    move = reader.controller.back()
    assert move is not None and move.place.query == ""
    reader.view.typed = ""
    reader.show("", ["a", "b"])
    assert not reader.controller.can_go_back()
    assert reader.controller.back() is None


def test_back_from_a_query_typed_but_not_settled_on_returns_to_the_one_that_was() -> None:
    reader = Reader()
    reader.show("", ["a"])
    reader.search_and_show("ferry", ["f1", "f2"])
    reader.view.cursor = 1
    reader.view.typed = "sto"
    reader.controller.typed("sto")
    reader.show("sto", ["s1"])
    assert reader.controller.can_go_back()
    move = reader.controller.back()
    assert move is not None and move.search is not None
    assert (move.place.query, move.place.selected_id) == ("ferry", "f2")
    assert len(reader.controller.history) == 1  # the newest stories are still behind it


def test_back_from_a_related_story_keeps_the_list_and_reopens_the_story() -> None:
    reader = Reader()
    reader.show("", ["a", "b"])
    reader.view.cursor, reader.view.open_id = 1, "b"
    reader.controller.remember_here()
    reader.view.open_id = "related-story"
    move = reader.controller.back()
    assert move is not None and move.search is None
    assert (move.place.selected_id, move.place.open_id) == ("b", "b")


def test_choosing_a_name_makes_the_list_it_was_chosen_from_a_place() -> None:
    reader = Reader()
    reader.show("", ["a"])
    reader.view.typed = "harbour"
    reader.controller.typed("harbour")
    reader.show("harbour", ["h1", "h2"])
    request = reader.controller.go_to_query('person:"Maja Lindqvist"')
    assert request.delay == 0
    history = reader.controller.history
    assert [history.pop(), history.pop(), history.pop()] == [
        HistoryEntry("harbour", "relevance", "h1", None, 0),
        HistoryEntry("", "relevance", "a", None, 0),
        None,
    ]


def test_a_story_chosen_while_a_search_runs_opens_from_its_results() -> None:
    reader = Reader()
    reader.show("", ["a", "b"])
    reader.controller.typed("ferry")
    assert reader.controller.choose_story(1) is False
    assert reader.controller.settled_query == "ferry"
    shown = reader.show("ferry", ["f1", "f2"])
    assert shown is not None and shown.open_position == 1
    assert reader.controller.choose_story(0) is True


def test_a_new_query_after_a_failed_go_back_does_not_open_the_old_story() -> None:
    reader = Reader()
    reader.show("", ["a"])
    request = reader.controller.go_to_place(HistoryEntry("ferry", "date", "f1", "f1"))
    assert reader.controller.search_failed(request.generation)
    reader.controller.typed("storm")
    shown = reader.show("storm", ["s1"])
    assert shown is not None and (shown.select, shown.open_id) == (None, None)


def test_going_to_a_place_takes_its_sort_and_selects_its_story_past_the_first_page() -> None:
    reader = Reader()
    request = reader.controller.start(HistoryEntry("ferry", "date", "f40", "f40", 40))
    assert (request.query, request.sort) == ("ferry", "date")
    assert reader.controller.settled_query == "ferry"
    shown = reader.show("ferry", ["f1"])
    assert shown is not None and shown.select == ("f40", 40) and shown.open_id == "f40"


def test_toggling_the_sort_searches_the_typed_query_in_the_other_order() -> None:
    reader = Reader()
    reader.show("", ["a"])
    reader.view.typed = "ferry"
    request = reader.controller.toggle_sort()
    assert (request.query, request.sort) == ("ferry", "date")
    assert reader.kept[-1].sort == "date"
    assert reader.controller.toggle_sort().sort == "relevance"


def test_the_place_kept_follows_the_settled_search_and_the_open_story_once_each() -> None:
    reader = Reader()
    reader.show("", ["a", "b"])
    reader.search_and_show("ferry", ["f1", "f2"])
    assert reader.kept == [HistoryEntry("ferry")]
    reader.view.cursor, reader.view.open_id = 1, "f2"
    reader.controller.story_shown()
    reader.controller.story_shown()
    assert reader.kept[-1] == HistoryEntry("ferry", "relevance", "f2", "f2", 1)
    assert len(reader.kept) == 2


def test_a_place_that_cant_be_kept_is_tried_again() -> None:
    kept: list[HistoryEntry] = []
    view = FakeView()
    controller = SearchController(view, page_size=30, keep_place=lambda p: bool(kept.append(p)))
    controller.story_shown()
    controller.story_shown()
    assert len(kept) == 2


def test_new_stories_indexed_search_again_unless_past_the_first_page() -> None:
    reader = Reader(page_size=2)
    reader.show("", ["a", "b", "c"])
    reader.view.cursor = 1
    request = reader.controller.index_changed()
    assert request is not None and request.query == ""
    shown = reader.show("", ["new", "a", "b"])
    assert shown is not None and shown.select == ("b", 1)
    reader.view.cursor = 2
    assert reader.controller.index_changed() is None


def test_a_further_page_is_asked_in_the_page_size() -> None:
    reader = Reader(page_size=7)
    page = reader.controller.more_wanted("ferry", "date", 2, 5, through_end=True)
    assert (page.page, page.page_size, page.through_end, page.list_generation) == (2, 7, True, 5)


def test_n_and_p_step_from_the_story_last_asked_for() -> None:
    reader = Reader()
    reader.show("", ["a", "b", "c", "d"])
    assert reader.controller.step_story(1, loaded=4, total=4) == StoryMove(open_position=1)
    reader.controller.want_article("b")  # asked for, not loaded yet: the next n goes on from it
    assert reader.controller.step_story(1, loaded=4, total=4) == StoryMove(open_position=2)
    reader.controller.want_article("a")
    assert reader.controller.step_story(-1, loaded=4, total=4).nowhere


def test_n_past_the_stories_loaded_loads_more_then_opens_it() -> None:
    reader = Reader()
    reader.show("", ["a", "b"])
    reader.controller.want_article("b")
    assert reader.controller.step_story(1, loaded=2, total=5) == StoryMove(load_more=True)
    assert reader.controller.step_story(1, loaded=2, total=5) == StoryMove(load_more=True)
    assert reader.controller.more_loaded(3) == StoryMove(load_more=True)
    assert reader.controller.more_loaded(4) == StoryMove(open_position=3)
    assert reader.controller.more_loaded(5).nowhere


def test_a_new_list_forgets_the_story_n_waited_for() -> None:
    reader = Reader()
    reader.show("", ["a", "b"])
    reader.controller.want_article("b")
    reader.controller.step_story(1, loaded=2, total=5)
    reader.controller.typed("ferry")
    reader.show("ferry", ["f1"])
    assert reader.controller.more_loaded(5).nowhere


def test_a_slower_article_answer_about_an_earlier_story_is_not_wanted() -> None:
    reader = Reader()
    reader.controller.want_article("a")
    reader.controller.want_article("b")
    assert not reader.controller.is_wanted("a")
    assert reader.controller.is_wanted("b")


def test_the_controller_needs_no_textual() -> None:
    code = (
        "import sys, reader.screens.search_controller\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
