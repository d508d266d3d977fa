"""The one module that reaches Textual's private names: fixes to Textual 8, applied by one call
at start-up (`apply_textual_fixes`, from the app), and the base classes that the reader's lists
and article pane need to paint once per change. Each says what it works around upstream;
tests/reader/test_textual_fixes.py fails when stock Textual no longer has the problem, so the
fix can go.

Less garbage in reference cycles: what only the collector's full passes free. Painting and
switching stories left ~80,000 such objects a minute, and each pass that freed them paused the
reader ~100 ms (benchmarks/NOTES.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.style import Style
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported: the gate module reaches it

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.widget import Widget as _WidgetMixin
else:
    _WidgetMixin = object

STOCK_DIVIDE = Strip.divide
STOCK_CROP_EXTEND = Strip.crop_extend
STOCK_LRU_CLEAR = LRUCache.clear


# Upstream: not reported yet (Textual 8.2.8). `Strip.divide` and `Strip.crop_extend` cache their
# result on the strip, and when the line needs no cutting the result is the strip itself: a
# cycle for most lines painted. The strip is returned as it is; lines that are cut are cached.
def _divide_without_cycle(self: Strip, cuts: Iterable[int]) -> list[Strip]:
    cuts = list(cuts)
    if [cut for cut in cuts if cut <= self.cell_length] == [self.cell_length]:
        return [self]
    return list(STOCK_DIVIDE(self, cuts))


def _crop_extend_without_cycle(self: Strip, start: int, end: int, style: Style | None) -> Strip:
    if start <= 0 and end == self.cell_length:
        return self
    return STOCK_CROP_EXTEND(self, start, end, style)


# Upstream: not reported yet (Textual 8.2.8). `LRUCache.clear` drops its ring of links whole, a
# cycle holding every value (an option list's rendered lines, cleared whenever its options
# change; a widget's `query_one` answers, cleared whenever its children change). The links are
# emptied first.
def _clear_without_cycles(self: LRUCache) -> None:
    for link in self._cache.values():
        link.clear()
    STOCK_LRU_CLEAR(self)


def apply_textual_fixes() -> None:
    """Patch Textual for this process; called once by the app as it starts (again is harmless)."""
    LRUCache.clear = _clear_without_cycles  # type: ignore[method-assign]
    Strip.divide = _divide_without_cycle  # type: ignore[method-assign]
    Strip.crop_extend = _crop_extend_without_cycle  # type: ignore[method-assign]


class SteadyScrollView(ScrollView):
    """A `ScrollView` whose scrollbars are updated when its own virtual size changes
    (`show_virtual_size`), not at every layout of the screen."""

    # Upstream: not reported yet (Textual 8.2.8). The layout hands a line-API widget its visible
    # size as its virtual size (it has no children to measure), and `ScrollView._size_updated`
    # takes the difference from the size the widget set itself for a change: the scrollbars
    # were updated and repainted at every layout, 2–5 ms each time a story opened.
    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def show_virtual_size(self, virtual_size: Size) -> None:
        """Scroll through `virtual_size` from now on, its scrollbars updated to it."""
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)


class FooterKeepingNoOldKeys(Footer):
    """Textual's `Footer`, without the keys it has replaced."""

    # Upstream: not reported yet (Textual 8.2.8). The footer makes its keys again at every
    # change of focus, and each key follows the footer's `compact` (`data_bind`): a watcher
    # that the footer keeps, and with it the removed key and everything the key holds, until
    # `compact` changes, which it never does. Opening a story with Enter (the focus goes to it)
    # and coming back kept ~60 widgets, ~7,000 objects, each time: the reader grew ~1.3 MB a
    # story, and every pass of the collector took longer.
    _keys_made_for: tuple[object, ...] | None = None

    async def recompose(self) -> None:
        # The keys are made again only when the ones to show changed: most changes of focus
        # (a story opened with Enter, back to the list) keep them, and making ~20 widgets and
        # styling them is most of what a change of focus costs.
        # Asked after a refresh, it may come when the footer's screen is gone (as stock's).
        if not self.is_attached or self._keys_to_show() == self._keys_made_for:
            return
        if self._relabel_keys():
            return
        await super().recompose()
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]

    def compose(self) -> ComposeResult:
        self._keys_made_for = self._keys_to_show()
        for widget in super().compose():
            # Upstream (8.2.8): a key starts compact, gets its class when mounted and is then
            # told the footer's `compact`: each key is styled twice more (~5 ms each, ~15 keys
            # at every change of focus that changes the keys). Made with its final value and
            # class, the watcher and the binding find nothing to change. (The command
            # palette's key is not bound to the footer: it stays compact, as stock's.)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def _relabel_keys(self) -> bool:
        """Show the keys to show on the keys shown, when they are as many and alike (no key
        groups, the same classes): a change of focus that swaps one key for another (the list's
        "Open" for the story's "Results") then mounts and styles nothing."""
        shown = list(self.children)
        if not all(type(key) is FooterKey for key in shown):
            return False
        if any(binding.group for _node, binding, *_ in self.screen.active_bindings.values()):
            return False  # compose would open a group outside of a compose
        made = list(self.compose())
        if len(made) != len(shown) or any(
            type(new) is not FooterKey or _classes_made(new) != _classes_made(old)
            for new, old in zip(made, shown, strict=True)
        ):
            return False
        for new, old in zip(made, shown, strict=True):
            assert isinstance(new, FooterKey) and isinstance(old, FooterKey)
            label = (new.key, new.key_display, new.description, new.action, new.tooltip)
            if label != (old.key, old.key_display, old.description, old.action, old.tooltip):
                old.key, old.key_display, old.description, old.action = label[:4]
                old.tooltip = new.tooltip
                old.refresh(layout=True)
        return True

    def _keys_to_show(self) -> tuple[object, ...]:
        """What `Footer.compose` makes its keys of: every active binding (shown or not, with
        whether it is enabled and its tooltip), once the screen's bindings are known."""
        if not getattr(self, "_bindings_ready", False):
            return ()
        return tuple(
            (binding, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )


def _classes_made(key: Widget) -> frozenset[str]:
    """A footer key's classes, but the one its `compact` gives it (once mounted, for the command
    palette's key)."""
    return key.classes - {"-compact"}


# A mixin, first among a widget's bases: not a `Widget` itself, so that the widget's place in
# the order of default CSS stays the same.
class SizedByOneLayout(_WidgetMixin):
    """A widget whose new height the layout that measured it has placed already."""

    # Upstream: not reported yet (Textual 8.2.8). `Widget._size_updated`, called by a layout,
    # sets the virtual size through its reactive, which asks for another layout of the whole
    # screen whenever a widget's height changed (each story opened).
    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
