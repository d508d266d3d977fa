"""Bringing the index up to date from a thread worker, reporting through messages.

The indexing screen (a new or outdated index) and the main screen (the check for changed files
after the stories are shown) run the same update; each handles the messages in its own way.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual.message import Message

from articles.entities.corrections import Correction
from index.api import (
    DEFAULT_ENGINE,
    IndexDamaged,
    IndexProgress,
    IndexReport,
    IndexUnavailable,
    index_exists,
    pending_changes,
    update_index,
)
from reader.messages import IndexingFailed, IndexingFinished, IndexingProgressed, IndexingStarted

# Progress messages are posted at most this often (the last one always).
PROGRESS_INTERVAL_SECONDS = 0.05


def bring_index_up_to_date(
    archive: Path,
    index_dir: Path,
    extractor: str | None,
    post: Callable[[Message], object],
    *,
    force: bool = False,
    rebuild: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
    engine: str = DEFAULT_ENGINE,
    corrections: Sequence[Correction] | None = None,
) -> None:
    """Index what changed in `archive`, posting `IndexingStarted`, `IndexingProgressed`, then
    `IndexingFinished` (its report None when nothing had changed) or `IndexingFailed`.

    With `force`, indexes even when nothing seems to have changed (the re-index command); with
    `rebuild`, throws the index away first (a damaged one). When
    `should_stop` turns true (the reader quits), the update stops after the file under way,
    leaving the index as the last finished update left it, and posts nothing more.
    `corrections` are the user's of entity names (None: those the index was built with); the
    stories naming a name whose correction changed are indexed again.
    """
    try:
        if not (force or rebuild) and index_exists(index_dir, engine):
            pending = pending_changes(
                archive, index_dir, extractor, engine, corrections=corrections
            )
            if pending == 0:
                post(IndexingFinished(None))
                return
        else:
            pending = 0
        post(IndexingStarted(pending))
        _start_resource_tracker()
        last_posted = 0.0

        def progress(update: IndexProgress) -> None:
            nonlocal last_posted
            if should_stop():
                raise IndexingStopped
            now = time.monotonic()
            if update.done >= update.total or now - last_posted >= PROGRESS_INTERVAL_SECONDS:
                last_posted = now
                post(IndexingProgressed(update))

        report = update_index(
            archive,
            index_dir,
            rebuild=rebuild,
            extractor=extractor,
            progress=progress,
            engine=engine,
            corrections=corrections,
        )
    except IndexingStopped:
        return
    except IndexDamaged as error:
        post(IndexingFailed(str(error), damaged=True))
        return
    except (IndexUnavailable, OSError) as error:
        post(IndexingFailed(str(error)))
        return
    post(IndexingFinished(report))


class IndexingStopped(Exception):
    """Raised inside an update to abandon it (its writer is cancelled, its workers ended)."""


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr, once.

    The tracker hands `sys.stderr`'s descriptor to its process, and while Textual runs,
    `sys.stderr` is a capture whose descriptor is -1: a large update's worker processes then
    fail with "bad value(s) in fds_to_keep". Once running, the tracker is reused.
    """
    from multiprocessing import resource_tracker

    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def problem_files_notice(report: IndexReport) -> tuple[str, str] | None:
    """The title and sentence of a notice about the files an update could not use or read
    with a caveat, counted as the command line counts them; None when there are none."""
    summaries = [
        summary for summary in (report.skipped_summary, report.warnings_summary) if summary
    ]
    if not summaries:
        return None
    title = "Some files skipped" if report.skipped else "Some files indexed with warnings"
    return title, f"{'; '.join(summaries)}. `newsreader index ARCHIVE` shows which and why."
