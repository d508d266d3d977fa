"""The library's marks and saved searches: kept across closing and opening, keyed so that they
survive an edited or moved story, and seen by the query language (`stories_marked`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library, LibraryError, StoryMark, StoryRef

BAKU = StoryRef("defence/baku.txt", "hash-of-baku")
BELGRADE = StoryRef("defence/belgrade.txt", "hash-of-belgrade")
STRIKE = StoryRef("economy/strike.txt", "hash-of-strike")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "library.sqlite"


@pytest.fixture
def library(path: Path) -> Iterator[Library]:
    opened, message = Library.open(path)
    assert message is None and opened.can_save
    yield opened
    opened.close()


def reopened(library: Library) -> Library:
    library.close()
    again, message = Library.open(library.path)
    assert message is None
    return again


def test_every_kind_of_mark_is_there_after_closing(library: Library) -> None:
    library.set_read([BAKU, BELGRADE])
    library.set_starred(BAKU, True)
    library.add_tags(BELGRADE, ["Serbia", "defence"])
    library.set_note(STRIKE, "Ask the union")
    library = reopened(library)
    try:
        assert library.marks_of([BAKU.id, BELGRADE.id, STRIKE.id, "never/marked.txt"]) == {
            BAKU.id: StoryMark(read=True, starred=True),
            BELGRADE.id: StoryMark(read=True, tags=("defence", "Serbia")),
            STRIKE.id: StoryMark(note="Ask the union"),
        }
        assert library.stories_marked("read") == {BAKU.id, BELGRADE.id}
        assert library.stories_marked("starred") == {BAKU.id}
        assert library.stories_marked("note") == {STRIKE.id}
    finally:
        library.close()


def test_undoing_every_mark_forgets_the_story(library: Library) -> None:
    library.set_read([BAKU])
    library.set_starred(BAKU, True)
    library.add_tags(BAKU, ["x"])
    library.set_note(BAKU, "note")
    library.set_read([BAKU], read=False)
    library.set_starred(BAKU, False)
    library.remove_tags(BAKU, ["X"])
    library.set_note(BAKU, "  ")
    assert library.marks_of([BAKU.id]) == {}
    assert library.stories_marked("note") == frozenset()


def test_tags_are_one_in_any_case_and_listed_most_used_first(library: Library) -> None:
    library.add_tags(BAKU, ["Serbia", "serbia ", "", "Defence"])
    library.add_tags(BELGRADE, ["SERBIA"])
    assert library.marks_of([BAKU.id])[BAKU.id].tags == ("Defence", "Serbia")
    assert library.marks_of([BELGRADE.id])[BELGRADE.id].tags == ("Serbia",)
    assert library.stories_marked("tag", "sErBiA") == {BAKU.id, BELGRADE.id}
    assert library.all_tags() == ["Serbia", "Defence"]
    library.remove_tags(BAKU, ["SERBIA"])
    assert library.stories_marked("tag", "serbia") == {BELGRADE.id}


@pytest.mark.parametrize(
    ("note", "word"),
    [
        ("Minister Gašić spoke", "Gasic"),
        ("Minister Gasic spoke", "gašić"),
        ("The festival in Łódź", "lodz"),
        ("The festival in Lodz", "ŁÓDŹ"),
        ("Straße closed", "strasse"),
        ("cooperation on training", "coop*"),
    ],
)
def test_a_note_is_found_by_its_words_folded_as_the_index_folds(
    library: Library, note: str, word: str
) -> None:
    library.set_note(BAKU, note)
    library.set_note(BELGRADE, "nothing of the kind")
    assert library.stories_marked("note_word", word) == {BAKU.id}


def test_a_note_word_is_never_query_syntax(library: Library) -> None:
    library.set_note(BAKU, 'He said "NEAR" OR AND')
    assert library.stories_marked("note_word", '"near') == {BAKU.id}
    assert library.stories_marked("note_word", "OR") == {BAKU.id}
    assert library.stories_marked("note_word", "*") == frozenset()
    assert library.stories_marked("note_word", "coop") == frozenset()


def test_a_changed_note_is_found_by_its_new_words_only(library: Library) -> None:
    library.set_note(BAKU, "first draft")
    library.set_note(BAKU, "second thoughts")
    assert library.stories_marked("note_word", "draft") == frozenset()
    assert library.stories_marked("note_word", "thoughts") == {BAKU.id}


def test_the_version_changes_with_every_mark_and_the_sets_follow(library: Library) -> None:
    before = library.version
    assert library.stories_marked("read") == frozenset()
    assert library.version == before  # asking changes nothing
    library.set_read([BAKU])
    assert library.version != before
    assert library.stories_marked("read") == {BAKU.id}


def test_asking_again_without_a_change_reads_nothing(library: Library) -> None:
    library.set_read([StoryRef(f"story-{number}.txt") for number in range(10_000)])
    read = library.stories_marked("read")
    version = library.version
    assert len(read) == 10_000
    assert library.stories_marked("read") is read  # the set kept, not read again
    library.add_tags(BAKU, [])  # nothing to change: nothing written
    library.set_read([])
    assert library.version == version
    assert library.stories_marked("read") is read


def test_a_mark_made_by_another_process_is_seen(library: Library) -> None:
    assert library.stories_marked("starred") == frozenset()
    before = library.version
    other, _ = Library.open(library.path)  # another connection: what another process has
    other.set_starred(BELGRADE, True)
    other.close()
    assert library.version != before
    assert library.stories_marked("starred") == {BELGRADE.id}


def test_saved_searches_are_kept_renamed_and_removed(library: Library) -> None:
    library.save_search("strikes", "strike OR walkout")
    library.save_search("Gašić", 'person:"Bratislav Gašić"')
    with pytest.raises(LibraryError, match="already a saved search named 'strikes'"):
        library.save_search(" strikes ", "other")
    with pytest.raises(LibraryError, match="needs a name"):
        library.save_search("  ", "x")
    library = reopened(library)
    try:
        assert [(s.name, s.query) for s in library.saved_searches()] == [
            ("Gašić", 'person:"Bratislav Gašić"'),
            ("strikes", "strike OR walkout"),
        ]
        library.rename_search("strikes", "labour")
        with pytest.raises(LibraryError, match="already a saved search named 'labour'"):
            library.rename_search("Gašić", "labour")
        with pytest.raises(LibraryError, match="no saved search named 'strikes'"):
            library.remove_search("strikes")
        library.remove_search("Gašić")
        assert [s.name for s in library.saved_searches()] == ["labour"]
    finally:
        library.close()


def test_new_since_opened_counts_the_stories_not_shown_before(library: Library) -> None:
    library.save_search("defence", "defence")
    assert library.new_since_opened("defence", frozenset({BAKU.id, BELGRADE.id})) == 2
    library.opened_search("defence", frozenset({BAKU.id}))
    (search,) = library.saved_searches()
    assert search.last_opened is not None
    assert library.new_since_opened("defence", frozenset({BAKU.id, BELGRADE.id})) == 1
    library.rename_search("defence", "military")
    library = reopened(library)
    try:
        assert library.new_since_opened("military", frozenset({BAKU.id, BELGRADE.id})) == 1
        library.opened_search("military", frozenset({BELGRADE.id}))
        # A story shown once is not new again when it comes back to the results.
        assert library.new_since_opened("military", frozenset({BAKU.id, BELGRADE.id})) == 0
    finally:
        library.close()


def test_opening_a_search_that_is_not_saved_says_so(library: Library) -> None:
    with pytest.raises(LibraryError, match="no saved search named 'gone'"):
        library.opened_search("gone", frozenset({BAKU.id}))


def test_many_stories_are_marked_read_at_once(library: Library) -> None:
    stories = [StoryRef(f"story-{number}.txt", f"hash-{number}") for number in range(2000)]
    library.set_read(stories)
    assert len(library.stories_marked("read")) == 2000
    assert len(library.marks_of(story.id for story in stories)) == 2000
