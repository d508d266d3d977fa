"""The main screen's side of the user's library: read and unread, stars, tags, notes, saved
searches, marking every result read and exporting them.

The screen keeps the keys and hands each action here. A mark changes on screen at once; the
write goes to the library in the background (`ArchiveSession.in_library_order`, in the order the
keys were pressed) and the marks read back from it afterwards (`MarksChanged`) are what stays.
Reads and writes of the library run in thread workers, which only post messages.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from index.api import QueryError, StoredArticle
from reader.data.tag_edits import tag_changes
from reader.library import Library, LibraryError, SavedSearch, StoryMark, StoryRef
from reader.messages import (
    MarksChanged,
    ResultsToMarkRead,
    SavedSearchesCounted,
    SavedSearchRow,
    TagsWanted,
    UnreadCounted,
)
from reader.screens.search_controller import EXTRAS_PAUSE_SECONDS

if TYPE_CHECKING:
    from reader.screens.main import MainScreen

NO_MARK = StoryMark(read=False, starred=False, tags=(), note="")


def stories(count: int) -> str:
    return f"{count:,} {'story' if count == 1 else 'stories'}"


class LibraryActions:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        # `u` waits for more stories to be loaded to find the next unread one.
        self._unread_wanted = False
        # Unread stories among the current results (None: not known), and the latest count
        # asked for.
        self.unread: int | None = None
        self._unread_generation = 0

    @property
    def available(self) -> bool:
        """Whether a library is open (without one, the keys say they need one)."""
        return self.screen.session.library is not None

    def _need_library(self) -> bool:
        if self.available:
            return True
        self.screen.notify("Marks need your library, and none is open.", severity="warning")
        return False

    # The story a mark applies to: the one selected in the focused result list, else the one open.

    def current_story(self) -> tuple[StoryRef, str] | None:
        """The story a key applies to, and its title."""
        screen = self.screen
        stored = screen.article_view.stored
        hit = screen.results.highlighted_hit
        if hit is not None and (stored is None or screen.focused is screen.results):
            return StoryRef(hit.id, hit.text_hash), hit.title.text
        if stored is not None:
            return StoryRef(stored.article.id, stored.text_hash), stored.article.title
        return None

    def mark_of(self, article_id: str) -> StoryMark:
        screen = self.screen
        if (mark := screen.results.mark_of(article_id)) is not None:
            return mark
        if screen.article_view.article_id == article_id and screen.article_view.mark:
            return screen.article_view.mark
        return NO_MARK

    def show_marks(self, marks: dict[str, StoryMark | None]) -> None:
        """Show the stories' marks in the list and, for the open story, under the article."""
        screen = self.screen
        screen.results.show_marks(marks)
        open_id = screen.article_view.article_id
        if open_id in marks:
            screen.article_view.show_mark(marks[open_id])

    def _change(self, story: StoryRef, mark: StoryMark, write: Callable[[Library], object]) -> None:
        """Show `mark` on `story` now and write it with `write`."""
        self.show_marks({story.id: mark})
        self.write([story.id], write)

    def write(self, ids: Iterable[str], write: Callable[[Library], object]) -> None:
        """Write to the library, then show the marks of `ids` as it holds them."""
        screen = self.screen
        session, post = screen.session, screen.post_message
        ids = list(ids)

        def write_then_read() -> None:
            try:
                session.in_library_order(write).result()
            except LibraryError as error:  # a name taken: a sentence for the user
                screen.notify(f"{error}.".capitalize(), severity="warning", markup=False)
            marks = session.marks_of(ids)
            post(MarksChanged({article_id: marks.get(article_id) for article_id in ids}))

        self.screen.run_worker(
            write_then_read, thread=True, exit_on_error=False, group="library-write"
        )

    def marks_changed(self, message: MarksChanged) -> None:
        self.show_marks(message.marks)
        self.count_unread(self.screen.shown_query)

    # Read and unread

    def story_opened(self, stored: StoredArticle, mark: StoryMark | None) -> None:
        """A story was opened: it is read from now on."""
        if not self.available or (mark is not None and mark.read):
            return
        story = StoryRef(stored.article.id, stored.text_hash)
        self._change(
            story,
            replace(mark or NO_MARK, read=True),
            lambda library: library.set_read([story], True),
        )

    def toggle_read(self) -> None:
        if not self._need_library() or (current := self.current_story()) is None:
            return
        story, _title = current
        read = not self.mark_of(story.id).read
        self._change(
            story,
            replace(self.mark_of(story.id), read=read),
            lambda library: library.set_read([story], read),
        )

    def count_unread(self, query: str, *, after_typing: bool = False) -> None:
        """Count the unread stories of `query` for the header (`UnreadCounted`); for a new
        search (`after_typing`) once typing stops, as the sidebar's counts, and only if no newer
        count was asked for meanwhile."""
        session, post = self.screen.session, self.screen.post_message
        if not self.available:
            return

        self._unread_generation += 1
        generation = self._unread_generation

        def latest() -> bool:
            return generation == self._unread_generation

        def count() -> None:
            if after_typing:
                time.sleep(EXTRAS_PAUSE_SECONDS)
            try:
                unread = session.unread_count_if_wanted(query, still_wanted=latest)
            except QueryError:
                return
            if unread is not None:
                post(UnreadCounted(query, unread, generation))

        # Not exclusive: a count asked for later supersedes this one by its generation.
        self.screen.run_worker(count, thread=True, exit_on_error=False, group="unread")

    def unread_counted(self, message: UnreadCounted) -> bool:
        """Keep the count if it is the latest asked for the results on screen."""
        if message.generation != self._unread_generation:
            return False
        if not self.screen.search_state.is_shown(message.query):
            return False
        self.unread = message.count
        return True

    def next_unread(self) -> None:
        """Open the next unread story of the results, loading more of them until one comes."""
        screen = self.screen
        results = screen.results
        if not self._need_library() or not results.hits:
            return
        open_id = screen.search_state.wanted_article or screen.article_view.article_id
        current = results.index_of(open_id) if open_id else None
        start = current if current is not None else (results.highlighted or 0) - 1
        found = results.next_unread(start if start >= 0 else None)
        if found is not None:
            self._unread_wanted = False
            screen.open_at(found)
        elif not results.all_loaded:
            self._unread_wanted = True  # looked for again when they come (`more_loaded`)
            results.load_more()
        else:
            self._unread_wanted = False
            screen.notify("No unread story after this one.", timeout=3)

    def more_loaded(self) -> None:
        if self._unread_wanted:
            self.next_unread()

    # Stars, tags, notes

    def toggle_star(self) -> None:
        if not self._need_library() or (current := self.current_story()) is None:
            return
        story, _title = current
        starred = not self.mark_of(story.id).starred
        self._change(
            story,
            replace(self.mark_of(story.id), starred=starred),
            lambda library: library.set_starred(story, starred),
        )

    def edit_tags(self) -> None:
        """Open the tags input, once the tags already in use are read (`TagsWanted`)."""
        if not self._need_library() or (current := self.current_story()) is None:
            return
        story, title = current
        session, post = self.screen.session, self.screen.post_message

        def read_tags() -> None:
            assert session.library is not None
            post(TagsWanted(story, title, session.library.all_tags()))

        self.screen.run_worker(read_tags, thread=True, exit_on_error=False, group="library-read")

    def tags_wanted(self, message: TagsWanted) -> None:
        from reader.screens.library_dialogs import TagsScreen

        story = message.story
        current = self.mark_of(story.id).tags

        def apply(text: str | None) -> None:
            if text is None:
                return
            changes = tag_changes(text, current)
            if not (changes.added or changes.removed):
                return
            removed = {tag.casefold() for tag in changes.removed}
            tags = (*(tag for tag in current if tag.casefold() not in removed), *changes.added)

            def write(library: Library) -> None:
                library.add_tags(story, changes.added)
                library.remove_tags(story, changes.removed)

            self._change(story, replace(self.mark_of(story.id), tags=tags), write)
            self.screen.notify(changes.summary, timeout=3, markup=False)

        self.screen.app.push_screen(TagsScreen(message.title, current, message.known_tags), apply)

    def edit_note(self) -> None:
        from reader.screens.library_dialogs import NoteScreen

        if not self._need_library() or (current := self.current_story()) is None:
            return
        story, title = current
        note = self.mark_of(story.id).note

        def save(text: str | None) -> None:
            if text is None or text.strip() == note.strip():
                return
            text = text.strip()
            self._change(
                story,
                replace(self.mark_of(story.id), note=text),
                lambda library: library.set_note(story, text),
            )

        self.screen.app.push_screen(NoteScreen(title, note), save)

    # Saved searches

    def save_search(self) -> None:
        from reader.screens.library_dialogs import TextPromptScreen

        if not self._need_library():
            return
        query = self.screen.search_bar.query_text
        if not query.strip():
            self.screen.notify("Type a search to save first.", timeout=3)
            return

        def save(name: str | None) -> None:
            if not name or not name.strip():
                return
            name = name.strip()
            self.write([], lambda library: library.save_search(name, query))
            self.screen.notify(f"Saved the search “{query}” as “{name}”.", markup=False)

        prompt = TextPromptScreen(
            "Save this search",
            f"A name for “{query}”",
            placeholder=query,
            value=query,
        )
        self.screen.app.push_screen(prompt, save)

    def list_saved_searches(self) -> None:
        """Open the saved searches, once each one's stories are counted."""
        if not self._need_library():
            return
        session, post = self.screen.session, self.screen.post_message

        def count() -> None:
            # After the changes asked for before (a search just renamed, deleted or run).
            saved = session.in_library_order(lambda library: library.saved_searches()).result()
            rows = []
            for search in saved:
                try:
                    ids: frozenset[str] | None = session.story_ids(search.query)
                except QueryError:
                    ids = None
                new = 0
                if ids is not None:
                    new = session.in_library_order(
                        partial(Library.new_since_opened, name=search.name, ids=ids)
                    ).result()
                rows.append(SavedSearchRow(search, ids, new))
            post(SavedSearchesCounted(rows))

        self.screen.run_worker(count, thread=True, exit_on_error=False, group="saved")

    def saved_searches_counted(self, message: SavedSearchesCounted) -> None:
        from reader.screens.saved import SavedChoice, SavedSearchesScreen

        if not message.rows:
            self.screen.notify(
                "No saved searches yet: Ctrl+S saves the search in the search bar.", timeout=5
            )
            return

        def chosen(choice: SavedChoice | None) -> None:
            if choice is None:
                return
            row = choice.row
            name = row.search.name
            if choice.action == "run":
                self.run_saved_search(row.search)
            elif choice.action == "rename":
                self._rename(name)
            elif choice.action == "delete":
                self._delete(name)

        self.screen.app.push_screen(SavedSearchesScreen(message.rows), chosen)

    def run_saved_search(self, search: SavedSearch) -> None:
        """Run the saved search; its stories are no longer new."""
        self.screen.go_to_query(search.query)
        session, name = self.screen.session, search.name

        def opened(library: Library) -> None:
            try:
                ids = session.story_ids(search.query)
            except QueryError:
                return
            library.opened_search(name, ids)

        self.write([], opened)

    def _rename(self, old: str) -> None:
        from reader.screens.library_dialogs import TextPromptScreen

        def rename(new: str | None) -> None:
            if not new or not new.strip() or new.strip() == old:
                self.list_saved_searches()
                return
            new = new.strip()
            self.write([], lambda library: library.rename_search(old, new))
            self.screen.notify(f"Renamed “{old}” to “{new}”.", markup=False)
            self.list_saved_searches()

        prompt = TextPromptScreen("Rename the saved search", f"A new name for “{old}”", value=old)
        self.screen.app.push_screen(prompt, rename)

    def _delete(self, name: str) -> None:
        from reader.screens.library_dialogs import ConfirmScreen

        def delete(sure: bool | None) -> None:
            if sure:
                self.write([], lambda library: library.remove_search(name))
                self.screen.notify(f"Deleted the saved search “{name}”.", markup=False)
            self.list_saved_searches()

        question = f"Delete the saved search “{name}”? Its stories stay as they are."
        self.screen.app.push_screen(ConfirmScreen(question, "Delete"), delete)

    # Every result at once

    def mark_all_read(self) -> None:
        """Ask to mark every story of the results read, once they are counted."""
        if not self._need_library():
            return
        query = self.screen.shown_query
        session, post = self.screen.session, self.screen.post_message

        def collect() -> None:
            refs = session.story_refs(query)
            marks = session.marks_of(ref.id for ref in refs)
            unread = sum(1 for ref in refs if not (ref.id in marks and marks[ref.id].read))
            post(ResultsToMarkRead(query, refs, unread))

        self.screen.run_worker(collect, thread=True, exit_on_error=False, group="mark-all")

    def results_to_mark_read(self, message: ResultsToMarkRead) -> None:
        from reader.screens.library_dialogs import ConfirmScreen

        screen = self.screen
        if not message.unread:
            screen.notify("Every story of these results is read already.", timeout=3)
            return
        refs = message.stories
        loaded = [hit.id for hit in screen.results.hits]

        def mark(sure: bool | None) -> None:
            if sure:
                self.write(loaded, lambda library: library.set_read(refs, True))
                screen.notify(f"Marked {stories(message.unread)} read.")

        question = (
            f"Mark all {stories(len(refs))} of these results read? "
            f"{stories(message.unread).capitalize()} of them are unread."
        )
        screen.app.push_screen(ConfirmScreen(question, "Mark read"), mark)

    def export_results(self) -> None:
        from reader.screens.library_dialogs import TextPromptScreen

        if not self._need_library():
            return
        query = self.screen.shown_query
        default = Path.cwd() / "newsreader-export.md"

        def export(path: str | None) -> None:
            if path is None or not path.strip():
                return
            self._export(query, Path(path.strip()).expanduser())

        prompt = TextPromptScreen(
            "Export results",
            "The stories, their tags and notes, as Markdown, to the file:",
            value=str(default),
        )
        self.screen.app.push_screen(prompt, export)

    def _export(self, query: str, path: Path) -> None:
        # `notify` only posts a message: a worker may call it.
        session, notify = self.screen.session, self.screen.notify

        def export() -> None:
            try:
                count = session.export_markdown(query, path)
            except OSError as error:
                message = f"Can't write {path}: {error.strerror or error}"
                notify(message, severity="warning", markup=False)
                return
            notify(f"Exported {stories(count)} to {path}.", markup=False)

        self.screen.run_worker(export, thread=True, exit_on_error=False, group="export")
