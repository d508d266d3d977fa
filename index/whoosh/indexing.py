"""Whoosh documents from articles, and many files indexed in parallel worker processes.

A large update runs in worker processes that each read, parse and extract entities from their
share of the files and write their own Whoosh segment; the parent only deletes the old versions
and commits the workers' segments in one new table of contents. Nothing is parsed twice, no
document is pickled between processes, and no segment is merged at the end, so two cores do
twice the work of one. Small updates run in-process.

Committing segments written by other processes takes Whoosh's segment-writer internals
(`index.fastpath.compat`): on a Whoosh version they were not tested with, builds run in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import time
import traceback
from collections.abc import Iterator
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, cast

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from articles.entities import EntityExtractor
from articles.model import ENTITY_KINDS, Article, Entities, EntityKind
from index.api import (
    ARRAYS_STAGE,
    WRITE_STAGE,
    FileJob,
    FileResult,
    IndexUnavailable,
    text_hash,
)
from index.build import AddArticle, index_file, job_batches
from index.fastpath import compat, enable
from index.fastpath.term_pool import arrays_seconds, pooled_by_term
from index.whoosh.schema import join_names, pack_mentions

if TYPE_CHECKING:  # not on Windows, which has no fork server
    from multiprocessing.context import ForkServerContext, SpawnContext

# How much a mention says a story is about a name (`entity_weights`).
TITLE_MENTION_WEIGHT = 3
LEAD_MENTION_WEIGHT = 2
MAX_ENTITY_WEIGHT = 20
# A body without line breaks: its first paragraph is taken to be this long.
LEAD_CHARS = 400
# How long the parent waits for a worker's news before checking the workers are alive.
_POLL_SECONDS = 1.0


def article_adder(writer: SegmentWriter) -> AddArticle:
    """Adds an article with its names to `writer` as a document of the schema."""

    def add(article: Article, entities: Entities) -> None:
        writer.add_document(**document_fields(article, entities))

    return add


def document_fields(article: Article, entities: Entities) -> dict[str, object]:
    fields: dict[str, object] = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.body,
        "text_hash": text_hash(article.title, article.body),
        "entity_lists": tuple(entities.names[kind] for kind in ENTITY_KINDS),
        "mentions": pack_mentions(entities),
    }
    if article.date is not None:
        fields["date"] = datetime.combine(article.date, datetime.min.time())
    for name in ("author", "source", "url"):
        value = getattr(article, name)
        if value:
            fields[name] = value
    weights = entity_weights(article.body, entities)
    for kind in ENTITY_KINDS:
        names = entities.names[kind]
        if names:
            # Each name indexed as often as its weight: BM25F ranks `person:"…"` by it.
            fields[kind] = join_names(
                [name for name in names for _ in range(weights.get((kind, name), 1))]
            )
            fields[f"_stored_{kind}"] = join_names(names)
    return fields


def entity_weights(body: str, entities: Entities) -> dict[tuple[EntityKind, str], int]:
    """How much a story is about each of its names: one per mention, a mention in the title
    `TITLE_MENTION_WEIGHT` and one in the first paragraph `LEAD_MENTION_WEIGHT`, at most
    `MAX_ENTITY_WEIGHT` (a name repeated in a list should not drown every other story)."""
    lead_end = body.find("\n", 1)
    if lead_end < 0:
        lead_end = min(len(body), LEAD_CHARS)
    weights: dict[tuple[EntityKind, str], int] = {}
    for mention in entities.mentions:
        if mention.field == "title":
            weight = TITLE_MENTION_WEIGHT
        elif mention.start < lead_end:
            weight = LEAD_MENTION_WEIGHT
        else:
            weight = 1
        key = (mention.kind, mention.name)
        weights[key] = min(MAX_ENTITY_WEIGHT, weights.get(key, 0) + weight)
    return weights


class SegmentWorkers:
    """Worker processes that index files into segments of their own.

    `run(jobs)` yields each file's result as it is done; afterwards `commit(writer)` makes the
    workers' segments part of the index in the parent writer's commit.
    """

    def __init__(self, index_dir: Path, extractor: EntityExtractor, processes: int, memory_mb: int):
        self._context = _process_context()
        self._jobs = self._context.Queue(maxsize=processes * 2)
        self._results = self._context.Queue()
        self._processes = [
            self._context.Process(
                target=_work,
                # Extractors pickle small: each process builds its model anew.
                args=(str(index_dir), extractor, memory_mb, self._jobs, self._results),
                daemon=True,
            )
            for _ in range(processes)
        ]
        self.segments: list[object] = []
        # The time the workers took to write their segments once their files were read.
        self.stage_seconds: dict[str, float] = {WRITE_STAGE: 0.0, ARRAYS_STAGE: 0.0}

    def run(self, jobs: list[FileJob]) -> Iterator[FileResult]:
        for process in self._processes:
            process.start()
        pending = job_batches(jobs)
        in_flight = 0
        for first_chunk in islice(pending, 2 * len(self._processes)):
            self._jobs.put(first_chunk)
            in_flight += 1
        if in_flight == 0:
            for _ in self._processes:
                self._jobs.put(None)
        finished = 0
        while finished < len(self._processes):
            kind, payload = self._next_result()
            if kind == "files":
                in_flight -= 1
                chunk = next(pending, None)
                if chunk is not None:
                    self._jobs.put(chunk)
                    in_flight += 1
                elif in_flight == 0:
                    for _ in self._processes:
                        self._jobs.put(None)
                yield from cast(list[FileResult], payload)
            elif kind == "segment":
                finished += 1
                segment, seconds = cast(tuple[object, dict[str, float]], payload)
                if segment is not None:
                    self.segments.append(segment)
                for stage, spent in seconds.items():
                    self.stage_seconds[stage] += spent
            else:
                raise IndexUnavailable(f"an indexing process failed:\n{payload}")

    def _next_result(self) -> tuple[str, object]:
        while True:
            try:
                return self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in self._processes):
                    raise IndexUnavailable("an indexing process stopped unexpectedly") from None

    def commit(self, writer: SegmentWriter) -> None:
        """Commit `writer` (its deletions and merges) together with the workers' segments."""
        compat.commit_with_segments(writer, self.segments)

    def close(self) -> None:
        for process in self._processes:
            if process.is_alive():
                process.terminate()
            process.join(timeout=5)


def _process_context() -> ForkServerContext | SpawnContext:
    """Workers start from a fresh single-threaded server, never forked from the caller.

    The reader indexes from a thread; forking a process that runs threads can deadlock on a lock
    another thread held at the moment of the fork.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["index.whoosh.indexing"])
        return context
    return multiprocessing.get_context("spawn")


def _work(
    index_dir: str,
    extractor: EntityExtractor,
    memory_mb: int,
    jobs: multiprocessing.Queue,
    results: multiprocessing.Queue,
) -> None:
    try:
        ix = whoosh_index.open_dir(index_dir)
        enable()  # a process of its own: the parent's start-up didn't run here
        writer = pooled_by_term(compat.unlocked_writer(ix), memory_mb)
        add = article_adder(writer)
        while (chunk := _next_job(jobs)) is not None:
            done = [index_file(job, extractor, add) for job in chunk]
            results.put(("files", done))
        started = time.perf_counter()
        segment = compat.finish_segment(writer)
        finishing = time.perf_counter() - started
        arrays = arrays_seconds(writer)
        seconds = {WRITE_STAGE: finishing - arrays, ARRAYS_STAGE: arrays}
        # The temporary folder is shared by every writer of the index; the parent removes it.
        results.put(("segment", (segment, seconds)))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _next_job(jobs: multiprocessing.Queue) -> list[FileJob] | None:
    """The next chunk of files, or None when done. A worker whose parent was killed ends now,
    before the chunks queued ahead of it too: nobody will commit its segment, and waiting for
    jobs would keep it alive forever."""
    parent = multiprocessing.parent_process()
    while True:
        if parent is not None and not parent.is_alive():
            os._exit(1)  # skip the exit handlers: they would wait to flush queues nobody reads
        try:
            return jobs.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            pass
