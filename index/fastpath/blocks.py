"""Whoosh 2.7.4's posting blocks (`W3PostingsWriter`), read as numpy arrays.

A term's postings in a segment are blocks of up to 128: each a pickled tuple of (id deltas,
weights, values), zlib-compressed, after a pickled block info. Whoosh walks them one posting at
a time in Python; here a block's ids and weights are cut out of its pickle and read by numpy,
and a value (the positions of the word in the document) stays undecoded until a phrase needs it.
The version is pinned and it is Whoosh's last release; any other layout is `Unsupported`.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any, NamedTuple, Protocol, cast

import numpy as np
from whoosh import columns
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher
from whoosh.reading import IndexReader

from index.fastpath import compat

# In a block's pickle the values (positions) follow the ids and weights; protocol 2 writes each
# value as a call of `_codecs.encode`, so the first global names where they start. Unpickling
# them is most of a block's cost, and ranking needs only ids and weights.
_VALUES_START = b"c_codecs\nencode\n"
_VALUES_AS_SLICES = b"c__builtin__\nslice\n"
_PICKLE_MARK = ord("(")
_PAIR_AND_STOP = b"\x86."  # TUPLE2, STOP: ends a pickle cut before the values
_BININT1, _BININT2, _BININT = ord("K"), ord("M"), ord("J")
_BINFLOAT, _NONE = ord("G"), ord("N")
_ID_WIDTHS = {_BININT1: 2, _BININT2: 3, _BININT: 5}  # opcode and argument
_BININT1_OPCODES = b"K" * 1024
_BINFLOAT_OPCODES = b"G" * 1024
_TUPLE_BINPUT = b"tq"
_ONE_WEIGHT = b"G" + struct.pack(">d", 1.0)
_WEIGHT_RECORD = np.dtype([("opcode", "u1"), ("weight", ">f8")])
# Below this many postings a term's blocks are unpickled: array operations cost more to set up.
ARRAY_DECODING_POSTINGS = 4096
# The pickled bytes of a usual block before its values: per posting a one-byte id delta and
# its opcode, a weight and its opcode; then protocol, marks, tuples, memo and the first id.
_USUAL_BYTES_PER_POSTING = 11
_USUAL_EXTRA_BYTES = 32
_BLOCK_LENGTH = struct.Struct("!i")
# A posting's positions: a 4-byte count, PROTO 2, then the pickled list; and what makes many
# such lists one pickle (PROTO 2, MARK ... LIST, STOP).
_POSITIONS_BODY = 6
_LIST_START = b"\x80\x02("
_LIST_END = b"l."
# What unexpected bytes in a block raise on their way through pickle, zlib and numpy.
LAYOUT_ERRORS = (
    pickle.UnpicklingError,
    zlib.error,
    struct.error,
    ValueError,
    IndexError,
    TypeError,
    KeyError,
    EOFError,
    AttributeError,
)


class Unsupported(Exception):
    """The query has a part these fast paths don't read or score the way Whoosh does."""


class Positions(Protocol):
    """Where a term occurs in the documents of its postings."""

    def of(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the postings at places `at` (sorted), one posting's after the
        other, and how many each has."""
        ...


class Postings(NamedTuple):
    """A term's postings in one segment: local document numbers (int64), weights (float64), and
    their positions (when asked for)."""

    ids: np.ndarray
    weights: np.ndarray
    positions: Positions | None


class EncodedPositions:
    """Positions as Whoosh's blocks keep them: each posting's encoded value as Latin-1 text,
    decoded only for the postings a phrase checks."""

    def __init__(self, encoded: list[str]) -> None:
        self._encoded = encoded

    def of(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        encoded = self._encoded
        deltas, counts = position_deltas([encoded[place] for place in at.tolist()])
        totals = np.cumsum(deltas)
        firsts = np.cumsum(counts) - counts  # where each posting's deltas start
        before = totals[firsts] - deltas[firsts]  # the running total before each posting
        return totals - np.repeat(before, counts), counts


def readable(reader: IndexReader) -> bool:
    """Whether the segment's postings are in the layout read here (an empty index's reader has
    no segment and no postings)."""
    codec = compat.segment_codec(reader)
    return compat.fast_path_on() and (codec is None or isinstance(codec, W3Codec))


def block_postings(
    reader: IndexReader, fieldname: str, text: object, *, positions: bool = False
) -> Postings:
    """The postings of a term the segment has, deleted documents included. Raises Unsupported
    where the blocks are not laid out as expected."""
    try:
        return _read_postings(reader, fieldname, text, positions)
    except LAYOUT_ERRORS as error:
        raise Unsupported(f"posting blocks: {error!r}") from error


def _read_postings(reader: IndexReader, fieldname: str, text: object, positions: bool) -> Postings:
    fieldformat = reader.schema[fieldname].format
    btext = reader.schema[fieldname].to_bytes(text)
    matcher = compat.term_matcher(reader, fieldname, btext, fieldformat)
    if not isinstance(matcher, W3LeafMatcher):
        # Postings kept in the term info: Whoosh 2.7.4's writer fails to write them.
        raise Unsupported("postings in the term info")
    # More than three values are pickled as a tuple that opens with a MARK.
    values_tuple = fieldformat.fixed_value_size() is None
    counts: list[int] = []
    heads: list[bytes] = []
    encoded: list[str] = []
    for count, compressed, raw in _raw_blocks(matcher):
        counts.append(count)
        marked = values_tuple and count > 3
        if not positions:
            heads.append(_ids_and_weights_pickle(raw, compressed, count, marked))
            continue
        data = zlib.decompress(raw) if compressed else raw
        heads.append(_ids_and_weights_pickle(data, False, count, marked))
        # Each value is pickled as `_codecs.encode(text, "latin-1")`: calling `slice` instead
        # keeps the text, without making a bytes object of every value.
        values = pickle.loads(data.replace(_VALUES_START, _VALUES_AS_SLICES, 1))[2]
        encoded.extend(value.start for value in values)
    if sum(counts) >= ARRAY_DECODING_POSTINGS:
        ids, weights = _decode_ids_and_weights(counts, heads)
    else:
        ids, weights = _unpickle_ids_and_weights(counts, heads)
    return Postings(ids, weights, EncodedPositions(encoded) if positions else None)


def _raw_blocks(matcher: W3LeafMatcher) -> Iterator[tuple[int, bool, bytes]]:
    """(postings, compressed, data) of each block of a term's postings.

    A block is its length (negative for the last), the pickled tuple (postings, last id, most
    weight, compression, shortest and longest length), then the data. Read here without
    Whoosh's matcher, which seeks and unpickles through several layers per block.
    """
    postfile, position = compat.postings_start(matcher)
    while True:
        length = _BLOCK_LENGTH.unpack(postfile.get(position, 4))[0]
        stream = io.BytesIO(postfile.get(position + 4, abs(length)))
        count, _, _, compression = pickle.Unpickler(stream).load()[:4]
        yield count, bool(compression), stream.read()
        if length < 0:
            return
        position += 4 + length


def _ids_and_weights_pickle(raw: bytes, compressed: bool, count: int, marked: bool) -> bytes:
    """A block's pickle cut to a tuple of (id deltas, weights): its values are neither
    decompressed nor unpickled. `marked`: the values open with a MARK."""
    if compressed:
        # Enough for the usual layout (see `_decode_ids_and_weights`); more if it is not there.
        decompressor = zlib.decompressobj()
        data = decompressor.decompress(raw, _USUAL_BYTES_PER_POSTING * count + _USUAL_EXTRA_BYTES)
        start = data.find(_VALUES_START)
        while start < 0 and decompressor.unconsumed_tail:
            data += decompressor.decompress(decompressor.unconsumed_tail, 4 * count + 64)
            start = data.find(_VALUES_START)
        if start < 0:
            data += decompressor.flush()
    else:
        data = raw
        start = data.find(_VALUES_START)
    if start < 0:  # values that are not byte strings, or none: the whole block is small
        return data
    if marked:
        start -= 1
    return data[:start] + _PAIR_AND_STOP


def block_weights(weights: Any, count: int) -> Any:
    """A block's weights as Whoosh minifies them: None for all 1.0, one float for all, or each."""
    if weights is None:
        return [1.0] * count
    if isinstance(weights, float):
        return [weights] * count
    return weights


def _unpickle_ids_and_weights(
    counts: list[int], pickles: list[bytes]
) -> tuple[np.ndarray, np.ndarray]:
    ids: list[int] = []
    weights: list[float] = []
    for count, head in zip(counts, pickles, strict=True):
        deltas, minified = pickle.loads(head)[:2]
        ids.extend(accumulate(deltas))  # Whoosh's delta_decode, in C
        weights.extend(block_weights(minified, count))
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)


class _UsualBlock(NamedTuple):
    first_id: int
    delta_bytes: bytes
    weight_records: bytes


def _usual_block(count: int, data: bytes) -> _UsualBlock | None:
    """A cut pickle in the usual layout: PROTO 2, MARK, the first id (BININT1, BININT2 or
    BININT), the other id deltas as BININT1 (opcode, byte), TUPLE, BINPUT; then the weights as
    None, one BINFLOAT for all, or MARK and a BINFLOAT (opcode, 8 bytes) each. None otherwise
    (a delta of 256 or more, three postings or fewer)."""
    width = _ID_WIDTHS.get(data[3], 0) if len(data) > 3 else 0
    ids_end = 3 + width + 2 * (count - 1)  # TUPLE after the ids
    weights_at = ids_end + 3  # after TUPLE, BINPUT 0
    if not (
        count > 3
        and width
        and data[2] == _PICKLE_MARK
        and data[ids_end : ids_end + 2] == _TUPLE_BINPUT
        and data[3 + width : ids_end : 2] == _BININT1_OPCODES[: count - 1]
        and len(data) > weights_at
    ):
        return None
    tag = data[weights_at]
    if tag == _PICKLE_MARK:
        records = data[weights_at + 1 : weights_at + 1 + 9 * count]
        if records[::9] != _BINFLOAT_OPCODES[:count]:
            return None
    elif tag == _BINFLOAT:
        records = data[weights_at : weights_at + 9] * count
    elif tag == _NONE:
        records = _ONE_WEIGHT * count
    else:
        return None
    first_id = int.from_bytes(data[4 : 3 + width], "little")
    return _UsualBlock(first_id, data[4 + width : ids_end : 2], records)


def _decode_ids_and_weights(
    counts: list[int], pickles: list[bytes]
) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and weights of consecutive blocks, from their cut pickles.

    Unpickling makes a Python int and float per posting; a word in most stories has 80,000.
    Blocks in the usual layout (`_usual_block`) are read by numpy at once; the others are
    unpickled.
    """
    blocks = [_usual_block(count, data) for count, data in zip(counts, pickles, strict=True)]
    placeholders = [
        _UsualBlock(0, bytes(count - 1), _ONE_WEIGHT * count) if block is None else block
        for count, block in zip(counts, blocks, strict=True)
    ]
    sizes = np.array(counts, dtype=np.int64)
    firsts = np.cumsum(sizes) - sizes  # each block's first posting
    deltas = np.empty(int(sizes.sum()), dtype=np.int64)
    later = np.ones(len(deltas), dtype=bool)
    later[firsts] = False
    deltas[firsts] = [block.first_id for block in placeholders]
    deltas[later] = np.frombuffer(
        b"".join(block.delta_bytes for block in placeholders), dtype=np.uint8
    )
    records = b"".join(block.weight_records for block in placeholders)
    weights = np.frombuffer(records, dtype=_WEIGHT_RECORD)["weight"].astype(np.float64)
    for at, block in enumerate(blocks):
        if block is None:
            block_deltas, minified = pickle.loads(pickles[at])[:2]
            span = slice(firsts[at], firsts[at] + sizes[at])
            deltas[span] = block_deltas
            weights[span] = block_weights(minified, counts[at])
    totals = np.cumsum(deltas)
    ids = totals - np.repeat(totals[firsts] - deltas[firsts], sizes)
    return ids, weights


def position_deltas(encoded: list[str] | list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The position deltas of each encoded value, one after the other, and how many each has.

    Whoosh's Positions format: a 4-byte count, then a pickle (protocol 2) of the list of deltas:
    PROTO, EMPTY_LIST, BINPUT, then BININT1 and APPEND for one delta, or MARK, a BININT1 each
    and APPENDS; STOP. Lists of deltas below 256 are read as arrays; the others, cut of their
    protocol and stop opcodes, are joined into one list of lists and unpickled in one call.
    """
    if not encoded:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    data = np.frombuffer(_joined(encoded) + bytes(16), dtype=np.uint8)
    last = len(data) - 1
    starts = np.cumsum(lengths) - lengths
    counts = np.zeros(len(encoded), dtype=np.int64)
    for byte in range(4):  # the big-endian count
        counts = (counts << 8) | data[starts + byte]
    single = counts == 1
    usual = lengths == np.where(single, 13, 12 + 2 * counts)
    owner = np.repeat(np.arange(len(encoded)), counts)
    firsts = np.cumsum(counts) - counts
    in_value = np.arange(len(owner)) - firsts[owner]
    arguments = np.minimum((starts + np.where(single, 10, 11))[owner] + 2 * in_value, last)
    opcodes_usual = (data[arguments - 1] == _BININT1) | ~usual[owner]
    usual &= np.logical_and.reduceat(opcodes_usual, firsts)
    deltas = data[arguments].astype(np.int64)
    unusual = np.flatnonzero(~usual).tolist()
    if unusual:
        joined = _joined([encoded[at][_POSITIONS_BODY:-1] for at in unusual])
        delta_lists = pickle.loads(_LIST_START + joined + _LIST_END)
        for at, delta_list in zip(unusual, delta_lists, strict=True):
            deltas[firsts[at] : firsts[at] + counts[at]] = delta_list
    return deltas, counts


def _joined(encoded: Sequence[str | bytes]) -> bytes:
    """Encoded values one after the other: as the blocks' Latin-1 text or a writer's bytes (all
    of one kind)."""
    if encoded and isinstance(encoded[0], str):
        return "".join(cast("list[str]", encoded)).encode("latin-1")
    return b"".join(cast("list[bytes]", encoded))


def column_values(column: Any, count: int, dtype: np.dtype) -> np.ndarray:
    """Every document's value in a segment's numeric column (the default where none was set).

    Whoosh's column reader unpacks one value per call (0.5 s for the lengths of a field at
    100,000 stories); its bytes are read in one go instead.
    """
    if not isinstance(column, columns.NumericColumn.Reader):
        return np.fromiter(column, dtype=dtype, count=count)
    stored = compat.stored_numbers(column)
    stored_dtype = np.dtype(">" + stored.typecode)
    if stored_dtype.itemsize != stored.width:  # struct's and numpy's sizes differ ("l")
        return np.fromiter(column, dtype=dtype, count=count)
    values = np.full(count, stored.default, dtype=dtype)
    values[: stored.stored] = np.frombuffer(stored.data(), dtype=stored_dtype)
    return values
