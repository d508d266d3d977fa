"""reader/textual_fixes.py: applied by the app as it starts and never by an import, the only
module that reaches Textual's private names, and each fix still needed: the `stock_…` tests fail
when Textual no longer has the problem a fix works around (then drop the fix)."""

from __future__ import annotations

import ast
import gc
import importlib
import inspect
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from rich.segment import Segment
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Static

from reader.textual_fixes import (
    STOCK_CROP_EXTEND,
    STOCK_DIVIDE,
    STOCK_LRU_CLEAR,
    FooterKeepingNoOldKeys,
    FooterKey,
    SizedByOneLayout,
    SteadyScrollView,
    apply_textual_fixes,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
GATE = "reader/textual_fixes.py"


def test_importing_the_app_patches_nothing_and_starting_it_applies_the_fixes(
    tmp_path: Path,
) -> None:
    script = f"""
from pathlib import Path
from textual.cache import LRUCache
from textual.strip import Strip
import reader.app
from reader import textual_fixes as fixes
from reader.settings import Locations, Settings
stock = (Strip.divide, Strip.crop_extend, LRUCache.clear)
assert stock == (fixes.STOCK_DIVIDE, fixes.STOCK_CROP_EXTEND, fixes.STOCK_LRU_CLEAR), stock
home = Path({str(tmp_path)!r})
reader.app.NewsReaderApp(home, home, locations=Locations(home, home, home), settings=Settings())
assert Strip.divide is not fixes.STOCK_DIVIDE and LRUCache.clear is not fixes.STOCK_LRU_CLEAR
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr


def _private_textual_names_used(path: Path) -> set[str]:
    """The private names of Textual that the module's classes define or read on `self`, and
    those it imports."""
    module = importlib.import_module(".".join(path.relative_to(REPO_ROOT).with_suffix("").parts))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            names = [node.module or "", *(alias.name for alias in node.names)]
            found |= {name for name in names if "._" in name or name.startswith("_")}
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name, None)
        if not inspect.isclass(cls):
            continue
        # A mixin's methods are a widget's too.
        textual_bases = [base for base in cls.__mro__[1:] if base.__module__.startswith("textual")]
        textual_bases.append(Widget)
        names = {
            inner.name
            for inner in ast.walk(node)
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef)
        } | {
            inner.attr
            for inner in ast.walk(node)
            if isinstance(inner, ast.Attribute)
            and isinstance(inner.value, ast.Name)
            and inner.value.id == "self"
        }
        for name in names:
            private = name.startswith("_") and not name.startswith("__")
            if private and any(name in vars(base) for base in textual_bases):
                found.add(f"{node.name}.{name}")
    return found


def test_only_the_gate_reaches_private_textual_names() -> None:
    used = {
        str(path.relative_to(REPO_ROOT)): names
        for path in sorted((REPO_ROOT / "reader").rglob("*.py"))
        if (names := _private_textual_names_used(path))
    }
    assert set(used) == {GATE}, used
    assert used[GATE] >= {"SteadyScrollView._size_updated", "SizedByOneLayout._size_updated"}


# Reference cycles


def test_stock_strips_cache_themselves_when_not_cut() -> None:
    line = Strip([Segment("news")], 4)
    before = sys.getrefcount(line)
    STOCK_DIVIDE(line, [4])
    STOCK_CROP_EXTEND(line, 0, 4, None)
    assert sys.getrefcount(line) == before + 2  # in its own caches: a cycle


class _Story:
    """A value that can be watched for being freed."""


def _freed_at_once_after_clearing(clear) -> bool:  # type: ignore[no-untyped-def]
    story = _Story()
    freed = weakref.ref(story)
    cache: LRUCache[str, _Story] = LRUCache(4)
    cache["first"] = story
    del story
    gc.disable()  # no collection in between: only reference counting frees it
    try:
        clear(cache)
        return freed() is None
    finally:
        gc.enable()
        gc.collect()


def test_a_stock_cleared_lru_cache_leaves_its_values_in_a_cycle() -> None:
    assert not _freed_at_once_after_clearing(STOCK_LRU_CLEAR)


def test_lines_painted_whole_and_cleared_caches_leave_no_reference_cycles() -> None:
    """Garbage that only the collector's full passes would free."""
    apply_textual_fixes()
    line = Strip([Segment("news")], 4)
    before = sys.getrefcount(line)
    assert line.divide([4]) == [line]
    assert line.crop_extend(0, 4, None) is line
    assert [part.text for part in line.divide([2, 4])] == ["ne", "ws"]
    assert sys.getrefcount(line) == before  # the line's caches don't hold the line itself
    cache: LRUCache[str, Strip] = LRUCache(4)
    cache["first"] = line
    cache["second"] = Strip([Segment("wire")], 4)
    cache.clear()
    assert sys.getrefcount(line) == before
    assert _freed_at_once_after_clearing(LRUCache.clear)


# Layouts


class _Lines(ScrollView):
    """A line-API widget a hundred lines long."""

    def on_mount(self) -> None:
        self.resizes: list[events.Resize] = []
        self.virtual_size = Size(20, 100)

    def on_resize(self, event: events.Resize) -> None:
        self.resizes.append(event)

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class _SteadyLines(SteadyScrollView):
    def on_mount(self) -> None:
        self.show_virtual_size(Size(20, 100))

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class _LinesApp(App[None]):
    CSS = "ScrollView { height: 10; }"

    def compose(self) -> ComposeResult:
        yield _Lines()
        yield _SteadyLines()


async def test_stock_layouts_give_a_line_api_widget_its_visible_size_as_virtual_size() -> None:
    """`ScrollView._size_updated` takes that for a change of its virtual size: the scrollbars
    were updated at every layout (`SteadyScrollView` compares with its own)."""
    app = _LinesApp()
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        lines = app.query_one(_Lines)
        assert lines.resizes[-1].virtual_size == lines.size != lines.virtual_size
        steady = app.query_one(_SteadyLines)
        bar = steady.vertical_scrollbar
        assert (bar.window_virtual_size, bar.window_size) == (100, 10)
        steady.show_virtual_size(Size(20, 150))
        assert bar.window_virtual_size == 150


class _CountedLayouts(Static):
    """Counts the layouts of the screen it asks for."""

    layouts_asked = 0

    def refresh(self, *regions, layout: bool = False, **options):  # type: ignore[no-untyped-def]
        type(self).layouts_asked += layout
        return super().refresh(*regions, layout=layout, **options)


class _StockText(_CountedLayouts):
    pass


class _SizedText(SizedByOneLayout, _CountedLayouts):
    pass


class _TextApp(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield _StockText("one line")
            yield _SizedText("one line")


async def test_stock_widgets_ask_for_a_second_layout_when_their_height_changes() -> None:
    app = _TextApp()
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        for text_type in (_StockText, _SizedText):
            text_type.layouts_asked = 0
            app.query_one(text_type).update("\n".join(["a taller text"] * 5))
        await pilot.pause()
        await pilot.pause()
        assert _StockText.layouts_asked == 2  # the update's, and the layout's own
        assert _SizedText.layouts_asked == 1


class _FooterApp(App[None]):
    BINDINGS = [Binding("n", "next", "Next"), Binding("p", "previous", "Previous")]

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer


async def _keys_kept_after_recomposing(footer: Footer) -> tuple[int, int]:
    """The footer made its keys again three times (as at three changes of focus): how many of
    the keys it no longer shows are still alive, and how many it shows."""
    async with _FooterApp(footer).run_test() as pilot:
        await pilot.pause()
        replaced = [weakref.ref(key) for key in footer.children]
        for number in range(3):
            # A key more to show each time: the reader's footer makes its keys again only then.
            pilot.app.bind(str(number), f"next_{number}", description=f"Next {number}")
            footer.call_later(footer.recompose)  # in the footer, as its own recompose runs
            await pilot.pause()
        gc.collect()
        return sum(key() is not None for key in replaced), len(footer.children)


async def test_a_stock_footer_keeps_every_key_it_replaced() -> None:
    kept, shown = await _keys_kept_after_recomposing(Footer())
    assert shown and kept > 0


async def test_the_reader_footer_lets_the_keys_it_replaced_go() -> None:
    kept, shown = await _keys_kept_after_recomposing(FooterKeepingNoOldKeys())
    assert shown and kept == 0


async def test_the_reader_footer_makes_its_keys_again_only_when_they_change() -> None:
    footer = FooterKeepingNoOldKeys()
    async with _FooterApp(footer).run_test() as pilot:
        await pilot.pause()
        shown = list(footer.children)
        footer.call_later(footer.recompose)  # a change of focus that keeps the same keys
        await pilot.pause()
        assert list(footer.children) == shown

        pilot.app.bind("x", "onwards", description="Onwards")
        footer.call_later(footer.recompose)
        await pilot.pause()
        assert len(footer.children) == len(shown) + 1
        assert "Onwards" in [getattr(key, "description", None) for key in footer.children]


class _Pane(Static, can_focus=True):
    """A focusable pane with one key of its own, as the result list and the story have."""

    def __init__(self, key: str, action: str, description: str) -> None:
        super().__init__(description)
        self._bindings.bind(key, action, description)


class _TwoPanesApp(App[None]):
    def compose(self) -> ComposeResult:
        yield _Pane("enter", "open", "Open")
        yield _Pane("escape", "back", "Results")
        yield FooterKeepingNoOldKeys()


async def test_the_reader_footer_shows_a_swapped_key_on_the_keys_it_has() -> None:
    # Enter moves the focus from the list to the story: "Open" gives way to "Results", the
    # other keys stay. Relabelled, the footer mounts and styles no key.
    async with _TwoPanesApp().run_test() as pilot:
        footer = pilot.app.query_one(FooterKeepingNoOldKeys)
        first, second = pilot.app.query(_Pane)
        first.focus()
        await pilot.pause()
        shown = list(footer.children)
        assert "Open" in [key.description for key in footer.query(FooterKey)]
        second.focus()
        await pilot.pause()
        assert list(footer.children) == shown
        descriptions = [key.description for key in footer.query(FooterKey)]
        assert "Results" in descriptions and "Open" not in descriptions
        assert "Results" in pilot.app.export_screenshot()  # and painted


async def _compact_classes_added(footer: Footer) -> int:
    """How many times a key of `footer` was styled again for getting the `-compact` class."""
    added = 0

    def counting(key: FooterKey, *names: str, update: bool = True) -> FooterKey:
        nonlocal added
        palette = key.has_class("-command-palette")  # not bound to the footer's `compact`
        added += update and not palette and "-compact" in names and "-compact" not in key.classes
        return Widget.add_class(key, *names, update=update)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FooterKey, "add_class", counting)  # a spy, for this test only
        async with _FooterApp(footer).run_test() as pilot:
            await pilot.pause()
            pilot.app.bind("x", "onwards", description="Onwards")  # one more key: made anew
            footer.call_later(footer.recompose)
            await pilot.pause()
    return added


async def test_a_stock_footer_styles_each_key_compact_and_back_as_it_mounts() -> None:
    assert await _compact_classes_added(Footer()) > 0


async def test_the_reader_footer_makes_its_keys_as_they_will_stay() -> None:
    assert await _compact_classes_added(FooterKeepingNoOldKeys()) == 0
