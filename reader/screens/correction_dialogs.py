"""The dialogs of entity corrections: what to do with a name of the sidebar (`e`), and the list
of the corrections made, where `d` removes one."""

from __future__ import annotations

from typing import Literal, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from articles.entities.corrections import Correction
from articles.model import ENTITY_KINDS, EntityKind
from reader.library import SavedCorrection
from reader.rendering import (
    ENTITY_STYLES,
    MUTED,
    TEXT_COMPONENT_CLASSES,
    TITLE,
    SelectedEntity,
    plain,
    styled,
)
from reader.widgets.option_list import LineOptionList, ListOption

# The merge needs the other name typed: the dialog hands back this, then a prompt asks for it.
MERGE: Literal["merge"] = "merge"
CorrectionChoice = Correction | Literal["merge"]

KIND_CHOICES: dict[EntityKind, str] = {
    "person": "A person",
    "place": "A place",
    "organization": "An organisation",
}


class ChoiceList(LineOptionList):
    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("enter", "select", "Choose", id="choose_correction"),
        Binding("j", "cursor_down", "Down", show=False, id="corrections_down"),
        Binding("k", "cursor_up", "Up", show=False, id="corrections_up"),
    ]


class CorrectEntityScreen(ModalScreen[CorrectionChoice | None]):
    """What the name is: no name at all, a name of another kind, or another name (`MERGE`)."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel_correction")]

    def __init__(self, entity: SelectedEntity) -> None:
        super().__init__(classes="styled-text library-dialog")
        self.entity = entity
        kind, name = entity.kind, entity.name
        self._choices: dict[str, CorrectionChoice] = {"wrong": Correction.not_entity(name, kind)}
        for other in ENTITY_KINDS:
            if other != kind:
                self._choices[other] = Correction.change_kind(name, kind, other)
        self._choices[MERGE] = MERGE

    def compose(self) -> ComposeResult:
        entity = self.entity
        heading = plain("“") + styled(entity.name, ENTITY_STYLES[entity.kind]) + plain("” is…")
        with Vertical(id="dialog"):
            yield ChoiceList(
                ListOption(heading, disabled=True),
                *(ListOption(self._label(key), key) for key in self._choices),
                id="correction-choices",
                classes="styled-text",
            )
            yield Static(
                styled("Every story naming it follows. Esc cancels.", MUTED), id="dialog-help"
            )

    def _label(self, key: str) -> Content:
        if key == "wrong":
            return plain("Not a name: leave it out")
        if key == MERGE:
            return plain("Another name's: merge it into that name…")
        kind = cast(EntityKind, key)
        return styled(KIND_CHOICES[kind], ENTITY_STYLES[kind])

    def on_mount(self) -> None:
        self.query_one("#dialog").border_title = "Correct the name"
        choices = self.query_one(ChoiceList)
        choices.highlighted = 1
        choices.focus()

    @on(LineOptionList.OptionSelected, "#correction-choices")
    def _chosen(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self._choices:
            self.dismiss(self._choices[event.option.id])


def correction_prompt(saved: SavedCorrection) -> Content:
    """The name, what was done to it, when."""
    correction = saved.correction
    return Content("\n").join(
        [
            styled(correction.name, TITLE) + plain("  ") + plain(correction.describe()),
            styled(saved.made.astimezone().strftime("%Y-%m-%d %H:%M"), MUTED),
        ]
    )


class CorrectionsScreen(ModalScreen[Correction | None]):
    """The corrections made, the latest first; dismisses with the one to remove (`d`), or
    None."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("d,delete", "remove", "Remove", id="remove_correction"),
        Binding("escape", "dismiss(None)", "Close", id="close_corrections"),
    ]

    def __init__(self, saved: list[SavedCorrection]) -> None:
        super().__init__(classes="styled-text library-dialog")
        self.saved = saved

    def compose(self) -> ComposeResult:
        with Vertical(id="saved"):
            yield ChoiceList(
                *(
                    ListOption(correction_prompt(each), f"correction-{number}", divider=True)
                    for number, each in enumerate(self.saved)
                ),
                id="corrections-list",
                classes="styled-text",
            )

    def on_mount(self) -> None:
        box = self.query_one("#saved")
        box.border_title = "Entity corrections"
        box.border_subtitle = "d remove (undone at the next update) · Esc close"
        self.query_one(ChoiceList).focus()

    @on(LineOptionList.OptionSelected, "#corrections-list")
    def _chosen(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()  # Enter does nothing more here: `d` removes

    def action_remove(self) -> None:
        highlighted = self.query_one(ChoiceList).highlighted
        if highlighted is not None:
            self.dismiss(self.saved[highlighted].correction)
