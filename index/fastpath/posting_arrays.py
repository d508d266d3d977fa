"""A segment's postings also kept as flat arrays that numpy reads without decoding.

Whoosh keeps a term's postings in zlib-compressed pickled blocks of 128: reading the 80,000
postings of a common word costs ~10 ms of decompressing and cutting, and a phrase has to unpickle
the positions of every candidate. Each segment this index writes
(`index.fastpath.term_pool`) also gets four files, which Whoosh puts in the segment's compound
file and deletes with it:

- `.pad`, the directory: a magic number, the term count n, n sorted term keys (a hash of field
  name and term), then for each term its first posting, its posting count and its first
  position;
- `.pid` document numbers (int32) and `.pwt` weights (float32), one of each per posting, a
  term's postings one after the other; in a field with positions a weight is the number of
  positions (the word's count in the document) times the field's boost;
- `.pps` positions (uint32), a posting's after the other.

Terms of every indexed field are kept that have `MIN_POSTINGS` or more. A term that isn't in the
directory (a rarer one, a segment written by Whoosh, two terms with the same key, a weight
float32 can't hold or that isn't the field's boost times the count of positions) is read from
Whoosh's blocks as before (`index.fastpath.blocks`).

They are read with `pread`, not through Whoosh's map of the compound file: a term's arrays are
copied into numpy's own anyway, and pages read through the map stay in the reader's memory.
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

from index.fastpath import compat
from index.fastpath.blocks import (
    LAYOUT_ERRORS,
    Postings,
    Unsupported,
    block_postings,
    position_deltas,
)

_MAGIC = b"NRPA\x00\x00\x00\x02"
_DIRECTORY, _IDS, _WEIGHTS, _POSITIONS = ".pad", ".pid", ".pwt", ".pps"
_EXTENSIONS = (_DIRECTORY, _IDS, _WEIGHTS, _POSITIONS)
# Postings held in lists before they are written out as arrays (a few MB).
FLUSH_POSTINGS = 200_000
# Terms with fewer postings than a block are left to it: one block is read as quickly, and
# most terms are rare (the directory stays small: its keys are kept in memory).
MIN_POSTINGS = 128
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
            if field.indexed
        }
        self._boosts = {name: schema[name].format.field_boost for name in self._fields}
        self._files: dict[str, Any] = {}
        self._failed = False
        self._postings_written = 0
        self._positions_written = 0
        self._directory: list[np.ndarray] = []
        # The term being handed over, and its records so far.
        self._pending_term: tuple[str, bytes] | None = None
        self._pending: list[list] = []
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
        if fieldname not in self._fields or self._failed:
            return
        if (fieldname, btext) == self._pending_term:
            self._pending.append(postings)
            return
        self._add_pending()
        self._pending_term = (fieldname, btext)
        self._pending = [postings]

    def _add_pending(self) -> None:
        """Adds the term whose postings are all in, if it has enough of them."""
        if self._pending_term is None:
            return
        fieldname, btext = self._pending_term
        records, self._pending_term, self._pending = self._pending, None, []
        count = sum(len(postings) for postings in records) // 3
        if count < MIN_POSTINGS:
            return
        if len(self._ids) >= FLUSH_POSTINGS:
            self._flush()
        if not self._files:
            self._files = {
                ext: self._segment.create_file(self._storage, ext) for ext in _EXTENSIONS
            }
        self._terms.append((term_key(fieldname, btext), len(self._ids), count))
        positional = self._fields[fieldname]
        if positional:
            self._positional.append((len(self._ids), count, self._boosts[fieldname]))
        for postings in records:
            if positional:
                self._values += postings[2::3]
            self._ids += postings[0::3]
            self._weights += postings[1::3]

    def close(self) -> None:
        """Writes the directory; a segment whose arrays couldn't be written gets none."""
        if not self._failed:
            self._add_pending()
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
        directory = np.concatenate(self._directory)
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
        file.write(directory[:, 0].astype("<u8").tobytes())
        file.write(directory[:, 1:].astype("<u8").tobytes())


class ArrayPositions:
    """A term's positions in the arrays: each posting's count (its weight over the field's
    boost), and where the term's positions start in the positions file."""

    def __init__(
        self, arrays: SegmentArrays, weights: np.ndarray, field_boost: float, first: int
    ) -> None:
        self._arrays = arrays
        self._weights = weights
        self._field_boost = field_boost
        self._first = first

    def of(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        counts = np.rint(self._weights / self._field_boost).astype(np.int64)
        chosen = counts[at]
        if not len(at):
            return np.zeros(0, dtype=np.int64), chosen
        starts = np.cumsum(counts) - counts
        # One read from the first chosen posting's positions to the last one's.
        low = int(starts[at[0]])
        high = int(starts[at[-1]] + chosen[-1])
        positions = self._arrays.read(_POSITIONS, "<u4", self._first + low, high - low)
        firsts = starts[at] - low - (np.cumsum(chosen) - chosen)
        places = np.repeat(firsts, chosen) + np.arange(int(chosen.sum()))
        return positions[places].astype(np.int64), chosen


class SegmentArrays:
    """The posting arrays of one segment, read with `pread` when asked for: the terms' keys are
    kept in memory, the rest is read per term (not mapped, so a search's pages don't stay in
    the reader's memory)."""

    def __init__(self, path: str, places: dict[str, tuple[int, int]]) -> None:
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)
        self._places = places
        if self._read_bytes(_DIRECTORY, 0, 8) != _MAGIC:
            raise ValueError("posting arrays: not a directory of this version")
        self._count = int.from_bytes(self._read_bytes(_DIRECTORY, 8, 8), "little")
        self._keys = self.read(_DIRECTORY, "<u8", 2, self._count)

    def _read_bytes(self, ext: str, offset: int, size: int) -> bytes:
        base, length = self._places[ext]
        if offset < 0 or offset + size > length:
            raise ValueError(f"posting arrays: {size} bytes at {offset} past the end")
        data = os.pread(self._fd, size, base + offset)
        if len(data) != size:
            raise ValueError("posting arrays: the file is shorter than its directory says")
        return data

    def read(self, ext: str, dtype: str, first: int, count: int) -> np.ndarray:
        """`count` items of `dtype` from item `first` of a file."""
        itemsize = np.dtype(dtype).itemsize
        return np.frombuffer(self._read_bytes(ext, first * itemsize, count * itemsize), dtype)

    def postings(
        self, fieldname: str, btext: bytes, *, positions: bool, field_boost: float = 1.0
    ) -> Postings | None:
        """The term's postings, or None if the arrays don't have them; `field_boost` is the
        field's, when its `positions` are asked for."""
        key = np.uint64(term_key(fieldname, btext))
        at = int(np.searchsorted(self._keys, key))
        if at >= self._count or self._keys[at] != key:
            return None
        first, count, first_position = self.read(_DIRECTORY, "<u8", 2 + self._count + 3 * at, 3)
        first, count = int(first), int(count)
        weights = self.read(_WEIGHTS, "<f4", first, count).astype(np.float64)
        found_positions = None
        if positions:
            found_positions = ArrayPositions(self, weights, field_boost, int(first_position))
        return Postings(
            self.read(_IDS, "<i4", first, count).astype(np.int64), weights, found_positions
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
        btext = reader.schema[fieldname].to_bytes(text)
        boost = reader.schema[fieldname].format.field_boost
        try:
            found = arrays.postings(fieldname, btext, positions=positions, field_boost=boost)
        except (OSError, ValueError) as error:  # a damaged file: Whoosh reads the query
            raise Unsupported(f"posting arrays: {error}") from error
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
    if isinstance(reader, SegmentReader) and hasattr(os, "pread"):
        segment = compat.segment_of(reader)
        found = [_place(reader, segment.make_filename(ext)) for ext in _EXTENSIONS]
        located = [place for place in found if place is not None]
        paths = {place[0] for place in located}
        if len(located) == len(found) and len(paths) == 1:
            places = {ext: place[1:] for ext, place in zip(_EXTENSIONS, located, strict=True)}
            try:
                arrays = SegmentArrays(paths.pop(), places)
            except (OSError, ValueError):
                arrays = None
    _opened[reader] = arrays
    return arrays


def _place(reader: SegmentReader, name: str) -> tuple[str, int, int] | None:
    """Where a segment's file is on disk: (path, offset, length), inside the segment's compound
    file or a file of its own. None when it is missing or not on disk."""
    storage = compat.storage_of(reader)
    if isinstance(storage, OverlayStorage):
        compound, folder = storage.a, storage.b
        if isinstance(compound, CompoundStorage) and compound.file_exists(name):
            if not isinstance(folder, FileStorage):
                return None
            segment = compat.segment_of(reader)
            path = os.path.join(folder.folder, segment.make_filename(segment.COMPOUND_EXT))
            offset, length = compound.range(name)
            return path, offset, length
        storage = folder
    if type(storage) is FileStorage and storage.file_exists(name):
        path = os.path.join(storage.folder, name)
        return path, 0, os.path.getsize(path)
    return None
