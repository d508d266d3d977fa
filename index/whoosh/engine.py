"""The bundled engines, both served by Whoosh: `fastpath` and `whoosh` (stock Whoosh).

Both search the same index, so they write it the same way. Each side is imported when first
used: indexing never needs the search code, nor searching the writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from index.whoosh.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from index.api import IndexWriter, SearchEngine, StoryMarks


class WhooshEngine:
    """Whoosh's side of `index.api.Engine`; `fast` serves common queries by the fast path."""

    schema_version = SCHEMA_VERSION

    def __init__(self, *, fast: bool) -> None:
        self._fast = fast

    def open(self, index_dir: Path, *, marks: StoryMarks | None = None) -> SearchEngine:
        from index.whoosh.search import open_fast, open_stock

        if self._fast:
            return open_fast(index_dir, marks=marks)
        return open_stock(index_dir, marks=marks)

    def index_exists(self, index_dir: Path) -> bool:
        from index.whoosh import writer

        return writer.index_exists(index_dir)

    def prepare_index(self, index_dir: Path, archive: Path) -> None:
        from index.whoosh import writer

        writer.prepare_index(index_dir, archive)

    def writer(self, index_dir: Path) -> IndexWriter:
        from index.whoosh import writer

        return writer.WhooshWriter(index_dir)

    def remove_index(self, index_dir: Path) -> None:
        from index.whoosh import writer

        writer.remove_index(index_dir)


FAST = WhooshEngine(fast=True)
STOCK = WhooshEngine(fast=False)
