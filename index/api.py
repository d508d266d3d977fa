"""The search interface the reader and the command line talk to, in plain types that know nothing
of any engine: the `SearchEngine` protocol, what a search returns (plain data, text with highlight
spans, never markup) and the errors it raises, each with a message fit to show a user as it is.

`open_engine` finds an engine by name: the bundled ones (`BUNDLED_ENGINES`), or one installed as
an extra, which registers itself as an entry point of the group `newsreader.engines` (as
Harlequin's adapters do) and needs no change here. This module imports neither Whoosh nor numpy.
"""

from __future__ import annotations

import hashlib
import importlib
import shlex
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from articles.entities.archive_kinds import ArchiveEvidence
from articles.model import ENTITY_KINDS, Article, EntityKind, Mention

# Where an archive's index lives, for the reader and the command line (re-exported).
from index.locations import archive_key as archive_key
from index.locations import default_index_dir as default_index_dir

SortOrder = Literal["relevance", "date"]


def entity_query(kind: EntityKind, name: str) -> str:
    """The query text that finds every story mentioning the entity."""
    return f'{kind}:"{name.replace(chr(34), "")}"'


@dataclass(frozen=True, slots=True)
class Highlighted:
    """Text with the `(start, end)` spans of matched search terms."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


def empty_entity_names() -> dict[EntityKind, tuple[str, ...]]:
    return {kind: () for kind in ENTITY_KINDS}


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    path: str
    title: Highlighted
    snippet: Highlighted
    date: date | None
    author: str | None
    source: str | None
    score: float
    entities: dict[EntityKind, tuple[str, ...]] = field(default_factory=empty_entity_names)
    url: str | None = None
    # `text_hash(title, body)`: the story's text, whatever its id (the library follows moves).
    text_hash: str = ""
    # Where the title names its entities (offsets into `title.text`): the result list colours them.
    title_mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results. `page` counts from 1; `total` counts every hit of the query."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    page: int
    page_size: int
    sort: SortOrder
    suggestion: str | None
    seconds: float
    # What was made of a query that is not quite well formed (`index.query.query_notes`).
    notes: tuple[str, ...] = ()

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True, slots=True)
class FacetCount:
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the index holds it, with the entity names and mentions found when indexed."""

    article: Article
    entities: dict[EntityKind, tuple[str, ...]]
    mentions: tuple[Mention, ...]
    text_hash: str = ""


def text_hash(title: str, body: str) -> str:
    """What the index stores of a story's text: the first 16 hex digits of the SHA-1 of its title
    and body. An edited story keeps its id and gets a new hash; a moved one keeps its hash."""
    return hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()[:16]


class StoryMarks(Protocol):
    """The user's marks as the query language sees them (`is:`, `tag:`, `has:note`, `note:`).
    Implemented by the reader's library (`reader.library.Library`)."""

    @property
    def version(self) -> int:
        """Changes whenever any mark changes (in this process or another); an engine that keeps
        hit sets keys them on it."""
        ...

    def stories_marked(self, mark: str, value: str = "") -> frozenset[str]:
        """Article ids: `mark` is "read", "starred", "tag" (`value` the tag name, any case),
        "note" (any note) or "note_word" (`value` a word: notes containing it, accent- and
        case-folded as the index folds, `Gasic` finds `Gašić`; a trailing `*` is a prefix)."""
        ...


class QueryError(ValueError):
    """A query that can't be parsed or run; `str(error)` is a plain sentence for the user, and
    `position` the character of the query it is about, when there is one."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


class IndexUnavailable(RuntimeError):
    """The index can't be opened or written: missing, corrupt, read-only or busy."""


class IndexDamaged(IndexUnavailable):
    """The index's files can't be read. It is a cache of the archive: rebuilding it loses
    nothing."""

    def __init__(self, index_dir: Path, archive: Path | None = None) -> None:
        command = (
            f"newsreader index {shlex.quote(str(archive)) if archive else 'ARCHIVE'} --rebuild"
        )
        super().__init__(
            f"the index in {index_dir} is damaged: some of its files can't be read. It is only "
            f"a cache of the archive, so nothing is lost by building it again: `{command}` "
            "does, and the archive itself is not touched."
        )
        self.index_dir = index_dir


class IndexBusy(IndexUnavailable):
    """Another process is writing to the same index."""


def unreadable_index(
    error: Exception, index_dir: Path, archive: Path | None = None
) -> IndexUnavailable:
    """The error to raise when an index's files could not be opened: a damaged index (what
    Whoosh raises for a file cut short, overwritten or missing), which a rebuild mends, or a
    folder that can't be read (permissions, a failing disk), which a rebuild would not."""
    if isinstance(error, OSError) and not isinstance(error, FileNotFoundError):
        return IndexUnavailable(f"can't read the index in {index_dir}: {error.strerror or error}")
    return IndexDamaged(index_dir, archive)


class ArticleNotFound(KeyError):
    """No article with that id in the index."""

    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r} in the index"


@dataclass(frozen=True, slots=True)
class EngineStats:
    """What an open index is: the engine serving it, its size and how it was built."""

    engine: str
    doc_count: int
    extractor: str
    location: str
    # What the open index holds, as a token that changes with every commit and rebuild ("" when
    # the engine can't tell): the library reconciles marks only when it changed.
    generation: str = ""


class SearchEngine(Protocol):
    """One open index of one archive. Not thread-safe: use it from one thread at a time.

    A query is the user's text in the query language (`index.query`); the empty query matches
    every story. Every method raises `QueryError` for a query that can't be run,
    `ArticleNotFound` for an unknown id and `IndexUnavailable` when the index can't be read.
    """

    @property
    def doc_count(self) -> int: ...

    @property
    def extractor_name(self) -> str: ...

    def search(
        self,
        text: str,
        *,
        page: int = 1,
        page_size: int = 50,
        sort: SortOrder = "relevance",
        suggest: bool = True,
        through_end: bool = False,
    ) -> SearchPage:
        """One page of hits, best first (newest first for `sort="date"` and the empty query);
        `through_end` runs the page on to the last hit."""
        ...

    def count(self, text: str) -> int:
        """How many stories the query finds."""
        ...

    def facets(self, text: str, *, top: int = 10) -> dict[EntityKind, tuple[FacetCount, ...]]:
        """The most frequent names of each kind across every hit, with story counts."""
        ...

    def date_counts(self, text: str) -> dict[date, int]:
        """How many of the query's hits are dated each day (undated hits are left out)."""
        ...

    def suggestion(self, text: str, total: int) -> str | None:
        """A respelling of a query with `total` hits that finds more stories, or None."""
        ...

    def article(self, article_id: str) -> StoredArticle: ...

    def related(self, article_id: str, *, limit: int = 10) -> tuple[Hit, ...]:
        """The stories most like this one."""
        ...

    def term_spans(self, text: str, content: str) -> tuple[tuple[int, int], ...]:
        """Where the query's search terms occur in `content` (marks are not search terms)."""
        ...

    def story_ids(self, text: str) -> frozenset[str]:
        """The ids of every hit of the query (a saved search's "new since")."""
        ...

    def present(self, ids: Collection[str]) -> frozenset[str]:
        """Which of these article ids the index holds."""
        ...

    def ids_by_hash(self, hashes: Collection[str]) -> dict[str, str]:
        """For each of the text hashes (`text_hash`) the index holds, the id of a story with
        that text."""
        ...

    def stats(self) -> EngineStats: ...

    def refresh(self) -> bool:
        """Pick up what another process committed; True when there was something."""
        ...

    def release_memory(self) -> None:
        """Let go of what was read for one call and can be read again (file pages)."""
        ...

    def close(self) -> None: ...


# An engine installed as an extra registers an entry point of this group (as Harlequin's
# adapters do). The engines that come with newsreader are found without reading the installed
# packages' metadata: importing `importlib.metadata` and scanning it cost ~30 ms of every start.
ENGINE_GROUP = "newsreader.engines"
BUNDLED_ENGINES = {"fastpath": "index.whoosh.engine:FAST", "whoosh": "index.whoosh.engine:STOCK"}
DEFAULT_ENGINE = "fastpath"


def engine_names() -> tuple[str, ...]:
    """The engines installed, by the names `open_engine` takes."""
    from importlib.metadata import entry_points

    extras = {point.name for point in entry_points(group=ENGINE_GROUP)}
    return tuple(sorted(BUNDLED_ENGINES.keys() | extras))


def is_engine(name: str) -> bool:
    """Whether an engine of that name is installed."""
    return name in BUNDLED_ENGINES or name in engine_names()


def open_engine(
    index_dir: Path, engine: str = DEFAULT_ENGINE, *, marks: StoryMarks | None = None
) -> SearchEngine:
    """Open the index in `index_dir` with the engine of that name; raises `IndexUnavailable`.
    `marks` answers `is:`, `tag:`, `has:note` and `note:`: without it a query using them raises
    `QueryError`."""
    return load_engine(engine).open(index_dir, marks=marks)


# Indexing: bringing an archive's index up to date. The plan of what changed, the manifest,
# progress and the report are the same for every engine (`index.build`); an engine writes
# through an `IndexWriter`.

if TYPE_CHECKING:
    from articles.archive import JsonLinesPart, SourceFile
    from articles.entities import EntityExtractor
    from articles.entities.corrections import Correction
    from articles.model import Entities, Problem

DEFAULT_EXTRACTOR = "default"
# Entities come from an article's opening: a 20 MB "article" (a log, a dump) would otherwise take
# a minute of extraction for names nobody reads. Mentions shown in the reader use the same cap.
ENTITY_SCAN_CHARS = 1_000_000
# Where an index build's time goes (`IndexReport.stage_seconds`).
READ_STAGE = "read + parse"
EXTRACT_STAGE = "entity extraction"
WRITE_STAGE = "Whoosh write"
ARRAYS_STAGE = "fast-path arrays"
COMMIT_STAGE = "commit"
# A JSON Lines file is read in parts of about this size, by as many processes as there are.
JSON_LINES_PART_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IndexProgress:
    """`done` of the `total` files read in this run (a large JSON Lines file counts once per
    part); `skipped` counts the files not indexed so far as the report does: those the scan or
    an earlier run set aside, then those read now."""

    done: int
    total: int
    skipped: int
    # Of `total`, the parts of large JSON Lines files.
    parts: int = 0


ProgressCallback = Callable[[IndexProgress], None]


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
    # Seconds per stage of the build (`READ_STAGE`...), summed over its processes.
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def add_stage_seconds(self, seconds: dict[str, float]) -> None:
        for stage, spent in seconds.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + spent

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


@dataclass(frozen=True, slots=True)
class FileJob:
    """An archive file to index, or one part of a large JSON Lines file."""

    source: SourceFile
    # The content hash the manifest holds for a file whose size or mtime changed.
    previous_hash: str | None = None
    part: JsonLinesPart | None = None


@dataclass(slots=True)
class FileResult:
    """What indexing one file found: its articles are added unless it was skipped."""

    source: SourceFile
    content_hash: str = ""
    article_count: int = 0
    skipped: Problem | None = None
    warnings: list[Problem] = field(default_factory=list)
    # Touched but not changed: nothing was added, its articles stay as they are.
    identical: bool = False
    # Of a part of a JSON Lines file: which, and its lines that are not stories (the message
    # about them is the whole file's).
    part: JsonLinesPart | None = None
    broken_lines: list[int] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    # How many of its stories show each name to be a company or a club (`archive_kinds`).
    evidence: ArchiveEvidence = field(default_factory=ArchiveEvidence)


class IndexWriter(Protocol):
    """One update of an index, committed whole or cancelled: until then the index reads as it
    was, and no other writer gets in. Deletions reach the articles committed before the update,
    never those it adds, so a changed file is updated by adding its articles and deleting its
    path, in either order."""

    @property
    def started_empty(self) -> bool:
        """The index held no article when the update began: there is nothing to delete."""
        ...

    def add(self, article: Article, entities: Entities) -> None:
        """Add one article with the names found in it."""
        ...

    def delete(self, path: str) -> None:
        """Delete every article of the archive file `path` (relative to the archive)."""
        ...

    def index_files(
        self, jobs: Sequence[FileJob], extractor: EntityExtractor
    ) -> Iterator[FileResult]:
        """Read each job's file, find its names and add its articles, yielding each file's
        result as it is done (`index.build.index_file` for one file); an engine may spread
        the files over processes, and yield them in any order."""
        ...

    def commit(self) -> dict[str, float] | None:
        """Make the update part of the index, at once; the seconds its stages took since the
        files were read (`WRITE_STAGE`, `ARRAYS_STAGE`, `COMMIT_STAGE`), if the engine says."""
        ...

    def cancel(self) -> None:
        """Drop the update: the index stays as it was."""
        ...


class Engine(Protocol):
    """What an entry point of the group `newsreader.engines` names: one engine, which opens an
    index for searching and creates, writes and removes one in a folder.

    Every method raises `IndexUnavailable` when the index can't be used: `IndexDamaged` for
    files that can't be read, `IndexBusy` while another process writes to it.
    """

    @property
    def schema_version(self) -> str:
        """Changes when what the engine stores changes: an index of another version is built
        again."""
        ...

    def open(self, index_dir: Path, *, marks: StoryMarks | None = None) -> SearchEngine: ...

    def index_exists(self, index_dir: Path) -> bool:
        """The engine's index is in `index_dir` (perhaps damaged: opening it says so)."""
        ...

    def prepare_index(self, index_dir: Path, archive: Path) -> None:
        """Create an empty index in `index_dir` when there is none, else check that the one
        there can be read; `archive` is named in what a damaged index's error says to run."""
        ...

    def writer(self, index_dir: Path) -> IndexWriter:
        """Start an update of the index in `index_dir`."""
        ...

    def remove_index(self, index_dir: Path) -> None:
        """Delete the engine's files in `index_dir`, and only those: the folder may hold
        others."""
        ...


def load_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The engine of that name among those installed; raises `IndexUnavailable`."""
    if name in BUNDLED_ENGINES:
        module, _, attribute = BUNDLED_ENGINES[name].partition(":")
        bundled: Engine = getattr(importlib.import_module(module), attribute)
        return bundled
    from importlib.metadata import entry_points

    found = entry_points(group=ENGINE_GROUP, name=name)
    if not found:
        raise IndexUnavailable(
            f"no search engine named {name!r}: the installed ones are {', '.join(engine_names())}"
        )
    engine: Engine = next(iter(found)).load()
    return engine


# The build is imported when first used: it brings the archive reader and the entity extractor,
# which searching never needs.


def update_index(
    archive: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    extractor: str | None = None,
    progress: ProgressCallback | None = None,
    engine: str = DEFAULT_ENGINE,
    json_lines_part_bytes: int = JSON_LINES_PART_BYTES,
    corrections: Sequence[Correction] | None = None,
    dask: str | None = None,
) -> IndexReport:
    """Index new and changed files of `archive`, drop removed ones, in one commit. Raises
    `IndexUnavailable` (`IndexBusy` while another process writes to the index).

    `extractor` None keeps the one the index was built with ("default" for a new index);
    another one than the index's rebuilds it, as does `rebuild`. A JSON Lines file larger than
    `json_lines_part_bytes` is read in parts of about that size, in parallel. `corrections` (the
    user's, of entity names) None keeps those the index was built with; others re-index the
    stories that name the names they change. `dask`: the address of a Dask scheduler whose
    workers read the files (the `cluster` extra); the archive must be at the same path on each.
    """
    from index import build

    return build.update_index(
        archive,
        index_dir,
        load_engine(engine),
        rebuild=rebuild,
        extractor=extractor,
        progress=progress,
        json_lines_part_bytes=json_lines_part_bytes,
        corrections=corrections,
        dask_address=dask,
    )


def pending_changes(
    archive: Path,
    index_dir: Path,
    extractor: str | None = None,
    engine: str = DEFAULT_ENGINE,
    *,
    corrections: Sequence[Correction] | None = None,
) -> int:
    """How many files are new, changed (by size or mtime) or removed, or name a name whose
    correction is not the one indexed; stats and the index only, reads no file of the archive.
    An index that must be built (again) counts every file, at least one."""
    from index import build

    return build.pending_changes(archive, index_dir, load_engine(engine), extractor, corrections)


def index_is_current(
    index_dir: Path, extractor: str | None = None, engine: str = DEFAULT_ENGINE
) -> bool:
    """An index is in `index_dir`, of the engine's schema and built with `extractor` (None: any
    extractor): it can be searched while the archive is checked for changes."""
    from index import build

    return build.index_is_current(index_dir, load_engine(engine), extractor)


def index_exists(index_dir: Path, engine: str = DEFAULT_ENGINE) -> bool:
    """The engine's index is in `index_dir` (perhaps damaged: opening it says so)."""
    return load_engine(engine).index_exists(index_dir)
