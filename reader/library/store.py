"""The library's store: one SQLite file (WAL), every change committed before the call returns.

Marks are kept by article id with the hash of the story's text, so they survive a rebuilt index,
follow a story whose file moved (`reconcile`) and wait for a deleted story to come back. Several
processes may use one file at once: a write waits for another's (`BUSY_SECONDS`), then retries a
few times. The sets the query language asks for are cached until a mark changes, here or in
another process (`PRAGMA data_version`), so asking on every keystroke costs nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, cast

from articles.entities.corrections import Correction, CorrectionAction
from articles.feeds import FeedState, FeedSubscription
from articles.folding import fold_text
from articles.model import EntityKind
from index.api import SearchEngine
from reader.library.schema import SCHEMA_VERSION, NewerLibrary, known_version, migrate

# How long SQLite waits for another process's write (its busy_timeout); a write still refused
# then is tried again, WRITE_ATTEMPTS times in all, before the user is told.
BUSY_SECONDS = 2.0
WRITE_ATTEMPTS = 5
# Ids per `IN (...)` list, well under SQLite's limit of bound parameters.
_IDS_PER_QUERY = 500

Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class StoryRef:
    """A story as the library keys it: its article id and the hash of its text (as the index
    stores it; "" when not known, which keeps the hash remembered before)."""

    id: str
    text_hash: str = ""


@dataclass(frozen=True, slots=True)
class StoryMark:
    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str
    created: datetime
    last_opened: datetime | None


@dataclass(frozen=True, slots=True)
class SavedCorrection:
    """A correction of an entity name and when the user made it."""

    correction: Correction
    made: datetime


class LibraryError(Exception):
    """A change the library can't make; `str(error)` is a plain sentence for the user."""


class Library:
    """The user's marks, saved searches and feeds; also the `index.api.StoryMarks` of the query
    language. Safe to use from several threads."""

    def __init__(self, db: sqlite3.Connection, path: Path, *, can_save: bool) -> None:
        self._db = db
        self.path = path
        # False when the file can't be written: marks are kept in memory until the library closes.
        self.can_save = can_save
        self._lock = threading.RLock()
        self._version = 0
        self._data_version = self._read_data_version()
        self._marked: dict[tuple[str, str], frozenset[str]] = {}
        self._seen: dict[str, frozenset[str]] = {}
        self._corrections: tuple[Correction, ...] | None = None

    @classmethod
    def open(cls, path: Path) -> tuple[Library, str | None]:
        """The library in the file `path`, created when missing, and the one sentence to show
        the user (None when all is well). Never raises for a bad file: a damaged one is moved
        aside (`library.sqlite.corrupt-<timestamp>`) and a new one started; one that can't be
        written gives a library in memory (`can_save` False)."""
        try:
            return cls(_connect(path), path, can_save=True), None
        except NewerLibrary:
            return cls(_empty_memory_library(), path, can_save=False), (
                f"Your library {path} was written by a newer newsreader: it is left as it is, "
                "and marks made now last only until you quit."
            )
        except _Damaged:
            pass
        except (sqlite3.Error, OSError) as error:
            return cls(_memory_copy(path), path, can_save=False), (
                f"Your library can't be saved in {path.parent} ({_reason(error)}): "
                "marks made now last only until you quit."
            )
        try:
            aside = _move_aside(path)
            return cls(_connect(path), path, can_save=True), (
                f"Your library {path} was damaged: it was moved aside to {aside.name} and a new, "
                "empty one started."
            )
        except (sqlite3.Error, OSError, _Damaged) as error:
            return cls(_empty_memory_library(), path, can_save=False), (
                f"Your library {path} is damaged and can't be moved aside ({_reason(error)}): "
                "marks made now last only until you quit."
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # The query language's view (index.api.StoryMarks)

    @property
    def version(self) -> int:
        """Changes whenever a mark changes, in this process or another."""
        with self._lock:
            self._notice_other_writers()
            return self._version

    def stories_marked(self, mark: str, value: str = "") -> frozenset[str]:
        """The ids of the stories with a mark: "read", "starred", "tag" (`value`: the tag, in
        any case), "note" (any note) or "note_word" (`value`: a word of the note, in any case
        and with or without accents; a trailing `*` makes it a prefix)."""
        query, parameters = _marked_query(mark, value)
        with self._lock:
            self._notice_other_writers()
            marked = self._marked.get((mark, value))
            if marked is None:
                if parameters is None:
                    marked = frozenset()
                else:
                    marked = frozenset(row[0] for row in self._db.execute(query, parameters))
                self._marked[(mark, value)] = marked
            return marked

    # Marks

    def set_read(self, stories: Iterable[StoryRef], read: bool = True) -> None:
        refs = list(stories)
        if not refs:
            return

        def change(db: sqlite3.Connection) -> None:
            _remember(db, refs)
            db.executemany("UPDATE marks SET read = ? WHERE id = ?", [(read, r.id) for r in refs])
            _forget_unmarked(db, [ref.id for ref in refs])

        self._write(change)

    def set_starred(self, story: StoryRef, starred: bool) -> None:
        def change(db: sqlite3.Connection) -> None:
            _remember(db, [story])
            db.execute("UPDATE marks SET starred = ? WHERE id = ?", (starred, story.id))
            _forget_unmarked(db, [story.id])

        self._write(change)

    def add_tags(self, story: StoryRef, tags: Iterable[str]) -> None:
        names = _tag_names(tags)
        if not names:
            return

        def change(db: sqlite3.Connection) -> None:
            _remember(db, [story])
            # A tag keeps the spelling it was first given, whatever the case it is added in.
            db.executemany(
                "INSERT INTO tags (id, tag_key, tag) VALUES (?1, ?2, COALESCE("
                "(SELECT tag FROM tags WHERE tag_key = ?2 LIMIT 1), ?3)) ON CONFLICT DO NOTHING",
                [(story.id, tag_key(name), name) for name in names],
            )
            _forget_unmarked(db, [story.id])

        self._write(change)

    def remove_tags(self, story: StoryRef, tags: Iterable[str]) -> None:
        keys = [tag_key(name) for name in _tag_names(tags)]
        if not keys:
            return

        def change(db: sqlite3.Connection) -> None:
            _remember(db, [story])
            db.executemany(
                "DELETE FROM tags WHERE id = ? AND tag_key = ?", [(story.id, key) for key in keys]
            )
            _forget_unmarked(db, [story.id])

        self._write(change)

    def set_note(self, story: StoryRef, text: str) -> None:
        """The story's note; "" (or only spaces) deletes it."""
        note = text if text.strip() else ""

        def change(db: sqlite3.Connection) -> None:
            _remember(db, [story])
            db.execute("UPDATE marks SET note = ? WHERE id = ?", (note, story.id))
            _index_note(db, story.id, note)
            _forget_unmarked(db, [story.id])

        self._write(change)

    def marks_of(self, ids: Iterable[str]) -> dict[str, StoryMark]:
        """The marks of those of `ids` that have any."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, StoryMark] = {}
        with self._lock, self._reading():
            for start in range(0, len(wanted), _IDS_PER_QUERY):
                chunk = wanted[start : start + _IDS_PER_QUERY]
                places = ",".join("?" * len(chunk))
                tags: dict[str, list[str]] = {}
                for story_id, tag in self._db.execute(
                    f"SELECT id, tag FROM tags WHERE id IN ({places}) ORDER BY tag_key", chunk
                ):
                    tags.setdefault(story_id, []).append(tag)
                for story_id, read, starred, note in self._db.execute(
                    f"SELECT id, read, starred, note FROM marks WHERE id IN ({places})", chunk
                ):
                    found[story_id] = StoryMark(
                        bool(read), bool(starred), tuple(tags.get(story_id, ())), note
                    )
        return found

    def all_tags(self) -> list[str]:
        """Every tag in use, the most used first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT MIN(tag) FROM tags GROUP BY tag_key ORDER BY COUNT(*) DESC, tag_key"
            )
            return [row[0] for row in rows]

    def reconcile(self, index: SearchEngine) -> int:
        """Move the marks of stories whose id the index no longer holds to the id that now has
        their text (a file moved or renamed); how many stories' marks moved. A story found
        nowhere keeps its marks under its id, for when it comes back.

        Only when the index changed since the last time: reading every story's id costs 50-150
        ms at 100,000 stories, which every command would pay."""
        with self._lock:
            remembered = dict(self._db.execute("SELECT id, text_hash FROM marks"))
            if not remembered:
                return 0
            stats = index.stats()
            if stats.generation and stats.generation == self._reconciled_generation(stats.location):
                return 0
            moved = self._move_vanished_marks(index, remembered)
            # Best effort: a library that can't be written now reconciles again next time.
            with contextlib.suppress(LibraryError):
                self._write(
                    lambda db: db.execute(
                        "INSERT OR REPLACE INTO reconciled (index_location, index_generation) "
                        "VALUES (?, ?)",
                        (stats.location, stats.generation),
                    )
                )
            return moved

    def _reconciled_generation(self, location: str) -> str | None:
        row = self._db.execute(
            "SELECT index_generation FROM reconciled WHERE index_location = ?", (location,)
        ).fetchone()
        return row[0] if row else None

    def _move_vanished_marks(self, index: SearchEngine, remembered: dict[str, str]) -> int:
        """Reconcile the marks `remembered` (id: text hash) with the index."""
        present = index.present(remembered.keys())
        vanished = {
            story_id: text_hash
            for story_id, text_hash in remembered.items()
            if story_id not in present and text_hash
        }
        if not vanished:
            return 0
        id_of_hash = index.ids_by_hash(set(vanished.values()))
        moves = {
            old_id: id_of_hash[text_hash]
            for old_id, text_hash in vanished.items()
            if id_of_hash.get(text_hash, old_id) != old_id
        }
        if moves:
            self._write(lambda db: _move_marks(db, moves))
        return len(moves)

    # Saved searches

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        with self._lock:
            rows = self._db.execute(
                "SELECT name, query, created, last_opened FROM saved_searches "
                "ORDER BY name COLLATE NOCASE, name"
            )
            return [
                SavedSearch(name, query, _parse_time(created), _parse_time(last) if last else None)
                for name, query, created, last in rows
            ]

    def save_search(self, name: str, query: str) -> None:
        """Save `query` under `name`; raises LibraryError when the name is taken or empty."""
        name = _search_name(name)

        def change(db: sqlite3.Connection) -> None:
            if _search_exists(db, name):
                raise LibraryError(f"there is already a saved search named {name!r}")
            db.execute(
                "INSERT INTO saved_searches (name, query, created) VALUES (?, ?, ?)",
                (name, query, _now()),
            )

        self._write(change)

    def rename_search(self, old: str, new: str) -> None:
        new = _search_name(new)

        def change(db: sqlite3.Connection) -> None:
            _require_search(db, old)
            if new != old and _search_exists(db, new):
                raise LibraryError(f"there is already a saved search named {new!r}")
            db.execute("UPDATE saved_searches SET name = ? WHERE name = ?", (new, old))
            db.execute("UPDATE seen SET search = ? WHERE search = ?", (new, old))

        self._write(change)

    def remove_search(self, name: str) -> None:
        def change(db: sqlite3.Connection) -> None:
            _require_search(db, name)
            db.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
            db.execute("DELETE FROM seen WHERE search = ?", (name,))

        self._write(change)

    def opened_search(self, name: str, ids: frozenset[str]) -> None:
        """The user opened the saved search and saw the stories `ids`: none of them is new any
        more."""
        with self._lock:
            unseen = ids - self._seen_ids(name)

            def change(db: sqlite3.Connection) -> None:
                _require_search(db, name)
                db.execute(
                    "UPDATE saved_searches SET last_opened = ? WHERE name = ?", (_now(), name)
                )
                db.executemany(
                    "INSERT INTO seen (search, id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    [(name, story_id) for story_id in unseen],
                )

            self._write(change)

    def new_since_opened(self, name: str, ids: frozenset[str]) -> int:
        """How many of the saved search's stories `ids` were not among those it showed when it
        was opened before (all of them, if it never was)."""
        with self._lock:
            return len(ids - self._seen_ids(name))

    # Inside

    # Feeds

    def feeds(self) -> list[FeedSubscription]:
        """Every feed subscribed to, by name."""
        with self._lock:
            rows = self._db.execute("SELECT name, url FROM feeds ORDER BY name")
            return [FeedSubscription(name, url) for name, url in rows]

    def add_feed(self, name: str, url: str) -> FeedSubscription:
        """Subscribe to the feed at `url` under `name`; raises LibraryError when the name (in any
        case) or the address is taken, or the name is empty."""
        feed = FeedSubscription(_feed_name(name), url.strip())

        def change(db: sqlite3.Connection) -> None:
            taken = db.execute(
                "SELECT name, url FROM feeds WHERE name = ? OR url = ?", (feed.name, feed.url)
            ).fetchone()
            if taken and taken[1] == feed.url:
                raise LibraryError(f"you already follow {feed.url} as {taken[0]!r}")
            if taken:
                raise LibraryError(f"there is already a feed named {taken[0]!r}")
            db.execute(
                "INSERT INTO feeds (name, url, added) VALUES (?, ?, ?)",
                (feed.name, feed.url, _now()),
            )

        self._write(change)
        return feed

    def remove_feed(self, name: str) -> FeedSubscription:
        """Unsubscribe from the feed named `name` (in any case) and forget its fetch state; the
        stories fetched stay in the archive. Raises LibraryError when there is no such feed."""

        def change(db: sqlite3.Connection) -> FeedSubscription:
            row = db.execute("SELECT name, url FROM feeds WHERE name = ?", (name.strip(),))
            found = row.fetchone()
            if found is None:
                raise LibraryError(f"no feed named {name!r}")
            db.execute("DELETE FROM feeds WHERE name = ?", (found[0],))
            db.execute("DELETE FROM feed_states WHERE url = ?", (found[1],))
            return FeedSubscription(found[0], found[1])

        return self._write(change)

    def feed_states(self) -> dict[str, FeedState]:
        """What the last fetches left of each feed, by feed address. The stories already
        fetched are not kept here: the fetcher finds them in the archive."""
        with self._lock:
            rows = self._db.execute(
                "SELECT url, etag, last_modified, last_success, failures, last_error, "
                "retry_after FROM feed_states"
            )
            return {
                url: FeedState(
                    etag=etag,
                    last_modified=last_modified,
                    last_success=_parse_time(success) if success else None,
                    failures=failures,
                    last_error=last_error,
                    retry_after=_parse_time(retry_after) if retry_after else None,
                )
                for url, etag, last_modified, success, failures, last_error, retry_after in rows
            }

    def save_feed_states(self, states: Mapping[str, FeedState]) -> None:
        """Keep the states of a fetch run, by feed address, in one transaction. A feed removed
        while it was being fetched gets no state."""

        def change(db: sqlite3.Connection) -> None:
            followed = {row[0] for row in db.execute("SELECT url FROM feeds")}
            db.executemany(
                "INSERT OR REPLACE INTO feed_states (url, etag, last_modified, last_success, "
                "failures, last_error, retry_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        url,
                        state.etag,
                        state.last_modified,
                        _time_text(state.last_success),
                        state.failures,
                        state.last_error,
                        _time_text(state.retry_after),
                    )
                    for url, state in states.items()
                    if url in followed
                ],
            )

        if states:
            self._write(change)

    # Entity corrections

    def entity_corrections(self) -> list[SavedCorrection]:
        """Every correction of an entity name, the latest made first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT name, kind, action, new_kind, new_name, made FROM entity_corrections "
                "ORDER BY made DESC, name"
            )
            return [
                SavedCorrection(
                    Correction(
                        name,
                        cast(EntityKind, kind),
                        cast(CorrectionAction, action),
                        cast(EntityKind | None, new_kind),
                        new_name,
                    ),
                    _parse_time(made),
                )
                for name, kind, action, new_kind, new_name, made in rows
            ]

    @staticmethod
    def corrections_in(path: Path) -> tuple[Correction, ...]:
        """The corrections in force in the library file `path`, read without opening it as a
        library (which would create, migrate or move aside the file): none when it has none or
        can't be read. For indexing before the reader's library is open."""
        try:
            db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        except (sqlite3.Error, ValueError):
            return ()
        try:
            opened = Library(db, path, can_save=False)
            return opened.corrections()
        except sqlite3.Error:
            return ()
        finally:
            db.close()

    def corrections(self) -> tuple[Correction, ...]:
        """The corrections in force, the oldest first (as `apply_corrections` takes them);
        cached until one changes, here or in another process."""
        with self._lock:
            self._notice_other_writers()
            if self._corrections is None:
                saved = self.entity_corrections()
                self._corrections = tuple(each.correction for each in reversed(saved))
            return self._corrections

    def correct_entity(self, correction: Correction) -> None:
        """Keep `correction`, in place of any earlier one of the same name read as that kind."""

        def change(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR REPLACE INTO entity_corrections "
                "(name, kind, action, new_kind, new_name, made) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    correction.name,
                    correction.kind,
                    correction.action,
                    correction.new_kind,
                    correction.new_name,
                    _now(),
                ),
            )

        self._write(change)

    def remove_corrections(self, name: str, kind: EntityKind | None = None) -> list[Correction]:
        """Forget the corrections of `name` read as `kind` (None: as any kind), returning them;
        raises LibraryError when there is none."""

        def change(db: sqlite3.Connection) -> list[Correction]:
            removed = [
                saved.correction
                for saved in self.entity_corrections()
                if saved.correction.name == name and kind in (None, saved.correction.kind)
            ]
            if not removed:
                raise LibraryError(f"no correction of {name!r}")
            db.executemany(
                "DELETE FROM entity_corrections WHERE name = ? AND kind = ?",
                [(correction.name, correction.kind) for correction in removed],
            )
            return removed

        return self._write(change)

    def _seen_ids(self, name: str) -> frozenset[str]:
        self._notice_other_writers()
        seen = self._seen.get(name)
        if seen is None:
            rows = self._db.execute("SELECT id FROM seen WHERE search = ?", (name,))
            seen = self._seen[name] = frozenset(row[0] for row in rows)
        return seen

    def _write(self, change: Callable[[sqlite3.Connection], Result]) -> Result:
        """Run `change` in a write transaction and commit it, waiting out other writers."""
        with self._lock:
            try:
                result = _in_transaction(self._db, change)
            except sqlite3.OperationalError as error:
                raise LibraryError(
                    f"can't save to your library {self.path}: {_reason(error)}"
                ) from error
            self._forget_cached()
            self._data_version = self._read_data_version()
            return result

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """One snapshot for several reads."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def _notice_other_writers(self) -> None:
        data_version = self._read_data_version()
        if data_version != self._data_version:
            self._data_version = data_version
            self._forget_cached()

    def _forget_cached(self) -> None:
        self._version += 1
        self._marked.clear()
        self._seen.clear()
        self._corrections = None

    def _read_data_version(self) -> int:
        version: int = self._db.execute("PRAGMA data_version").fetchone()[0]
        return version


def tag_key(tag: str) -> str:
    """Tags are the same in any case: `Serbia` is `serbia`."""
    return tag.strip().casefold()


def _tag_names(tags: Iterable[str]) -> list[str]:
    return [name.strip() for name in tags if name.strip()]


def _marked_query(mark: str, value: str) -> tuple[str, tuple[str, ...] | None]:
    """The SQL of `stories_marked`; None parameters when nothing can match."""
    if mark == "read":
        return "SELECT id FROM marks WHERE read", ()
    if mark == "starred":
        return "SELECT id FROM marks WHERE starred", ()
    if mark == "note":
        return "SELECT id FROM marks WHERE note != ''", ()
    if mark == "tag":
        return "SELECT id FROM tags WHERE tag_key = ?", (tag_key(value),)
    if mark == "note_word":
        prefix = value.endswith("*")
        word = fold_text(value.rstrip("*")).strip()
        if not word:
            return "", None
        # A quoted FTS5 string, so the user's text is never FTS5 syntax; `*` after it: a prefix.
        match = '"' + word.replace('"', '""') + '"' + (" *" if prefix else "")
        return "SELECT id FROM note_words WHERE note_words MATCH ?", (match,)
    raise ValueError(f"no mark named {mark!r}")


def _remember(db: sqlite3.Connection, stories: list[StoryRef]) -> None:
    """Give each story a row, and its text hash when one is given (an edited story's changes)."""
    db.executemany(
        "INSERT INTO marks (id, text_hash, changed) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
        "SET text_hash = CASE WHEN excluded.text_hash != '' THEN excluded.text_hash "
        "ELSE text_hash END, changed = excluded.changed",
        [(story.id, story.text_hash, _now()) for story in stories],
    )


def _forget_unmarked(db: sqlite3.Connection, ids: list[str]) -> None:
    """Drop the rows of stories left with no mark at all."""
    db.executemany(
        "DELETE FROM marks WHERE id = ? AND NOT read AND NOT starred AND note = '' "
        "AND NOT EXISTS (SELECT 1 FROM tags WHERE tags.id = marks.id)",
        [(story_id,) for story_id in ids],
    )


def _index_note(db: sqlite3.Connection, story_id: str, note: str) -> None:
    db.execute("DELETE FROM note_words WHERE id = ?", (story_id,))
    if note:
        db.execute("INSERT INTO note_words (id, words) VALUES (?, ?)", (story_id, fold_text(note)))


def _move_marks(db: sqlite3.Connection, moves: dict[str, str]) -> None:
    """Give each new id the marks of its old id (joined with any it has) and drop the old."""
    for old_id, new_id in moves.items():
        row = db.execute(
            "SELECT text_hash, read, starred, note FROM marks WHERE id = ?", (old_id,)
        ).fetchone()
        if row is None:  # another process moved it first
            continue
        text_hash, read, starred, note = row
        existing = db.execute("SELECT note FROM marks WHERE id = ?", (new_id,)).fetchone()
        if existing and existing[0] and note and existing[0] != note:
            note = f"{existing[0]}\n\n{note}"
        elif existing and existing[0]:
            note = existing[0]
        db.execute(
            "INSERT INTO marks (id, text_hash, read, starred, note, changed) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "read = MAX(read, excluded.read), starred = MAX(starred, excluded.starred), "
            "note = excluded.note, changed = excluded.changed",
            (new_id, text_hash, read, starred, note, _now()),
        )
        _index_note(db, new_id, note)
        _index_note(db, old_id, "")
        db.execute(
            "INSERT INTO tags (id, tag_key, tag) SELECT ?, tag_key, tag FROM tags WHERE id = ? "
            "ON CONFLICT DO NOTHING",
            (new_id, old_id),
        )
        db.execute(
            "INSERT INTO seen (search, id) SELECT search, ? FROM seen WHERE id = ? "
            "ON CONFLICT DO NOTHING",
            (new_id, old_id),
        )
        db.execute("DELETE FROM tags WHERE id = ?", (old_id,))
        db.execute("DELETE FROM seen WHERE id = ?", (old_id,))
        db.execute("DELETE FROM marks WHERE id = ?", (old_id,))


def _search_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise LibraryError("a saved search needs a name")
    return name


def _search_exists(db: sqlite3.Connection, name: str) -> bool:
    found = db.execute("SELECT 1 FROM saved_searches WHERE name = ?", (name,)).fetchone()
    return found is not None


def _require_search(db: sqlite3.Connection, name: str) -> None:
    if not _search_exists(db, name):
        raise LibraryError(f"no saved search named {name!r}")


def _feed_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise LibraryError("a feed needs a name")
    return name


def _time_text(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Opening


class _Damaged(Exception):
    """The file is not a SQLite database, or one whose pages are broken."""


def _connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the library file, check it and bring its tables up to date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        known_version(db)  # before anything is written to a file of a newer newsreader
        db.execute("PRAGMA journal_mode = WAL")
        # Each commit reaches the disk before the call returns: a crash, even of the
        # machine, loses no mark that was made.
        db.execute("PRAGMA synchronous = FULL")
        problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _Damaged(problems[0])
        if known_version(db) < SCHEMA_VERSION:
            _in_transaction(db, migrate)
    except sqlite3.DatabaseError as error:
        db.close()
        if error.sqlite_errorname in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            raise _Damaged(str(error)) from error
        raise
    except BaseException:
        db.close()
        raise
    return db


def _memory_connection() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)


def _empty_memory_library() -> sqlite3.Connection:
    db = _memory_connection()
    _in_transaction(db, migrate)
    return db


def _memory_copy(path: Path) -> sqlite3.Connection:
    """A library in memory holding what the (read-only) file `path` holds, if it can be read."""
    db = _memory_connection()
    try:
        source = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            source.backup(db)
        finally:
            source.close()
        _in_transaction(db, migrate)
    except (sqlite3.Error, NewerLibrary):
        db.close()
        return _empty_memory_library()
    return db


def _move_aside(path: Path) -> Path:
    """Rename the damaged file (and its write-ahead log) out of the way, keeping it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    return aside


def _in_transaction(
    db: sqlite3.Connection, change: Callable[[sqlite3.Connection], Result]
) -> Result:
    """Run `change` in a write transaction and commit it. Another process's write is waited
    for (`BUSY_SECONDS` at a time, `WRITE_ATTEMPTS` times) before the error is raised."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if _is_busy(error) and attempt < WRITE_ATTEMPTS:
                time.sleep(0.05 * attempt)
                continue
            raise
        try:
            result = change(db)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return result
    raise AssertionError("unreachable: the last attempt returns or raises")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return error.sqlite_errorname.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
