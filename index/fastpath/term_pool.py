"""Postings of a segment being written, grouped by term as they arrive.

Whoosh's `PostingPool` keeps one tuple per posting and sorts them all; past its memory limit it
writes the sorted postings to a temporary file one `marshal` record each, and reads them all back
through a heap to merge the runs. A writer's postings arrive in document order, so grouped by
term each term's list is already sorted: only the terms are sorted, and a run on disk holds a
term's postings in one record (or, once runs are merged, a few consecutive ones). Its memory stays
bounded by the same limit, and its open files by merging runs level by level (`RUNS_PER_MERGE`).
As it hands the terms to Whoosh's writer it also writes the segment's posting arrays
(`index.fastpath.posting_arrays`).
"""

from __future__ import annotations

import heapq
import itertools
import marshal
import time
from collections.abc import Iterator

import whoosh
from whoosh.filedb.filestore import Storage
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from index.fastpath import compat
from index.fastpath.posting_arrays import PostingArraysWriter

# Runs merged into one at a time, level by level: each time this many runs of one level end the
# list, they become one run of the next level. A posting is then rewritten once per level (log of
# the runs), not once per merge. A worker spills about 60 runs at 1,000,000 stories, so up to
# there nothing is merged before the segment is written; and no more than this many runs are
# read at once (one open file each), as Whoosh's own pool merges at most 128.
RUNS_PER_MERGE = 100
# Rough sizes in memory: a term's key and list, and a posting's three items in its flat list.
_TERM_BYTES = 250
_POSTING_BYTES = 120

Posting = tuple[str, bytes, int, float, bytes | None]


class TermPool:
    """What `SegmentWriter` asks of its pool: `add`, `iter_postings` in order, `cleanup`."""

    def __init__(
        self,
        tempstore: Storage,
        limitmb: float,
        arrays: PostingArraysWriter | None = None,
        runs_per_merge: int = RUNS_PER_MERGE,
    ) -> None:
        self._tempstore = tempstore
        self._arrays = arrays
        self._limit = int(limitmb * 1024 * 1024)
        self._runs_per_merge = runs_per_merge
        self._size = 0
        # (field name, term) -> docnum, weight, value, docnum, weight, value, ...
        self._terms: dict[tuple[str, bytes], list] = {}
        # In document order; a run's level is how many merges its postings went through.
        self._runs: list[str] = []
        self._levels: list[int] = []
        # Of the time the segment takes to write, what its posting arrays took (for the build's
        # breakdown).
        self.arrays_seconds = 0.0

    def add(self, posting: Posting) -> None:
        fieldname, text, docnum, weight, value = posting
        key = (fieldname, text)
        postings = self._terms.get(key)
        if postings is None:
            postings = self._terms[key] = []
            self._size += _TERM_BYTES + len(text)
        postings += (docnum, weight, value)
        self._size += _POSTING_BYTES + len(value or b"")
        if self._size > self._limit:
            self._save()

    def iter_postings(self) -> Iterator[Posting]:
        """Every posting, by field name, term and document number."""
        if self._runs:
            self._save()
            # The newest runs (below the top levels) made one, to read no more than that many.
            excess = len(self._runs) - self._runs_per_merge
            if excess > 0:
                self._merge_last(excess + 1)
            terms = self._merged_runs()
        else:
            terms = (
                (fieldname, text, postings)
                for (fieldname, text), postings in sorted(self._terms.items())
            )
        arrays = self._arrays
        clock = time.perf_counter
        for fieldname, text, postings in terms:
            if arrays is not None:
                started = clock()
                arrays.add_term(fieldname, text, postings)
                self.arrays_seconds += clock() - started
            for i in range(0, len(postings), 3):
                yield fieldname, text, postings[i], postings[i + 1], postings[i + 2]
        if arrays is not None:
            started = clock()
            arrays.close()
            self.arrays_seconds += clock() - started

    def cleanup(self) -> None:
        for path in self._runs:
            if self._tempstore.file_exists(path):
                self._tempstore.delete_file(path)
        self._runs = []
        self._levels = []
        self._terms = {}

    def _save(self) -> None:
        path = f"{random_name()}.run"
        with self._tempstore.create_file(path).raw_file() as run:
            for (fieldname, text), postings in sorted(self._terms.items()):
                marshal.dump((fieldname, text, postings), run)
        self._runs.append(path)
        self._levels.append(0)
        self._terms = {}
        self._size = 0
        count = self._runs_per_merge
        # The last runs are the newest and the lowest levels: merging them keeps document order.
        while len(self._levels) >= count and len(set(self._levels[-count:])) == 1:
            self._merge_last(count)

    def _merge_last(self, count: int) -> None:
        path = f"{random_name()}.run"
        with self._tempstore.create_file(path).raw_file() as run:
            for record in self._merged_runs(self._runs[-count:]):
                marshal.dump(record, run)
        for merged in self._runs[-count:]:
            self._tempstore.delete_file(merged)
        level = self._levels[-1] + 1
        del self._runs[-count:], self._levels[-count:]
        self._runs.append(path)
        self._levels.append(level)

    def _merged_runs(self, paths: list[str] | None = None) -> Iterator[tuple[str, bytes, list]]:
        """The (field name, term, postings) records of the runs `paths` (all by default) by
        term, and a term's records in the order they were written (document order)."""
        chosen = self._runs if paths is None else paths
        runs = [self._read_run(number, path) for number, path in enumerate(chosen)]
        for fieldname, text, _, _, postings in heapq.merge(*runs):
            yield fieldname, text, postings

    def _read_run(self, number: int, path: str) -> Iterator[tuple[str, bytes, int, int, list]]:
        """A run's records in order; the run's `number` and the record's place in it keep a
        term's records in document order when runs are merged."""
        with self._tempstore.open_file(path).raw_file() as run:
            for place in itertools.count():
                try:
                    fieldname, text, postings = marshal.load(run)
                except EOFError:
                    return
                yield fieldname, text, number, place, postings


def pooled_by_term(
    writer: SegmentWriter, limitmb: float, whoosh_version: compat.WhooshVersion = whoosh.__version__
) -> SegmentWriter:
    """`writer` with a `TermPool` in place of Whoosh's pool (nothing was added to it yet), which
    writes the segment's posting arrays too; as it is on a Whoosh version the fast path was not
    tested with (`compat.fast_path_on`)."""
    if not compat.fast_path_on(whoosh_version):
        return writer
    arrays = PostingArraysWriter(writer.storage, writer.newsegment, writer.schema)
    writer.pool = TermPool(compat.writer_temp_storage(writer), limitmb, arrays)
    return writer


def arrays_seconds(writer: SegmentWriter) -> float:
    """How long writing `writer`'s posting arrays took so far (0 without the fast path)."""
    pool = writer.pool
    return pool.arrays_seconds if isinstance(pool, TermPool) else 0.0
