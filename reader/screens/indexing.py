"""The indexing screen: brings the archive's index up to date with a progress bar."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from index.api import DEFAULT_ENGINE, IndexReport
from reader.data.indexing import bring_index_up_to_date
from reader.library import Library
from reader.messages import IndexingFailed, IndexingFinished, IndexingProgressed, IndexingStarted
from reader.rendering import ERROR, MUTED, TEXT_COMPONENT_CLASSES, TITLE, plain, styled
from reader.textual_fixes import FooterKeepingNoOldKeys


class IndexingScreen(Screen[IndexReport | None]):
    """Dismisses with the report, or None when the index was already up to date.

    With `force`, indexes even when nothing seems to have changed (the re-index command).
    """

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("r", "retry", "Retry / rebuild", id="retry_indexing"),
    ]

    def __init__(
        self,
        archive: Path,
        index_dir: Path,
        extractor: str | None,
        *,
        force: bool = False,
        engine: str = DEFAULT_ENGINE,
        library_file: Path | None = None,
    ) -> None:
        """`library_file` holds the user's corrections of entity names, indexed with them."""
        super().__init__(classes="styled-text")
        self.archive = archive
        self.library_file = library_file
        self.index_dir = index_dir
        self.extractor = extractor
        self.engine = engine
        self.force = force
        self.failed = False
        self.damaged = False

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Center(), Vertical(id="indexing"):
            yield Static(styled(f"Indexing {self.archive}", TITLE), id="indexing-title")
            yield ProgressBar(show_eta=False, id="indexing-progress")
            yield Static(styled("Looking for new and changed files…", MUTED), id="indexing-status")
        yield FooterKeepingNoOldKeys()

    def on_mount(self) -> None:
        self.title = "newsreader"
        self.sub_title = self.archive.name or str(self.archive)
        self.bring_up_to_date()

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def bring_up_to_date(self, *, rebuild: bool = False) -> None:
        worker = get_current_worker()
        bring_index_up_to_date(
            self.archive,
            self.index_dir,
            self.extractor,
            self.post_message,
            force=self.force,
            rebuild=rebuild,
            should_stop=lambda: worker.is_cancelled,
            engine=self.engine,
            corrections=Library.corrections_in(self.library_file) if self.library_file else (),
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.post_message(IndexingFailed(f"{type(error).__name__}: {error}"))

    @on(IndexingStarted)
    def _started(self, message: IndexingStarted) -> None:
        self.query_one("#indexing-status", Static).update(styled("Reading articles…", MUTED))

    @on(IndexingProgressed)
    def _progressed(self, message: IndexingProgressed) -> None:
        update = message.progress
        self.query_one(ProgressBar).update(total=max(1, update.total), progress=update.done)
        read = "files and parts of files" if update.parts else "files"
        text = f"{update.done:,} / {update.total:,} {read} read · {update.skipped:,} skipped"
        if update.done >= update.total:
            text += " · saving the index…"
        self.query_one("#indexing-status", Static).update(styled(text, MUTED))

    @on(IndexingFinished)
    def _finished(self, message: IndexingFinished) -> None:
        self.dismiss(message.report)

    @on(IndexingFailed)
    def _failed(self, message: IndexingFailed) -> None:
        self.failed = True
        self.damaged = message.damaged
        if message.damaged:
            # In the reader's words: the message names the command line's way out.
            text = styled("The index of this archive is damaged: ", ERROR) + plain(
                "some of its files can't be read. It is only a cache of the archive, so "
                "nothing is lost by building it again, and the archive itself is not touched."
            )
            text += styled(f"\nIndex: {self.index_dir}", MUTED)
            text += styled("\nPress r to rebuild it from the archive, q to quit.", MUTED)
        else:
            text = styled("Indexing failed: ", ERROR) + plain(message.message)
            text += styled("\nPress r to try again, q to quit.", MUTED)
        self.query_one(ProgressBar).display = False  # nothing is under way
        self.query_one("#indexing-status", Static).update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return self.failed
        return True

    def action_retry(self) -> None:
        rebuild, self.failed, self.damaged = self.damaged, False, False
        status = "Rebuilding the index…" if rebuild else "Trying again…"
        self.query_one(ProgressBar).display = True
        self.query_one("#indexing-status", Static).update(styled(status, MUTED))
        self.refresh_bindings()
        self.bring_up_to_date(rebuild=rebuild)
