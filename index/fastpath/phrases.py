"""Where a phrase occurs, from the positions of its words' postings.

As Whoosh's SpanNear2: each next word 1 to `slop` positions after the previous one. Positions are
compared as sorted `document << 32 | position` keys, one array per word.
"""

from __future__ import annotations

import numpy as np
from whoosh import formats
from whoosh import query as whoosh_query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from index.fastpath.blocks import Postings
from index.fastpath.posting_arrays import segment_postings

# Positions of a document in the keys of a phrase check: document number << 32 | position.
_POSITION_BITS = 32


def readable_positions(searcher: Searcher, node: whoosh_query.Phrase) -> bool:
    """Whether the phrase's field keeps positions as read here (Whoosh reports the error, or
    reads other formats, otherwise)."""
    if node.fieldname not in searcher.schema:
        return False
    return type(searcher.schema[node.fieldname].format) is formats.Positions


def segment_phrase(
    reader: IndexReader, fieldname: str, texts: list[bytes], slop: int, live: np.ndarray
) -> tuple[np.ndarray, list[Postings]]:
    """The segment's live documents (local numbers, sorted) where the words `texts` occur as a
    phrase, and the postings of each word; `live` is the segment's slice of the live mask."""
    found = [segment_postings(reader, fieldname, text, positions=True) for text in texts]
    postings = [word for word in found if word is not None]
    nowhere = np.zeros(0, dtype=np.int64)
    if len(postings) < len(found):
        return nowhere, []
    candidates = postings[0].ids
    for word in postings[1:]:
        candidates = candidates[_in_sorted(candidates, word.ids)]
    candidates = candidates[live[candidates]]
    if not len(candidates):
        return nowhere, postings
    ends = _position_keys(postings[0], candidates)
    for word in postings[1:]:
        following = _position_keys(word, candidates)
        near = np.zeros(len(following), dtype=bool)
        for distance in range(1, slop + 1):
            near |= _in_sorted(following - distance, ends)
        ends = following[near]
    documents = ends >> _POSITION_BITS  # sorted
    return documents[np.diff(documents, prepend=-1) != 0], postings


def _in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Whether each of `values` is in `sorted_values` (sorted): a binary search, no sort."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def _position_keys(postings: Postings, docs: np.ndarray) -> np.ndarray:
    """Sorted `document << 32 | position` of every position of the term in `docs`."""
    assert postings.positions is not None
    positions, counts = postings.positions.of(np.searchsorted(postings.ids, docs))
    return (np.repeat(docs, counts) << _POSITION_BITS) | positions
