"""Related stories: the stories most like the open one, in a dialog."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from index.api import Hit
from reader.rendering import MUTED, TEXT_COMPONENT_CLASSES, HitRow, hit_prompt, plain, styled
from reader.widgets.option_list import LineOptionList, ListOption


class RelatedList(LineOptionList):
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

    def __init__(
        self,
        title: str,
        hits: tuple[Hit, ...],
        *,
        heading: str = "Stories like ",
        nothing_found: str = "No related stories found.",
    ) -> None:
        """`heading` goes before the story's title; `nothing_found` is said when `hits` is
        empty."""
        super().__init__(classes="styled-text")
        self.story_title = title
        self.hits = hits
        self.heading = heading
        self.nothing_found = nothing_found

    def compose(self) -> ComposeResult:
        with Vertical(id="related"):
            yield Static(styled(self.heading, MUTED) + plain(self.story_title), id="related-title")
            options = [
                ListOption(HitRow(hit_prompt(hit)), f"hit-{number}", divider=True)
                for number, hit in enumerate(self.hits)
            ]
            if not options:
                options = [ListOption(styled(self.nothing_found, MUTED), disabled=True)]
            yield RelatedList(*options, id="related-list", classes="styled-text")

    def on_mount(self) -> None:
        self.query_one("#related").border_subtitle = "Enter open · Esc close"
        self.query_one(RelatedList).focus()

    @on(LineOptionList.OptionSelected, "#related-list")
    def _chosen(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index].id)
