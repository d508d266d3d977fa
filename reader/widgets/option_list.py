"""An option list drawn a line at a time (`ScrollView.render_line`): no widget per option, and
only the lines on screen are rendered, so scrolling 100,000 stories costs what scrolling ten does.

It looks and moves like Textual's `OptionList` (its names too: `highlighted`, `option_count`,
`OptionSelected`), through Textual's public API; the component classes are its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual

from reader.textual_fixes import SteadyScrollView

# Options whose rendered lines are kept: a few screens of them.
REMEMBERED_OPTIONS = 512


@dataclass(eq=False)
class ListOption:
    """One entry of a `LineOptionList`, drawn from `prompt` (a `Content` or another `Visual`)."""

    prompt: Visual
    id: str | None = None
    # A disabled option is drawn muted and the cursor passes it by.
    disabled: bool = False
    # A rule under the option (between stories).
    divider: bool = False

    @cached_property
    def drawing(self) -> Hashable:
        """What the option's lines depend on: options drawn alike share their rendered lines
        (the names of the sidebar, replaced with each story, are mostly the same)."""
        if isinstance(self.prompt, Content):
            # Content compares by its text only: the spans (the colours) are part of the key.
            return (self.prompt.plain, tuple(self.prompt.spans), self.divider)
        return (self.prompt, self.divider)


class LineOptionList(SteadyScrollView, can_focus=True, inherit_bindings=False):
    """Posts `OptionHighlighted` as the cursor moves to an option and `OptionSelected` on Enter
    or a click."""

    ALLOW_SELECT = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    # The look of Textual's OptionList.
    DEFAULT_CSS = """
    LineOptionList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .line-option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .line-option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .line-option-list--separator {
            color: $foreground 15%;
        }
        & > .line-option-list--option-disabled {
            color: $text-disabled;
        }
        & > .line-option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-option-list--option",
        "line-option-list--option-disabled",
        "line-option-list--option-highlighted",
        "line-option-list--option-hover",
        "line-option-list--separator",
    }

    highlighted: reactive[int | None] = reactive(None)
    _hovered: reactive[int | None] = reactive(None)

    @dataclass
    class OptionHighlighted(Message):
        option_list: LineOptionList
        option: ListOption
        option_index: int

        @property
        def control(self) -> LineOptionList:
            return self.option_list

    @dataclass
    class OptionSelected(Message):
        option_list: LineOptionList
        option: ListOption
        option_index: int

        @property
        def control(self) -> LineOptionList:
            return self.option_list

    def __init__(
        self,
        *options: ListOption,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._options: list[ListOption] = list(options)
        # The first line of each option laid out so far, at `_laid_out_width`.
        self._option_lines: list[int] = []
        self._line_count = 0
        self._laid_out_width = 0
        self._rendered: dict[tuple[Hashable, Style, int], list[Strip]] = {}
        if self._options:
            self.action_first()

    @property
    def option_count(self) -> int:
        return len(self._options)

    def get_option_at_index(self, index: int) -> ListOption:
        return self._options[index]

    def get_option_index(self, option_id: str) -> int:
        """The index of the option with the id `option_id` (`ValueError` when none has it)."""
        for index, option in enumerate(self._options):
            if option.id == option_id:
                return index
        raise ValueError(option_id)

    @property
    def highlighted_option(self) -> ListOption | None:
        index = self.highlighted
        return None if index is None else self._options[index]

    def set_options(self, options: Iterable[ListOption]) -> None:
        """Replace every option (the cursor goes; set `highlighted` again)."""
        self.highlighted = None
        self._hovered = None
        self.replace_options_from(0, options)

    def add_options(self, options: Iterable[ListOption]) -> None:
        self.replace_options_from(len(self._options), options)

    def replace_options_from(self, index: int, options: Iterable[ListOption]) -> None:
        """Put `options` in place of those from `index` to the end."""
        highlighted = self.highlighted
        replaced = highlighted is not None and highlighted >= index
        if replaced:
            self.highlighted = None
        del self._options[index:]
        self._options.extend(options)
        if len(self._option_lines) > index:
            self._line_count = self._option_lines[index] if index else 0
            del self._option_lines[index:]
        self._lay_out()
        self.refresh()
        if replaced:
            # The cursor goes to the option now in its place (or the last), told as a move.
            self.highlighted = highlighted

    def replace_option(self, index: int, option: ListOption) -> None:
        """Put `option` in place of the one at `index` (the cursor stays)."""
        old = self._options[index]
        width = self._prompt_width(self._laid_out_width)
        same_height = (
            index >= len(self._option_lines)
            or old.divider == option.divider
            and old.prompt.get_height(self.styles, width)  # type: ignore[arg-type]
            == option.prompt.get_height(self.styles, width)  # type: ignore[arg-type]
        )
        if same_height:
            self._options[index] = option
            self.refresh()
        else:
            self.replace_options_from(index, [option, *self._options[index + 1 :]])

    # Layout: which lines each option takes at the list's width.

    def _prompt_width(self, width: int) -> int:
        return width - self.get_component_styles("line-option-list--option").padding.width

    def _lay_out(self) -> None:
        """Place the options not yet placed (all of them after a change of width)."""
        width = self.scrollable_content_region.width
        if not width:
            return
        if width != self._laid_out_width:
            self._laid_out_width, self._option_lines, self._line_count = width, [], 0
            self._rendered.clear()
        placed = len(self._option_lines)
        if placed < len(self._options):
            prompt_width = self._prompt_width(width)
            styles = self.styles
            line = self._line_count
            for option in self._options[placed:]:
                self._option_lines.append(line)
                # Textual types `get_height`'s rules narrower than the styles it is given.
                height = option.prompt.get_height(styles, prompt_width)  # type: ignore[arg-type]
                line += height + option.divider
            self._line_count = line
        # The last option's rule is not drawn.
        last_rule = bool(self._options) and self._options[-1].divider
        self.show_virtual_size(Size(width, self._line_count - last_rule))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        prompt_width = self._prompt_width(width)
        styles = self.styles
        lines = 0
        for option in self._options:
            lines += option.prompt.get_height(styles, prompt_width)  # type: ignore[arg-type]
            lines += option.divider
        return lines - (bool(self._options) and self._options[-1].divider)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()
        self.scroll_to_highlight()

    def on_mount(self) -> None:
        self._lay_out()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def _option_at_line(self, line: int) -> int | None:
        if not 0 <= line < self._line_count:
            return None
        return bisect_right(self._option_lines, line) - 1

    def _option_lines_end(self, index: int) -> int:
        """The line after option `index` (and its rule)."""
        following = index + 1
        return (
            self._option_lines[following]
            if following < len(self._option_lines)
            else self._line_count
        )

    # Drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        self._lay_out()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        index = self._option_at_line(line)
        width = self.scrollable_content_region.width
        if index is None:
            return Strip.blank(width, self.get_visual_style("line-option-list--option").rich_style)
        option = self._options[index]
        if option.disabled:
            state = "line-option-list--option-disabled"
        elif index == self.highlighted:
            state = "line-option-list--option-highlighted"
        elif index == self._hovered:
            state = "line-option-list--option-hover"
        else:
            state = ""
        states = ("line-option-list--option", state) if state else ("line-option-list--option",)
        style = self.get_visual_style(*states)
        strips = self._option_strips(option, style, width)
        offset = line - self._option_lines[index]
        # A prompt that draws fewer lines than its height said leaves the rest blank.
        return strips[offset] if offset < len(strips) else Strip.blank(width, style.rich_style)

    def _option_strips(self, option: ListOption, style: Style, width: int) -> list[Strip]:
        key = (option.drawing, style, width)
        strips = self._rendered.get(key)
        if strips is None:
            padding = self.get_component_styles("line-option-list--option").padding
            visual = Padding(option.prompt, padding) if padding else option.prompt
            strips = [
                strip.extend_cell_length(width, style.rich_style)
                for strip in Visual.to_strips(self, visual, width, None, style)
            ]
            if option.divider:
                rule_style = self.get_visual_style("line-option-list--separator").rich_style
                strips.append(Strip([Segment("─" * width, rule_style)], width))
            if len(self._rendered) >= REMEMBERED_OPTIONS:
                self._rendered.clear()
            self._rendered[key] = strips
        return strips

    def notify_style_update(self) -> None:
        # A theme or CSS change recolours the options.
        self._rendered.clear()
        self.refresh()
        super().notify_style_update()

    # The cursor

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._options:
            return None
        return min(max(highlighted, 0), len(self._options) - 1)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is None or self._options[highlighted].disabled:
            return
        self.scroll_to_highlight()
        self.post_message(self.OptionHighlighted(self, self._options[highlighted], highlighted))

    def scroll_to_highlight(self) -> None:
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        self._lay_out()
        if index >= len(self._option_lines):
            return
        top = self._option_lines[index]
        self.scroll_to_region(
            Region(
                0, top, self.scrollable_content_region.width, self._option_lines_end(index) - top
            ),
            force=True,
            animate=False,
            immediate=True,
        )

    def _enabled_from(self, start: int, step: int, *, wrap: bool) -> int | None:
        """The first enabled option from `start` on, going `step` at a time."""
        count = len(self._options)
        index = start
        for _ in range(count):
            if not wrap and not 0 <= index < count:
                return None
            index %= count
            if not self._options[index].disabled:
                return index
            index += step
        return None

    def _move(self, step: int) -> None:
        if not self._options:
            return
        if self.highlighted is None:
            start = 0 if step > 0 else len(self._options) - 1
        else:
            start = self.highlighted + step
        found = self._enabled_from(start, step, wrap=True)
        if found is not None:
            self.highlighted = found

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        if self._options:
            self.highlighted = self._enabled_from(0, 1, wrap=False)

    def action_last(self) -> None:
        if self._options:
            self.highlighted = self._enabled_from(len(self._options) - 1, -1, wrap=False)

    def _move_page(self, direction: int) -> None:
        self._lay_out()
        if not self._options or not self._option_lines:
            return
        line = self._option_lines[min(self.highlighted or 0, len(self._option_lines) - 1)]
        height = self.scrollable_content_region.height
        target_line = min(max(line + direction * height, 0), self._line_count - 1)
        target = self._option_at_line(target_line) or 0
        found = self._enabled_from(target, direction, wrap=False)
        if found is None:
            found = self._enabled_from(target, -direction, wrap=False)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        if self.highlighted is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_page_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self._options[index].disabled:
            self.post_message(self.OptionSelected(self, self._options[index], index))

    # The mouse

    def _option_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = self.scroll_offset.y + offset.y
        index = self._option_at_line(line)
        # An option's rule is not the option.
        if (
            index is not None
            and self._options[index].divider
            and line == self._option_lines_end(index) - 1
        ):
            return None
        return index

    def on_click(self, event: events.Click) -> None:
        index = self._option_under(event)
        if index is not None and not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovered = self._option_under(event)

    def on_leave(self, event: events.Leave) -> None:
        self._hovered = None
