"""Bringing an archive's index up to date, whatever the engine: only new and changed files are read.

The archive is scanned and compared with the manifest of what is indexed; the plan of new,
changed and removed files is written through the engine's `IndexWriter` in one commit, then the
manifest is saved. Progress goes to a callback, and the report counts every file of the archive.
Reading one file (parsing, entities) is `index_file`, which an engine's worker processes run too.

The user's corrections of names are applied as each story's names are found. The manifest keeps
the corrections the index was built with: when they change, the files of the stories that name a
corrected name (as an entity of any kind, or in their text) are read again, and only those.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from articles.archive import SourceFile, read_source, scan_archive
from articles.entities import EntityExtractor, get_extractor
from articles.entities.corrections import (
    CorrectedExtractor,
    Correction,
    changed_names,
    corrections_from_json,
    corrections_to_json,
)
from articles.model import ENTITY_KINDS, Article, Entities, Problem
from index.api import (
    DEFAULT_EXTRACTOR,
    ENTITY_SCAN_CHARS,
    Engine,
    FileJob,
    FileResult,
    IndexProgress,
    IndexReport,
    IndexUnavailable,
    IndexWriter,
    ProgressCallback,
    QueryError,
    entity_query,
)
from index.manifest import MANIFEST_NAME, Manifest, ManifestEntry


@dataclass(slots=True)
class _Plan:
    new: list[SourceFile] = field(default_factory=list)
    changed: list[SourceFile] = field(default_factory=list)
    unchanged: list[ManifestEntry] = field(default_factory=list)
    removed: list[ManifestEntry] = field(default_factory=list)
    scan_skipped: list[Problem] = field(default_factory=list)
    # Changed by mtime or size only: compared by content hash before re-parsing.
    suspect: dict[str, ManifestEntry] = field(default_factory=dict)
    # Unchanged, read again for the user's corrections: never taken as identical.
    corrected: set[str] = field(default_factory=set)


def pending_changes(
    archive: Path,
    index_dir: Path,
    engine: Engine,
    extractor: str | None = None,
    corrections: Sequence[Correction] | None = None,
) -> int:
    """How many files are new, changed (by size or mtime) or removed, or to be read again for
    `corrections` (None: those the index was built with); stats and the index only."""
    if not engine.index_exists(index_dir) or not settings_match(index_dir, engine, extractor):
        return max(1, len(scan_archive(archive).files))
    manifest = Manifest(index_dir)
    try:
        built_with = corrections_from_json(manifest.setting("corrections"))
        changed = changed_names(built_with, built_with if corrections is None else corrections)
        plan = _plan(archive, manifest.entries(), _paths_naming(engine, index_dir, changed))
    finally:
        manifest.close()
    return len(plan.new) + len(plan.suspect) + len(plan.removed)


def update_index(
    archive: Path,
    index_dir: Path,
    engine: Engine,
    *,
    rebuild: bool = False,
    extractor: str | None = None,
    progress: ProgressCallback | None = None,
    corrections: Sequence[Correction] | None = None,
) -> IndexReport:
    """Index new and changed files of `archive`, drop removed ones. Raises IndexUnavailable.

    `extractor` None keeps the one the index was built with ("default" for a new index);
    another one than the index's rebuilds it. `corrections` None keeps those the index was
    built with; others re-index the stories whose names they change.
    """
    try:
        return _update_index(archive, index_dir, engine, rebuild, extractor, progress, corrections)
    except (OSError, sqlite3.Error) as error:  # a read-only folder, a full disk
        raise IndexUnavailable(f"can't write the index in {index_dir}: {error}") from error


def _update_index(
    archive: Path,
    index_dir: Path,
    engine: Engine,
    rebuild: bool,
    extractor: str | None,
    progress: ProgressCallback | None,
    corrections: Sequence[Correction] | None,
) -> IndexReport:
    started = time.perf_counter()
    extractor = extractor or index_extractor(index_dir, engine) or DEFAULT_EXTRACTOR
    if rebuild or not settings_match(index_dir, engine, extractor):
        _remove_index(index_dir, engine)
    created = not engine.index_exists(index_dir)
    engine.prepare_index(index_dir, archive)
    manifest = Manifest(index_dir)
    try:
        if created:
            manifest.clear()  # left from an index that is gone: it describes nothing now
        built_with = corrections_from_json(manifest.setting("corrections"))
        corrections = built_with if corrections is None else tuple(corrections)
        corrected_paths = _paths_naming(engine, index_dir, changed_names(built_with, corrections))
        plan = _plan(archive, manifest.entries(), corrected_paths)
        report = _problems_known(plan, manifest.scan_skipped())
        entity_extractor = CorrectedExtractor(get_extractor(extractor), corrections)
        entries = _write(engine, index_dir, plan, entity_extractor, report, progress)
        report.unchanged += sum(entry.article_count for entry in plan.unchanged)
        report.removed = sum(entry.article_count for entry in plan.removed)
        manifest.save(
            entries,
            [entry.path for entry in plan.removed],
            {
                "schema_version": engine.schema_version,
                "extractor": extractor,
                "corrections": corrections_to_json(corrections),
            },
            [(problem.path, problem.message) for problem in plan.scan_skipped],
        )
    finally:
        manifest.close()
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


def index_extractor(index_dir: Path, engine: Engine) -> str | None:
    """The entity extractor an existing index was built with."""
    built_with = _built_with(index_dir, engine)
    return built_with[1] if built_with else None


def index_is_current(index_dir: Path, engine: Engine, extractor: str | None) -> bool:
    """An index is there, of the engine's schema and built with `extractor` (None: any)."""
    try:
        return engine.index_exists(index_dir) and settings_match(index_dir, engine, extractor)
    except sqlite3.Error:
        return False  # the update tries, and says what is wrong


def settings_match(index_dir: Path, engine: Engine, extractor: str | None) -> bool:
    """False when the index must be rebuilt: an older schema, another extractor asked for, or a
    manifest that is not a database at all (the index is a cache: it is built again)."""
    if not engine.index_exists(index_dir):
        return True  # nothing to throw away
    built_with = _built_with(index_dir, engine)
    if built_with is None:
        return False
    schema_version, built_extractor = built_with
    return schema_version in (None, engine.schema_version) and (
        extractor is None or built_extractor in (None, extractor)
    )


def _built_with(index_dir: Path, engine: Engine) -> tuple[str | None, str | None] | None:
    """The schema version and extractor in an index's manifest; None without an index, or when
    the manifest is not a database."""
    if not engine.index_exists(index_dir):
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


def _remove_index(index_dir: Path, engine: Engine) -> None:
    """Delete the index's files and the manifest (with its journal), nothing else of the folder.
    The engine refuses while another process writes to the index, before anything is deleted."""
    if not index_dir.is_dir():
        return
    engine.remove_index(index_dir)
    for path in index_dir.glob(f"{MANIFEST_NAME}*"):
        if path.is_file():
            path.unlink()


def _paths_naming(engine: Engine, index_dir: Path, names: Collection[str]) -> set[str]:
    """The archive files of the indexed stories that name one of `names`: as an entity of any
    kind, or in their text (a name no longer indexed, or one a removed correction gives back)."""
    if not names or not engine.index_exists(index_dir):
        return set()
    index = engine.open(index_dir)
    try:
        paths: set[str] = set()
        for name in names:
            entity_queries = [entity_query(kind, name) for kind in ENTITY_KINDS]
            phrase = '"' + name.replace('"', "") + '"'
            for queries in (entity_queries + [phrase], entity_queries):
                try:
                    page = index.search(" OR ".join(queries), suggest=False, through_end=True)
                except QueryError:
                    continue  # a name whose text the query language reads otherwise
                paths.update(hit.path for hit in page.hits)
                break
        return paths
    finally:
        index.close()


def _plan(
    archive: Path, known: dict[str, ManifestEntry], corrected_paths: Collection[str] = ()
) -> _Plan:
    scan = scan_archive(archive)
    plan = _Plan(scan_skipped=scan.skipped)
    for source in scan.files:
        entry = known.pop(source.path, None)
        if entry is None:
            plan.new.append(source)
        elif (
            entry.size == source.size
            and entry.mtime_ns == source.mtime_ns
            and source.path not in corrected_paths
        ):
            plan.unchanged.append(entry)
        else:
            plan.changed.append(source)
            plan.suspect[source.path] = entry
            if source.path in corrected_paths:
                plan.corrected.add(source.path)
    plan.removed = list(known.values())
    return plan


def _write(
    engine: Engine,
    index_dir: Path,
    plan: _Plan,
    extractor: EntityExtractor,
    report: IndexReport,
    progress: ProgressCallback | None,
) -> list[ManifestEntry]:
    """Apply the plan in one commit; returns the manifest entries to save after it."""
    jobs = [FileJob(source) for source in plan.new] + [
        FileJob(
            source,
            None if source.path in plan.corrected else plan.suspect[source.path].content_hash,
        )
        for source in plan.changed
    ]
    if not jobs and not plan.removed:
        return []
    writer = engine.writer(index_dir)
    try:
        entries = _write_files(writer, jobs, plan, extractor, report, progress)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return entries


def _write_files(
    writer: IndexWriter,
    jobs: list[FileJob],
    plan: _Plan,
    extractor: EntityExtractor,
    report: IndexReport,
    progress: ProgressCallback | None,
) -> list[ManifestEntry]:
    # Articles of a file not in the manifest may still be in the index after a crash.
    fresh = writer.started_empty
    entries: list[ManifestEntry] = []
    skipped = len(report.skipped)  # counted as IndexProgress says
    for entry in plan.removed:
        writer.delete(entry.path)
    if progress:
        progress(IndexProgress(0, len(jobs), skipped))
    for done, result in enumerate(writer.index_files(jobs, extractor), start=1):
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
            # Deletions reach only committed articles, never what this run adds.
            if replaced or not fresh:
                writer.delete(result.source.path)
            if replaced:
                report.updated += result.article_count
            else:
                report.indexed += result.article_count
        if progress:
            progress(IndexProgress(done, len(jobs), skipped))
    return entries


AddArticle = Callable[[Article, Entities], None]


def index_file(job: FileJob, extractor: EntityExtractor, add: AddArticle) -> FileResult:
    """Read one file and add its articles with the names found in them; never raises for what
    is in the file."""
    source = job.source
    try:
        contents = read_source(source)
        result = FileResult(
            source,
            contents.content_hash,
            len(contents.articles),
            contents.skipped,
            contents.warnings,
            identical=job.previous_hash is not None and job.previous_hash == contents.content_hash,
        )
        if not result.identical:
            for article in contents.articles:
                add(article, extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS]))
    except Exception as error:  # a bug on odd input skips the file; it never stops the run
        problem = Problem(source.path, f"could not be read ({type(error).__name__}: {error})")
        return FileResult(source, skipped=problem)
    return result
