"""The search interface the reader and the command line talk to, in plain types that know nothing
of any engine: the `SearchEngine` protocol, what a search returns (plain data, text with highlight
spans, never markup) and the errors it raises, each with a message fit to show a user as it is.

Engines register themselves as entry points of the group `newsreader.engines` (as Harlequin's
adapters do): `open_engine` finds one by name, so an engine installed as an extra needs no change
here. This module imports neither Whoosh nor numpy.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path
from typing import Literal, Protocol

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
        """Where the query's search terms occur in `content`."""
        ...

    def stats(self) -> EngineStats: ...

    def refresh(self) -> bool:
        """Pick up what another process committed; True when there was something."""
        ...

    def release_memory(self) -> None:
        """Let go of what was read for one call and can be read again (file pages)."""
        ...

    def close(self) -> None: ...


ENGINE_GROUP = "newsreader.engines"
DEFAULT_ENGINE = "fastpath"
EngineOpener = Callable[[Path], SearchEngine]


def engine_names() -> tuple[str, ...]:
    """The engines installed, by the names `open_engine` takes."""
    return tuple(sorted(point.name for point in entry_points(group=ENGINE_GROUP)))


def open_engine(index_dir: Path, engine: str = DEFAULT_ENGINE) -> SearchEngine:
    """Open the index in `index_dir` with the engine of that name; raises `IndexUnavailable`."""
    found = entry_points(group=ENGINE_GROUP, name=engine)
    if not found:
        raise IndexUnavailable(
            f"no search engine named {engine!r}: the installed ones are "
            f"{', '.join(engine_names()) or 'none'}"
        )
    opener: EngineOpener = next(iter(found)).load()
    return opener(index_dir)
