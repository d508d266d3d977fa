"""The errors the index raises, each with a message fit to show a user as it is."""


class QueryError(ValueError):
    """A query that can't be parsed or run; `str(error)` is a plain sentence for the user."""


class IndexUnavailable(RuntimeError):
    """The index can't be opened or written: missing, corrupt, read-only or busy."""


class IndexBusy(IndexUnavailable):
    """Another process is writing to the same index."""


class ArticleNotFound(KeyError):
    """No article with that id in the index."""

    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r} in the index"
