"""Related stories: the stories most like the open one, in a dialog."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from index.api import Hit
from reader.rendering import MUTED, TEXT_COMPONENT_CLASSES, HitRow, hit_prompt, plain, styled


class RelatedList(OptionList):
    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("enter", "select", "Open", id="open_related"),
        Binding("j", "cursor_down", "Down", show=False, id="related_down"),
        Binding("k", "cursor_up", "Up", show=False, id="related_up"),
    ]


class RelatedScreen(ModalScreen[str | None]):
    """Dismisses with the chosen story's id, or None."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [Binding("escape,r", "dismiss(None)", "Close", id="close_related")]

    def __init__(self, title: str, hits: tuple[Hit, ...]) -> None:
        super().__init__(classes="styled-text")
        self.story_title = title
        self.hits = hits

    def compose(self) -> ComposeResult:
        with Vertical(id="related"):
            yield Static(
                styled("Stories like ", MUTED) + plain(self.story_title), id="related-title"
            )
            options: list[Option | None] = []
            for number, hit in enumerate(self.hits):
                options += [Option(HitRow(hit_prompt(hit)), id=f"hit-{number}"), None]
            if not options:
                options = [Option(styled("No related stories found.", MUTED), disabled=True)]
            yield RelatedList(*options, markup=False, id="related-list", classes="styled-text")

    def on_mount(self) -> None:
        self.query_one("#related").border_subtitle = "Enter open · Esc close"
        self.query_one(RelatedList).focus()

    @on(OptionList.OptionSelected, "#related-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index].id)
