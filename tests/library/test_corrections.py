"""The user's corrections of entity names in the library: kept across closing, one per name,
removable, and seen by another process's library at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from articles.entities.corrections import Correction
from reader.library import Library, LibraryError

WOLVES = Correction.change_kind("Wolves", "place", "organization")
DREW = Correction.not_entity("Drew", "person")
BIDEN = Correction.merge("Biden", "person", "Joe Biden", "person")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened, message = Library.open(tmp_path / "library.sqlite")
    assert message is None
    yield opened
    opened.close()


def test_corrections_are_kept_with_when_they_were_made(library: Library) -> None:
    for correction in (WOLVES, DREW, BIDEN):
        library.correct_entity(correction)
    library.close()
    again, _ = Library.open(library.path)
    try:
        saved = again.entity_corrections()
        assert {each.correction for each in saved} == {WOLVES, DREW, BIDEN}
        assert all(each.made.tzinfo is not None for each in saved)
        assert set(again.corrections()) == {WOLVES, DREW, BIDEN}
    finally:
        again.close()


def test_a_new_correction_of_a_name_as_a_kind_replaces_the_old_one(library: Library) -> None:
    library.correct_entity(WOLVES)
    assert library.corrections() == (WOLVES,)
    wrong = Correction.not_entity("Wolves", "place")
    library.correct_entity(wrong)
    assert library.corrections() == (wrong,)
    # The same name read as another kind is another correction.
    person = Correction.change_kind("Wolves", "person", "organization")
    library.correct_entity(person)
    assert set(library.corrections()) == {wrong, person}


def test_a_removed_correction_is_gone_and_an_unknown_one_is_a_plain_error(
    library: Library,
) -> None:
    library.correct_entity(WOLVES)
    library.correct_entity(DREW)
    wolves_person = Correction.not_entity("Wolves", "person")
    library.correct_entity(wolves_person)
    assert library.remove_corrections("Wolves", "place") == [WOLVES]
    assert set(library.corrections()) == {DREW, wolves_person}
    assert library.remove_corrections("Wolves") == [wolves_person]
    assert library.corrections() == (DREW,)
    with pytest.raises(LibraryError, match="no correction of 'Wolves'"):
        library.remove_corrections("Wolves")


def test_a_correction_made_by_another_process_is_seen_at_once(library: Library) -> None:
    assert library.corrections() == ()
    other, _ = Library.open(library.path)
    try:
        other.correct_entity(BIDEN)
    finally:
        other.close()
    assert library.corrections() == (BIDEN,)
