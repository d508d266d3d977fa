"""The library's tables, one version after another. `PRAGMA user_version` says which version a
file is at; opening it runs the steps from there to `SCHEMA_VERSION`, in one transaction.

Add a version by appending a step: never edit one that has shipped, as files made by it exist.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from articles.folding import fold_text

# Version 1: marks, tags and saved searches.
_VERSION_1 = """
CREATE TABLE marks (
    id TEXT PRIMARY KEY,
    text_hash TEXT NOT NULL DEFAULT '',
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    changed TEXT NOT NULL
);
CREATE INDEX marks_by_hash ON marks (text_hash);
CREATE TABLE tags (
    id TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (id, tag_key)
) WITHOUT ROWID;
CREATE INDEX tags_by_key ON tags (tag_key);
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    created TEXT NOT NULL
);
"""

# Version 2: notes searchable by word, and what each saved search showed when last opened.
_VERSION_2 = """
CREATE VIRTUAL TABLE note_words USING fts5 (
    id UNINDEXED, words, tokenize = 'unicode61 remove_diacritics 2'
);
ALTER TABLE saved_searches ADD COLUMN last_opened TEXT;
CREATE TABLE seen (
    search TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (search, id)
) WITHOUT ROWID;
"""

# Version 3: the feeds subscribed to, and what each feed's last fetches left (by feed address:
# validators for a conditional GET, the last success, failures in a row, when to ask again).
_VERSION_3 = """
CREATE TABLE feeds (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    url TEXT UNIQUE NOT NULL,
    added TEXT NOT NULL
);
CREATE TABLE feed_states (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_success TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    retry_after TEXT
);
"""

# Version 4: the user's corrections of entity names, one per name read as a kind (the latest).
_VERSION_4 = """
CREATE TABLE entity_corrections (
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    action TEXT NOT NULL,
    new_kind TEXT,
    new_name TEXT NOT NULL DEFAULT '',
    made TEXT NOT NULL,
    PRIMARY KEY (name, kind)
);
"""

# Version 5: the generation of each index (by its location) the marks were last reconciled with.
_VERSION_5 = """
CREATE TABLE reconciled (
    index_location TEXT PRIMARY KEY,
    index_generation TEXT NOT NULL
);
"""


def _run(db: sqlite3.Connection, statements: str) -> None:
    # Not `executescript`, which commits first: a migration is one transaction.
    for statement in statements.split(";"):
        if statement.strip():
            db.execute(statement)


def _to_version_2(db: sqlite3.Connection) -> None:
    _run(db, _VERSION_2)
    notes = db.execute("SELECT id, note FROM marks WHERE note != ''").fetchall()
    db.executemany(
        "INSERT INTO note_words (id, words) VALUES (?, ?)",
        [(story_id, fold_text(note)) for story_id, note in notes],
    )


# MIGRATIONS[n] brings a file at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    lambda db: _run(db, _VERSION_1),
    _to_version_2,
    lambda db: _run(db, _VERSION_3),
    lambda db: _run(db, _VERSION_4),
    lambda db: _run(db, _VERSION_5),
]
SCHEMA_VERSION = len(MIGRATIONS)


class NewerLibrary(Exception):
    """The file was written by a newer newsreader, whose tables this one does not know."""


def known_version(db: sqlite3.Connection) -> int:
    """The version of the open library `db`; raises NewerLibrary for one newer than this code."""
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerLibrary(version)
    return version


def migrate(db: sqlite3.Connection) -> None:
    """Bring the open library `db` to `SCHEMA_VERSION`; call it inside a write transaction."""
    version = known_version(db)
    for step in MIGRATIONS[version:]:
        step(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
