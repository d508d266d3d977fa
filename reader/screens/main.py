"""The main screen: search bar, result list, article pane and entity sidebar."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header
from textual.worker import Worker, WorkerState, get_current_worker

from index.api import ArticleNotFound, QueryError, SortOrder, StoredArticle, entity_query
from reader.data.history import HistoryEntry, SearchHistory
from reader.data.indexing import bring_index_up_to_date, problem_files_notice
from reader.data.last_place import PlaceFileError, load_place, save_place
from reader.data.session import ArchiveSession
from reader.data.sources import source_query
from reader.explore.around import stories_around
from reader.explore.entities import Entity
from reader.explore.timeline import narrowed_query, timeline_of, widened_query
from reader.explore_messages import AroundLoaded, TimelineFinished
from reader.feed_messages import FeedFetchProgressed, FeedsFetched, SourcesCounted
from reader.messages import (
    ArticleFailed,
    ArticleLoaded,
    ArticlesCounted,
    CorrectionsChanged,
    CorrectionsListed,
    FacetsFinished,
    IndexingFailed,
    IndexingFinished,
    IndexingProgressed,
    IndexingStarted,
    MarksChanged,
    MergeNamesFound,
    MoreResultsLoaded,
    RelatedLoaded,
    ResultsToMarkRead,
    SavedSearchesCounted,
    SearchFailed,
    SearchFinished,
    SuggestionFound,
    TagsWanted,
    UnreadCounted,
)
from reader.rendering import MUTED, styled
from reader.screens.entity_corrections import CorrectionActions
from reader.screens.feed_actions import FEED_BINDINGS, FeedActions
from reader.screens.library_actions import LibraryActions
from reader.screens.search_controller import (
    EXTRAS_PAUSE_SECONDS,
    BackMove,
    PageRequest,
    SearchController,
    SearchRequest,
    StoryMove,
)
from reader.textual_fixes import FooterKeepingNoOldKeys
from reader.widgets.article_view import ArticleView
from reader.widgets.entity_sidebar import EntitySidebar
from reader.widgets.result_list import ResultList
from reader.widgets.search_bar import SearchBar
from reader.widgets.timeline import TimelineView

if TYPE_CHECKING:
    from reader.app import NewsReaderApp

FACETS_PER_KIND = 10
RELATED_STORIES = 10


class MainScreen(Screen[None]):
    app: NewsReaderApp  # the app this screen runs in (typed, for its settings)

    # Three panes from 120 columns; below that the sidebar folds away behind `e`;
    # below 80 the result list and the article are stacked.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-medium"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    STORY_KEYS = Binding.Group("Story", compact=True)
    # The user's library: shown in the help, not the footer (it has no room).
    LIBRARY_BINDINGS = [
        Binding("m", "toggle_read", "Read / unread", show=False, id="toggle_read"),
        Binding("u", "next_unread", "Next unread story", show=False, id="next_unread"),
        Binding("asterisk", "toggle_star", "Star / unstar", show=False, id="toggle_star"),
        Binding(
            "t",
            "edit_tags",
            "Tags",
            show=False,
            id="edit_tags",
            tooltip="Tags of the story: +tag adds, -tag removes, a plain word adds or removes it",
        ),
        Binding("N", "edit_note", "Note on the story", show=False, id="edit_note"),
        Binding("ctrl+s", "save_search", "Save this search", show=False, id="save_search"),
        Binding("S", "saved_searches", "Saved searches", show=False, id="saved_searches"),
        Binding(
            "E", "entity_corrections", "Entity corrections", show=False, id="entity_corrections"
        ),
    ]
    MENTION_KEYS = Binding.Group("Mention", compact=True)
    # Enter and Escape in the search bar are priority bindings: they move the focus before the
    # next key is read, so keys typed ahead (Enter, Enter) land where the user expects.
    SEARCH_BAR_BINDINGS = [
        Binding("enter", "submit_search", "Results", show=False, priority=True, id="submit_search"),
        Binding("escape", "leave_search", "Leave search", priority=True, id="leave_search"),
    ]
    BINDINGS = [
        *SEARCH_BAR_BINDINGS,
        # First, so the footer shows it even when too narrow for the last keys.
        Binding("question_mark,f1", "app.help", "Help", id="help"),
        # Priority too, so the keys typed right after it go into the search bar.
        Binding("slash", "focus_search", "Search", priority=True, id="focus_search"),
        Binding("n", "next_story", "Next story", id="next_story", group=STORY_KEYS),
        Binding("p", "previous_story", "Previous story", id="previous_story", group=STORY_KEYS),
        Binding("e", "focus_entities", "Names", id="focus_entities"),
        Binding(
            "left_square_bracket",
            "previous_mention",
            "Previous mention",
            id="previous_mention",
            group=MENTION_KEYS,
        ),
        Binding(
            "right_square_bracket",
            "next_mention",
            "Next mention",
            id="next_mention",
            group=MENTION_KEYS,
        ),
        Binding("backspace,alt+left", "back", "Back", id="back"),
        Binding("s", "toggle_sort", "Sort", id="toggle_sort"),
        Binding("r", "related", "Related", id="related"),
        Binding("ctrl+y", "accept_suggestion", "Did you mean", id="accept_suggestion"),
        Binding("d", "focus_timeline", "Timeline", id="focus_timeline"),
        Binding(
            "w", "widen_search", "Widen", id="widen_search", tooltip="Undo a timeline narrowing"
        ),
        Binding(
            "i",
            "open_entity_page",
            "Name's page",
            id="open_entity_page",
            tooltip="The page of the name selected in the sidebar",
        ),
        Binding("a", "around_story", "Around", id="around_story", tooltip="Around this story"),
        *LIBRARY_BINDINGS,
        *FEED_BINDINGS,
    ]

    def __init__(
        self,
        session: ArchiveSession,
        *,
        page_size: int = 100,
        check_archive: bool = False,
        place_file: Path | None = None,
        reopen: bool = False,
    ) -> None:
        """With `check_archive`, the archive is checked for changed files once the first
        stories are shown, and the index brought up to date behind them. Where the user is
        (query, sort, story) is kept in `place_file`; with `reopen` the screen opens there."""
        super().__init__()
        self.session = session
        self._check_archive = check_archive
        self._place_file = place_file
        self._reopen = reopen
        self.search_state = SearchController(self, page_size=page_size, keep_place=self._save_place)
        # The article pane follows new results once typing stops (`_follow_new_results`).
        self._follow_timer: Timer | None = None
        self._no_story_shown = False
        # What `update_footer` last showed the keys for.
        self._footer_keys_shown: tuple[bool, ...] = ()
        # The update behind the stories (`check_archive`) holds the index's write lock while it
        # runs: a re-index asked for meanwhile runs when it has finished.
        self._updating = False
        self._reindex_wanted = False
        self.library_actions = LibraryActions(self)
        self.feed_actions = FeedActions(self)
        self.correction_actions = CorrectionActions(self)
        # The header's counts: the archive's articles, the current results' unread stories.
        self._article_count: int | None = None

    @property
    def sort(self) -> SortOrder:
        return self.search_state.sort

    @property
    def shown_query(self) -> str:
        """The query whose results are on screen (a failed query leaves them in place)."""
        return self.search_state.shown_query

    @property
    def history(self) -> SearchHistory:
        return self.search_state.history

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield SearchBar(id="search-bar")
        with Horizontal(id="panes"):
            yield ResultList(id="results")
            yield ArticleView(id="article")
            yield EntitySidebar(id="sidebar")
        yield TimelineView(id="timeline")
        yield FooterKeepingNoOldKeys()

    def on_mount(self) -> None:
        self.results.border_title = "Stories"
        self.article_view.border_title = "Article"
        self.sidebar.border_title = "Names"
        self.title = "newsreader"
        self.results.with_marks = self.library_actions.available
        self.count_articles(refresh=False)
        self.search_bar.input.focus()
        self._open_last_place()
        self.feed_actions.start()

    def _open_last_place(self) -> None:
        """Open where the user left this archive (`reopen`), else on the newest stories."""
        place = None
        if self._reopen and self._place_file is not None:
            try:
                place = load_place(self._place_file)
            except PlaceFileError as error:
                self.notify(
                    f"{error}. The reader starts on the newest stories.",
                    title="Last place not restored",
                    severity="warning",
                    markup=False,
                )
        if place is not None:
            self.search_bar.set_query(place.query)
        self._run(self.search_state.start(place))

    def _save_place(self, place: HistoryEntry) -> bool:
        """Keep `place` for the next launch; False when there is nowhere to keep it."""
        if self._place_file is None:
            return False
        try:
            save_place(place, self._place_file)
        except OSError as error:
            self._place_file = None  # said once
            self.notify(
                f"Can't keep where you are for the next launch: {error}",
                severity="warning",
                markup=False,
            )
            return False
        return True

    # The controller's view of the widgets (`ResultsView`)

    def query_typed(self) -> str:
        return self.search_bar.query_text

    def story_selected(self) -> tuple[str | None, int | None]:
        hit = self.results.highlighted_hit
        return (None if hit is None else hit.id), self.results.highlighted

    def story_open(self) -> str | None:
        return self.article_view.article_id

    def position_of_story(self, article_id: str) -> int | None:
        return self.results.index_of(article_id)

    # Widgets

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def results(self) -> ResultList:
        return self.query_one(ResultList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> EntitySidebar:
        return self.query_one(EntitySidebar)

    @property
    def timeline_view(self) -> TimelineView:
        return self.query_one(TimelineView)

    # Workers: they only call the index and post messages.

    def _run(self, request: SearchRequest | None) -> None:
        """Run the search the controller asked for; the extras of the one before are stale."""
        if request is None:
            return
        self.workers.cancel_group(self, "extras")
        self.run_search(request)

    @work(exclusive=True, exit_on_error=False, group="search")
    async def run_search(self, request: SearchRequest) -> None:
        await asyncio.sleep(request.delay)  # the next keystroke cancels the search here
        generation = request.generation
        try:
            page = await asyncio.to_thread(
                self.session.search_if_wanted,
                request.query,
                page_size=request.page_size,
                sort=request.sort,
                still_wanted=lambda: self.search_state.is_latest(generation),
            )
        except QueryError as error:
            self.post_message(SearchFailed(request.query, str(error), generation))
            return
        if page is not None:
            marks = await asyncio.to_thread(self.session.marks_of, [hit.id for hit in page.hits])
            self.post_message(SearchFinished(page, generation, marks))

    @work(exclusive=True, exit_on_error=False, group="extras")
    async def run_extras(self, query: str, total: int, generation: int) -> None:
        """The suggestion (when few stories match), then the sidebar's counts."""
        await asyncio.sleep(EXTRAS_PAUSE_SECONDS)  # the next keystroke cancels them here

        def still_wanted() -> bool:
            return self.search_state.is_latest(generation)

        suggestion = await asyncio.to_thread(
            self.session.suggestion_if_wanted, query, total, still_wanted=still_wanted
        )
        if suggestion is not None:
            self.post_message(SuggestionFound(query, suggestion))
        facets = await asyncio.to_thread(
            self.session.facets_if_wanted, query, top=FACETS_PER_KIND, still_wanted=still_wanted
        )
        if facets is not None:
            self.post_message(FacetsFinished(query, facets))
        await asyncio.to_thread(self.feed_actions.count_sources, query, still_wanted)

    @work(exclusive=True, exit_on_error=False, group="timeline")
    async def run_timeline(self, query: str, total: int, generation: int) -> None:
        """The timeline of every hit, once typing stops; the next search's cancels it."""
        await asyncio.sleep(EXTRAS_PAUSE_SECONDS)
        timeline = await asyncio.to_thread(
            self.session.explore_if_wanted,
            lambda index: timeline_of(index, query, total=total),
            still_wanted=lambda: self.search_state.is_latest(generation),
        )
        if timeline is not None:
            self.post_message(TimelineFinished(timeline))

    @work(thread=True, exclusive=True, exit_on_error=False, group="around")
    def load_around(self, stored: StoredArticle) -> None:
        names = self.session.name_counts()
        days = self.app.settings.around_days
        stories = self.session.explore_if_wanted(
            lambda index: stories_around(index, stored, names, days=days)
        )
        if stories is not None:
            self.post_message(AroundLoaded(stored.article.id, stored.article.title, stories, days))

    @work(thread=True, exclusive=True, exit_on_error=False, group="count")
    def count_articles(self, *, refresh: bool) -> None:
        """The article count for the title, after picking up what was indexed (`refresh`)."""
        if refresh:
            self.session.refresh()
        self.post_message(ArticlesCounted(self.session.doc_count))

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def check_archive(self) -> None:
        """Index the files changed since the index was built; the stories stay usable."""
        worker = get_current_worker()
        bring_index_up_to_date(
            self.session.archive,
            self.session.index_dir,
            self.app.extractor,
            self.post_message,
            should_stop=lambda: worker.is_cancelled,
            engine=self.app.engine,
            corrections=self.session.corrections(),
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="more")
    def load_more(self, request: PageRequest) -> None:
        try:
            result = self.session.search(
                request.query,
                page=request.page,
                page_size=request.page_size,
                sort=request.sort,
                through_end=request.through_end,
            )
        except QueryError:
            return
        marks = self.session.marks_of(hit.id for hit in result.hits)
        self.post_message(MoreResultsLoaded(result, request.list_generation, marks))

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def load_article(self, article_id: str, query: str) -> None:
        try:
            stored = self.session.article(article_id)
        except ArticleNotFound as error:
            self.post_message(ArticleFailed(article_id, str(error)))
            return
        title_hits, body_hits = self.term_spans(stored, query)
        mark = self.session.marks_of([article_id]).get(article_id)
        self.post_message(ArticleLoaded(stored, query, title_hits, body_hits, mark=mark))

    @work(thread=True, exclusive=True, exit_on_error=False, group="highlight")
    def highlight_article(self, stored: StoredArticle, query: str) -> None:
        """Mark the terms of a new query in the story already open."""
        title_hits, body_hits = self.term_spans(stored, query)
        self.post_message(ArticleLoaded(stored, query, title_hits, body_hits, keep_position=True))

    def term_spans(
        self, stored: StoredArticle, query: str
    ) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
        try:
            return (
                self.session.term_spans(query, stored.article.title),
                self.session.term_spans(query, stored.article.body),
            )
        except QueryError:
            return (), ()

    @work(thread=True, exclusive=True, exit_on_error=False, group="related")
    def load_related(self, article_id: str, title: str) -> None:
        try:
            hits = self.session.related(article_id, limit=RELATED_STORIES)
        except ArticleNotFound as error:
            self.post_message(ArticleFailed(article_id, str(error)))
            return
        self.post_message(RelatedLoaded(article_id, title, hits))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            if event.worker.group == "index":  # the update behind the stories: its status goes
                self.post_message(IndexingFailed(f"{type(error).__name__}: {error}"))
                return
            self.notify(
                f"{type(error).__name__}: {error}", title="Something went wrong", severity="error"
            )

    # Results of the workers

    @on(SearchFinished)
    def _search_finished(self, message: SearchFinished) -> None:
        page = message.page
        shown = self.search_state.search_finished(page.query, message.generation)
        if shown is None:
            return  # a newer search has started
        self.run_extras(page.query, page.total, message.generation)
        self.run_timeline(page.query, page.total, message.generation)
        self.library_actions.count_unread(page.query, after_typing=True)
        if self._check_archive:
            self._check_archive = False  # once, after the first stories are on screen
            self.update_index_behind()
        if shown.select is None:
            self.results.show_page(page, marks=message.marks)
        else:
            self.results.show_page(
                page,
                select_id=shown.select[0],
                select_position=shown.select[1],
                marks=message.marks,
            )
        self.search_bar.show_page(page)
        open_stored = self.article_view.stored
        if shown.open_id is not None:
            self.open_story(shown.open_id)
        elif shown.open_position is not None and shown.open_position < len(self.results.hits):
            self.results.highlighted = shown.open_position
            self.open_story(self.results.hits[shown.open_position].id)
        elif shown.new_query and (open_stored is not None or self._no_story_shown):
            if self._follow_timer is not None:
                self._follow_timer.stop()
            self._follow_timer = self.set_timer(EXTRAS_PAUSE_SECONDS, self._follow_new_results)
        if self.article_view.stored is not None:
            self.highlight_article(self.article_view.stored, page.query)

    def _follow_new_results(self) -> None:
        """Once typing stops, the article pane shows a story of the results on screen: the one
        open if it is among them, else the first, else a line saying there is none."""
        open_id = self.article_view.article_id
        if open_id is not None and self.results.index_of(open_id) is not None:
            return
        if self.results.hits:
            self.open_story(self.results.hits[0].id)
            return
        self.search_state.want_article(None)
        self._no_story_shown = True
        self.article_view.show_message(styled(f"No story matches “{self.shown_query}”.", MUTED))
        self.sidebar.show_story(())
        self.update_footer()

    @on(SearchFailed)
    def _search_failed(self, message: SearchFailed) -> None:
        if self.search_state.search_failed(message.generation):
            self.search_bar.show_error(message.message)

    @on(FacetsFinished)
    def _facets_finished(self, message: FacetsFinished) -> None:
        if message.query == "":  # the whole archive's names: examples for the search bar
            people, places = message.facets.get("person"), message.facets.get("place")
            self.search_bar.show_examples(
                people[0].name if people else None, places[0].name if places else None
            )
        if self.search_state.is_shown(message.query):
            self.sidebar.show_facets(message.facets, self.results.total)

    @on(TimelineFinished)
    def _timeline_finished(self, message: TimelineFinished) -> None:
        if self.search_state.is_shown(message.timeline.query):
            self.timeline_view.show_timeline(message.timeline)
            self.update_footer()  # `w` widens a narrowed search

    @on(AroundLoaded)
    def _around_loaded(self, message: AroundLoaded) -> None:
        from reader.screens.around import around_screen

        self.app.push_screen(
            around_screen(message.title, message.stories, message.days), self._open_story_chosen
        )

    @on(SuggestionFound)
    def _suggestion_found(self, message: SuggestionFound) -> None:
        if self.search_state.is_shown(message.query):
            self.search_bar.show_suggestion(message.suggestion)

    @on(ArticlesCounted)
    def _articles_counted(self, message: ArticlesCounted) -> None:
        self._article_count = message.count
        self._show_counts()

    @on(UnreadCounted)
    def _unread_counted(self, message: UnreadCounted) -> None:
        if self.library_actions.unread_counted(message):
            self._show_counts()

    def _show_counts(self) -> None:
        """The header: the archive, its articles, and the current results' unread stories."""
        parts = [self.session.name]
        if self._article_count is not None:
            noun = "article" if self._article_count == 1 else "articles"
            parts.append(f"{self._article_count:,} {noun}")
        if self.library_actions.unread is not None:  # of the results on screen
            parts.append(f"{self.library_actions.unread:,} of {self.results.total:,} unread")
        self.sub_title = " · ".join(parts)

    @on(IndexingStarted)
    def _indexing_started(self, message: IndexingStarted) -> None:
        files = "file" if message.pending == 1 else "files"
        self.search_bar.show_index_status(f"Indexing {message.pending:,} changed {files}…")

    @on(IndexingProgressed)
    def _indexing_progressed(self, message: IndexingProgressed) -> None:
        update = message.progress
        self.search_bar.show_index_status(f"Indexing {update.done:,} / {update.total:,} files…")

    @on(IndexingFinished)
    def _indexing_finished(self, message: IndexingFinished) -> None:
        self._update_ended()
        report = message.report
        if report is not None:
            self.index_changed()
            # Problems reported by an earlier run are not news: `newsreader index` lists them.
            if report.has_new_problems and (notice := problem_files_notice(report)):
                title, text = notice
                self.notify(text, title=title, severity="warning", markup=False)
        self.correction_actions.update_ended(report)
        self._reindex_if_wanted()

    @on(IndexingFailed)
    def _indexing_failed(self, message: IndexingFailed) -> None:
        self._update_ended()
        self.notify(message.message, title="Indexing failed", severity="warning")
        self.correction_actions.update_ended(None)
        self._reindex_if_wanted()

    def _update_ended(self) -> None:
        self._updating = False
        self.search_bar.show_index_status(None)
        self.feed_actions.update_ended()

    @property
    def updating(self) -> bool:
        """Whether the index is being updated behind the stories."""
        return self._updating

    def update_index_behind(self) -> None:
        """Index what changed in the archive; the new stories join the list when it is done."""
        self._updating = True
        self.check_archive()

    @on(FeedFetchProgressed)
    def _feed_fetch_progressed(self, message: FeedFetchProgressed) -> None:
        self.feed_actions.progressed(message)

    @on(FeedsFetched)
    def _feeds_fetched(self, message: FeedsFetched) -> None:
        self.feed_actions.fetched(message)

    @on(SourcesCounted)
    def _sources_counted(self, message: SourcesCounted) -> None:
        if self.search_state.is_shown(message.query):
            self.sidebar.show_sources(message.sources)

    @on(EntitySidebar.SourceChosen)
    def _source_chosen(self, message: EntitySidebar.SourceChosen) -> None:
        self.go_to_query(source_query(message.source))
        self.results.focus()

    def _reindex_if_wanted(self) -> None:
        if self._reindex_wanted:
            self._reindex_wanted = False
            self.action_reindex()

    @on(MoreResultsLoaded)
    def _more_loaded(self, message: MoreResultsLoaded) -> None:
        results = self.results
        results.append_page(message.page, message.generation, message.marks)
        self._take_story_move(self.search_state.more_loaded(len(results.hits)))
        self.library_actions.more_loaded()

    @on(ArticleLoaded)
    def _article_loaded(self, message: ArticleLoaded) -> None:
        if not self.search_state.is_wanted(message.stored.article.id):
            return  # a story the reader has already moved on from
        view = self.article_view
        same_story = view.article_id == message.stored.article.id
        if not (message.keep_position and same_story):
            view.show_mark(message.mark)  # first: the story's text is then laid out once
        view.show_article(
            message.stored,
            message.title_hits,
            message.body_hits,
            keep_position=message.keep_position,
        )
        if not (message.keep_position and same_story) or message.names_changed:
            self.sidebar.show_story(message.stored.mentions)
            self.timeline_view.mark_story(message.stored.article.date)
            self.search_state.story_shown()
            self.library_actions.story_opened(message.stored, message.mark)
        self.update_footer()

    @on(ArticleFailed)
    def _article_failed(self, message: ArticleFailed) -> None:
        self.notify(message.message, title="Can't open the story", severity="warning")

    @on(RelatedLoaded)
    def _related_loaded(self, message: RelatedLoaded) -> None:
        from reader.screens.related import RelatedScreen

        self.app.push_screen(RelatedScreen(message.title, message.hits), self._open_story_chosen)

    def _open_story_chosen(self, article_id: str | None) -> None:
        """A story chosen in a dialog (related, around this story); Back comes back to the
        story open before."""
        if article_id is not None:
            self.search_state.remember_here()
            self.open_story(article_id)
            self.update_footer()

    @on(MarksChanged)
    def _marks_changed(self, message: MarksChanged) -> None:
        self.library_actions.marks_changed(message)

    @on(TagsWanted)
    def _tags_wanted(self, message: TagsWanted) -> None:
        self.library_actions.tags_wanted(message)

    @on(SavedSearchesCounted)
    def _saved_searches_counted(self, message: SavedSearchesCounted) -> None:
        self.library_actions.saved_searches_counted(message)

    @on(ResultsToMarkRead)
    def _results_to_mark_read(self, message: ResultsToMarkRead) -> None:
        self.library_actions.results_to_mark_read(message)

    # Messages from the widgets

    @on(SearchBar.QueryChanged)
    def _query_changed(self, message: SearchBar.QueryChanged) -> None:
        self._run(self.search_state.typed(message.query))
        self.update_footer()  # Back now returns to the search settled on

    @on(SearchBar.SuggestionAccepted)
    def _suggestion_accepted(self, message: SearchBar.SuggestionAccepted) -> None:
        self.go_to_query(message.suggestion)

    @on(ResultList.StoryChosen)
    def _story_chosen(self, message: ResultList.StoryChosen) -> None:
        if self.search_state.choose_story(self.results.highlighted):
            self.open_story(message.hit.id)
        self.update_footer()
        self.article_view.focus()

    @on(ResultList.MoreWanted)
    def _more_wanted(self, message: ResultList.MoreWanted) -> None:
        self.load_more(
            self.search_state.more_wanted(
                message.query, message.sort, message.page, message.generation, message.through_end
            )
        )

    @on(TimelineView.BucketChosen)
    def _bucket_chosen(self, message: TimelineView.BucketChosen) -> None:
        self.go_to_query(narrowed_query(self.shown_query, message.bucket))

    @on(TimelineView.Left)
    def _timeline_left(self) -> None:
        self.results.focus()

    @on(ArticleView.Left)
    def _article_left(self) -> None:
        self.results.focus()

    @on(EntitySidebar.EntityHighlighted)
    def _entity_highlighted(self, message: EntitySidebar.EntityHighlighted) -> None:
        self.article_view.select_entity(message.entity)
        self.update_footer()

    @on(EntitySidebar.EntityChosen)
    def _entity_chosen(self, message: EntitySidebar.EntityChosen) -> None:
        self.go_to_query(entity_query(message.entity.kind, message.entity.name))
        self.results.focus()

    @on(EntitySidebar.CorrectionWanted)
    def _correction_wanted(self, message: EntitySidebar.CorrectionWanted) -> None:
        self.correction_actions.correct(message.entity)

    @on(CorrectionsChanged)
    def _corrections_changed(self, message: CorrectionsChanged) -> None:
        self.correction_actions.changed(message)

    @on(CorrectionsListed)
    def _corrections_listed(self, message: CorrectionsListed) -> None:
        self.correction_actions.corrections_listed(message)

    @on(MergeNamesFound)
    def _merge_names_found(self, message: MergeNamesFound) -> None:
        self.correction_actions.merge_names_found(message)

    @on(EntitySidebar.Left)
    def _sidebar_left(self) -> None:
        if self.article_view.article_id is not None:
            self.article_view.focus()
        else:
            self.results.focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # A sidebar unfolded over a narrow layout folds again once focus leaves it.
        if self.has_class("-show-sidebar") and self.sidebar not in event.widget.ancestors_with_self:
            self.remove_class("-show-sidebar")

    # Navigation

    def open_story(self, article_id: str) -> None:
        self._no_story_shown = False
        self.search_state.want_article(article_id)
        self.load_article(article_id, self.shown_query)

    def go_to_query(self, query: str) -> None:
        """Search for `query` now, remembering where we were so Back returns here."""
        request = self.search_state.go_to_query(query)
        self.search_bar.set_query(query)
        self._run(request)
        self.update_footer()

    def _go_back_to(self, move: BackMove) -> None:
        place = move.place
        if move.search is not None:
            self.search_bar.set_query(place.query)
            self._run(move.search)
            return
        index = self.results.index_of(place.selected_id) if place.selected_id else None
        if index is not None:
            self.results.highlighted = index
        if place.open_id:
            self.open_story(place.open_id)

    def _move_story(self, step: int) -> None:
        results = self.results
        if not results.hits:
            return
        move = self.search_state.step_story(step, loaded=len(results.hits), total=results.total)
        if move.nowhere:
            self.notify("No more stories this way.", timeout=2)
        self._take_story_move(move)

    def _take_story_move(self, move: StoryMove) -> None:
        if move.open_position is not None:
            self.open_at(move.open_position)
        elif move.load_more and not self.results.load_more():
            self.search_state.stop_waiting()  # the list ends before it (the index changed)

    def open_at(self, index: int) -> None:
        """Open the story at `index` of the results, settling on their search (`n`, `p`, `u`)."""
        self.results.highlighted = index
        self.search_state.settle(self.shown_query)
        self.open_story(self.results.hits[index].id)
        self.update_footer()

    # Actions

    def update_footer(self) -> None:
        """Show or hide the keys that depend on the screen's state (see `check_action`).

        Only when one of them changes: the footer re-creates its keys on every refresh, and
        restyling them drops the rendered lines of the lists and the article (tens of ms).
        """
        shown = (
            self.article_view.article_id is not None,
            self.article_view.mention_count > 0,
            self.search_bar.suggestion is not None,
            self.search_state.can_go_back(),
            widened_query(self.shown_query) is not None,
        )
        if shown != self._footer_keys_shown:
            self._footer_keys_shown = shown
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that can't do anything now are left out of the footer.
        if action in {"submit_search", "leave_search"}:
            return self.focused is self.search_bar.input
        if action == "focus_search":
            # In the search bar `/` is the bar's (`QueryInput`): typed, or in an empty bar let go.
            return self.focused is not self.search_bar.input
        if action in {"related", "next_mention", "previous_mention", "around_story"}:
            return self.article_view.article_id is not None
        if action == "accept_suggestion":
            return self.search_bar.suggestion is not None
        if action == "back":
            return self.search_state.can_go_back()
        if action == "widen_search":
            return widened_query(self.shown_query) is not None
        return True

    def action_focus_search(self) -> None:
        self.set_focus(self.search_bar.input)  # now, not after the keys already typed

    def action_submit_search(self) -> None:
        self.set_focus(self.results)  # now, not after the keys already typed
        # Enter is a priority binding, handled before the search bar has taken the keys typed
        # just before it (`/budget⏎` in one burst): the query is read once it has.
        self.search_bar.input.call_later(self._submit_typed_query)

    def _submit_typed_query(self) -> None:
        self._run(self.search_state.submit(self.search_bar.query_text))
        self.update_footer()

    def action_leave_search(self) -> None:
        self.set_focus(self.results)

    def action_next_story(self) -> None:
        self._move_story(1)

    def action_previous_story(self) -> None:
        self._move_story(-1)

    def action_focus_entities(self) -> None:
        if not self.has_class("-wide"):
            self.add_class("-show-sidebar")
        self.sidebar.focus_list()

    def action_next_mention(self) -> None:
        self._jump_mention(1)

    def action_previous_mention(self) -> None:
        self._jump_mention(-1)

    def _jump_mention(self, step: int) -> None:
        """To the next or previous mention of the selected name; with none selected, the
        story's first name is selected (or a line says the story names nobody)."""
        if self.article_view.mention_count == 0:
            first = self.sidebar.highlight_first_story_entity()
            if first is None:
                self.notify("This story names no people, places or organisations.", timeout=3)
                return
            self.article_view.select_entity(first)
        self.article_view.jump_mention(step)
        self.update_footer()

    def action_open_entity_page(self) -> None:
        chosen = self.sidebar.highlighted_entity
        if chosen is None:
            self.notify("Select a name in the sidebar first (e).", timeout=3)
            return
        self.open_entity_page(Entity(chosen.kind, chosen.name))

    def open_entity_page(self, entity: Entity) -> None:
        from reader.screens.entity_page import EntityPageScreen, ExploreResult

        def explored(result: ExploreResult | None) -> None:
            if result is not None:
                self.go_to_query(result.query)
                if result.open_id is not None:
                    self.open_story(result.open_id)
                self.results.focus()

        self.app.push_screen(EntityPageScreen(self.session, entity), explored)

    def action_around_story(self) -> None:
        stored = self.article_view.stored
        if stored is not None:
            self.load_around(stored)

    def action_focus_timeline(self) -> None:
        self.timeline_view.focus()

    def action_widen_search(self) -> None:
        widened = widened_query(self.shown_query)
        if widened is not None:
            self.go_to_query(widened)

    def action_back(self) -> None:
        move = self.search_state.back()
        if move is not None:
            self._go_back_to(move)
            self.update_footer()

    def action_toggle_sort(self) -> None:
        self._run(self.search_state.toggle_sort())

    def action_related(self) -> None:
        stored = self.article_view.stored
        if stored is not None:
            self.load_related(stored.article.id, stored.article.title)

    def action_accept_suggestion(self) -> None:
        if self.search_bar.suggestion is not None:
            self.go_to_query(self.search_bar.suggestion)

    # The library's keys (reader/screens/library_actions.py)

    def action_toggle_read(self) -> None:
        self.library_actions.toggle_read()

    def action_next_unread(self) -> None:
        self.library_actions.next_unread()

    def action_toggle_star(self) -> None:
        self.library_actions.toggle_star()

    def action_edit_tags(self) -> None:
        self.library_actions.edit_tags()

    def action_edit_note(self) -> None:
        self.library_actions.edit_note()

    def action_save_search(self) -> None:
        self.library_actions.save_search()

    def action_saved_searches(self) -> None:
        self.library_actions.list_saved_searches()

    def action_fetch_feeds(self) -> None:
        self.feed_actions.fetch()

    def action_open_link(self) -> None:
        self.feed_actions.open_link()

    def action_copy_link(self) -> None:
        self.feed_actions.copy_link()

    def action_entity_corrections(self) -> None:
        self.correction_actions.list_corrections()

    def action_reindex(self) -> None:
        from reader.screens.indexing import IndexingScreen

        if self._updating:
            self._reindex_wanted = True
            self.notify(
                "An update is already running in this window; "
                "the archive is indexed again when it has finished.",
                title="Re-index",
            )
            return
        self.app.push_screen(
            IndexingScreen(
                self.session.archive,
                self.session.index_dir,
                self.app.extractor,
                force=True,
                engine=self.app.engine,
                library_file=self.app.locations.library_file,
            ),
            lambda _report: self.index_changed(),
        )

    def index_changed(self) -> None:
        """Show what was indexed: the article count, and the current query's stories again
        unless the reader has moved past the first page (they come with the next search)."""
        self.count_articles(refresh=True)
        self._run(self.search_state.index_changed())
