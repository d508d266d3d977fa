"""The manifest: what each archive file looked like when it was last indexed.

A SQLite table of path, size, mtime, content hash, article count and skip reason, kept beside the
Whoosh index. It is written after each Whoosh commit, so a crash between the two only makes the next
run redo some files; indexing is idempotent per file (its articles are deleted, then re-added).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.sqlite"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    path: str
    size: int
    mtime_ns: int
    content_hash: str
    article_count: int
    skip_reason: str | None = None


class Manifest:
    def __init__(self, index_dir: Path) -> None:
        self._connection = sqlite3.connect(index_dir / MANIFEST_NAME)
        self._connection.executescript(
            """
            CREATE TABLE IF NOT EXISTS files (
                path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, content_hash TEXT,
                article_count INTEGER, skip_reason TEXT);
            CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);
            """
        )

    def entries(self) -> dict[str, ManifestEntry]:
        rows = self._connection.execute("SELECT * FROM files")
        return {row[0]: ManifestEntry(*row) for row in rows}

    def setting(self, key: str) -> str | None:
        row = self._connection.execute(
            "SELECT value FROM settings WHERE key = ?", (key,)
        ).fetchone()
        return row[0] if row else None

    def save(
        self,
        entries: Iterable[ManifestEntry],
        removed_paths: Iterable[str],
        settings: dict[str, str],
    ) -> None:
        with self._connection:
            self._connection.executemany(
                "DELETE FROM files WHERE path = ?", ((path,) for path in removed_paths)
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (e.path, e.size, e.mtime_ns, e.content_hash, e.article_count, e.skip_reason)
                    for e in entries
                ),
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)", settings.items()
            )

    def clear(self) -> None:
        with self._connection:
            self._connection.execute("DELETE FROM files")
            self._connection.execute("DELETE FROM settings")

    def close(self) -> None:
        self._connection.close()
