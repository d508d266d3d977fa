"""The search history that Backspace / Alt+Left walks back through."""

from __future__ import annotations

from dataclasses import dataclass

from index.results import SortOrder

MAX_ENTRIES = 100


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A place to come back to: the query, its sort order and the story that was selected."""

    query: str
    sort: SortOrder = "relevance"
    selected_id: str | None = None


class SearchHistory:
    def __init__(self) -> None:
        self._entries: list[HistoryEntry] = []

    def __len__(self) -> int:
        return len(self._entries)

    def push(self, entry: HistoryEntry) -> None:
        """Remember `entry`, unless it repeats the latest one."""
        if self._entries and self._entries[-1].query == entry.query:
            self._entries[-1] = entry
            return
        self._entries.append(entry)
        del self._entries[:-MAX_ENTRIES]

    def pop(self) -> HistoryEntry | None:
        return self._entries.pop() if self._entries else None
