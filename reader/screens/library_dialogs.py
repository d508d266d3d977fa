"""Small dialogs for the library: a line of text to type, a question to confirm, a story's tags
and its note. Each dismisses with what the user gave (None: cancelled)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Static, TextArea

from reader.rendering import MUTED, TEXT_COMPONENT_CLASSES, plain, styled

TAGS_HELP = "+tag adds, -tag removes, a plain word adds or removes it; → completes; Esc cancels."


class TextPromptScreen(ModalScreen[str | None]):
    """One line to type: Enter gives it, Esc cancels."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_dialog")]

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        value: str = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
    ) -> None:
        super().__init__(classes="styled-text library-dialog")
        self._title = title
        self._prompt = prompt
        self._value = value
        self._placeholder = placeholder
        self._suggester = suggester

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self._prompt), id="dialog-prompt")
            yield Input(
                self._value,
                placeholder=self._placeholder,
                suggester=self._suggester,
                id="dialog-input",
            )
            yield Static(styled("Enter to confirm, Esc to cancel.", MUTED), id="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#dialog").border_title = self._title

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LastWordSuggester(Suggester):
    """Completes the last word typed (after its `+`, `-` or `#`) from `words`, in any case."""

    def __init__(self, words: list[str]) -> None:
        # Case-sensitive here, so what was typed before the last word keeps its case.
        super().__init__(case_sensitive=True)
        self._words = SuggestFromList(words, case_sensitive=False)

    async def get_suggestion(self, value: str) -> str | None:
        word = value.rpartition(" ")[2].lstrip("+-#")
        if not word:
            return None
        completed = await self._words.get_suggestion(word.casefold())
        if completed is None:
            return None
        return value + completed[len(word) :]


class TagsScreen(TextPromptScreen):
    """The open story's tags to change (`reader.data.tag_edits`), completing from `known`."""

    def __init__(self, title: str, current: tuple[str, ...], known: list[str]) -> None:
        now = " ".join(f"#{tag}" for tag in current) or "no tags yet"
        super().__init__(
            "Tags",
            f"{title}\nNow: {now}",
            placeholder="+tag -tag",
            suggester=LastWordSuggester(known),
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#dialog-help", Static).update(styled(TAGS_HELP, MUTED))


class ConfirmScreen(ModalScreen[bool]):
    """A question: `y` or Enter says yes, `n` or Esc no."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(self, question: str, verb: str) -> None:
        super().__init__(classes="styled-text library-dialog")
        self._question = question
        self._verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self._question), id="dialog-prompt")
            yield Static(styled(f"y or Enter: {self._verb}   n or Esc: cancel", MUTED))

    def on_mount(self) -> None:
        self.query_one("#dialog").border_title = self._verb

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class NoteScreen(ModalScreen[str | None]):
    """The story's note, in a multi-line editor: Ctrl+S saves, Esc cancels."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save_note"),
        Binding("escape", "cancel", "Cancel", priority=True, id="cancel_note"),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__(classes="styled-text library-dialog")
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="note-dialog"):
            yield Static(plain(self._title), id="dialog-prompt")
            yield TextArea(self._note, soft_wrap=True, id="note-editor")
            yield Static(
                styled("Ctrl+S saves, Esc cancels; an empty note is deleted.", MUTED),
                id="dialog-help",
            )

    def on_mount(self) -> None:
        self.query_one("#dialog").border_title = "Note"
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
