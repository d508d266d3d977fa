"""What the main screen's search does next, in plain Python (no Textual): the query typed, shown
and settled on, its sort and the generation of its results; which search runs after a typing
pause and which answer is stale; the pages to load; Back and the place kept for the next
launch; where `n` and `p` lead. The screen keeps the widgets, the keys and the workers: it tells
the controller what happened and does what the answer says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from index.api import SortOrder
from reader.data.history import HistoryEntry, SearchHistory
from reader.data.story_steps import StorySteps

# Wait this long after a keystroke before searching; the next keystroke cancels the wait. Keys
# that arrive together (a paste, keys typed ahead) make one search; a key typed while a search
# runs waits for it, and then only the newest query runs (`ArchiveSession.search_if_wanted`).
TYPING_PAUSE_SECONDS = 0.005
# The sidebar's counts over every hit and the "did you mean" (which compares the words with the
# index's vocabulary) each cost about a search: they wait until typing stops, and the next
# keystroke cancels them. The article pane follows new results after the same pause.
EXTRAS_PAUSE_SECONDS = 0.3


class ResultsView(Protocol):
    """What the controller reads of the screen: the search bar, the result list, the article."""

    def query_typed(self) -> str:
        """The query in the search bar."""
        ...

    def story_selected(self) -> tuple[str | None, int | None]:
        """The id of the story selected in the result list (None: none) and the position of
        its cursor (None: no cursor)."""
        ...

    def story_open(self) -> str | None:
        """The id of the story in the article pane."""
        ...

    def position_of_story(self, article_id: str) -> int | None:
        """Where the story is among the results loaded."""
        ...


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """A search to run: after `delay` seconds, unless a newer one has started by then; its
    first page of `page_size` stories."""

    query: str
    sort: SortOrder
    page_size: int
    generation: int
    delay: float


@dataclass(frozen=True, slots=True)
class PageRequest:
    """A further page of the results on screen (`through_end`: every story from it on)."""

    query: str
    sort: SortOrder
    page: int
    page_size: int
    through_end: bool
    list_generation: int


@dataclass(frozen=True, slots=True)
class ResultsToShow:
    """A search's first page is to replace the list: the story to select in it (id, position),
    the story to open (by id, or at a position), and whether its query is a new one."""

    select: tuple[str, int] | None
    open_id: str | None
    open_position: int | None
    new_query: bool


@dataclass(frozen=True, slots=True)
class StoryMove:
    """Where `n` or `p` lead: the story to open now, or more stories to load first, or nowhere."""

    open_position: int | None = None
    load_more: bool = False

    @property
    def nowhere(self) -> bool:
        return self.open_position is None and not self.load_more


@dataclass(frozen=True, slots=True)
class BackMove:
    """Where Back leads: a search to run again for `place`, or (`search` None) its list is on
    screen already and only its selected and open stories come back."""

    place: HistoryEntry
    search: SearchRequest | None


class SearchController:
    def __init__(
        self,
        view: ResultsView,
        *,
        page_size: int,
        keep_place: Callable[[HistoryEntry], bool],
    ) -> None:
        """`keep_place` writes the place to reopen at the next launch, False when it can't."""
        self.view = view
        self.page_size = page_size
        self._keep_place = keep_place
        self._kept_place: HistoryEntry | None = None
        self.sort: SortOrder = "relevance"
        self.history = SearchHistory()
        # Counts the searches started: an answer, or a call that waited for the index, of an
        # earlier one is stale.
        self.generation = 0
        # The query of the search under way, if any; a story chosen meanwhile is chosen from
        # its results (the list on screen is about to be replaced).
        self.searching: str | None = None
        # The query whose results are on screen (a failed query leaves them in place).
        self.shown_query = ""
        # The query the user last settled on (Enter, a story opened from its results, a name
        # chosen): Back returns to it from the next one. The first list, of the newest
        # stories, is a place too.
        self.settled_query = ""
        # The settled query's list as it was when typing replaced it with another's.
        self._left_place: HistoryEntry | None = None
        # The story to select in the next list shown, and its position in the list it was in.
        self._pending_select: tuple[str, int] | None = None
        # A story to open once its list is shown again (Back).
        self._pending_open: str | None = None
        # A story chosen while its search ran: its position in the list coming.
        self._open_when_shown: int | None = None
        # The story last asked for: a slower answer about an earlier one is dropped.
        self.wanted_article: str | None = None
        self._story_steps = StorySteps()

    # Searches

    def search(self, query: str, *, delay: float = 0) -> SearchRequest:
        """Start a search for `query`: every earlier one is stale from now on."""
        self.searching = query
        self.generation += 1
        return SearchRequest(query, self.sort, self.page_size, self.generation, delay)

    def is_latest(self, generation: int) -> bool:
        return generation == self.generation

    def start(self, place: HistoryEntry | None) -> SearchRequest:
        """The first search: the place the user left (the next launch), else the newest stories."""
        if place is None:
            return self.search("")
        self.settled_query = place.query
        return self.go_to_place(place)

    def typed(self, query: str) -> SearchRequest | None:
        """The search bar's text changed: search after a typing pause, unless that query's
        search is under way already (its letters came after Enter had started it)."""
        if query == self.searching:
            return None
        return self.search(query, delay=TYPING_PAUSE_SECONDS)

    def submit(self, query: str) -> SearchRequest | None:
        """Enter in the search bar: settle on `query`, searching for it unless it is shown."""
        self.settle(query)
        if query == self.shown_query:
            return None
        return self.search(query)

    def go_to_query(self, query: str) -> SearchRequest:
        """Search for `query` now (a name chosen, a suggestion), Back returning to the list left."""
        self.settle(self.shown_query)  # the list a name was chosen from is a place too
        self.settle(query)
        return self.search(query)

    def toggle_sort(self) -> SearchRequest:
        """The other order, for the query in the search bar."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        request = self.search(self.view.query_typed())
        self._keep(self.place_here())
        return request

    def index_changed(self) -> SearchRequest | None:
        """The index has new stories: the query typed again, the same story selected, unless
        the reader has moved past the first page (they come with the next search)."""
        selected_id, position = self.view.story_selected()
        if position is not None and position >= self.page_size:
            return None
        self._pending_select = None if selected_id is None else (selected_id, position or 0)
        return self.search(self.view.query_typed())

    def search_finished(self, query: str, generation: int) -> ResultsToShow | None:
        """The first page of `query` came: what to do with it; None when it is stale."""
        if not self.is_latest(generation):
            return None
        self.searching = None
        replaced_query = self.shown_query
        if replaced_query == self.settled_query != query:
            self._left_place = self.place_here()
        self.shown_query = query
        self._story_steps.forget()
        select, self._pending_select = self._pending_select, None
        open_id, self._pending_open = self._pending_open, None
        open_position, self._open_when_shown = self._open_when_shown, None
        return ResultsToShow(select, open_id, open_position, query != replaced_query)

    def search_failed(self, generation: int) -> bool:
        """The query could not be run: True when the user is to hear of it (it is the latest)."""
        if not self.is_latest(generation):
            return False
        self.searching = None
        self._pending_select = None
        self._pending_open = None
        self._open_when_shown = None
        return True

    def is_shown(self, query: str) -> bool:
        """Whether an answer about `query` (counts, a suggestion) is about the list on screen."""
        return query == self.shown_query

    # Paging

    def more_wanted(
        self, query: str, sort: SortOrder, page: int, list_generation: int, through_end: bool
    ) -> PageRequest:
        """The result list wants its next page, in the pages its first one came in (a page
        for a list replaced meanwhile is dropped by the list, which knows its generation)."""
        return PageRequest(query, sort, page, self.page_size, through_end, list_generation)

    # Stories

    def want_article(self, article_id: str | None) -> None:
        """The article pane is to show `article_id` (None: no story)."""
        self.wanted_article = article_id

    def is_wanted(self, article_id: str) -> bool:
        return article_id == self.wanted_article

    def choose_story(self, position: int | None) -> bool:
        """A story was chosen from the list: settle on its search. True: open it now; False: a
        search is under way, and the story at its position in the new list opens when shown."""
        searching = self.searching
        self.settle(searching if searching is not None else self.shown_query)
        if searching is not None and searching != self.shown_query:
            self._open_when_shown = position or 0
            return False
        return True

    def step_story(self, step: int, *, loaded: int, total: int) -> StoryMove:
        """`n` (1) or `p` (-1): from the story last asked for, so keys pressed before it loads
        each move one story on; past the stories loaded, more are loaded first."""
        open_id = self.wanted_article or self.view.story_open()
        current = self.view.position_of_story(open_id) if open_id else None
        if current is None:
            current = self.view.story_selected()[1]
        target = self._story_steps.step(current, step, loaded=loaded, total=total)
        if target is None:
            return StoryMove()
        if self._story_steps.waiting_for is None:
            return StoryMove(open_position=target)
        return StoryMove(load_more=True)

    def more_loaded(self, loaded: int) -> StoryMove:
        """More stories came: the story `n` or `p` waited for, once among them; or more still."""
        target = self._story_steps.arrived(loaded)
        if target is not None:
            return StoryMove(open_position=target)
        return StoryMove(load_more=self._story_steps.waiting_for is not None)

    def stop_waiting(self) -> None:
        """The list ends before the story `n` or `p` waited for (the index changed)."""
        self._story_steps.forget()

    # History and the place kept

    def settle(self, query: str) -> None:
        """The user settled on `query`: the place settled on before goes into the history."""
        if query == self.settled_query:
            return
        self.history.push(self._settled_place())
        self.settled_query = query
        self._left_place = None
        shown = query == self.shown_query
        self._keep(self.place_here() if shown else HistoryEntry(query, self.sort))

    def remember_here(self) -> None:
        """Back is to come back to this list and story (a related story is opened)."""
        self.history.push(self.place_here())

    def can_go_back(self) -> bool:
        return len(self.history) > 0 or self._typed_away()

    def back(self) -> BackMove | None:
        """Back: from a search typed but not settled on, to the one that was; else to the
        place settled on before. None when there is nowhere to go."""
        if self._typed_away():
            self._left_place, left = None, self._settled_place()
            return BackMove(left, self.go_to_place(left))
        entry = self.history.pop()
        if entry is None:
            return None
        self.settled_query = entry.query
        self._left_place = None
        self._keep(entry)
        if (entry.query, entry.sort) == (self.shown_query, self.sort):
            return BackMove(entry, None)  # back from a related story: its list is on screen
        return BackMove(entry, self.go_to_place(entry))

    def go_to_place(self, place: HistoryEntry) -> SearchRequest:
        """Search again for the place's query, in its order, selecting and opening its stories."""
        self._pending_select = (
            None if place.selected_id is None else (place.selected_id, place.selected_position)
        )
        self._pending_open = place.open_id
        self.sort = place.sort
        return self.search(place.query)

    def place_here(self) -> HistoryEntry:
        selected_id, position = self.view.story_selected()
        return HistoryEntry(
            self.shown_query,
            self.sort,
            selected_id,
            self.view.story_open(),
            position if selected_id is not None and position is not None else 0,
        )

    def story_shown(self) -> None:
        """A story was opened: the place kept for the next launch follows it."""
        self._keep(self.place_here())

    def _settled_place(self) -> HistoryEntry:
        """The place last settled on: as it is, or as it was when typing replaced its list."""
        if self.shown_query == self.settled_query:
            return self.place_here()
        return self._left_place or HistoryEntry(self.settled_query, self.sort)

    def _typed_away(self) -> bool:
        """The search bar holds a query not settled on: Back first returns to the one that was."""
        return self.view.query_typed() != self.settled_query

    def _keep(self, place: HistoryEntry) -> None:
        if place != self._kept_place and self._keep_place(place):
            self._kept_place = place
