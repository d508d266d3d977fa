"""The errors the index raises, each with a message fit to show a user as it is."""


class QueryError(ValueError):
    """A query that can't be parsed or run; `str(error)` is a plain sentence for the user."""


class IndexUnavailable(RuntimeError):
    """The index can't be opened or written: missing, corrupt, read-only or busy."""


class IndexDamaged(IndexUnavailable):
    """The index's files can't be read. It is a cache of the archive: rebuilding it loses
    nothing."""

    def __init__(self, index_dir: object) -> None:
        super().__init__(
            f"The index in {index_dir} is damaged: some of its files can't be read. It is only "
            "a copy of what the archive holds, so nothing is lost by building it again: "
            "`newsreader index ARCHIVE --rebuild` does (the archive itself is not touched)."
        )
        self.index_dir = index_dir


class IndexBusy(IndexUnavailable):
    """Another process is writing to the same index."""


class ArticleNotFound(KeyError):
    """No article with that id in the index."""

    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r} in the index"
