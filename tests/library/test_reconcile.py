"""Marks follow a story's text through the index: a moved file takes its marks along, an edited
one keeps them, a deleted one keeps them for when it comes back. Real archives, real indexes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.api import EngineStats, SearchEngine, open_engine, update_index
from reader.library import Library, StoryMark, StoryRef

BAKU = "defence/2024-03-14-baku-visit.txt"
MOVED = "2024/baku.txt"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened, _ = Library.open(tmp_path / "data" / "library.sqlite")
    yield opened
    opened.close()


def indexed(archive: Path, index_dir: Path) -> SearchEngine:
    """The archive's index, brought up to date, open."""
    update_index(archive, index_dir)
    return open_engine(index_dir)


def story(engine: SearchEngine, story_id: str) -> StoryRef:
    return StoryRef(story_id, engine.article(story_id).text_hash)


def mark_everything(library: Library, ref: StoryRef) -> None:
    library.set_read([ref])
    library.set_starred(ref, True)
    library.add_tags(ref, ["visit"])
    library.set_note(ref, "Gašić in Baku")


EVERY_MARK = StoryMark(read=True, starred=True, tags=("visit",), note="Gašić in Baku")


def test_the_marks_of_a_moved_story_follow_its_text(
    library: Library, archive: Path, tmp_path: Path
) -> None:
    engine = indexed(archive, tmp_path / "index")
    mark_everything(library, story(engine, BAKU))
    library.save_search("visits", "visit")
    library.opened_search("visits", frozenset({BAKU}))
    engine.close()
    (archive / MOVED).parent.mkdir()
    (archive / BAKU).rename(archive / MOVED)
    engine = indexed(archive, tmp_path / "index")
    try:
        assert library.reconcile(engine) == 1
        assert library.marks_of([BAKU, MOVED]) == {MOVED: EVERY_MARK}
        assert library.stories_marked("note_word", "gasic") == {MOVED}
        assert library.new_since_opened("visits", frozenset({MOVED})) == 0
        assert library.reconcile(engine) == 0
    finally:
        engine.close()


def test_an_edited_story_keeps_its_marks_and_they_follow_its_new_text(
    library: Library, archive: Path, tmp_path: Path
) -> None:
    engine = indexed(archive, tmp_path / "index")
    mark_everything(library, story(engine, BAKU))
    engine.close()
    with (archive / BAKU).open("a", encoding="utf-8") as file:
        file.write("The talks went on for a third day.\n")
    engine = indexed(archive, tmp_path / "index")
    try:
        assert library.reconcile(engine) == 0
        assert library.marks_of([BAKU]) == {BAKU: EVERY_MARK}
        library.set_read([story(engine, BAKU)])  # seen again: the new text is remembered
    finally:
        engine.close()
    (archive / MOVED).parent.mkdir()
    (archive / BAKU).rename(archive / MOVED)
    engine = indexed(archive, tmp_path / "index")
    try:
        assert library.reconcile(engine) == 1
        assert library.marks_of([BAKU, MOVED]) == {MOVED: EVERY_MARK}
    finally:
        engine.close()


def test_a_deleted_story_keeps_its_marks_and_has_them_when_it_returns(
    library: Library, archive: Path, tmp_path: Path
) -> None:
    engine = indexed(archive, tmp_path / "index")
    mark_everything(library, story(engine, BAKU))
    engine.close()
    text = (archive / BAKU).read_bytes()
    (archive / BAKU).unlink()
    engine = indexed(archive, tmp_path / "index")
    try:
        assert library.reconcile(engine) == 0
        assert library.stories_marked("starred") == {BAKU}
    finally:
        engine.close()
    (archive / MOVED).parent.mkdir()
    (archive / MOVED).write_bytes(text)  # it comes back, somewhere else
    engine = indexed(archive, tmp_path / "index")
    try:
        assert library.reconcile(engine) == 1
        assert library.marks_of([BAKU, MOVED]) == {MOVED: EVERY_MARK}
    finally:
        engine.close()


def test_a_moved_story_joins_the_marks_its_new_id_already_has(
    library: Library, archive: Path, tmp_path: Path
) -> None:
    engine = indexed(archive, tmp_path / "index")
    baku = story(engine, BAKU)
    engine.close()
    library.set_starred(baku, True)
    library.set_note(baku, "old note")
    moved = StoryRef(MOVED, baku.text_hash)  # marked under its new id before reconciling
    library.set_read([moved])
    library.set_note(moved, "new note")
    (archive / MOVED).parent.mkdir()
    (archive / BAKU).rename(archive / MOVED)
    engine = indexed(archive, tmp_path / "index")
    try:
        assert library.reconcile(engine) == 1
        assert library.marks_of([BAKU, MOVED]) == {
            MOVED: StoryMark(read=True, starred=True, note="new note\n\nold note")
        }
    finally:
        engine.close()


def test_the_marks_survive_a_rebuilt_index(library: Library, archive: Path, tmp_path: Path) -> None:
    engine = indexed(archive, tmp_path / "index")
    mark_everything(library, story(engine, BAKU))
    engine.close()
    update_index(archive, tmp_path / "index", rebuild=True)
    engine = open_engine(tmp_path / "index", marks=library)
    try:
        assert library.reconcile(engine) == 0
        assert [hit.id for hit in engine.search("is:starred tag:visit note:gasic").hits] == [BAKU]
    finally:
        engine.close()


def test_an_index_unchanged_since_the_last_reconcile_is_not_read_again(
    library: Library, archive: Path, tmp_path: Path
) -> None:
    """Every command reconciles: reading every story's id each time would cost a command
    50-150 ms at 100,000 stories. The generation reconciled with is kept in the library file,
    so another process skips it too."""
    engine = indexed(archive, tmp_path / "index")
    try:
        mark_everything(library, story(engine, BAKU))
        assert library.reconcile(engine) == 0
        assert library.reconcile(StatsOnly(engine)) == 0  # type: ignore[arg-type]
        another, _ = Library.open(library.path)
        try:
            assert another.reconcile(StatsOnly(engine)) == 0  # type: ignore[arg-type]
        finally:
            another.close()
    finally:
        engine.close()
    (archive / MOVED).parent.mkdir()
    (archive / BAKU).rename(archive / MOVED)
    engine = indexed(archive, tmp_path / "index")
    try:
        assert library.reconcile(engine) == 1  # a new generation is read
        assert library.reconcile(StatsOnly(engine)) == 0  # type: ignore[arg-type]
    finally:
        engine.close()


class StatsOnly:
    """An open index that says what it is, and must not be asked for its stories."""

    def __init__(self, engine: SearchEngine) -> None:
        self._engine = engine

    def stats(self) -> EngineStats:
        return self._engine.stats()

    def __getattr__(self, name: str) -> None:
        raise AssertionError(f"the index was asked for {name}")


def test_an_empty_library_asks_the_index_nothing(library: Library) -> None:
    assert library.reconcile(AnswersNothing()) == 0  # type: ignore[arg-type]


class AnswersNothing:
    """An index that must not be asked."""

    def __getattr__(self, name: str) -> None:
        raise AssertionError(f"the index was asked for {name}")
