"""Fixes to Whoosh 2.7.4 (its last release), applied once when `index` is imported.

Writing postings asks a segment for each document's field length. For fields without a length
column (ID fields, the spelling field) Whoosh 2.7.4 looks for the column file on disk again for
every single posting, a quarter of the time of an index build. Segments are immutable once written,
so the answer "no such column" is cached like the readers themselves.
"""

from __future__ import annotations

from whoosh.codec import whoosh3


def _cached_reader(self, fieldname, column):  # type: ignore[no-untyped-def]
    try:
        return self._readers[fieldname]
    except KeyError:
        pass
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    self._readers[fieldname] = reader
    return reader


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
