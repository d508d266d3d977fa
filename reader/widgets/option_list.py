"""Option lists that repaint only what changed: Textual's `OptionList` repaints its scrollbar on
every layout of the screen and renders every option again after `set_options`.

Both override private `OptionList` methods (Textual 8); a change there costs speed, not
behaviour, and the reader tests still see every line.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size, Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual, VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

# Rendered prompts kept per list: a few screens of them.
REMEMBERED_PROMPTS = 1024


class SteadyScrollbarOptionList(OptionList):
    """An `OptionList` whose scrollbar is repainted when it changes, not on every layout."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # The list sets its own virtual size as options come and go (and updates its scrollbar
        # then); the layout's, which is just the visible area, never equals it, so Textual
        # repainted the scrollbar at each layout (2–5 ms each time a story was opened).
        return super()._size_updated(size, self.virtual_size, container_size, layout)


class PromptRememberingOptionList(SteadyScrollbarOptionList):
    """An `OptionList` that keeps its options' rendered lines when its options are replaced:
    a prompt it has shown before, with the same style and width, is not rendered again."""

    def __init__(self, *content: Option | VisualType | None, **options: Any) -> None:
        self._rendered_prompts: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(
            REMEMBERED_PROMPTS
        )
        super().__init__(*content, **options)

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        prompt = option.prompt
        padding = self.get_component_styles("option-list--option").padding
        # OptionList's own cache holds each option at its index, and is emptied whenever the
        # indexes change.
        placed_key = (option, style, padding)
        if not isinstance(prompt, Content) or placed_key in self._option_render_cache:
            return super()._get_option_render(option, style)
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        # Content compares by its text only: the spans (the colours) are part of the key.
        key = (prompt.plain, tuple(prompt.spans), option._divider, style, padding, width)
        strips = self._rendered_prompts.get(key)
        if strips is None:
            strips = self._render_prompt(option, style, padding, width)
            self._rendered_prompts[key] = strips
        # The prompt's lines carry the option's index for the mouse; the divider's do not.
        meta = {"option": self._option_to_index[option]}
        prompt_lines = len(strips) - option._divider
        placed = [strip.apply_meta(meta) for strip in strips[:prompt_lines]]
        placed += strips[prompt_lines:]
        self._option_render_cache[placed_key] = placed
        return placed

    def _render_prompt(
        self, option: Option, style: Style, padding: Spacing, width: int
    ) -> list[Strip]:
        """The option's lines as `OptionList` renders them, without the index."""
        visual: Visual = self._get_visual(option)
        if padding:
            visual = Padding(visual, padding)
        strips = [
            strip.extend_cell_length(width, style.rich_style)
            for strip in visual.to_strips(self, visual, width, None, style)
        ]
        if option._divider:
            rule_style = self.get_visual_style("option-list--separator").rich_style
            strips.append(Strip([Segment("─" * width, rule_style)], width))
        return strips

    def notify_style_update(self) -> None:
        # A theme or CSS change can recolour a span without changing the option's own style.
        self._rendered_prompts.clear()
        super().notify_style_update()
