"""The errors the index raises, each with a message fit to show a user as it is."""

from __future__ import annotations

import shlex
from pathlib import Path


class QueryError(ValueError):
    """A query that can't be parsed or run; `str(error)` is a plain sentence for the user."""


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
