"""Saved searches, in a dialog: each with how many stories it finds and how many of them are new
since it was last opened. Enter runs one, `R` renames it, `d` deletes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from reader.messages import SavedSearchRow
from reader.rendering import MUTED, SEARCH_HIT, TEXT_COMPONENT_CLASSES, TITLE, plain, styled
from reader.widgets.option_list import LineOptionList, ListOption

SavedAction = Literal["run", "rename", "delete"]


@dataclass(frozen=True, slots=True)
class SavedChoice:
    row: SavedSearchRow
    action: SavedAction


def saved_search_prompt(row: SavedSearchRow) -> Content:
    """Its name, its stories and the new ones among them, then its query."""
    if row.story_ids is None:
        counts = styled("its query no longer runs", MUTED)
    else:
        total = len(row.story_ids)
        counts = styled(f"{total:,} {'story' if total == 1 else 'stories'}", MUTED)
        if row.new:
            counts += styled(" · ", MUTED) + styled(f"{row.new:,} new", SEARCH_HIT)
    title = styled(row.search.name, TITLE) + plain("  ") + counts
    return Content("\n").join([title, styled(row.search.query, MUTED)])


class SavedList(LineOptionList):
    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("enter", "select", "Run", id="run_saved_search"),
        Binding("j", "cursor_down", "Down", show=False, id="saved_down"),
        Binding("k", "cursor_up", "Up", show=False, id="saved_up"),
    ]


class SavedSearchesScreen(ModalScreen[SavedChoice | None]):
    """Dismisses with the saved search chosen and what to do with it, or None."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("R", "choose('rename')", "Rename", id="rename_saved_search"),
        Binding("d,delete", "choose('delete')", "Delete", id="delete_saved_search"),
        Binding("escape", "dismiss(None)", "Close", id="close_saved_searches"),
    ]

    def __init__(self, rows: list[SavedSearchRow]) -> None:
        super().__init__(classes="styled-text")
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="saved"):
            options = [
                ListOption(saved_search_prompt(row), f"saved-{number}", divider=True)
                for number, row in enumerate(self.rows)
            ]
            yield SavedList(*options, id="saved-list", classes="styled-text")

    def on_mount(self) -> None:
        saved = self.query_one("#saved")
        saved.border_title = "Saved searches"
        saved.border_subtitle = "Enter run · R rename · d delete · Esc close"
        self.query_one(SavedList).focus()

    @on(LineOptionList.OptionSelected, "#saved-list")
    def _chosen(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(SavedChoice(self.rows[event.option_index], "run"))

    def action_choose(self, action: SavedAction) -> None:
        highlighted = self.query_one(SavedList).highlighted
        if highlighted is not None:
            self.dismiss(SavedChoice(self.rows[highlighted], action))
