"""The help screen: every key, read from the bindings themselves (with the user's keymap)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.keymap_check import declared
from reader.rendering import MUTED, SEARCH_HIT, TEXT_COMPONENT_CLASSES, TITLE, styled

# Keys that Textual's own widgets provide, described for this app.
BUILT_IN_KEYS: dict[str, list[tuple[str, str]]] = {
    "Everywhere": [
        ("tab / shift+tab", "Cycle the panes"),
    ],
    "Result list": [
        ("↑ / ↓", "Move through the stories"),
        ("pgup / pgdn", "Move a page"),
        ("home / end", "First / last story"),
    ],
    "Article": [
        ("↑ / ↓ / pgup / pgdn", "Scroll"),
    ],
}
KEY_COLUMN = 22


def binding_lines(
    bindings: Iterable[BindingType], keymap: dict[str, str], key_display
) -> list[tuple[str, str]]:
    lines = []
    for binding in declared(bindings):
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        shown = " / ".join(key_display(Binding(key.strip(), "")) for key in keys.split(","))
        # A tooltip is the longer description the footer has no room for.
        lines.append((shown, binding.tooltip or binding.description or binding.action))
    return lines


class HelpScreen(ModalScreen[None]):
    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", id="close_help"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help_top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help_bottom"),
    ]

    def __init__(self, sections: dict[str, list[BindingType]], keymap: dict[str, str]) -> None:
        super().__init__(classes="styled-text")
        self.sections = sections
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.help_text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Keys"
        self.query_one("#help").border_subtitle = "Esc to close"

    def action_scroll(self, where: str) -> None:
        keys = self.query_one("#help", VerticalScroll)
        {
            "down": keys.scroll_down,
            "up": keys.scroll_up,
            "home": keys.scroll_home,
            "end": keys.scroll_end,
        }[where](animate=False)

    def help_text(self) -> Content:
        parts: list[Content] = []
        for section, bindings in self.sections.items():
            lines = binding_lines(bindings, self.keymap, self.app.get_key_display)
            lines += BUILT_IN_KEYS.get(section, [])
            parts.append(styled(section, TITLE))
            for keys, description in lines:
                parts.append(
                    styled(f"  {keys:<{KEY_COLUMN}}", SEARCH_HIT) + styled(description, MUTED)
                )
            parts.append(Content(""))
        return Content("\n").join(parts[:-1])
