"""The user's library in the reader: read and unread, stars, tags, notes, saved searches, every
result marked read, the library's notice; driven with the pilot on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_ARCHIVE
from pilot_helpers import main_screen, open_first_story, settle, type_query
from textual.widgets import Input, TextArea

from reader.data.tag_edits import TagChanges, tag_changes
from reader.library import Library, StoryMark, StoryRef
from reader.screens.library_dialogs import ConfirmScreen, NoteScreen, TagsScreen, TextPromptScreen
from reader.screens.main import MainScreen
from reader.screens.saved import SavedSearchesScreen
from reader.settings import Locations, Settings

ARTICLE_COUNT = len(list(FIXTURE_ARCHIVE.rglob("*.txt")))


def library_marks(locations: Locations) -> dict[str, StoryMark]:
    """Every mark in the library file, as another process would read it."""
    library, notice = Library.open(locations.library_file)
    assert notice is None
    try:
        return library.marks_of(
            str(path.relative_to(FIXTURE_ARCHIVE)) for path in FIXTURE_ARCHIVE.rglob("*.txt")
        )
    finally:
        library.close()


def row(screen: MainScreen, index: int) -> list[str]:
    """The lines of a result list row as drawn."""
    return str(screen.results.get_option_at_index(index).prompt).split("\n")


def unread_in_header(screen: MainScreen) -> str:
    """ "3 unread" from the header's "… · 3 of 8 unread"."""
    count, _of, rest = screen.sub_title.rpartition(" · ")[2].partition(" of ")
    return f"{count} {rest.split()[-1]}"


async def test_opening_a_story_marks_it_read_in_the_list_the_header_and_the_library(
    make_app, isolated_user_dirs: Locations
) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert all(row(screen, i)[0].startswith("● ") for i in range(ARTICLE_COUNT))
        assert unread_in_header(screen) == f"{ARTICLE_COUNT} unread"
        await pilot.press("enter", "enter")  # to the list, then the first story
        await settle(pilot)
        first = screen.results.hits[0].id
        assert screen.article_view.article_id == first
        assert row(screen, 0)[0].startswith("  ")
        assert unread_in_header(screen) == f"{ARTICLE_COUNT - 1} unread"
        # `m` (on the open story) makes it unread again.
        await pilot.press("m")
        await settle(pilot)
        assert row(screen, 0)[0].startswith("● ")
        assert unread_in_header(screen) == f"{ARTICLE_COUNT} unread"
        await pilot.press("m")
        await settle(pilot)
    assert library_marks(isolated_user_dirs)[first].read


async def test_u_opens_the_next_unread_story_loading_more_when_needed(
    make_app, isolated_user_dirs: Locations
) -> None:
    # Pages of ten: the fixture's eight stories and more would need two; here, with the first
    # stories read, `u` goes past them.
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        # The first and second stories read with `m` from the list, the third opened with `u`.
        await pilot.press("m", "down", "m", "up")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        hits = screen.results.hits
        assert screen.article_view.article_id == hits[2].id
        assert screen.results.highlighted == 2
        # Every story read: `u` says there is none left.
        for _ in range(ARTICLE_COUNT):
            await pilot.press("u")
            await settle(pilot)
        assert screen.article_view.article_id == hits[-1].id
        messages = [str(toast.message) for toast in app._notifications]
        assert "No unread story after this one." in messages
        assert unread_in_header(screen) == "0 unread"


async def test_u_loads_further_pages_to_find_an_unread_story(
    make_app, tmp_path: Path, isolated_user_dirs: Locations
) -> None:
    archive = tmp_path / "many"
    archive.mkdir()
    for day in range(1, 26):
        (archive / f"{day:02}.txt").write_text(
            f" date 2024-01-{day:02} Tide table {day}\nThe tide was high on day {day}.\n",
            encoding="utf-8",
        )
    # Every story but the oldest read already (as `newsreader mark` would).
    library, _notice = Library.open(isolated_user_dirs.library_file)
    library.set_read([StoryRef(f"{day:02}.txt") for day in range(2, 26)], True)
    library.close()
    app = make_app(
        archive=archive, index_dir=tmp_path / "index", settings=Settings(results_page_size=10)
    )
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        assert len(screen.results.hits) == 10
        assert unread_in_header(screen) == "1 unread"
        screen.results.focus()
        await pilot.press("u")
        await settle(pilot)
        assert screen.article_view.article_id == "01.txt"
        assert screen.results.highlighted == 24


async def test_a_star_shows_in_the_list_survives_a_relaunch_and_is_searchable(
    make_app, isolated_user_dirs: Locations
) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("down", "asterisk")
        await settle(pilot)
        starred = screen.results.hits[1].id
        assert row(screen, 1)[1].startswith("  ★ ")
        assert not row(screen, 0)[1].startswith("  ★ ")
    assert library_marks(isolated_user_dirs)[starred].starred
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        index = screen.results.index_of(starred)
        assert index is not None and row(screen, index)[1].startswith("  ★ ")
        await type_query(pilot, "is:starred")
        assert [hit.id for hit in screen.results.hits] == [starred]
        # `*` again unstars it.
        screen.results.focus()
        await pilot.press("asterisk")
        await settle(pilot)
    assert not library_marks(isolated_user_dirs).get(starred, StoryMark()).starred


async def test_the_star_key_can_be_remapped(make_app) -> None:
    app = make_app(settings=Settings(keymap={"toggle_star": "x"}))
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()
        await pilot.press("x")
        await settle(pilot)
        assert row(screen, 0)[1].startswith("  ★ ")


async def test_tags_are_added_completed_and_removed(make_app, isolated_user_dirs) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "harbour")
        story = screen.article_view.article_id
        assert story is not None
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagsScreen)
        await pilot.press(*"+research +Harbour", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        index = screen.results.index_of(story)
        assert index is not None and {"#research", "#Harbour"} <= set(row(screen, index)[1].split())
        # Another story: the tags in use are offered as the last word is typed.
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        tag_input = app.screen.query_one(Input)
        await pilot.press(*"+res")
        await settle(pilot)
        assert tag_input._suggestion == "+research"
        await pilot.press("right", "enter")
        await settle(pilot)
        # A plain word toggles: the first story's "harbour" goes.
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"harbour", "enter")
        await settle(pilot)
    marks = library_marks(isolated_user_dirs)
    assert marks[story].tags == ("research",)
    assert sum(1 for mark in marks.values() if "research" in mark.tags) == 2


def test_tag_changes_add_remove_and_toggle() -> None:
    assert tag_changes("+a -b c", ["b", "C"]) == TagChanges(("a",), ("b", "c"))
    assert tag_changes("c #d", ["b"]) == TagChanges(("c", "d"), ())
    assert tag_changes('+"two words" -missing', []) == TagChanges(("two words",), ())
    assert tag_changes("+a -a", []) == TagChanges((), ())
    assert tag_changes('+"unclosed', []) == TagChanges(('"unclosed',), ())
    assert TagChanges(("a",), ("b",)).summary == "Tagged #a; removed #b."


async def test_a_note_is_written_shown_as_text_marked_in_the_list_and_found(
    make_app, isolated_user_dirs
) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "harbour")
        story = screen.article_view.article_id
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        editor = app.screen.query_one(TextArea)
        editor.insert("Call the [bold]mayor[/] about the Gašić quote")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        note = screen.article_view.query_one("#article-note")
        assert note.display
        assert "Call the [bold]mayor[/] about the Gašić quote" in str(note.visual)
        index = screen.results.index_of(story)
        assert index is not None and row(screen, index)[1].startswith("  ✎ ")
        await type_query(pilot, "note:gasic")
        assert [hit.id for hit in screen.results.hits] == [story]
        # Emptied, the note goes.
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        app.screen.query_one(TextArea).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not screen.article_view.query_one("#article-note").display
    assert (
        story not in library_marks(isolated_user_dirs)
        or not library_marks(isolated_user_dirs)[story].note
    )


async def test_a_saved_search_is_listed_with_its_new_stories_run_renamed_and_deleted(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "harbour")
        total = screen.results.total
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TextPromptScreen)
        app.screen.query_one(Input).value = "Harbour news"
        await pilot.press("enter")
        await settle(pilot)
        await type_query(pilot, "")
        screen.results.focus()
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SavedSearchesScreen)
        [listed] = app.screen.rows
        assert (listed.search.name, len(listed.story_ids or ()), listed.new) == (
            "Harbour news",
            total,
            total,
        )
        await pilot.press("enter")  # run it
        await settle(pilot)
        assert screen.search_bar.query_text == "harbour"
        assert screen.shown_query == "harbour"
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SavedSearchesScreen)
        assert app.screen.rows[0].new == 0  # seen when it was run
        await pilot.press("R")
        await settle(pilot)
        app.screen.query_one(Input).value = "Bridge"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SavedSearchesScreen)
        assert [row.search.name for row in app.screen.rows] == ["Bridge"]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert screen.session.library is not None
        assert screen.session.library.saved_searches() == []


async def test_mark_all_results_read_asks_first_saying_how_many(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "harbour")
        total = screen.results.total
        screen.library_actions.mark_all_read()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#dialog-prompt").visual)
        assert f"Mark all {total} stories of these results read?" in question
        await pilot.press("n")
        await settle(pilot)
        assert unread_in_header(screen) == f"{total} unread"
        screen.library_actions.mark_all_read()
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert unread_in_header(screen) == "0 unread"
        assert all(row(screen, i)[0].startswith("  ") for i in range(total))


async def test_the_palette_offers_the_library_commands(make_app) -> None:
    from reader.commands.palette import ReaderCommands

    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        provider = ReaderCommands(screen)
        names = [name for name, _help, _callback in provider._commands()]
        for command in (
            "Save this search",
            "Saved searches",
            "Mark all results read",
            "Export results",
        ):
            assert command in names


async def test_a_damaged_library_is_said_once_and_a_fresh_one_used(
    make_app, isolated_user_dirs: Locations
) -> None:
    library_file = isolated_user_dirs.library_file
    library_file.parent.mkdir(parents=True)
    library_file.write_bytes(b"this is not a database " * 100)
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        messages = [str(toast.message) for toast in app._notifications]
        assert sum("was damaged" in message for message in messages) == 1
        screen.results.focus()
        await pilot.press("asterisk")
        await settle(pilot)
        assert row(screen, 0)[1].startswith("  ★ ")
    assert list(library_file.parent.glob("library.sqlite.corrupt-*"))


@pytest.mark.parametrize("size", [(130, 40)])
async def test_export_results_writes_markdown_where_asked(make_app, tmp_path: Path, size) -> None:
    app = make_app()
    target = tmp_path / "out" / "harbour.md"
    target.parent.mkdir()
    async with app.run_test(size=size) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "harbour")
        titles = [hit.title.text for hit in screen.results.hits]
        screen.library_actions.export_results()
        await settle(pilot)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    text = target.read_text(encoding="utf-8")
    assert all(title in text for title in titles)


async def test_a_story_without_a_note_is_laid_out_once_when_opened(
    make_app, isolated_user_dirs: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each update of the article's text or of the note lays out the whole screen again: opening
    # a story paid for three until the note was shown only when it changed.
    from reader.widgets import article_view, note_view

    updates: list[str] = []
    for widget in (article_view._ArticleText, note_view.NoteView):
        stock = widget.update

        def counted(self, content="", *, layout=True, stock=stock) -> None:  # type: ignore[no-untyped-def]
            updates.append(type(self).__name__)
            stock(self, content, layout=layout)

        monkeypatch.setattr(widget, "update", counted)
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        updates.clear()
        await pilot.press("n")  # the next story
        await settle(pilot)
        assert screen.article_view.article_id == screen.results.hits[1].id
        assert updates == ["_ArticleText"]
