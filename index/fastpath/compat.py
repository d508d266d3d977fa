"""Fixes to Whoosh 2.7.4 (its last release), applied once when `index` is imported.

Writing postings asks a segment for each document's field length. For fields without a length
column (ID fields, the spelling field) Whoosh 2.7.4 looks for the column file on disk again for
every single posting, a quarter of the time of an index build. Segments are immutable once written,
so the answer "no such column" is cached like the readers themselves. Even with the column there,
reading one length per posting from it was 6% of a build: each document's lengths are read once
per field instead.

Opening a segment, Whoosh maps its compound file into memory and then copies the postings and
term files out of the map into `BytesIO` buffers: 200 MB of private memory for a searcher over
100,000 articles, copied again by every process that opens the index. The files are read from
the map instead, without copying.
"""

from __future__ import annotations

import pickle
from io import BytesIO
from typing import TYPE_CHECKING, cast

from whoosh.codec import base, whoosh3
from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile

if TYPE_CHECKING:
    import mmap


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        pass
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    self._readers[fieldname] = reader
    return reader


class _MappedFile:
    """A read-only file over part of a memory map, reading without copying the part first."""

    def __init__(self, source: memoryview, offset: int, length: int) -> None:
        self._source = source  # the whole map: `find` works on it, not on a view of it
        self._offset = offset
        self._length = length
        self._position = 0
        self.closed = False

    def _span(self, size: int | None) -> tuple[int, int]:
        start = self._position
        end = self._length if size is None or size < 0 else min(self._length, start + size)
        return start, max(start, end)

    def read(self, size: int | None = -1) -> bytes:
        start, end = self._span(size)
        self._position = end
        return bytes(self._source[self._offset + start : self._offset + end])

    def readline(self, size: int | None = -1) -> bytes:
        start, end = self._span(size)
        whole = cast("mmap.mmap | bytes", self._source.obj)  # a compound file's map, or bytes
        newline = whole.find(b"\n", self._offset + start, self._offset + end)
        if newline >= 0:
            end = newline - self._offset + 1
        self._position = end
        return bytes(self._source[self._offset + start : self._offset + end])

    def seek(self, position: int, whence: int = 0) -> int:
        if whence == 1:
            position += self._position
        elif whence == 2:
            position += self._length
        self._position = max(0, position)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self.closed = True


class _MappedBufferFile(BufferFile):
    def __init__(self, source, offset, length, name=None):
        super().__init__(b"", name=name)
        self._buf = source[offset : offset + length]
        self.file = _MappedFile(source, offset, length)

    def read_pickle(self, protocol: int = -1) -> object:
        # One small copy and a C unpickler, not a Python `read` call per pickle opcode.
        mapped = self.file
        start = mapped.tell()
        size = 512
        while True:
            end = min(mapped._length, start + size)
            chunk = BytesIO(mapped._source[mapped._offset + start : mapped._offset + end])
            try:
                value = pickle.load(chunk)
            except (EOFError, pickle.UnpicklingError):
                if end >= mapped._length:
                    raise
                size *= 16
                continue
            mapped.seek(start + chunk.tell())
            return value


class _LengthsOnce:
    """A segment's field lengths, read from its length columns once per document and field."""

    def __init__(self, lengths) -> None:
        self._lengths = lengths
        self._by_field: dict[str, list[int | None]] = {}

    def doc_field_length(self, docnum: int, fieldname: str) -> int | None:
        by_doc = self._by_field.get(fieldname)
        if by_doc is None:
            read = self._lengths.doc_field_length
            by_doc = [read(doc, fieldname) for doc in range(self._lengths.doc_count_all())]
            self._by_field[fieldname] = by_doc
        return by_doc[docnum]


_add_postings = base.FieldWriter.add_postings


def _add_postings_lengths_once(self, schema, lengths, items):
    return _add_postings(self, schema, _LengthsOnce(lengths) if lengths else None, items)


def _open_file(self, name, *args, **kwargs):
    if self.is_closed or not self._source:
        return _original_open_file(self, name, *args, **kwargs)
    offset, length = self.range(name)
    return _MappedBufferFile(memoryview(self._source), offset, length, name=name)


_original_open_file = compound.CompoundStorage.open_file


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    base.FieldWriter.add_postings = _add_postings_lengths_once
    compound.CompoundStorage.open_file = _open_file
