"""Fixes to Textual 8, applied when the app is imported: less garbage in reference cycles.

What is left in cycles only the collector's full passes free: painting and switching stories
left ~80,000 such objects a minute, and each pass that freed them paused the reader ~100 ms
(benchmarks/NOTES.md). Two sources:

- A `Strip` (a line of the screen) caches what it is cut or padded into; `divide` and
  `crop_extend` cached the strip itself when the line needs no cutting, a cycle for most lines
  painted. The strip is now returned as it is; lines that are cut are cached as before.
- `LRUCache.clear` dropped its ring of links whole, a cycle holding every value (an option
  list's rendered lines, cleared whenever its options change). The links are emptied first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

_divide = Strip.divide
_crop_extend = Strip.crop_extend


def _divide_without_cycle(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    cuts = list(cuts)
    if [cut for cut in cuts if cut <= self.cell_length] == [self.cell_length]:
        return [self]
    return _divide(self, cuts)


def _crop_extend_without_cycle(self: Strip, start: int, end: int, style: Style | None) -> Strip:
    if start <= 0 and end == self.cell_length:
        return self
    return _crop_extend(self, start, end, style)


_clear = LRUCache.clear


def _clear_without_cycles(self: LRUCache) -> None:
    for link in self._cache.values():
        link.clear()
    _clear(self)


def apply_textual_fixes() -> None:
    LRUCache.clear = _clear_without_cycles  # type: ignore[method-assign]
    Strip.divide = _divide_without_cycle  # type: ignore[method-assign]
    Strip.crop_extend = _crop_extend_without_cycle  # type: ignore[method-assign]
