"""The reader's handle on one archive and its index, through the search interface (`index.api`).

A `SearchEngine` must be used from one thread at a time, and the reader calls it from several
workers (a search thread may still be finishing when the next keystroke starts another), so
every call goes through a lock. A search or facets call that waited for its lock asks
`still_wanted` first: typing on while the index is busy runs the newest query only.

The sidebar's counts, the "did you mean" and the palette's names go through a second
engine handle with its own lock, which lets go of the index pages it read after each call (they
are read once into its tables): the first counts on a new index read every story's names
(half a second at 100,000 stories) and the first suggestion the index's whole vocabulary, and
a search or a story opened meanwhile must not wait for them. The two handles share nothing
but the files, so they can run at the same time; the second follows the first to each new
version of the index.

The user's library (read, starred, tags, notes, saved searches: `reader.library`) is opened
beside the index and handed to the engine, which filters `is:unread`, `tag:` and the rest by it.
Its writes go through one thread of their own, in the order they were asked for: a mark toggled
twice quickly ends as the user left it, and no write waits on a search.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from articles.entities.corrections import Correction, apply_corrections
from articles.model import ENTITY_KINDS, Entities, EntityKind
from index.api import (
    DEFAULT_ENGINE,
    FacetCount,
    Hit,
    SearchEngine,
    SearchPage,
    SortOrder,
    StoredArticle,
    open_engine,
)
from reader.explore.entities import NameCounts, archive_name_counts
from reader.library import Library, LibraryError, StoryMark, StoryRef
from reader.library.export import markdown_export

Result = TypeVar("Result")

# The article pane shows this much of a story's body: laying out a 20 MB story would freeze the
# app for minutes. The rest is one `newsreader show` away, and the note at the cut says so.
READER_BODY_CHARS = 100_000


class ArchiveSession:
    def __init__(
        self,
        archive: Path,
        index_dir: Path,
        opened: SearchEngine,
        engine: str,
        library: Library | None = None,
        library_notice: str | None = None,
    ) -> None:
        """`library_notice` is the sentence `Library.open` had for the user (None: all well)."""
        self.archive = archive
        self.index_dir = index_dir
        self.engine = engine  # its name
        self._index = opened
        self.library = library
        self.library_notice = library_notice
        self._library_writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library")
        self._lock = threading.Lock()
        # Counts the changes the stories' handle picked up; the extras' handle is opened on
        # first use (at no version yet: -1) and refreshed when it is behind.
        self._index_version = 0
        self._extras_index: SearchEngine | None = None
        self._extras_version = -1
        self._extras_lock = threading.Lock()
        self._entity_names: dict[int, dict[EntityKind, tuple[FacetCount, ...]]] = {}
        self._name_counts: NameCounts | None = None
        self._closed = False

    @classmethod
    def open(
        cls,
        archive: Path,
        index_dir: Path,
        engine: str = DEFAULT_ENGINE,
        library_path: Path | None = None,
    ) -> ArchiveSession:
        """The index, with the library at `library_path` (None: no library, and the marks'
        searches say they need one). Raises IndexUnavailable."""
        library, notice = Library.open(library_path) if library_path else (None, None)
        try:
            opened = open_engine(index_dir, engine, marks=library)
        except BaseException:
            if library is not None:
                library.close()
            raise
        return cls(archive, index_dir, opened, engine, library, notice)

    @property
    def name(self) -> str:
        return self.archive.name or str(self.archive)

    @property
    def doc_count(self) -> int:
        with self._lock:
            return self._index.doc_count

    def search(
        self, query: str, *, page: int, page_size: int, sort: SortOrder, through_end: bool = False
    ) -> SearchPage:
        """A further page of a query shown, or with `through_end` every hit from that page on
        (a new query goes through `search_if_wanted`, which first picks up what another process
        indexed)."""
        with self._lock:
            return self._index.search(
                query,
                page=page,
                page_size=page_size,
                sort=sort,
                suggest=False,
                through_end=through_end,
            )

    def search_if_wanted(
        self, query: str, *, page_size: int, sort: SortOrder, still_wanted: Callable[[], bool]
    ) -> SearchPage | None:
        """The first page of `query`, or None when, once the index is free, it is not wanted."""
        with self._lock:
            if not still_wanted():
                return None
            self._refresh_locked()
            return self._index.search(query, page=1, page_size=page_size, sort=sort, suggest=False)

    def facets_if_wanted(
        self, query: str, *, top: int, still_wanted: Callable[[], bool]
    ) -> dict[EntityKind, tuple[FacetCount, ...]] | None:
        """The facets of `query`, or None when, once the index is free, they are not wanted
        (or the index can't be read just now)."""
        with self._extras_lock:
            if not still_wanted() or (extras := self._extras_locked()) is None:
                return None
            facets = extras.facets(query, top=top)
            extras.release_memory()
            return facets

    def suggestion_if_wanted(
        self, query: str, total: int, *, still_wanted: Callable[[], bool]
    ) -> str | None:
        """A "did you mean" for `query` (with `total` hits), or None; not asked when unwanted."""
        with self._extras_lock:
            if not still_wanted() or (extras := self._extras_locked()) is None:
                return None
            suggested = extras.suggestion(query, total)
            extras.release_memory()
            return suggested

    def entity_names(self, *, top: int) -> dict[EntityKind, tuple[FacetCount, ...]]:
        """The archive's most frequent entities of each kind (cached until the index changes;
        none while the index can't be read)."""
        with self._extras_lock:
            # First to the stories' version of the index, which empties the cache when it moved.
            if (extras := self._extras_locked()) is None:
                return {kind: () for kind in ENTITY_KINDS}
            if top not in self._entity_names:
                self._entity_names[top] = extras.facets("", top=top)
                extras.release_memory()
            return self._entity_names[top]

    def explore_if_wanted(
        self,
        explore: Callable[[SearchEngine], Result],
        *,
        still_wanted: Callable[[], bool] = lambda: True,
    ) -> Result | None:
        """`explore(index)` on the extras' handle (a timeline, an entity's page), or None when,
        once the index is free, it is not wanted (or the index can't be read just now)."""
        with self._extras_lock:
            if not still_wanted() or (extras := self._extras_locked()) is None:
                return None
            explored = explore(extras)
            extras.release_memory()
            return explored

    def name_counts(self) -> NameCounts:
        """How many stories name each entity (`archive_name_counts`), kept until the index
        changes; none while the index can't be read."""
        with self._extras_lock:
            # First the handle, which forgets the counts of an earlier version of the index.
            if (extras := self._extras_locked()) is None:
                return {}
            if self._name_counts is None:
                self._name_counts = archive_name_counts(extras)
                extras.release_memory()
            return self._name_counts

    def _extras_locked(self) -> SearchEngine | None:
        """The extras' handle at the version of the index the stories show, or None when it
        can't be opened now (being rebuilt, or the session closed)."""
        if self._closed:
            return None
        version = self._index_version
        try:
            if self._extras_index is None:
                self._extras_index = open_engine(self.index_dir, self.engine, marks=self.library)
            elif self._extras_version != version:
                self._extras_index.refresh()
        except Exception:  # the engine's many errors while another process rebuilds it: next time
            return None
        if self._extras_version != version:
            self._extras_version = version
            self._entity_names.clear()
            self._name_counts = None
            self._reconcile_library(self._extras_index)
        return self._extras_index

    def _reconcile_library(self, index: SearchEngine) -> None:
        """The marks of stories whose files moved (while the reader was closed, or since the
        last version of the index) follow them. On the extras' handle, when it first opens and
        at each new version: it reads every story's id (0.2 s at 100,000 stories), which the
        first page of stories and the next keystroke's search must not wait for."""
        if self.library is None:
            return
        # A library that can't be written just now tries again at the next version.
        with suppress(LibraryError):
            self.library.reconcile(index)

    def article(self, article_id: str) -> StoredArticle:
        """The article, its body cut to `READER_BODY_CHARS` with a note when longer, and its
        names as the user's corrections have them (at once, before the index is updated)."""
        with self._lock:
            stored = self._index.article(article_id)
        return corrected(shortened(stored, READER_BODY_CHARS), self.corrections())

    def corrections(self) -> tuple[Correction, ...]:
        """The user's corrections of entity names; none without a library."""
        if self.library is None:
            return ()
        try:
            return self.library.corrections()
        except sqlite3.Error:  # another process holds the file just now: shown uncorrected
            return ()

    def related(self, article_id: str, *, limit: int = 10) -> tuple[Hit, ...]:
        with self._lock:
            return self._index.related(article_id, limit=limit)

    def term_spans(self, query: str, text: str) -> tuple[tuple[int, int], ...]:
        with self._lock:
            return self._index.term_spans(query, text)

    def refresh(self) -> bool:
        """Pick up what was indexed; the marks of stories whose files moved follow them."""
        with self._lock:
            changed = self._refresh_locked()
        if changed:
            with self._extras_lock:
                self._extras_locked()
        return changed

    # The library

    def marks_of(self, ids: Iterable[str]) -> dict[str, StoryMark]:
        """The marks of these stories (only those with any); none without a library."""
        return self.library.marks_of(ids) if self.library is not None else {}

    def unread_count_if_wanted(
        self, query: str, *, still_wanted: Callable[[], bool] = lambda: True
    ) -> int | None:
        """How many of the query's stories are unread; None without a library, or when it is no
        longer wanted. On the extras' handle: the next keystroke's search doesn't wait for it."""
        if self.library is None:
            return None
        unread = f"({query}) AND is:unread" if query.strip() else "is:unread"
        return self.explore_if_wanted(lambda index: index.count(unread), still_wanted=still_wanted)

    def story_ids(self, query: str) -> frozenset[str]:
        """The ids of every story the query finds."""
        with self._lock:
            return self._index.story_ids(query)

    def story_refs(self, query: str) -> tuple[StoryRef, ...]:
        """Every story the query finds, as the library knows stories."""
        with self._lock:
            page = self._index.search(query, page=1, page_size=100, suggest=False, through_end=True)
        return tuple(StoryRef(hit.id, hit.text_hash) for hit in page.hits)

    def export_markdown(self, query: str, path: Path) -> int:
        """Write every story of `query`, with its tags and note, as Markdown to `path` (as
        `newsreader export` does); the number of stories. Raises OSError."""
        with self._lock:
            page = self._index.search(
                query, page=1, page_size=100, sort="date", suggest=False, through_end=True
            )
        marks = self.marks_of(hit.id for hit in page.hits)
        stories = [(hit, marks.get(hit.id, StoryMark())) for hit in page.hits]
        path.write_text(markdown_export(query, stories, datetime.now(UTC)), encoding="utf-8")
        return len(stories)

    def in_library_order(self, call: Callable[[Library], Result]) -> Future[Result]:
        """Run `call` on the library after every call asked for before it: writes are made in
        the order they were asked for, and a read this way sees them."""
        library = self.library
        if library is None:
            raise RuntimeError("no library is open")
        return self._library_writes.submit(call, library)

    def _refresh_locked(self) -> bool:
        try:
            changed = self._index.refresh()
        except Exception:  # the engine's many errors while another process rebuilds it: next time
            return False
        if changed:
            self._index_version += 1
        return changed

    def close(self) -> None:
        self._library_writes.shutdown(wait=True)  # every mark asked for is written
        with self._lock:
            self._closed = True
            self._index.close()
            if self.library is not None:
                self.library.close()
        with self._extras_lock:
            if self._extras_index is not None:
                self._extras_index.close()
                self._extras_index = None


def corrected(stored: StoredArticle, corrections: tuple[Correction, ...]) -> StoredArticle:
    """`stored` with its names and mentions as `corrections` have them."""
    found = Entities(stored.mentions, stored.entities)
    fixed = apply_corrections(found, corrections)
    if fixed is found:
        return stored
    return replace(stored, entities=fixed.names, mentions=fixed.mentions)


def shortened(stored: StoredArticle, limit: int) -> StoredArticle:
    """`stored` with its body cut at a line or word break before `limit` characters."""
    body = stored.article.body
    if len(body) <= limit:
        return stored
    cut = body.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = body.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
    note = (
        f"\n\n… {len(body) - cut:,} more characters are not shown here; "
        f"`newsreader show {stored.article.id}` prints the whole story."
    )
    mentions = tuple(
        mention for mention in stored.mentions if mention.field != "body" or mention.end <= cut
    )
    return replace(
        stored, article=replace(stored.article, body=body[:cut] + note), mentions=mentions
    )
