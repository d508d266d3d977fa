"""The manifest: what each archive file looked like when it was last indexed.

A SQLite table of path, size, mtime, content hash, article count, skip reason and warnings, kept
beside the Whoosh index, and the files the last scan of the archive could not use. It is written
after each Whoosh commit, so a crash between the two only makes the next run redo some files;
indexing is idempotent per file (its articles are deleted, then re-added). What it keeps of each
file's problems lets a later run report them again as they are, unchanged since.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.sqlite"
# The setting that lists the files whose appended lines alone a commit may hold before the
# manifest is saved (`mark_appending`).
_APPENDING = "appending"
# The columns of `files` that manifests saved by older versions lack.
_NEWER_COLUMNS = frozenset({"warnings", "cued_organizations", "cued_clubs"})


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    path: str
    size: int
    mtime_ns: int
    content_hash: str
    article_count: int
    skip_reason: str | None = None
    warnings: tuple[str, ...] = ()
    # How many of the file's stories show each name to be an organisation (the archive's
    # evidence, `articles.entities.archive_kinds`), sorted by name.
    cued_organizations: tuple[tuple[str, int], ...] = ()
    # And how many show each name to be a club.
    cued_clubs: tuple[tuple[str, int], ...] = ()


class Manifest:
    def __init__(self, index_dir: Path) -> None:
        self._connection = sqlite3.connect(index_dir / MANIFEST_NAME)
        columns = {row[1] for row in self._connection.execute("PRAGMA table_info(files)")}
        self._columns = columns
        if columns >= _NEWER_COLUMNS:
            return
        try:
            self._connection.executescript(
                """
                CREATE TABLE IF NOT EXISTS files (
                    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, content_hash TEXT,
                    article_count INTEGER, skip_reason TEXT, warnings TEXT,
                    cued_organizations TEXT, cued_clubs TEXT);
                CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS scan_skipped (path TEXT PRIMARY KEY, reason TEXT);
                """
            )
            # A manifest from before warnings, scan results or the archive's evidence were kept.
            for column in sorted(_NEWER_COLUMNS):
                if columns and column not in columns:
                    self._connection.execute(f"ALTER TABLE files ADD COLUMN {column} TEXT")
            self._columns = columns | _NEWER_COLUMNS
        except sqlite3.OperationalError as error:
            # A read-only index of that older kind can still be searched: its settings read
            # as they are, and an update says it can't write.
            if not columns or error.sqlite_errorname != "SQLITE_READONLY":
                raise

    def entries(self) -> dict[str, ManifestEntry]:
        # A read-only manifest of an older kind lacks the newer columns: they read as empty.
        newer = ", ".join(
            column if column in self._columns else "NULL"
            for column in ("warnings", "cued_organizations", "cued_clubs")
        )
        rows = self._connection.execute(
            f"SELECT path, size, mtime_ns, content_hash, article_count, skip_reason, {newer} "
            "FROM files"
        )
        return {
            path: ManifestEntry(
                path,
                size,
                mtime_ns,
                content_hash,
                article_count,
                skip_reason,
                tuple(json.loads(warnings)) if warnings else (),
                _name_counts(companies),
                _name_counts(clubs),
            )
            for (
                path,
                size,
                mtime_ns,
                content_hash,
                article_count,
                skip_reason,
                warnings,
                companies,
                clubs,
            ) in rows
        }

    def scan_skipped(self) -> dict[str, str]:
        """The paths the last scan of the archive could not use (links, pipes), with why."""
        return dict(self._connection.execute("SELECT path, reason FROM scan_skipped"))

    def setting(self, key: str) -> str | None:
        row = self._connection.execute(
            "SELECT value FROM settings WHERE key = ?", (key,)
        ).fetchone()
        return row[0] if row else None

    def appending(self) -> frozenset[str]:
        """The files marked by `mark_appending` since the manifest was last saved."""
        return frozenset(json.loads(self.setting(_APPENDING) or "[]"))

    def mark_appending(self, paths: Iterable[str]) -> None:
        """Say, before a commit, that it adds only the appended lines of `paths`. A crash before
        the manifest is saved leaves their old entries; their lines after those may be indexed
        already, so the next run reads these files again in full instead."""
        with self._connection:
            self._connection.execute(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                (_APPENDING, json.dumps(sorted(paths))),
            )

    def save(
        self,
        entries: Iterable[ManifestEntry],
        removed_paths: Iterable[str],
        settings: dict[str, str],
        scan_skipped: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Add or replace `entries`, forget `removed_paths`; `scan_skipped` (path, reason)
        replaces what the last scan could not use."""
        with self._connection:
            self._connection.executemany(
                "DELETE FROM files WHERE path = ?", ((path,) for path in removed_paths)
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, content_hash, article_count, "
                "skip_reason, warnings, cued_organizations, cued_clubs) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        e.path,
                        e.size,
                        e.mtime_ns,
                        e.content_hash,
                        e.article_count,
                        e.skip_reason,
                        json.dumps(e.warnings) if e.warnings else None,
                        json.dumps(e.cued_organizations) if e.cued_organizations else None,
                        json.dumps(e.cued_clubs) if e.cued_clubs else None,
                    )
                    for e in entries
                ),
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)", settings.items()
            )
            self._connection.execute("DELETE FROM settings WHERE key = ?", (_APPENDING,))
            self._connection.execute("DELETE FROM scan_skipped")
            self._connection.executemany("INSERT INTO scan_skipped VALUES (?, ?)", scan_skipped)

    def clear(self) -> None:
        with self._connection:
            self._connection.execute("DELETE FROM files")
            self._connection.execute("DELETE FROM settings")
            self._connection.execute("DELETE FROM scan_skipped")

    def close(self) -> None:
        self._connection.close()


def _name_counts(text: str | None) -> tuple[tuple[str, int], ...]:
    """Names with how many stories show them, as a column keeps them in JSON."""
    return tuple((name, count) for name, count in json.loads(text)) if text else ()
