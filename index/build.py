"""Bringing an archive's index up to date: only new and changed files are read.

Parsing and entity extraction run in a process pool on large updates; Whoosh's multiprocess
writer does the analysis on large ones too. Progress goes to a callback.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.writing import IndexWriter

from articles.archive import FileContents, SourceFile, read_source, scan_archive
from articles.entities import EntityExtractor, get_extractor
from articles.model import ENTITY_KINDS, Article, Entities, Problem
from index.errors import IndexBusy, IndexUnavailable
from index.manifest import MANIFEST_NAME, Manifest, ManifestEntry
from index.schema import build_schema, join_names

# Bump when the schema or what goes into it changes: an older index is then rebuilt.
SCHEMA_VERSION = "2"
# Below these sizes a pool of processes costs more than it saves.
POOL_MIN_FILES = 400
MULTIPROCESS_WRITER_MIN_FILES = 4000
POOL_CHUNK_FILES = 64
WRITER_MEMORY_MB = 256
# Entities come from an article's opening: a 20 MB "article" (a log, a dump) would otherwise take
# a minute of extraction for names nobody reads. Mentions shown in the reader use the same cap.
ENTITY_SCAN_CHARS = 1_000_000
# Whoosh's files (index name MAIN) and the manifest with its SQLite journal.
_INDEX_FILE_PREFIXES = ("MAIN_", "_MAIN_", MANIFEST_NAME)


@dataclass(frozen=True, slots=True)
class IndexProgress:
    done: int
    total: int
    skipped: int


@dataclass(slots=True)
class IndexReport:
    """Counts are of articles; `skipped` lists files that gave none."""

    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "indexed": self.indexed,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"path": p.path, "reason": p.message} for p in self.skipped],
            "warnings": [{"path": p.path, "message": p.message} for p in self.warnings],
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class _Plan:
    new: list[SourceFile] = field(default_factory=list)
    changed: list[SourceFile] = field(default_factory=list)
    unchanged: list[ManifestEntry] = field(default_factory=list)
    removed: list[ManifestEntry] = field(default_factory=list)
    scan_skipped: list[Problem] = field(default_factory=list)
    # Changed by mtime or size only: compared by content hash before re-parsing.
    suspect: dict[str, ManifestEntry] = field(default_factory=dict)


ProgressCallback = Callable[[IndexProgress], None]


def index_exists(index_dir: Path) -> bool:
    if not index_dir.is_dir():
        return False
    try:
        return whoosh_index.exists_in(str(index_dir))
    except Exception:  # damaged, but there: opening it says what is wrong
        return True


def pending_changes(archive: Path, index_dir: Path, extractor: str = "default") -> int:
    """How many files are new, changed (by size or mtime) or removed; stats only, reads nothing."""
    if not index_exists(index_dir) or not _settings_match(index_dir, extractor):
        return max(1, len(scan_archive(archive).files))
    manifest = Manifest(index_dir)
    try:
        plan = _plan(archive, manifest.entries())
    finally:
        manifest.close()
    return len(plan.new) + len(plan.suspect) + len(plan.removed)


def update_index(
    archive: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    extractor: str = "default",
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Index new and changed files of `archive`, drop removed ones. Raises IndexUnavailable."""
    try:
        return _update_index(archive, index_dir, rebuild, extractor, progress)
    except (OSError, sqlite3.Error) as error:  # a read-only folder, a full disk
        raise IndexUnavailable(f"can't write the index in {index_dir}: {error}") from error


def _update_index(
    archive: Path,
    index_dir: Path,
    rebuild: bool,
    extractor: str,
    progress: ProgressCallback | None,
) -> IndexReport:
    started = time.perf_counter()
    entity_extractor = get_extractor(extractor)
    if rebuild or not _settings_match(index_dir, extractor):
        _remove_index(index_dir)
    created = not index_exists(index_dir)
    ix = _open_or_create(index_dir)
    manifest = Manifest(index_dir)
    try:
        if created:
            manifest.clear()  # left from an index that is gone: it describes nothing now
        plan = _plan(archive, manifest.entries())
        report = IndexReport(skipped=list(plan.scan_skipped))
        parsed = _parse_all(plan.new + plan.changed, extractor, entity_extractor)
        entries = _write(ix, plan, parsed, report, progress)
        report.unchanged += sum(entry.article_count for entry in plan.unchanged)
        report.removed = sum(entry.article_count for entry in plan.removed)
        report.skipped.extend(
            Problem(entry.path, entry.skip_reason) for entry in plan.unchanged if entry.skip_reason
        )
        manifest.save(
            entries,
            [entry.path for entry in plan.removed],
            {"schema_version": SCHEMA_VERSION, "extractor": extractor},
        )
    finally:
        manifest.close()
        ix.close()
    report.skipped.sort(key=lambda problem: problem.path)
    report.seconds = time.perf_counter() - started
    return report


def _settings_match(index_dir: Path, extractor: str) -> bool:
    if not index_exists(index_dir):
        return True  # nothing to throw away
    manifest = Manifest(index_dir)
    try:
        return manifest.setting("schema_version") in (None, SCHEMA_VERSION) and manifest.setting(
            "extractor"
        ) in (None, extractor)
    finally:
        manifest.close()


def _remove_index(index_dir: Path) -> None:
    """Delete the index's own files only: `--index-dir` may name a folder that holds others."""
    if not index_dir.is_dir():
        return
    for path in index_dir.iterdir():
        if path.name.startswith(_INDEX_FILE_PREFIXES) and path.is_file():
            path.unlink()


def _open_or_create(index_dir: Path) -> whoosh_index.Index:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if whoosh_index.exists_in(str(index_dir)):
            ix = whoosh_index.open_dir(str(index_dir))
            ix.reader().close()  # a truncated segment fails here, not halfway through the update
            return ix
        return whoosh_index.create_in(str(index_dir), build_schema())
    except OSError as error:
        raise IndexUnavailable(
            f"can't write the index in {index_dir}: {error.strerror or error}"
        ) from error
    except Exception as error:  # Whoosh raises many types for a damaged index
        raise IndexUnavailable(
            f"the index in {index_dir} is damaged ({error}); "
            "run `newsreader index ARCHIVE --rebuild`"
        ) from error


def _plan(archive: Path, known: dict[str, ManifestEntry]) -> _Plan:
    scan = scan_archive(archive)
    plan = _Plan(scan_skipped=scan.skipped)
    for source in scan.files:
        entry = known.pop(source.path, None)
        if entry is None:
            plan.new.append(source)
        elif entry.size == source.size and entry.mtime_ns == source.mtime_ns:
            plan.unchanged.append(entry)
        else:
            plan.changed.append(source)
            plan.suspect[source.path] = entry
    plan.removed = list(known.values())
    return plan


@dataclass(slots=True)
class _Parsed:
    source: SourceFile
    contents: FileContents
    entities: list[Entities]


def _parse_all(
    sources: list[SourceFile], extractor_name: str, extractor: EntityExtractor
) -> Iterator[_Parsed]:
    """Parsed files in order; in a process pool for large updates, a bounded number in flight."""
    workers = min(os.cpu_count() or 1, 8)
    if len(sources) < POOL_MIN_FILES or workers < 2:
        for source in sources:
            yield _parse_one(source, extractor)
        return
    chunks = iter(
        [sources[i : i + POOL_CHUNK_FILES] for i in range(0, len(sources), POOL_CHUNK_FILES)]
    )
    with ProcessPoolExecutor(max_workers=workers) as pool:
        in_flight: deque[Future[list[_Parsed]]] = deque(
            pool.submit(_parse_chunk, chunk, extractor_name)
            for chunk in islice(chunks, 2 * workers)
        )
        while in_flight:
            chunk_results = in_flight.popleft().result()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                in_flight.append(pool.submit(_parse_chunk, next_chunk, extractor_name))
            yield from chunk_results


_worker_extractors: dict[str, EntityExtractor] = {}


def _parse_chunk(sources: list[SourceFile], extractor_name: str) -> list[_Parsed]:
    extractor = _worker_extractors.get(extractor_name)
    if extractor is None:
        extractor = _worker_extractors[extractor_name] = get_extractor(extractor_name)
    return [_parse_one(source, extractor) for source in sources]


def _parse_one(source: SourceFile, extractor: EntityExtractor) -> _Parsed:
    try:
        contents = read_source(source)
        entities = [
            extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS])
            for article in contents.articles
        ]
    except Exception as error:  # a bug on odd input skips the file; it never stops the run
        problem = Problem(source.path, f"could not be read ({type(error).__name__}: {error})")
        return _Parsed(source, FileContents(skipped=problem), [])
    return _Parsed(source, contents, entities)


def _write(
    ix: whoosh_index.Index,
    plan: _Plan,
    parsed: Iterator[_Parsed],
    report: IndexReport,
    progress: ProgressCallback | None,
) -> list[ManifestEntry]:
    """Apply the plan in one commit; returns the manifest entries to save after it."""
    total = len(plan.new) + len(plan.changed)
    if not total and not plan.removed:
        return []
    # Articles of a file not in the manifest may still be in the index after a crash.
    fresh = ix.doc_count_all() == 0
    writer = _writer(ix, total)
    entries: list[ManifestEntry] = []
    skipped = 0
    try:
        for entry in plan.removed:
            writer.delete_by_term("path", entry.path)
        if progress:
            progress(IndexProgress(0, total, 0))
        for done, result in enumerate(parsed, start=1):
            source, contents = result.source, result.contents
            entries.append(
                ManifestEntry(
                    source.path,
                    source.size,
                    source.mtime_ns,
                    contents.content_hash,
                    len(contents.articles),
                    contents.skipped.message if contents.skipped else None,
                )
            )
            if contents.skipped:
                skipped += 1
                report.skipped.append(contents.skipped)
            report.warnings.extend(contents.warnings)
            previous = plan.suspect.get(source.path)
            if previous and previous.content_hash == contents.content_hash:
                # Touched but not changed: its articles stay as they are.
                report.unchanged += len(contents.articles)
            else:
                if previous or not fresh:
                    writer.delete_by_term("path", source.path)
                for article, entities in zip(contents.articles, result.entities, strict=True):
                    writer.add_document(**_document(article, entities))
                if previous:
                    report.updated += len(contents.articles)
                else:
                    report.indexed += len(contents.articles)
            if progress:
                progress(IndexProgress(done, total, skipped))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return entries


def _writer(ix: whoosh_index.Index, file_count: int) -> IndexWriter:
    procs = min(os.cpu_count() or 1, 4)
    try:
        if file_count >= MULTIPROCESS_WRITER_MIN_FILES and procs > 1:
            return ix.writer(procs=procs, limitmb=WRITER_MEMORY_MB // procs)
        return ix.writer(limitmb=WRITER_MEMORY_MB)
    except LockError as error:
        raise IndexBusy(
            "another newsreader is updating this index; try again when it has finished"
        ) from error


def _document(article: Article, entities: Entities) -> dict[str, object]:
    document: dict[str, object] = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.body,
        "entity_lists": tuple(entities.names[kind] for kind in ENTITY_KINDS),
    }
    if article.date is not None:
        document["date"] = datetime.combine(article.date, datetime.min.time())
    for name in ("author", "source", "url"):
        value = getattr(article, name)
        if value:
            document[name] = value
    for kind in ENTITY_KINDS:
        if entities.names[kind]:
            document[kind] = join_names(entities.names[kind])
    return document
