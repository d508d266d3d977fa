"""The one module that touches Whoosh's private names, and the Whoosh version they were read from.

The fast path reads Whoosh 2.7.4's segment files itself (posting blocks, term tables, columns)
and the parallel build commits segments written by other processes: both need Whoosh internals.
Every such access is a small named function here, so the rest of `index/` uses public names only
(tests/index/test_compat.py walks the code to keep it so). Whoosh 2.7.4 is its last release and
the only version this was tested with: for any other, `fast_path_on` is False, once per process
with one log line, and the engine searches through Whoosh's public API (`open_stock`'s way) and
indexing writes plain Whoosh segments, one process, without posting arrays.

`apply_patches` (called by `index.fastpath.enable()` at start-up, never by an import) works around
three costs of stock Whoosh 2.7.4, its last release; no upstream issue was found for any of them.
tests/index/test_compat.py has a test for each that fails once stock Whoosh no longer has the
problem.
"""

from __future__ import annotations

import logging
import mmap
import pickle
import struct
from collections.abc import Callable, Iterable
from functools import cache
from io import BytesIO
from typing import Any, NamedTuple, cast

import whoosh
from whoosh import query as whoosh_query
from whoosh.codec import base, whoosh3
from whoosh.filedb import compound, filetables
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import IndexReader
from whoosh.writing import SegmentWriter

log = logging.getLogger(__name__)

TESTED_WHOOSH_VERSIONS = frozenset({(2, 7, 4)})

WhooshVersion = tuple[Any, ...]


@cache
def fast_path_on(version: WhooshVersion = whoosh.__version__) -> bool:
    """Whether the fast path may run on this Whoosh version (the installed one by default).
    Asked by every engine that opens and every build that writes; says once when it is off."""
    if tuple(version[:3]) in TESTED_WHOOSH_VERSIONS:
        return True
    tested = ", ".join(".".join(map(str, tested)) for tested in sorted(TESTED_WHOOSH_VERSIONS))
    log.warning(
        "Whoosh %s is not a version the fast path was tested with (%s): searching and "
        "indexing use stock Whoosh only, which is slower",
        ".".join(map(str, version)),
        tested,
    )
    return False


# Reading segments (the fast path's read side)


def segment_codec(reader: IndexReader) -> object | None:
    """The codec a segment's reader reads with; None for a reader without a segment."""
    return getattr(reader, "_codec", None)


def term_matcher(reader: IndexReader, fieldname: str, btext: bytes, fieldformat: object) -> object:
    """The matcher over a term's postings in one segment, as Whoosh's codec makes it."""
    return reader._terms.matcher(fieldname, btext, fieldformat)


def postings_start(matcher: object) -> tuple[Any, int]:
    """The postings file of a block matcher (`W3LeafMatcher`) and where its blocks start."""
    return matcher._postfile, matcher._baseoffset  # type: ignore[attr-defined]


def deleted_docs(reader: IndexReader) -> Iterable[int]:
    """The deleted document numbers of a segment, as one set rather than a call per document."""
    return reader._perdoc.deleted_docs()


def length_column(reader: IndexReader, fieldname: str) -> Any | None:
    """The column of a field's length bytes in a segment (None where it has none), the reader
    Whoosh's own scorer reads them through."""
    return reader._perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)


class StoredNumbers(NamedTuple):
    """A numeric column's values as stored: `stored` values of struct `typecode`, each `width`
    bytes, in `data`; documents past them hold `default`."""

    typecode: str
    width: int
    stored: int
    default: Any
    data: Callable[[], bytes]


def stored_numbers(column: Any) -> StoredNumbers:
    """How a `NumericColumn.Reader` keeps its values, to read them in one go."""
    return StoredNumbers(
        column._typecode,
        column._fixedlen,
        column._count,
        column._default,
        lambda: column._dbfile.get(column._basepos, column._count * column._fixedlen),
    )


class TermKeys(NamedTuple):
    """A segment's terms table (keys sorted, each field's together): the table, the key prefix of
    the field, and the header before each key and value."""

    table: filetables.OrderedHashReader
    prefix: bytes
    header: struct.Struct


def term_keys(reader: IndexReader, fieldname: str) -> TermKeys | None:
    """The field's part of a segment's terms table; None where the segment keeps its terms
    otherwise (they are then listed through `lexicon`)."""
    terms = getattr(reader, "_terms", None)
    if not isinstance(terms, whoosh3.W3TermsReader):
        return None
    table = terms._tindex
    if type(table) is not filetables.OrderedHashReader:
        return None
    return TermKeys(table, terms._keycoder(fieldname, b""), filetables._lengths)


def multiterm_words(node: whoosh_query.MultiTerm, reader: IndexReader) -> Iterable[bytes]:
    """The words of one segment a prefix, wildcard or fuzzy term stands for, without Whoosh's
    expansion into a query."""
    return node._btexts(reader)


def numeric_range_terms(node: whoosh_query.NumericRange, reader: IndexReader) -> whoosh_query.Query:
    """A numeric range as Whoosh searches it: an OR of the trie terms that cover the range."""
    return node._compile_query(reader)


class VariantFuzzyTerm(whoosh_query.FuzzyTerm):
    """A fuzzy term that also stands for the words `variant_terms`, where the segment has them.

    Whoosh lists a multi-term's words in the private `_btexts`; every way of searching (its own
    matchers, the fast path's `multiterm_words`, highlighting) goes through it."""

    variant_terms: frozenset[str] = frozenset()

    def _btexts(self, ixreader):
        found = set(super()._btexts(ixreader))
        found.update(term for term in self.variant_terms if (self.fieldname, term) in ixreader)
        return sorted(found)


def segment_of(reader: IndexReader) -> Any:
    """The segment a `SegmentReader` reads."""
    return reader._segment


def storage_of(reader: IndexReader) -> Any:
    """Where a `SegmentReader` reads its files: the folder, or its compound file over it."""
    return reader._storage


def release_mapped_pages(reader: IndexReader) -> None:
    """Let go of the pages of a compound segment's memory map that were read: they stay in the
    system's page cache, and a later read maps what it needs again."""
    if not fast_path_on():
        return
    compound_file = getattr(storage_of(reader), "a", None)  # a compound segment's files
    source = getattr(compound_file, "_source", None)
    if isinstance(source, mmap.mmap) and not source.closed and hasattr(mmap, "MADV_DONTNEED"):
        source.madvise(mmap.MADV_DONTNEED)


# Writing segments (the term pool and the parallel build)


def writer_temp_storage(writer: SegmentWriter) -> Any:
    """The temporary folder a segment writer's pool spills to."""
    return writer._tempstorage


def unlocked_writer(ix: Any) -> SegmentWriter:
    """A segment writer that doesn't take the index's lock: a worker of a build whose parent
    holds it, and whose segment only the parent commits."""
    return SegmentWriter(ix, _lk=False)


def finish_segment(writer: SegmentWriter) -> object | None:
    """Write out what `writer` was given as a segment, without committing it; None (and nothing
    written) when it was given nothing."""
    if writer._added:
        return writer._finalize_segment()
    writer._close_segment()
    return None


def commit_with_segments(writer: SegmentWriter, segments: list[object]) -> None:
    """Commit `writer` (its deletions and merges) with segments other writers finished."""
    committed = writer._merge_segments(None, None, None)
    committed.extend(segments)
    finished = finish_segment(writer)
    if finished is not None:
        committed.append(finished)
    writer._commit_toc(committed)
    writer._finish()


# The patches of `apply_patches`


def _cached_reader(self, fieldname, column):
    # Whoosh caches a field's column reader but not its absence, so a field without a length
    # column (ID fields, the spelling field) looks for the column file on disk again for every
    # posting written: a quarter of an index build. Segments are immutable once written.
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
        newline = cast(bytes, self._source.obj).find(
            b"\n", self._offset + start, self._offset + end
        )
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


_stock_add_postings = base.FieldWriter.add_postings
_stock_open_file = compound.CompoundStorage.open_file


def _add_postings_lengths_once(self, schema, lengths, items):
    # Whoosh reads a document's field length from the length column for every posting it
    # writes, one unpacked value per call: 6% of a build. Each field's lengths are read once.
    return _stock_add_postings(self, schema, _LengthsOnce(lengths) if lengths else None, items)


def _open_file(self, name, *args, **kwargs):
    # Whoosh maps a compound segment file into memory, then copies each file it opens out of
    # the map into a `BytesIO`: 200 MB of private memory for a searcher over 100,000 stories,
    # copied again by every process that opens the index. The file is read from the map.
    if self.is_closed or not self._source:
        return _stock_open_file(self, name, *args, **kwargs)
    offset, length = self.range(name)
    return _MappedBufferFile(memoryview(self._source), offset, length, name=name)


def apply_patches() -> bool:
    """Patch Whoosh where it is tested (`fast_path_on`); True when it was."""
    if not fast_path_on():
        return False
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    base.FieldWriter.add_postings = _add_postings_lengths_once
    compound.CompoundStorage.open_file = _open_file
    return True
