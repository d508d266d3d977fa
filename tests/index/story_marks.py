"""`index.api.StoryMarks` in memory, for the index's tests: the library itself (SQLite) is
tested with the reader."""

from __future__ import annotations

from collections.abc import Iterable

from index.api import QueryError
from index.query import Marked, leaves, parse_query


class MemoryMarks:
    """Marks as sets of ids; `version` counts the changes, as the library's does. Tag names and
    note words are matched in lower case (the library folds accents too)."""

    def __init__(self) -> None:
        self.version = 0
        self._marked: dict[tuple[str, str], set[str]] = {}

    def mark(self, mark: str, ids: Iterable[str], value: str = "") -> None:
        self._marked.setdefault((mark, value.lower()), set()).update(ids)
        self.version += 1

    def unmark(self, mark: str, ids: Iterable[str], value: str = "") -> None:
        self._marked.get((mark, value.lower()), set()).difference_update(ids)
        self.version += 1

    def stories_marked(self, mark: str, value: str = "") -> frozenset[str]:
        return frozenset(self._marked.get((mark, value.lower()), ()))


def asks_for_marks(text: str) -> bool:
    """Whether the query reads the user's marks (`is:unread`, `tag:x`): no Whoosh parser knows
    them, so comparisons with stock Whoosh leave such queries out."""
    try:
        tree = parse_query(text)
    except QueryError:
        return False
    return any(isinstance(leaf, Marked) for leaf in leaves(tree))


def marks_for(queries: Iterable[str], ids: Iterable[str]) -> MemoryMarks:
    """Marks under which every mark the queries ask for is on the stories `ids`."""
    marks = MemoryMarks()
    for text in queries:
        for leaf in leaves(parse_query(text)):
            if isinstance(leaf, Marked):
                marks.mark(leaf.mark, ids, leaf.value)
    return marks
