"""A segment's postings also kept as flat arrays that numpy reads straight from the memory map.

Whoosh keeps a term's postings in zlib-compressed pickled blocks of 128: reading the 80,000
postings of a common word costs ~10 ms of decompressing and cutting, and a phrase has to unpickle
the positions of every candidate. Each segment this index writes (`index.term_pool`) also gets
four files, which Whoosh puts in the segment's compound file and deletes with it:

- `.pad`, the directory: a magic number, the term count n, then n sorted term keys (a hash of
  field name and term), n first postings, n posting counts and n first positions;
- `.pid` document numbers (int32) and `.pwt` weights (float32), one of each per posting, a
  term's postings one after the other; in a field with positions a weight is the number of
  positions (the word's count in the document) times the field's boost;
- `.pps` positions (uint32), a posting's after the other.

Only scorable fields (the text people search) are kept. A term that isn't in the directory (a
segment written by Whoosh, two terms with the same key, a weight float32 can't hold or that isn't
the field's boost times the count of positions) is read from Whoosh's blocks as before
(`index.blocks`).
"""

from __future__ import annotations

import hashlib
import os
import weakref
from typing import Any

import numpy as np
from whoosh import formats
from whoosh.codec.base import Segment
from whoosh.fields import Schema
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage, OverlayStorage, Storage
from whoosh.reading import IndexReader, SegmentReader

from index.blocks import LAYOUT_ERRORS, Postings, block_postings, position_deltas

_MAGIC = b"NRPA\x00\x00\x00\x01"
_DIRECTORY, _IDS, _WEIGHTS, _POSITIONS = ".pad", ".pid", ".pwt", ".pps"
_EXTENSIONS = (_DIRECTORY, _IDS, _WEIGHTS, _POSITIONS)
# Postings held in lists before they are written out as arrays (a few MB).
FLUSH_POSTINGS = 200_000
_TERM_COLUMNS = 4  # key, first posting, posting count, first position


def term_key(fieldname: str, btext: bytes) -> int:
    """A term's 64-bit key in the directory."""
    digest = hashlib.blake2b(fieldname.encode() + b"\x00" + btext, digest_size=8).digest()
    return int.from_bytes(digest, "little")


class PostingArraysWriter:
    """Writes a segment's posting arrays from its terms in order, as the term pool hands them
    to Whoosh's writer (`add_term`, then `close`)."""

    def __init__(self, storage: Storage, segment: Segment, schema: Schema) -> None:
        self._storage = storage
        self._segment = segment
        # Field name -> whether its postings carry positions.
        self._fields = {
            name: type(field.format) is formats.Positions
            for name, field in schema.items()
            if field.scorable
        }
        self._boosts = {name: schema[name].format.field_boost for name in self._fields}
        self._files: dict[str, Any] = {}
        self._failed = False
        self._postings_written = 0
        self._positions_written = 0
        self._directory: list[np.ndarray] = []
        self._last_term: tuple[str, bytes] | None = None
        self._start_batch()

    def _start_batch(self) -> None:
        self._ids: list[int] = []
        self._weights: list[float] = []
        self._values: list[bytes] = []  # encoded positions, of the postings that have them
        # (first posting in batch, count, field boost)
        self._positional: list[tuple[int, int, float]] = []
        self._terms: list[tuple[int, int, int]] = []  # (key, first posting in batch, count)

    def add_term(self, fieldname: str, btext: bytes, postings: list) -> None:
        """A term's postings in document order: document number, weight, value, document
        number, ...; a term's later postings may follow in another call."""
        positional = self._fields.get(fieldname)
        if positional is None or self._failed:
            return
        count = len(postings) // 3
        if (fieldname, btext) == self._last_term:
            key, first, before = self._terms[-1]
            self._terms[-1] = (key, first, before + count)
            if positional:
                first, before, boost = self._positional[-1]
                self._positional[-1] = (first, before + count, boost)
        else:
            if len(self._ids) >= FLUSH_POSTINGS:
                self._flush()
            if not self._files:
                self._files = {
                    ext: self._segment.create_file(self._storage, ext) for ext in _EXTENSIONS
                }
            self._last_term = (fieldname, btext)
            self._terms.append((term_key(fieldname, btext), len(self._ids), count))
            if positional:
                self._positional.append((len(self._ids), count, self._boosts[fieldname]))
        if positional:
            self._values += postings[2::3]
        self._ids += postings[0::3]
        self._weights += postings[1::3]

    def close(self) -> None:
        """Writes the directory; a segment whose arrays couldn't be written gets none."""
        if not self._files:
            return
        if not self._failed:
            self._flush()
        if not self._failed:
            self._write_directory()
        for file in self._files.values():
            file.close()
        if self._failed:
            for ext in _EXTENSIONS:
                self._storage.delete_file(self._segment.make_filename(ext))

    def _flush(self) -> None:
        if not self._ids:
            return
        ids = np.array(self._ids, dtype=np.int64)
        weights = np.array(self._weights, dtype=np.float64)
        narrow_weights = weights.astype(np.float32)
        counts = np.zeros(len(ids), dtype=np.int64)
        positions = np.zeros(0, dtype=np.int64)
        try:
            if self._values:
                deltas, value_counts = position_deltas(self._values)
                starts, lengths, boosts = np.array(self._positional, dtype=np.float64).T
                starts, lengths = starts.astype(np.int64), lengths.astype(np.int64)
                within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
                positional = np.repeat(starts, lengths) + within
                counts[positional] = value_counts
                if not np.array_equal(
                    weights[positional], value_counts * np.repeat(boosts, lengths)
                ):
                    self._failed = True  # a document's boost: weights aren't counts
                totals = np.cumsum(deltas)
                before = np.concatenate(([0], totals))[np.cumsum(value_counts) - value_counts]
                positions = totals - np.repeat(before, value_counts)
        except LAYOUT_ERRORS:  # values not in Whoosh's Positions encoding
            self._failed = True
        if (
            self._failed
            or ids.max(initial=0) >= 2**31
            or positions.max(initial=0) >= 2**32
            or not np.array_equal(narrow_weights, weights)
        ):
            self._failed = True
            return
        self._files[_IDS].write(ids.astype("<i4").tobytes())
        self._files[_WEIGHTS].write(narrow_weights.astype("<f4").tobytes())
        self._files[_POSITIONS].write(positions.astype("<u4").tobytes())
        terms = np.array(self._terms, dtype=np.uint64).reshape(-1, 3)
        before = np.concatenate(([0], np.cumsum(counts)))
        directory = np.empty((len(terms), _TERM_COLUMNS), dtype=np.uint64)
        directory[:, 0] = terms[:, 0]
        directory[:, 1] = terms[:, 1] + self._postings_written
        directory[:, 2] = terms[:, 2]
        directory[:, 3] = before[terms[:, 1].astype(np.int64)] + self._positions_written
        self._directory.append(directory)
        self._postings_written += len(ids)
        self._positions_written += len(positions)
        self._start_batch()

    def _write_directory(self) -> None:
        directory = np.concatenate(self._directory) if self._directory else np.zeros((0, 4))
        directory = directory[np.argsort(directory[:, 0], kind="stable")]
        keys = directory[:, 0]
        # Terms whose keys collide are left to the blocks.
        same = keys[1:] == keys[:-1]
        colliding = np.zeros(len(keys), dtype=bool)
        colliding[1:] |= same
        colliding[:-1] |= same
        directory = directory[~colliding]
        file = self._files[_DIRECTORY]
        file.write(_MAGIC + len(directory).to_bytes(8, "little"))
        file.write(np.ascontiguousarray(directory.T).astype("<u8").tobytes())


class ArrayPositions:
    """A term's positions in the arrays: each posting's count (its weight over the field's
    boost), and the positions from the term's first."""

    def __init__(self, weights: np.ndarray, field_boost: float, positions: np.ndarray) -> None:
        self._weights = weights
        self._field_boost = field_boost
        self._positions = positions

    def of(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        counts = np.rint(self._weights / self._field_boost).astype(np.int64)
        starts = np.cumsum(counts) - counts
        chosen = counts[at]
        firsts = starts[at] - (np.cumsum(chosen) - chosen)
        places = np.repeat(firsts, chosen) + np.arange(int(chosen.sum()))
        return self._positions[places].astype(np.int64), chosen


class SegmentArrays:
    """The posting arrays of one segment, read in place."""

    def __init__(self, buffers: dict[str, Any]) -> None:
        directory = buffers[_DIRECTORY]
        count = int.from_bytes(bytes(directory[8:16]), "little")
        columns = np.frombuffer(directory, dtype="<u8", count=4 * count, offset=16)
        # A file's place in the compound file leaves its arrays unaligned, and numpy copies an
        # unaligned array on every binary search: the keys are copied once instead.
        self._keys = np.array(columns[:count])
        self._firsts = columns[count : 2 * count]
        self._counts = columns[2 * count : 3 * count]
        self._first_positions = columns[3 * count :]
        self._ids = np.frombuffer(buffers[_IDS], dtype="<i4")
        self._weights = np.frombuffer(buffers[_WEIGHTS], dtype="<f4")
        self._positions = np.frombuffer(buffers[_POSITIONS], dtype="<u4")

    def postings(
        self, fieldname: str, btext: bytes, *, positions: bool, field_boost: float = 1.0
    ) -> Postings | None:
        """The term's postings, or None if the arrays don't have them; `field_boost` is the
        field's, when its `positions` are asked for."""
        key = np.uint64(term_key(fieldname, btext))
        at = int(np.searchsorted(self._keys, key))
        if at >= len(self._keys) or self._keys[at] != key:
            return None
        first = int(self._firsts[at])
        span = slice(first, first + int(self._counts[at]))
        found_positions = None
        if positions:
            found_positions = ArrayPositions(
                self._weights[span], field_boost, self._positions[int(self._first_positions[at]) :]
            )
        return Postings(
            self._ids[span].astype(np.int64),
            self._weights[span].astype(np.float64),
            found_positions,
        )


def segment_postings(
    reader: IndexReader, fieldname: str, text: object, *, positions: bool = False
) -> Postings | None:
    """The postings of a term in one segment, deleted documents included; None if absent. From
    the segment's arrays where it has them, else from Whoosh's blocks (which raise Unsupported
    where they are not laid out as expected)."""
    if (fieldname, text) not in reader:
        return None
    arrays = segment_arrays(reader)
    if arrays is not None:
        btext = reader._text_to_bytes(fieldname, text)
        boost = reader.schema[fieldname].format.field_boost
        found = arrays.postings(fieldname, btext, positions=positions, field_boost=boost)
        if found is not None:
            return found
    return block_postings(reader, fieldname, text, positions=positions)


_opened: weakref.WeakKeyDictionary[IndexReader, SegmentArrays | None] = weakref.WeakKeyDictionary()


def segment_arrays(reader: IndexReader) -> SegmentArrays | None:
    """The posting arrays of a segment's reader, or None where it has none."""
    try:
        return _opened[reader]
    except KeyError:
        pass
    arrays = None
    if isinstance(reader, SegmentReader):
        segment = reader._segment
        buffers = {ext: _mapped(reader._storage, segment.make_filename(ext)) for ext in _EXTENSIONS}
        directory = buffers[_DIRECTORY]
        if all(buffer is not None for buffer in buffers.values()) and (
            bytes(directory[:8]) == _MAGIC
        ):
            arrays = SegmentArrays(buffers)
    _opened[reader] = arrays
    return arrays


def _mapped(storage: Storage, name: str) -> Any:
    """The bytes of a segment's file without reading them: part of the compound file's map, or
    the file's own map. None when the file is missing or not mapped."""
    if isinstance(storage, OverlayStorage):
        return _mapped(storage.a if storage.a.file_exists(name) else storage.b, name)
    if not storage.file_exists(name):
        return None
    if isinstance(storage, CompoundStorage):
        if not storage._source:
            return None
        offset, length = storage.range(name)
        return memoryview(storage._source)[offset : offset + length]
    if isinstance(storage, FileStorage):
        path = os.path.join(storage.folder, name)
        if os.path.getsize(path) == 0:
            return b""
        return np.memmap(path, dtype=np.uint8, mode="r")
    return None
