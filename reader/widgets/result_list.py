"""The result list: one option per hit, loaded a page at a time, drawn a line at a time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message

from index.api import Hit, SearchPage, SortOrder
from reader.library import StoryMark
from reader.rendering import (
    MUTED,
    READ_GAP,
    TEXT_COMPONENT_CLASSES,
    HitRow,
    hit_prompt,
    styled,
)
from reader.widgets.option_list import LineOptionList, ListOption

MORE_ID = "more"
# The next page is fetched when the cursor comes this close to the last story.
PREFETCH_STORIES = 5


class ResultList(LineOptionList):
    """Posts `StoryChosen` on Enter or click and `MoreWanted` when the cursor reaches the end."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("enter", "select", "Open", id="open_story"),
        Binding("j", "cursor_down", "Down", show=False, id="results_down"),
        Binding("k", "cursor_up", "Up", show=False, id="results_up"),
        Binding("g", "first", "Top", show=False, id="results_top"),
        Binding("G", "last", "Bottom", show=False, id="results_bottom"),
    ]

    @dataclass
    class StoryChosen(Message):
        result_list: ResultList
        hit: Hit

        @property
        def control(self) -> ResultList:
            return self.result_list

    @dataclass
    class StoryHighlighted(Message):
        result_list: ResultList
        hit: Hit

        @property
        def control(self) -> ResultList:
            return self.result_list

    @dataclass
    class MoreWanted(Message):
        """The next page of `query` in `sort` order (counting from 1) should be appended; the
        page goes to `append_page` with the list's `generation`."""

        result_list: ResultList
        query: str
        sort: SortOrder
        page: int
        generation: int
        # Every story from `page` to the last, not one page (`G`).
        through_end: bool = False

        @property
        def control(self) -> ResultList:
            return self.result_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="styled-text")
        self.hits: list[Hit] = []
        self.total = 0
        self.query_text = ""
        self.sort: SortOrder = "relevance"
        # Counts the lists shown: a page fetched for an earlier one (another query, the other
        # order, the index before an update) is dropped.
        self.generation = 0
        self._next_page: int | None = None
        self._requested_page: int | None = None
        # The story the cursor goes to once the stories up to its position have come (`G`,
        # going back to a place): its id when known, and its position.
        self._wanted: tuple[str | None, int] | None = None
        # The user's marks of the stories loaded (only those with any); `with_marks` once a
        # library is open, so that an unread story shows as one.
        self.with_marks = False
        self.marks: dict[str, StoryMark] = {}

    @property
    def highlighted_hit(self) -> Hit | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def index_of(self, article_id: str) -> int | None:
        for index, hit in enumerate(self.hits):
            if hit.id == article_id:
                return index
        return None

    def show_page(
        self,
        page: SearchPage,
        *,
        select_id: str | None = None,
        select_position: int = 0,
        marks: Mapping[str, StoryMark] | None = None,
    ) -> None:
        """Replace the list with the first page of a search (with the `marks` of its stories),
        keeping the cursor on `select_id`; past the first page, at `select_position`, the
        stories up to it are loaded first."""
        keep_id = select_id or (hit.id if (hit := self.highlighted_hit) else None)
        self.marks = dict(marks or {})
        self.hits = list(page.hits)
        self.total = page.total
        self.query_text = page.query
        self.sort = page.sort
        self.generation += 1
        self._requested_page = None
        self._wanted = None
        self._next_page = page.page + 1 if page.page < page.page_count else None
        self.set_options([*self._options_for(self.hits), *self._more_option()])
        if not self.hits:
            self.add_options(
                [ListOption(styled("No stories match.", MUTED), "none", disabled=True)]
            )
            return
        keep = self.index_of(keep_id) if keep_id else None
        self.highlighted = keep if keep is not None else 0
        if keep is None:
            self.scroll_home(animate=False)
            if select_id is not None and select_position >= len(self.hits):
                self._go_when_loaded(select_id, select_position)

    def append_page(
        self, page: SearchPage, generation: int, marks: Mapping[str, StoryMark] | None = None
    ) -> None:
        """Append the page asked for by `MoreWanted` (with the `marks` of its stories); a late
        one for an earlier list is dropped."""
        if generation != self.generation or page.page != self._requested_page:
            return
        self.marks.update(marks or {})
        highlighted = self.highlighted
        self._requested_page = None
        loaded = len(self.hits)
        self.hits.extend(page.hits)
        more = page.page < page.page_count and len(self.hits) < self.total
        self._next_page = page.page + 1 if more else None
        # In place of the "more" option, if there is one.
        self.replace_options_from(loaded, [*self._options_for(page.hits), *self._more_option()])
        if self._wanted is not None:
            self._go_when_loaded(*self._wanted)
        elif highlighted is not None:
            self.highlighted = min(highlighted, len(self.hits) - 1)

    def _options_for(self, hits: list[Hit] | tuple[Hit, ...]) -> list[ListOption]:
        return [self._option_for(hit) for hit in hits]

    def _option_for(self, hit: Hit) -> ListOption:
        prompt = hit_prompt(hit, self.marks.get(hit.id), with_marks=self.with_marks)
        indent = len(READ_GAP) if self.with_marks else 0
        return ListOption(HitRow(prompt, hanging_indent=indent), divider=True)

    def mark_of(self, article_id: str) -> StoryMark | None:
        return self.marks.get(article_id)

    def show_marks(self, marks: Mapping[str, StoryMark | None]) -> None:
        """The stories' marks changed (None: it has none now): their rows show it."""
        for article_id, mark in marks.items():
            if mark is None:
                self.marks.pop(article_id, None)
            else:
                self.marks[article_id] = mark
            index = self.index_of(article_id)
            if index is not None:
                self.replace_option(index, self._option_for(self.hits[index]))

    def next_unread(self, after: int | None) -> int | None:
        """The position of the first unread story loaded after `after` (None: from the top)."""
        start = 0 if after is None else after + 1
        for index in range(start, len(self.hits)):
            mark = self.marks.get(self.hits[index].id)
            if mark is None or not mark.read:
                return index
        return None

    @property
    def all_loaded(self) -> bool:
        return self._next_page is None

    def _more_option(self) -> list[ListOption]:
        remaining = self.total - len(self.hits)
        if self._next_page is None or remaining <= 0:  # no hits come as page 0 of 1
            return []
        label = f"▾ {remaining:,} more — press Enter or move here to load them"
        return [ListOption(styled(label, MUTED), MORE_ID)]

    def _want_more(self, *, through_end: bool = False) -> None:
        if self._next_page is not None and self._requested_page is None:
            self._requested_page = self._next_page
            self.post_message(
                self.MoreWanted(
                    self,
                    self.query_text,
                    self.sort,
                    self._next_page,
                    self.generation,
                    through_end=through_end,
                )
            )

    def load_more(self) -> bool:
        """Ask for the next page unless one is on its way; False when every story is here."""
        self._want_more()
        return self._requested_page is not None

    def action_last(self) -> None:
        """The last story of the results, once the stories up to it have come (a page asked
        for already comes first, then the rest)."""
        self._go_when_loaded(None, self.total - 1)

    def _go_when_loaded(self, story_id: str | None, position: int) -> None:
        """Put the cursor on `story_id` (else at `position`) once the stories up to `position`
        are here: at once, or when the pages still wanted have come (`append_page`); the last
        story's in one go."""
        if position < len(self.hits) or self._next_page is None:
            self._wanted = None
            found = self.index_of(story_id) if story_id is not None else None
            if self.hits:
                self.highlighted = found if found is not None else min(position, len(self.hits) - 1)
            return
        self._wanted = (story_id, position)
        self._want_more(through_end=position >= self.total - 1)

    @on(LineOptionList.OptionHighlighted)
    def _highlighted(self, event: LineOptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id == MORE_ID:
            self._want_more()
        elif (hit := self.highlighted_hit) is not None:
            self.post_message(self.StoryHighlighted(self, hit))
            if event.option_index >= len(self.hits) - PREFETCH_STORIES:
                self._want_more()

    @on(LineOptionList.OptionSelected)
    def _selected(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE_ID:
            self._want_more()
        elif 0 <= event.option_index < len(self.hits):
            self.post_message(self.StoryChosen(self, self.hits[event.option_index]))
