"""Writing a Whoosh index: creating, checking and removing one in a folder, and the
`IndexWriter` an update goes through.

Large updates are indexed by worker processes that each write a segment of their own (see
`index.whoosh.indexing`); small ones in-process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.util.filelock import FileLock

from articles.entities import EntityExtractor
from articles.model import Article, Entities
from index.api import (
    ARRAYS_STAGE,
    COMMIT_STAGE,
    FileJob,
    FileResult,
    IndexBusy,
    IndexUnavailable,
    unreadable_index,
)
from index.build import index_file
from index.fastpath import compat
from index.fastpath.term_pool import arrays_seconds, pooled_by_term
from index.whoosh.indexing import SegmentWorkers, article_adder
from index.whoosh.schema import build_schema

# Below this many files, or bytes of JSON Lines (a story takes about a KB), starting worker
# processes costs more than it saves.
PARALLEL_MIN_FILES = 400
PARALLEL_MIN_JSON_LINES_BYTES = 1024 * 1024
MAX_PROCESSES = 8
WRITER_MEMORY_MB = 256
# Whoosh's files (index name MAIN).
_INDEX_FILE_PREFIXES = ("MAIN_", "_MAIN_")
# The lock a Whoosh writer holds on index MAIN.
_WRITE_LOCK_NAME = "MAIN_WRITELOCK"
_BUSY = "another newsreader is updating this index; try again when it has finished"


def index_exists(index_dir: Path) -> bool:
    if not index_dir.is_dir():
        return False
    try:
        return whoosh_index.exists_in(str(index_dir))
    except Exception:  # damaged, but there: opening it says what is wrong
        return True


def prepare_index(index_dir: Path, archive: Path) -> None:
    """Create an empty index when there is none, else check that the one there can be read."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if not whoosh_index.exists_in(str(index_dir)):
            whoosh_index.create_in(str(index_dir), build_schema()).close()
            return
    except OSError as error:
        raise IndexUnavailable(
            f"can't write the index in {index_dir}: {error.strerror or error}"
        ) from error
    except Exception as error:  # Whoosh raises many types for a damaged table of contents
        raise unreadable_index(error, index_dir, archive) from error
    try:
        ix = whoosh_index.open_dir(str(index_dir))
        try:
            ix.reader().close()  # a truncated segment fails here, not halfway through the update
        finally:
            ix.close()
    except Exception as error:  # Whoosh raises many types for a damaged index
        raise unreadable_index(error, index_dir, archive) from error


def remove_index(index_dir: Path) -> None:
    """Delete Whoosh's files only, and not while another process writes to the index (its lock
    is kept: deleting a lock held would let two writers in)."""
    lock = FileLock(str(index_dir / _WRITE_LOCK_NAME))
    if not lock.acquire(blocking=False):
        raise IndexBusy(_BUSY)
    try:
        for path in index_dir.iterdir():
            if (
                path.name.startswith(_INDEX_FILE_PREFIXES)
                and path.name != _WRITE_LOCK_NAME
                and path.is_file()
            ):
                path.unlink()
    finally:
        lock.release()


class WhooshWriter:
    """An update of the Whoosh index in `index_dir`, holding its write lock until committed or
    cancelled. Files are indexed in worker processes when there are enough of them."""

    def __init__(self, index_dir: Path) -> None:
        self._index_dir = index_dir
        ix = whoosh_index.open_dir(str(index_dir))
        self._started_empty = ix.doc_count_all() == 0
        try:
            self._writer = pooled_by_term(ix.writer(), WRITER_MEMORY_MB)
        except LockError as error:
            raise IndexBusy(_BUSY) from error
        self._add = article_adder(self._writer)
        self._workers: SegmentWorkers | None = None
        # One searcher of the index as it was for all the deletions: Whoosh would open the
        # segments' files again for each (12 ms a file on a 3,000-story index).
        self._deletion_searcher: Searcher | None = None

    @property
    def started_empty(self) -> bool:
        return self._started_empty

    def add(self, article: Article, entities: Entities) -> None:
        self._add(article, entities)

    def delete(self, path: str) -> None:
        if self._deletion_searcher is None:
            self._deletion_searcher = self._writer.searcher()
        self._writer.delete_by_term("path", path, searcher=self._deletion_searcher)

    def index_files(
        self, jobs: Sequence[FileJob], extractor: EntityExtractor
    ) -> Iterator[FileResult]:
        processes = min(os.cpu_count() or 1, MAX_PROCESSES)
        # Committing the workers' segments takes Whoosh internals: only on a version tested.
        json_lines_bytes = sum(job.part.end - job.part.start for job in jobs if job.part)
        enough = (
            len(jobs) >= PARALLEL_MIN_FILES or json_lines_bytes >= PARALLEL_MIN_JSON_LINES_BYTES
        )
        if enough and processes > 1 and compat.fast_path_on():
            self._workers = SegmentWorkers(
                self._index_dir, extractor, processes, WRITER_MEMORY_MB // processes
            )
            return self._workers.run(list(jobs))
        return (index_file(job, extractor, self._add) for job in jobs)

    def commit(self) -> dict[str, float]:
        """Commit; the seconds it took, and the workers' writing of their segments. In-process,
        the segment is written in the commit: its Whoosh write counts as the commit's."""
        started = time.perf_counter()
        self._end_deletions()
        try:
            if self._workers:
                self._workers.commit(self._writer)
                seconds = dict(self._workers.stage_seconds)
            else:
                self._writer.commit()
                seconds = {ARRAYS_STAGE: 0.0}
        finally:
            self._end_workers()
        arrays = arrays_seconds(self._writer)
        seconds[ARRAYS_STAGE] += arrays
        seconds[COMMIT_STAGE] = time.perf_counter() - started - arrays
        return seconds

    def cancel(self) -> None:
        self._end_deletions()
        try:
            self._writer.cancel()
        finally:
            self._end_workers()

    def _end_deletions(self) -> None:
        if self._deletion_searcher:
            self._deletion_searcher.close()
            self._deletion_searcher = None

    def _end_workers(self) -> None:
        if self._workers:
            self._workers.close()
            self._workers = None
