"""The search history that Backspace / Alt+Left walks back through."""

from __future__ import annotations

from dataclasses import dataclass

from index.api import SortOrder

MAX_ENTRIES = 100


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A place to come back to: the query, its sort order, the story that was selected in
    its results and the story that was open (a related story opened from it is not in them),
    and the selected story's position in the results (the stories up to it are loaded again)."""

    query: str
    sort: SortOrder = "relevance"
    selected_id: str | None = None
    open_id: str | None = None
    selected_position: int = 0


class SearchHistory:
    def __init__(self) -> None:
        self._entries: list[HistoryEntry] = []

    def __len__(self) -> int:
        return len(self._entries)

    def push(self, entry: HistoryEntry) -> None:
        """Remember `entry`; one for the same query and open story replaces the latest."""
        latest = self._entries[-1] if self._entries else None
        if latest is not None and (latest.query, latest.open_id) == (entry.query, entry.open_id):
            self._entries[-1] = entry
            return
        self._entries.append(entry)
        del self._entries[:-MAX_ENTRIES]

    def pop(self) -> HistoryEntry | None:
        return self._entries.pop() if self._entries else None
