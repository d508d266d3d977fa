"""The Textual app: loads the settings, opens the index (indexing the archive first when there is
none), opens the main screen."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.theme import Theme

from index.api import DEFAULT_ENGINE, IndexUnavailable, index_is_current
from reader.commands.explore import ExploreCommands
from reader.commands.palette import ReaderCommands
from reader.data.indexing import problem_files_notice
from reader.data.last_place import place_file
from reader.data.session import ArchiveSession
from reader.memory import give_back_free_memory
from reader.messages import SessionOpened
from reader.readable_theme import TERMINAL_PALETTE_THEMES, readable_variables
from reader.screens.main import MainScreen
from reader.settings import Locations, Settings, SettingsError, load_settings, save_settings
from reader.textual_fixes import apply_textual_fixes

if TYPE_CHECKING:
    from index.api import IndexReport

# The other screens are imported when first needed: a reader that opens an existing index shows
# its stories without them.

# The collector's full passes wait for the reader to be idle this long (no key, click or mouse
# move): a pass walks every long-lived object not frozen and the cyclic garbage of replaced
# widgets (far less since reader/textual_fixes.py), 20–100 ms better spent while the user reads.
IDLE_COLLECTION_SECONDS = 1.0


class NewsReaderApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {ReaderCommands, ExploreCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_now"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            id="command_palette",
            tooltip="Commands: search a name, sort, related, back, theme, re-index",
        ),
    ]

    def __init__(
        self,
        archive: Path,
        index_dir: Path,
        *,
        locations: Locations | None = None,
        settings: Settings | None = None,
        extractor: str | None = None,
        engine: str | None = None,
        fresh: bool = False,
        notice: str | None = None,
    ) -> None:
        """`fresh` starts on the newest stories instead of where the archive was left; `engine`
        names the search engine (`index.api.engine_names`), else the config file's, else the
        default. `notice` is said once the reader is up (how to get one's own archive)."""
        apply_textual_fixes()  # before anything is drawn
        super().__init__()
        self.archive = archive
        self.index_dir = index_dir
        self.fresh = fresh
        self.notice = notice
        self.locations = locations or Locations.from_platform()
        self.settings_problem: str | None = None
        if settings is None:
            try:
                settings = load_settings(self.locations.config_file)
            except SettingsError as error:
                self.settings_problem = str(error)
                settings = Settings()
        self.settings = settings
        # The command line's --extractor wins over the config file's; None keeps the index's.
        self.extractor = extractor or settings.extractor
        self.engine = engine or settings.engine or DEFAULT_ENGINE
        self.session: ArchiveSession | None = None
        # The library's notice (a damaged file moved aside, marks not saved) is said once.
        self._library_notice_shown = False
        # Restored on unmount: the app changes them for its own run only.
        self._collector_thresholds = gc.get_threshold()
        self._last_input = time.monotonic()
        # The input after which free memory was last given back (`collect_when_idle`).
        self._given_back_after: float | None = None
        self.set_keymap(settings.keymap)
        for theme in TERMINAL_PALETTE_THEMES:
            self.unregister_theme(theme)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's colours, with those of text made readable (reader/readable_theme.py)."""
        variables = super().get_css_variables()
        return variables | readable_variables(variables)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title, then the sub-title in muted text (Textual's dim one is unreadable
        in some themes)."""
        if not sub_title:
            return Content(title)
        return Content.assemble(
            Content(title), (" — ", "$text-muted"), Content(sub_title).stylize("$text-muted")
        )

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.notify(
                f"Unknown theme {self.settings.theme!r} in the settings.", severity="warning"
            )
        if self.settings_problem:
            self.notify(self.settings_problem, title="Settings not loaded", severity="warning")
        for problem in self._keymap_problems():
            self.notify(problem, title="Keymap", severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._save_theme)
        if self.notice:
            self.notify(self.notice, title="Your own news", markup=False, timeout=15)
        self.open_archive()

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()
        gc.unfreeze()
        gc.set_threshold(*self._collector_thresholds)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _freeze_startup_objects(self) -> None:
        """Keep what start-up built (modules, widgets, the index's readers) out of the
        collector's full passes, and run those passes when the reader is idle: each walks every
        long-lived object and paused a keystroke or an article open for ~100 ms every few
        seconds at 100,000 stories (benchmarks/NOTES.md). Busy for ten times their usual
        interval, they run anyway."""
        young, middle, old = self._collector_thresholds
        gc.freeze()
        gc.set_threshold(young, middle, old * 10)
        self.set_interval(IDLE_COLLECTION_SECONDS / 2, self.collect_when_idle)

    def collect_when_idle(self) -> None:
        """When nothing came from the user for `IDLE_COLLECTION_SECONDS`: a full pass of the
        collector, if one is due (as often as Python's own would run), and the memory freed
        since the last input given back to the system, once. The searches typed leave it with
        the C allocator otherwise: their arrays over every story (8 MB each at 1,000,000
        stories) are freed into the heaps of the threads that ran them and kept there (~300
        MB after the benchmark's typing at that size)."""
        if time.monotonic() - self._last_input < IDLE_COLLECTION_SECONDS:
            return
        collected = gc.get_count()[2] >= self._collector_thresholds[2]
        if collected:
            gc.collect()
        if collected or self._given_back_after != self._last_input:
            self._given_back_after = self._last_input
            give_back_free_memory()

    async def action_quit(self) -> None:
        """Quit; from an index that could not be built, with exit code 1 (the shell sees the
        reader did not open the archive)."""
        from reader.screens.indexing import IndexingScreen

        failed = isinstance(self.screen, IndexingScreen) and self.screen.failed
        self.exit(return_code=1 if failed else 0)

    def _keymap_problems(self) -> list[str]:
        if not self.settings.keymap:
            return []
        from reader.keymap_check import keymap_problems
        from reader.screens.correction_dialogs import (
            ChoiceList,
            CorrectEntityScreen,
            CorrectionsScreen,
        )
        from reader.screens.entity_page import EntityPageScreen, EntityStoryList, SeenWithList
        from reader.screens.help import HelpScreen
        from reader.screens.indexing import IndexingScreen
        from reader.screens.library_dialogs import ConfirmScreen, NoteScreen, TextPromptScreen
        from reader.screens.saved import SavedList, SavedSearchesScreen
        from reader.widgets.article_view import ArticleView
        from reader.widgets.entity_sidebar import EntityList
        from reader.widgets.result_list import ResultList
        from reader.widgets.timeline import TimelineView

        scopes = {
            "main screen": [*self.BINDINGS, *MainScreen.BINDINGS],
            "text dialog": TextPromptScreen.BINDINGS,
            "question": ConfirmScreen.BINDINGS,
            "note editor": NoteScreen.BINDINGS,
            "saved searches": [*SavedSearchesScreen.BINDINGS, *SavedList.BINDINGS],
            "result list": ResultList.BINDINGS,
            "article": ArticleView.BINDINGS,
            "names list": EntityList.BINDINGS,
            "timeline": TimelineView.BINDINGS,
            "entity page": EntityPageScreen.BINDINGS,
            "entity page's names": SeenWithList.BINDINGS,
            "entity page's stories": EntityStoryList.BINDINGS,
            "help": HelpScreen.BINDINGS,
            "indexing screen": IndexingScreen.BINDINGS,
            "name correction": [*CorrectEntityScreen.BINDINGS, *ChoiceList.BINDINGS],
            "entity corrections": [*CorrectionsScreen.BINDINGS, *ChoiceList.BINDINGS],
        }
        return keymap_problems(self.settings.keymap, scopes, self.locations.config_file)

    def open_archive(self) -> None:
        """Show the stories of an existing index at once, the main screen checking the archive
        for changes behind them; a new, outdated or unreadable index is indexed first."""
        self._open_session(after_indexing=False)

    @work(thread=True, exit_on_error=False, group="open")
    def _open_session(self, *, after_indexing: bool, report: IndexReport | None = None) -> None:
        """Open the index off the UI thread (reading it can take a while on a cold disk); the
        answer comes back as `SessionOpened`. Before indexing, only an index that is current
        is opened: another one is indexed first."""
        session, error = None, None
        if after_indexing or index_is_current(self.index_dir, self.extractor, self.engine):
            try:
                session = ArchiveSession.open(
                    self.archive, self.index_dir, self.engine, self.locations.library_file
                )
            except IndexUnavailable as problem:
                error = str(problem)
            else:
                if session.doc_count == 0:
                    session.close()
                    session = None
        self.post_message(SessionOpened(session, error, after_indexing, report))

    @on(SessionOpened)
    def _session_opened(self, message: SessionOpened) -> None:
        from reader.screens.notice import NoticeScreen, problem_text

        session, report = message.session, message.report
        if session is not None:
            self.session = session
            if session.library_notice and not self._library_notice_shown:
                self._library_notice_shown = True
                self.notify(
                    session.library_notice,
                    title="Your library",
                    severity="warning",
                    markup=False,
                    timeout=15,
                )
            self.push_screen(self._main_screen(session, check_archive=not message.after_indexing))
            if report is not None and (problems := problem_files_notice(report)):
                title, text = problems
                self.notify(text, title=title, severity="warning", markup=False)
        elif not message.after_indexing:
            # The indexing screen tells a damaged index from an empty archive.
            self.bring_index_up_to_date()
        elif message.error is None or (report is not None and article_total(report) == 0):
            self._show_empty(report)
        elif report is None:
            # Index again: its report tells an empty archive from a damaged index.
            self.bring_index_up_to_date(force=True)
        else:
            self.push_screen(
                NoticeScreen(problem_text("Can't open the index", message.error)), self._retry
            )

    def _main_screen(self, session: ArchiveSession, *, check_archive: bool = False) -> MainScreen:
        if not gc.get_freeze_count():  # once the first main screen is up, not the indexing one
            self.call_after_refresh(self._freeze_startup_objects)
        return MainScreen(
            session,
            page_size=self.settings.results_page_size,
            check_archive=check_archive,
            place_file=place_file(self.locations.data_dir, self.archive),
            reopen=not self.fresh,
        )

    def bring_index_up_to_date(self, *, force: bool = False) -> None:
        from reader.screens.indexing import IndexingScreen

        self.push_screen(
            IndexingScreen(
                self.archive,
                self.index_dir,
                self.extractor,
                force=force,
                engine=self.engine,
                library_file=self.locations.library_file,
            ),
            self._indexed,
        )

    def _indexed(self, report: IndexReport | None) -> None:
        self._open_session(after_indexing=True, report=report)

    def _show_empty(self, report: IndexReport | None) -> None:
        from reader.screens.notice import NoticeScreen, empty_archive_text

        skipped = report.skipped if report else []
        notice = NoticeScreen(empty_archive_text(self.archive, skipped), sub_title="empty")
        self.push_screen(notice, self._retry)

    def _retry(self, _result: str | None) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None
        self.bring_index_up_to_date(force=True)

    def _save_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = self.settings.with_theme(theme.name)
        if self.settings_problem:
            return  # never overwrite a config file we could not read
        try:
            save_settings(self.settings, self.locations.config_file)
        except OSError as error:
            self.notify(f"Can't save the theme: {error}", severity="warning")

    def action_help(self) -> None:
        from reader.screens.entity_page import EntityPageScreen, EntityStoryList, SeenWithList
        from reader.screens.help import HelpScreen
        from reader.widgets.article_view import ArticleView
        from reader.widgets.entity_sidebar import EntityList
        from reader.widgets.result_list import ResultList
        from reader.widgets.timeline import TimelineView

        if isinstance(self.screen, HelpScreen):
            return
        from reader.screens.feed_actions import FEED_BINDINGS

        search_bar = MainScreen.SEARCH_BAR_BINDINGS
        library = MainScreen.LIBRARY_BINDINGS
        sections: dict[str, list[BindingType]] = {
            "Everywhere": [
                *self.BINDINGS,
                *(
                    binding
                    for binding in MainScreen.BINDINGS
                    if binding not in search_bar
                    and binding not in library
                    and binding not in FEED_BINDINGS
                ),
            ],
            "Your library (the story selected, or open)": list(library),
            "Feeds and the story's web address": list(FEED_BINDINGS),
            "Search bar": list(search_bar),
            "Result list": list(ResultList.BINDINGS),
            "Article": list(ArticleView.BINDINGS),
            "Entities": list(EntityList.BINDINGS),
            "Timeline": list(TimelineView.BINDINGS),
            "Entity page": [
                *EntityPageScreen.BINDINGS,
                *SeenWithList.BINDINGS,
                *EntityStoryList.BINDINGS,
            ],
        }
        self.push_screen(HelpScreen(sections, self.settings.keymap))


def article_total(report: IndexReport) -> int:
    """How many articles the index holds after the update the report describes."""
    return report.indexed + report.updated + report.unchanged
