"""A set of stories given by document number, as a Whoosh query: how the user's marks (`is:`,
`tag:`, `has:note`, `note:`), which the index doesn't hold, narrow a search inside it.

Stock Whoosh runs it through its public API (a `ListMatcher` over each segment's share of the
numbers); the fast path reads `docnums` as an array (`index.fastpath.postings`). Either way it
combines with the rest of the query as any other part does, and every hit scores `boost`, as
`whoosh.query.Every` scores them.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from whoosh import matching
from whoosh import query as whoosh_query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher


class DocnumSet(whoosh_query.Query):
    """The live documents whose global numbers are `docnums` (sorted, unique). `key` says which
    set it is (two sets with equal keys are equal): a hit-set cache tells queries apart by it."""

    fieldname = None  # no field's words: highlighting and "did you mean" pass it by

    def __init__(self, docnums: np.ndarray, key: Hashable, boost: float = 1.0) -> None:
        self.docnums = docnums
        self.key = key
        self.boost = boost

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, {len(self.docnums)} stories)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocnumSet) and (other.key, other.boost) == (self.key, self.boost)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.key, self.boost))

    def estimate_size(self, ixreader: IndexReader) -> int:
        return len(self.docnums)

    def matcher(self, searcher: Searcher, context: object = None) -> matching.Matcher:
        """The numbers within `searcher`'s segment, counted from its first document."""
        offset = _offset_of(searcher)
        end = offset + searcher.reader().doc_count_all()
        first, last = np.searchsorted(self.docnums, [offset, end])
        local = (self.docnums[first:last] - offset).tolist()
        return matching.ListMatcher(local, all_weights=self.boost)


def _offset_of(searcher: Searcher) -> int:
    """Where a segment's searcher starts in its parent's numbering (0 for the whole index)."""
    if not searcher.has_parent():
        return 0
    for leaf, offset in searcher.get_parent().leaf_searchers():
        if leaf is searcher:
            return int(offset)
    raise ValueError("a searcher its parent does not list")
