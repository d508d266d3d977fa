"""The user's note on the open story, under the article: plain text, never markup."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.library import StoryMark
from reader.rendering import MUTED, TITLE, plain, styled


def note_content(mark: StoryMark) -> Content:
    """The note, headed with the story's tags when it has some."""
    heading = styled("Your note", TITLE)
    if mark.tags:
        heading += styled("  " + " ".join(f"#{tag}" for tag in mark.tags), MUTED)
    return Content("\n").join([heading, plain(mark.note)])


class NoteView(Static):
    """Hidden while the story has no note."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="styled-text")
        self.display = False
        self._note = Content()

    def show_note(self, mark: StoryMark | None) -> bool:
        """Show `mark`'s note; whether that changed what is shown (an update lays out the
        screen again: most stories have no note, and opening one must not pay for that)."""
        note = note_content(mark) if mark is not None and mark.note else Content()
        if note == self._note:
            return False
        self._note = note
        self.update(note)
        self.display = bool(note)
        return True

    def lines_taken(self, width: int) -> int:
        """The lines the note takes below the article at `width` cells (its margin included)."""
        if not self.display:
            return 0
        # Textual's widgets pass their styles here too; its annotation asks for their rules.
        text_width = width - self.styles.gutter.width
        height = self._note.get_height(self.styles, text_width)  # type: ignore[arg-type]
        return height + self.styles.margin.height
