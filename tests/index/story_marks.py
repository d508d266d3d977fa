"""`index.api.StoryMarks` in memory, for the index's tests: the library itself (SQLite) is
tested with the reader."""

from __future__ import annotations

from collections.abc import Iterable


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
