"""The result list: one option per hit, loaded a page at a time (no widget per row)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.api import Hit, SearchPage, SortOrder
from reader.rendering import MUTED, TEXT_COMPONENT_CLASSES, HitRow, hit_prompt, styled
from reader.widgets.option_list import SteadyScrollbarOptionList

MORE_ID = "more"
# The next page is fetched when the cursor comes this close to the last story.
PREFETCH_STORIES = 5


class ResultList(SteadyScrollbarOptionList):
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
        super().__init__(id=id, markup=False, classes="styled-text")
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
        self, page: SearchPage, *, select_id: str | None = None, select_position: int = 0
    ) -> None:
        """Replace the list with the first page of a search, keeping the cursor on `select_id`;
        past the first page, at `select_position`, the stories up to it are loaded first."""
        keep_id = select_id or (hit.id if (hit := self.highlighted_hit) else None)
        self.hits = list(page.hits)
        self.total = page.total
        self.query_text = page.query
        self.sort = page.sort
        self.generation += 1
        self._requested_page = None
        self._wanted = None
        self._next_page = page.page + 1 if page.page < page.page_count else None
        self.set_options(self._options_for(self.hits))
        self._add_more_option()
        if not self.hits:
            self.add_option(Option(styled("No stories match.", MUTED), id="none", disabled=True))
            self.highlighted = None
            return
        keep = self.index_of(keep_id) if keep_id else None
        self.highlighted = keep if keep is not None else 0
        if keep is None:
            self.scroll_home(animate=False)
            if select_id is not None and select_position >= len(self.hits):
                self._go_when_loaded(select_id, select_position)

    def append_page(self, page: SearchPage, generation: int) -> None:
        """Append the page asked for by `MoreWanted`; a late one for an earlier list is dropped."""
        if generation != self.generation or page.page != self._requested_page:
            return
        highlighted = self.highlighted
        self._requested_page = None
        if self.option_count and self.get_option_at_index(self.option_count - 1).id == MORE_ID:
            self.remove_option(MORE_ID)
        self.hits.extend(page.hits)
        self.add_options(self._options_for(page.hits))
        more = page.page < page.page_count and len(self.hits) < self.total
        self._next_page = page.page + 1 if more else None
        self._add_more_option()
        if self._wanted is not None:
            self._go_when_loaded(*self._wanted)
        elif highlighted is not None:
            self.highlighted = min(highlighted, len(self.hits) - 1)

    def _options_for(self, hits: list[Hit] | tuple[Hit, ...]) -> list[Option | None]:
        options: list[Option | None] = []
        for hit in hits:
            options.append(Option(HitRow(hit_prompt(hit))))
            options.append(None)  # a divider line between stories
        return options

    def _add_more_option(self) -> None:
        remaining = self.total - len(self.hits)
        if self._next_page is None or remaining <= 0:  # no hits come as page 0 of 1
            return
        label = f"▾ {remaining:,} more — press Enter or move here to load them"
        self.add_option(Option(styled(label, MUTED), id=MORE_ID))

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

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id == MORE_ID:
            self._want_more()
        elif (hit := self.highlighted_hit) is not None:
            self.post_message(self.StoryHighlighted(self, hit))
            if event.option_index >= len(self.hits) - PREFETCH_STORIES:
                self._want_more()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE_ID:
            self._want_more()
        elif 0 <= event.option_index < len(self.hits):
            self.post_message(self.StoryChosen(self, self.hits[event.option_index]))
