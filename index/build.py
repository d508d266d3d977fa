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

import json
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from articles.archive import (
    SourceFile,
    broken_lines_problem,
    read_json_lines_part,
    read_source,
    scan_archive,
)
from articles.entities import EntityExtractor, get_extractor
from articles.entities.archive_kinds import NOTHING_SHOWN, ArchiveEvidence, ArchiveKinds
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
    EXTRACT_STAGE,
    JSON_LINES_PART_BYTES,
    READ_STAGE,
    WRITE_STAGE,
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
from index.json_lines_parts import plan_json_lines
from index.manifest import MANIFEST_NAME, Manifest, ManifestEntry
from index.query import MAX_QUERY_CHARS


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


@dataclass(slots=True)
class _FileWork:
    """What this run does with one new or changed file: the jobs that read it (one, or one per
    part of a JSON Lines file), and their results as they come."""

    source: SourceFile
    jobs: list[FileJob]
    # Its articles in the index are deleted: it changed, and is read in full.
    replaced: bool
    # The file's hash, when it was read to be split in parts.
    content_hash: str = ""
    # A JSON Lines file that only grew: what is indexed of it stays, its new lines are added.
    kept: ManifestEntry | None = None
    results: list[FileResult] = field(default_factory=list)
    # Known without reading it again: a file touched but not changed.
    known: FileResult | None = None


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
        corrections = built_with if corrections is None else tuple(corrections)
        reread = _read_again(engine, index_dir, manifest, built_with, corrections)
        plan = _plan(archive, manifest.entries(), reread)
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
    json_lines_part_bytes: int = JSON_LINES_PART_BYTES,
    corrections: Sequence[Correction] | None = None,
    dask_address: str | None = None,
) -> IndexReport:
    """Index new and changed files of `archive`, drop removed ones. Raises IndexUnavailable.

    `extractor` None keeps the one the index was built with ("default" for a new index);
    another one than the index's rebuilds it. A JSON Lines file larger than
    `json_lines_part_bytes` is read in parts of about that size, in parallel. `corrections` None
    keeps those the index was built with; others re-index the stories whose names they change.
    `dask_address`: the files are read on the workers of that Dask scheduler (`index.cluster`),
    connected to before anything is changed.
    """
    runner = None
    if dask_address:
        from index import cluster

        runner = cluster.connect(dask_address, archive)
    try:
        return _update_index(
            archive,
            index_dir,
            engine,
            rebuild,
            extractor,
            progress,
            json_lines_part_bytes,
            corrections,
            runner,
        )
    except (OSError, sqlite3.Error) as error:  # a read-only folder, a full disk
        raise IndexUnavailable(f"can't write the index in {index_dir}: {error}") from error
    finally:
        if runner:
            runner.close()


def _update_index(
    archive: Path,
    index_dir: Path,
    engine: Engine,
    rebuild: bool,
    extractor: str | None,
    progress: ProgressCallback | None,
    part_bytes: int,
    corrections: Sequence[Correction] | None,
    runner: JobRunner | None,
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
        kinds = _archive_kinds(manifest)
        reread = _read_again(engine, index_dir, manifest, built_with, corrections, kinds)
        settings = {"schema_version": engine.schema_version, "extractor": extractor}
        one_pass = _UpdatePass(
            engine, archive, index_dir, manifest, settings, corrections, part_bytes, runner
        )
        so_far = _ProgressSoFar(progress) if progress else None
        report = one_pass.run(reread, kinds, so_far.report if so_far else None)
        # The stories just read may show more names to be companies or clubs (or fewer): the
        # stories that read those names otherwise are read again as the whole archive does.
        settled = _archive_kinds(manifest)
        if settled != kinds:
            again = _paths_read_otherwise(engine, index_dir, kinds, settled, corrections)
            second = one_pass.run(again, settled, so_far.continued if so_far else None)
            report.add_stage_seconds(second.stage_seconds)
    finally:
        manifest.close()
    report.skipped.sort(key=lambda problem: problem.path)
    report.warnings.sort(key=lambda problem: problem.path)
    report.seconds = time.perf_counter() - started
    return report


# The setting that keeps what the archive showed its names to be when its stories were read
# (`articles.entities.archive_kinds`): {"organizations": [names], "clubs": [names]}.
ARCHIVE_KINDS = "archive_kinds"


def archive_kinds_from_json(text: str | None) -> ArchiveKinds | None:
    """The archive's kinds a setting holds; None for None or text that is not of that form."""
    try:
        kinds = json.loads(text or "null")
    except ValueError:
        return None
    if not isinstance(kinds, dict):
        return None
    organizations, clubs = (kinds.get(key) for key in ("organizations", "clubs"))
    if not isinstance(organizations, list) or not isinstance(clubs, list):
        return None
    return ArchiveKinds(
        frozenset(name for name in organizations if isinstance(name, str)),
        frozenset(name for name in clubs if isinstance(name, str)),
    )


def _archive_kinds_json(kinds: ArchiveKinds) -> str:
    return json.dumps(
        {"organizations": sorted(kinds.organizations), "clubs": sorted(kinds.clubs)},
        ensure_ascii=False,
    )


def _read_again(
    engine: Engine,
    index_dir: Path,
    manifest: Manifest,
    built_with: Sequence[Correction],
    corrections: Sequence[Correction],
    kinds: ArchiveKinds | None = None,
) -> set[str]:
    """The unchanged files to read again: those naming a name whose correction is not the one
    indexed (`built_with`), and those whose stories were read under other archive's kinds than
    `kinds` (None: the manifest's) — an update stopped before its second pass — or every file of
    an index saved before the archive's evidence was kept as it is now (its files never
    counted)."""
    reread = _paths_naming(engine, index_dir, changed_names(built_with, corrections))
    indexed_with = archive_kinds_from_json(manifest.setting(ARCHIVE_KINDS))
    if indexed_with is None:
        if manifest.setting("schema_version") is not None:
            return set(manifest.entries())
        indexed_with = NOTHING_SHOWN
    kinds = _archive_kinds(manifest) if kinds is None else kinds
    return reread | _paths_read_otherwise(engine, index_dir, indexed_with, kinds, corrections)


def _paths_read_otherwise(
    engine: Engine,
    index_dir: Path,
    before: ArchiveKinds,
    after: ArchiveKinds,
    corrections: Sequence[Correction],
) -> set[str]:
    """`_paths_reading_otherwise`, and every story naming a name whose reading changed that a
    correction renames or drops: the index keeps the corrected name, which no entity query of
    the name finds."""
    corrected = {correction.name for correction in corrections} & before.changed_names(after)
    return _paths_reading_otherwise(engine, index_dir, before, after) | _paths_naming(
        engine, index_dir, corrected
    )


def _archive_kinds(manifest: Manifest) -> ArchiveKinds:
    """What the archive's stories, as the manifest counts them, show their names to be."""
    return _evidence_of(manifest.entries().values()).kinds()


def _evidence_of(entries: Iterable[ManifestEntry]) -> ArchiveEvidence:
    """The archive's evidence the manifest's `entries` count."""
    evidence = ArchiveEvidence()
    for entry in entries:
        evidence.organizations.update(dict(entry.cued_organizations))
        evidence.clubs.update(dict(entry.cued_clubs))
    return evidence


@dataclass(slots=True)
class _ProgressSoFar:
    """The first pass's progress, passed on and kept, so that the second pass's goes on from
    where it ended ("3,000 of 3,040 files") instead of starting again at 0."""

    progress: ProgressCallback
    last: IndexProgress = field(default_factory=lambda: IndexProgress(0, 0, 0))

    def report(self, state: IndexProgress) -> None:
        self.last = state
        self.progress(state)

    def continued(self, state: IndexProgress) -> None:
        last = self.last
        self.progress(
            IndexProgress(
                last.done + state.done,
                last.total + state.total,
                state.skipped,
                last.parts + state.parts,
            )
        )


@dataclass(slots=True)
class _UpdatePass:
    """One pass over the archive: new, changed and removed files, and those named to be read
    again, written in one commit, then the manifest saved."""

    engine: Engine
    archive: Path
    index_dir: Path
    manifest: Manifest
    settings: dict[str, str]
    corrections: tuple[Correction, ...]
    part_bytes: int
    runner: JobRunner | None

    def run(
        self,
        reread: Collection[str],
        kinds: ArchiveKinds,
        progress: ProgressCallback | None,
    ) -> IndexReport:
        manifest = self.manifest
        plan = _plan(self.archive, manifest.entries(), reread)
        report = _problems_known(plan, manifest.scan_skipped())
        extractor = CorrectedExtractor(
            get_extractor(self.settings["extractor"]), self.corrections, kinds
        )
        entries = _write(
            self.engine,
            self.index_dir,
            plan,
            manifest,
            extractor,
            report,
            progress,
            self.part_bytes,
            self.runner,
        )
        report.unchanged += sum(entry.article_count for entry in plan.unchanged)
        report.removed = sum(entry.article_count for entry in plan.removed)
        manifest.save(
            entries,
            [entry.path for entry in plan.removed],
            self.settings
            | {
                "corrections": corrections_to_json(self.corrections),
                ARCHIVE_KINDS: _archive_kinds_json(kinds),
            },
            [(problem.path, problem.message) for problem in plan.scan_skipped],
        )
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
    except (sqlite3.Error, IndexUnavailable):
        return False  # the update tries, and says what is wrong (a server that is not there)


def settings_match(index_dir: Path, engine: Engine, extractor: str | None) -> bool:
    """False when the index must be rebuilt: an older schema, another extractor asked for, or a
    manifest that is not a database at all (the index is a cache: it is built again). An index
    saved before the archive's evidence of organisations was kept is searched as it is, and
    read again file by file by its next update (`_read_again`)."""
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


def _paths_reading_otherwise(
    engine: Engine, index_dir: Path, before: ArchiveKinds, after: ArchiveKinds
) -> set[str]:
    """The archive files of the indexed stories that read a name otherwise under the archive's
    kinds `after` than under `before`: a person or a place that is now a company, a person that
    is now a club, an organisation that may no longer be either."""
    terms = (
        [
            entity_query(kind, name)
            for name in sorted(after.organizations - before.organizations)
            for kind in ENTITY_KINDS
            if kind != "organization"
        ]
        + [entity_query("person", name) for name in sorted(after.clubs - before.clubs)]
        + [
            entity_query("organization", name)
            for name in sorted(
                (before.organizations - after.organizations) | (before.clubs - after.clubs)
            )
        ]
    )
    if not terms or not engine.index_exists(index_dir):
        return set()
    index = engine.open(index_dir)
    try:
        paths: set[str] = set()
        for query in _queries_of(terms):
            try:
                page = index.search(query, suggest=False, through_end=True)
            except QueryError:
                continue  # one name longer than a query may be: no story can be found by it
            paths.update(hit.path for hit in page.hits)
        return paths
    finally:
        index.close()


def _queries_of(terms: list[str]) -> Iterator[str]:
    """`terms` joined by OR into as few queries as the query language takes."""
    query = ""
    for term in terms:
        joined = f"{query} OR {term}" if query else term
        if len(joined) > MAX_QUERY_CHARS and query:
            yield query
            joined = term
        query = joined
    if query:
        yield query


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
    manifest: Manifest,
    extractor: EntityExtractor,
    report: IndexReport,
    progress: ProgressCallback | None,
    part_bytes: int,
    runner: JobRunner | None,
) -> list[ManifestEntry]:
    """Apply the plan in one commit; returns the manifest entries to save after it."""
    appended_before = manifest.appending()
    works = [_file_work(source, None, part_bytes) for source in plan.new] + [
        _file_work(
            source,
            plan.suspect[source.path],
            part_bytes,
            may_append=source.path not in appended_before,
            reread=source.path in plan.corrected,
        )
        for source in plan.changed
    ]
    if not works and not plan.removed:
        return []
    writer = engine.writer(index_dir)
    try:
        entries = _write_files(writer, works, plan, extractor, report, progress, runner)
        appending = {work.source.path for work in works if work.kept}
        if appending:  # the files marked before stay so until the manifest is saved
            manifest.mark_appending(appended_before | appending)
        report.add_stage_seconds(writer.commit() or {})
    except BaseException:
        writer.cancel()
        raise
    return entries


def _file_work(
    source: SourceFile,
    previous: ManifestEntry | None,
    part_bytes: int,
    *,
    may_append: bool = True,
    reread: bool = False,
) -> _FileWork:
    """How to read a new or changed file: a JSON Lines file in parts (of a large one, or only
    its new lines when lines were appended and `may_append`), any other in one job. `reread`:
    every story again, even of a file that has not changed (a correction changed its names)."""
    whole = _FileWork(
        source,
        [FileJob(source, previous.content_hash if previous and not reread else None)],
        replaced=previous is not None,
    )
    if not source.path.lower().endswith(".jsonl"):
        return whole
    if previous is None and source.size <= part_bytes:
        return whole
    appendable = previous is not None and may_append and not reread and not previous.skip_reason
    try:
        layout = plan_json_lines(
            source.absolute,
            source.size,
            part_bytes,
            previous.size if previous else 0,
            previous.content_hash if appendable and previous else None,
        )
    except OSError:
        return whole  # reading it in the job says why
    if layout.bytes_read < source.size or layout.blank or layout.binary:
        return whole  # shrunk since the scan, or not stories: as any file
    if previous is not None and not reread:
        if layout.content_hash == previous.content_hash:
            return _FileWork(
                source, [], False, layout.content_hash, known=_unchanged(source, previous)
            )
        if layout.appended_parts is not None:
            jobs = [FileJob(source, part=part) for part in layout.appended_parts]
            return _FileWork(source, jobs, False, layout.content_hash, kept=previous)
    jobs = [FileJob(source, part=part) for part in layout.parts]
    return _FileWork(source, jobs, previous is not None, layout.content_hash)


def _unchanged(source: SourceFile, previous: ManifestEntry) -> FileResult:
    """The result of reading a file touched but not changed, as the manifest holds it."""
    skipped = Problem(source.path, previous.skip_reason) if previous.skip_reason else None
    warnings = [Problem(source.path, message) for message in previous.warnings]
    return FileResult(
        source, previous.content_hash, previous.article_count, skipped, warnings, identical=True
    )


def _write_files(
    writer: IndexWriter,
    works: list[_FileWork],
    plan: _Plan,
    extractor: EntityExtractor,
    report: IndexReport,
    progress: ProgressCallback | None,
    runner: JobRunner | None,
) -> list[ManifestEntry]:
    # Articles of a file not in the manifest may still be in the index after a crash.
    fresh = writer.started_empty
    entries: list[ManifestEntry] = []
    skipped = len(report.skipped)  # counted as IndexProgress says

    def finish(work: _FileWork) -> None:
        nonlocal skipped
        result = work.known or _file_result(work)
        previous = plan.suspect.get(result.source.path)
        entries.append(
            ManifestEntry(
                result.source.path,
                result.source.size,
                result.source.mtime_ns,
                result.content_hash,
                result.article_count,
                result.skipped.message if result.skipped else None,
                tuple(warning.message for warning in result.warnings),
                # A file touched but not changed shows what it showed.
                previous.cued_organizations
                if result.identical and previous
                else tuple(sorted(result.evidence.organizations.items())),
                previous.cued_clubs
                if result.identical and previous
                else tuple(sorted(result.evidence.clubs.items())),
            )
        )
        if result.skipped:
            skipped += 1
            report.skipped.append(result.skipped)
        report.warnings.extend(result.warnings)
        if result.identical:
            # Touched, not changed: what it gives rise to was reported when it last changed.
            if result.skipped or result.warnings:
                report.reported_before.add(result.source.path)
            report.unchanged += result.article_count
        elif work.kept:
            report.unchanged += work.kept.article_count
            report.indexed += result.article_count - work.kept.article_count
        else:
            # Deletions reach only committed articles, never what this run adds.
            if work.replaced or not fresh:
                writer.delete(result.source.path)
            if work.replaced:
                report.updated += result.article_count
            else:
                report.indexed += result.article_count

    for entry in plan.removed:
        writer.delete(entry.path)
    jobs = [job for work in works for job in work.jobs]
    parts = sum(1 for job in jobs if job.part)
    if progress:
        progress(IndexProgress(0, len(jobs), skipped, parts))
    for work in works:
        if not work.jobs:
            finish(work)
    reading = {work.source.path: work for work in works if work.jobs}
    # The engine's own worker processes, or a cluster's workers whose stories it adds.
    results = (
        runner.index_files(jobs, extractor, writer.add)
        if runner
        else writer.index_files(jobs, extractor)
    )
    for done, result in enumerate(results, start=1):
        report.add_stage_seconds(result.stage_seconds)
        work = reading[result.source.path]
        work.results.append(result)
        if len(work.results) == len(work.jobs):
            finish(work)
        if progress:
            progress(IndexProgress(done, len(jobs), skipped, parts))
    return entries


def _file_result(work: _FileWork) -> FileResult:
    """One file's result from its jobs': the articles, warnings and problems of its parts
    together, in the file's order, and the lines that are not stories in one message."""
    if work.jobs[0].part is None:
        return work.results[0]
    parts = sorted(work.results, key=lambda result: result.part.start if result.part else 0)
    kept = work.kept
    path = work.source.path
    warnings = [Problem(path, message) for message in kept.warnings] if kept else []
    seen = {warning.message for warning in warnings}
    for result in parts:
        for warning in result.warnings:
            if warning.message not in seen:  # each part read as Windows-1252 says so
                seen.add(warning.message)
                warnings.append(warning)
    article_count = sum(result.article_count for result in parts)
    article_count += kept.article_count if kept else 0
    evidence = _evidence_of([kept] if kept else [])
    for result in parts:
        evidence.update(result.evidence)
    skipped = next((result.skipped for result in parts if result.skipped), None)
    broken_lines = [line for result in parts for line in result.broken_lines]
    if broken_lines:
        problem = broken_lines_problem(path, broken_lines)
        if article_count:
            warnings.append(problem)
        else:
            skipped = skipped or problem
    return FileResult(
        work.source,
        work.content_hash,
        article_count,
        skipped,
        warnings,
        evidence=evidence,
    )


# Text files per batch of jobs a worker takes at a time: one file's job is too small to be worth
# the handing over.
FILES_PER_BATCH = 32


def job_batches(jobs: Sequence[FileJob]) -> Iterator[list[FileJob]]:
    """The jobs in batches for worker processes: `FILES_PER_BATCH` files at a time, a part of a
    JSON Lines file alone (it holds as many stories as a batch of files or more)."""
    batch: list[FileJob] = []
    for job in jobs:
        if job.part is not None:
            yield [job]
            continue
        batch.append(job)
        if len(batch) == FILES_PER_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


AddArticle = Callable[[Article, Entities], None]


class JobRunner(Protocol):
    """Runs a build's jobs elsewhere than the engine's own worker processes (`index.cluster`)."""

    def index_files(
        self, jobs: Sequence[FileJob], extractor: EntityExtractor, add: AddArticle
    ) -> Iterator[FileResult]:
        """Read each job's file and find its names, `add` its articles, and yield each file's
        result as it is done, in any order."""
        ...

    def close(self) -> None: ...


def index_file(job: FileJob, extractor: EntityExtractor, add: AddArticle) -> FileResult:
    """Read one file and add its articles with the names found in them; never raises for what
    is in the file."""
    source = job.source
    clock = time.perf_counter
    try:
        started = clock()
        contents = read_json_lines_part(source, job.part) if job.part else read_source(source)
        read = clock() - started
        result = FileResult(
            source,
            contents.content_hash,
            len(contents.articles),
            contents.skipped,
            contents.warnings,
            identical=job.previous_hash is not None and job.previous_hash == contents.content_hash,
            part=job.part,
            broken_lines=contents.broken_lines,
        )
        extracting = adding = 0.0
        if not result.identical:
            for article in contents.articles:
                started = clock()
                entities = extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS])
                result.evidence.add(entities)
                extracted = clock()
                add(article, entities)
                extracting += extracted - started
                adding += clock() - extracted
        result.stage_seconds = {READ_STAGE: read, EXTRACT_STAGE: extracting, WRITE_STAGE: adding}
    except Exception as error:  # a bug on odd input skips the file; it never stops the run
        problem = Problem(source.path, f"could not be read ({type(error).__name__}: {error})")
        return FileResult(source, skipped=problem, part=job.part)
    return result
