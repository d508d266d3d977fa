"""Bringing an archive's index up to date: only new and changed files are read.

Large updates are indexed by worker processes that each write a segment of their own (see
`index.whoosh.indexing`); small ones in-process. Progress goes to a callback.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.util.filelock import FileLock
from whoosh.writing import SegmentWriter

from articles.archive import SourceFile, scan_archive
from articles.entities import EntityExtractor, get_extractor
from articles.model import Problem
from index.api import IndexBusy, IndexUnavailable, unreadable_index
from index.fastpath.compat import fast_path_on
from index.fastpath.term_pool import pooled_by_term
from index.manifest import MANIFEST_NAME, Manifest, ManifestEntry
from index.whoosh.indexing import FileJob, SegmentWorkers, index_file
from index.whoosh.schema import build_schema

# Bump when the schema or what goes into it changes: an older index is then rebuilt.
SCHEMA_VERSION = "7"
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 400
MAX_PROCESSES = 8
WRITER_MEMORY_MB = 256
DEFAULT_EXTRACTOR = "default"
# Whoosh's files (index name MAIN) and the manifest with its SQLite journal.
_INDEX_FILE_PREFIXES = ("MAIN_", "_MAIN_", MANIFEST_NAME)
# The lock a Whoosh writer holds on index MAIN.
_WRITE_LOCK_NAME = "MAIN_WRITELOCK"
_BUSY = "another newsreader is updating this index; try again when it has finished"


@dataclass(frozen=True, slots=True)
class IndexProgress:
    """`done` of the `total` files read in this run; `skipped` counts the files not indexed so
    far as the report does: those the scan or an earlier run set aside, then those read now."""

    done: int
    total: int
    skipped: int


@dataclass(slots=True)
class IndexReport:
    """What an update did and the state of the archive's files after it: the one summary that
    the progress, the command line and the reader all count from.

    Counts are of articles (stories). `skipped` lists every file of the archive that is not in
    the index, with why; `warnings` every caveat about a file that is in it (no date line, read
    as Windows-1252): such a file is indexed, not skipped. Both cover the whole archive, not
    only the files read now: `reported_before` holds the paths among them that an earlier run
    reported and that have not changed since.
    """

    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    reported_before: set[str] = field(default_factory=set)

    @property
    def skipped_summary(self) -> str | None:
        """ "5 files skipped (4 unchanged since the last run)", or None."""
        return self._files_summary(self.skipped, "skipped")

    @property
    def warnings_summary(self) -> str | None:
        """ "2 files indexed with warnings (…)", or None."""
        return self._files_summary(self.warnings, "indexed with warnings")

    @property
    def has_new_problems(self) -> bool:
        """Whether a file is skipped or warned about that was not reported before."""
        return any(
            problem.path not in self.reported_before for problem in self.skipped + self.warnings
        )

    def file_counts(self, problems: list[Problem]) -> tuple[int, int]:
        """How many files `problems` are about, and how many of those were reported before."""
        paths = {problem.path for problem in problems}
        return len(paths), len(paths & self.reported_before)

    def _files_summary(self, problems: list[Problem], what: str) -> str | None:
        files, earlier = self.file_counts(problems)
        if not files:
            return None
        summary = f"{files:,} {'file' if files == 1 else 'files'} {what}"
        if earlier:
            summary += f" ({earlier:,} unchanged since the last run)"
        return summary

    def as_json(self) -> dict[str, object]:
        return {
            "indexed": self.indexed,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [
                {
                    "path": p.path,
                    "reason": p.message,
                    "unchanged_since_last_run": p.path in self.reported_before,
                }
                for p in self.skipped
            ],
            "warnings": [
                {
                    "path": p.path,
                    "message": p.message,
                    "unchanged_since_last_run": p.path in self.reported_before,
                }
                for p in self.warnings
            ],
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


def pending_changes(archive: Path, index_dir: Path, extractor: str | None = None) -> int:
    """How many files are new, changed (by size or mtime) or removed; stats only, reads nothing."""
    if not index_exists(index_dir) or not settings_match(index_dir, extractor):
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
    extractor: str | None = None,
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Index new and changed files of `archive`, drop removed ones. Raises IndexUnavailable.

    `extractor` None keeps the one the index was built with ("default" for a new index);
    another one than the index's rebuilds it.
    """
    try:
        return _update_index(archive, index_dir, rebuild, extractor, progress)
    except (OSError, sqlite3.Error) as error:  # a read-only folder, a full disk
        raise IndexUnavailable(f"can't write the index in {index_dir}: {error}") from error


def _update_index(
    archive: Path,
    index_dir: Path,
    rebuild: bool,
    extractor: str | None,
    progress: ProgressCallback | None,
) -> IndexReport:
    started = time.perf_counter()
    extractor = extractor or index_extractor(index_dir) or DEFAULT_EXTRACTOR
    entity_extractor = get_extractor(extractor)
    if rebuild or not settings_match(index_dir, extractor):
        _remove_index(index_dir)
    created = not index_exists(index_dir)
    ix = _open_or_create(index_dir, archive)
    manifest = Manifest(index_dir)
    try:
        if created:
            manifest.clear()  # left from an index that is gone: it describes nothing now
        plan = _plan(archive, manifest.entries())
        report = _problems_known(plan, manifest.scan_skipped())
        entries = _write(ix, index_dir, plan, extractor, entity_extractor, report, progress)
        report.unchanged += sum(entry.article_count for entry in plan.unchanged)
        report.removed = sum(entry.article_count for entry in plan.removed)
        manifest.save(
            entries,
            [entry.path for entry in plan.removed],
            {"schema_version": SCHEMA_VERSION, "extractor": extractor},
            [(problem.path, problem.message) for problem in plan.scan_skipped],
        )
    finally:
        manifest.close()
        ix.close()
    report.skipped.sort(key=lambda problem: problem.path)
    report.warnings.sort(key=lambda problem: problem.path)
    report.seconds = time.perf_counter() - started
    return report


def _problems_known(plan: _Plan, scan_skipped_before: dict[str, str]) -> IndexReport:
    """A report that starts with the problems known before any file is read: what the scan set
    aside, and the skip reasons and warnings kept for the files that have not changed."""
    report = IndexReport(skipped=list(plan.scan_skipped))
    report.reported_before.update(
        problem.path
        for problem in plan.scan_skipped
        if scan_skipped_before.get(problem.path) == problem.message
    )
    for entry in plan.unchanged:
        if entry.skip_reason:
            report.skipped.append(Problem(entry.path, entry.skip_reason))
        report.warnings.extend(Problem(entry.path, message) for message in entry.warnings)
        if entry.skip_reason or entry.warnings:
            report.reported_before.add(entry.path)
    return report


def index_extractor(index_dir: Path) -> str | None:
    """The entity extractor an existing index was built with."""
    built_with = _built_with(index_dir)
    return built_with[1] if built_with else None


def settings_match(index_dir: Path, extractor: str | None) -> bool:
    """False when the index must be rebuilt: an older schema, another extractor asked for, or a
    manifest that is not a database at all (the index is a cache: it is built again)."""
    if not index_exists(index_dir):
        return True  # nothing to throw away
    built_with = _built_with(index_dir)
    if built_with is None:
        return False
    schema_version, built_extractor = built_with
    return schema_version in (None, SCHEMA_VERSION) and (
        extractor is None or built_extractor in (None, extractor)
    )


def _built_with(index_dir: Path) -> tuple[str | None, str | None] | None:
    """The schema version and extractor in an index's manifest; None without an index, or when
    the manifest is not a database."""
    if not index_exists(index_dir):
        return None
    try:
        manifest = Manifest(index_dir)
        try:
            return manifest.setting("schema_version"), manifest.setting("extractor")
        finally:
            manifest.close()
    except sqlite3.OperationalError:
        raise  # locked or unreadable: another indexer may be at work, nothing is thrown away
    except sqlite3.DatabaseError:
        return None


def _remove_index(index_dir: Path) -> None:
    """Delete the index's own files only: `--index-dir` may name a folder that holds others.

    Not while another process writes to it (its lock is kept: deleting a lock held would let
    two writers in)."""
    if not index_dir.is_dir():
        return
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


def _open_or_create(index_dir: Path, archive: Path) -> whoosh_index.Index:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if not whoosh_index.exists_in(str(index_dir)):
            return whoosh_index.create_in(str(index_dir), build_schema())
    except OSError as error:
        raise IndexUnavailable(
            f"can't write the index in {index_dir}: {error.strerror or error}"
        ) from error
    except Exception as error:  # Whoosh raises many types for a damaged table of contents
        raise unreadable_index(error, index_dir, archive) from error
    try:
        ix = whoosh_index.open_dir(str(index_dir))
        ix.reader().close()  # a truncated segment fails here, not halfway through the update
        return ix
    except Exception as error:  # Whoosh raises many types for a damaged index
        raise unreadable_index(error, index_dir, archive) from error


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


def _write(
    ix: whoosh_index.Index,
    index_dir: Path,
    plan: _Plan,
    extractor_name: str,
    extractor: EntityExtractor,
    report: IndexReport,
    progress: ProgressCallback | None,
) -> list[ManifestEntry]:
    """Apply the plan in one commit; returns the manifest entries to save after it."""
    jobs = [FileJob(source) for source in plan.new] + [
        FileJob(source, plan.suspect[source.path].content_hash) for source in plan.changed
    ]
    if not jobs and not plan.removed:
        return []
    # Articles of a file not in the manifest may still be in the index after a crash.
    fresh = ix.doc_count_all() == 0
    writer = _writer(ix)
    processes = min(os.cpu_count() or 1, MAX_PROCESSES)
    workers = None
    # Committing the workers' segments takes Whoosh internals: only on a version tested.
    if len(jobs) >= PARALLEL_MIN_FILES and processes > 1 and fast_path_on():
        workers = SegmentWorkers(
            index_dir, extractor_name, processes, WRITER_MEMORY_MB // processes
        )
    entries: list[ManifestEntry] = []
    skipped = len(report.skipped)  # counted as IndexProgress says
    try:
        for entry in plan.removed:
            writer.delete_by_term("path", entry.path)
        if progress:
            progress(IndexProgress(0, len(jobs), skipped))
        results = (
            workers.run(jobs)
            if workers
            else (index_file(job, extractor, writer.add_document) for job in jobs)
        )
        for done, result in enumerate(results, start=1):
            entries.append(
                ManifestEntry(
                    result.source.path,
                    result.source.size,
                    result.source.mtime_ns,
                    result.content_hash,
                    result.article_count,
                    result.skipped.message if result.skipped else None,
                    tuple(warning.message for warning in result.warnings),
                )
            )
            if result.skipped:
                skipped += 1
                report.skipped.append(result.skipped)
            report.warnings.extend(result.warnings)
            replaced = result.source.path in plan.suspect
            if result.identical:
                # Touched, not changed: what it gives rise to was reported when it last changed.
                if result.skipped or result.warnings:
                    report.reported_before.add(result.source.path)
                report.unchanged += result.article_count
            else:
                # Deletions reach only committed segments, never what this run adds.
                if replaced or not fresh:
                    writer.delete_by_term("path", result.source.path)
                if replaced:
                    report.updated += result.article_count
                else:
                    report.indexed += result.article_count
            if progress:
                progress(IndexProgress(done, len(jobs), skipped))
        if workers:
            workers.commit(writer)
        else:
            writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        if workers:
            workers.close()
    return entries


def _writer(ix: whoosh_index.Index) -> SegmentWriter:
    try:
        return pooled_by_term(ix.writer(), WRITER_MEMORY_MB)
    except LockError as error:
        raise IndexBusy(_BUSY) from error
