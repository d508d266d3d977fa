"""Every live story of one searcher by id and by text hash, read from the `id` and `text_hash`
columns: about 50 ms and a few MB at 100,000 stories, once per searcher (a new generation of the
index gets a new table). It turns the article ids the user's marks name into document numbers,
and answers `present`, `ids_by_hash` and `story_ids`."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher


class MarkedStories(NamedTuple):
    """The ids a mark is on, and the sorted document numbers of those the index holds."""

    ids: frozenset[str]
    docnums: np.ndarray


class StoryTable:
    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._ids: list[str | None] = [None] * searcher.doc_count_all()
        self.docnums: dict[str, int] = {}
        for leaf, offset in searcher.leaf_searchers():
            for docnum, story_id in _live_values(leaf.reader(), "id"):
                self._ids[offset + docnum] = story_id
                self.docnums[story_id] = offset + docnum
        self._id_of_hash: dict[str, str] | None = None

    def docnums_of(self, ids: Iterable[str]) -> np.ndarray:
        """The sorted document numbers of those of `ids` the index holds."""
        found = [docnum for docnum in map(self.docnums.get, ids) if docnum is not None]
        return np.unique(np.array(found, dtype=np.int64))

    def marked(self, ids: frozenset[str], before: MarkedStories | None) -> MarkedStories:
        """The stories `ids` by document number; from `before`, the same mark when it was read
        last, by what changed since (looking up thousands of ids takes ~20 ms at 100,000
        stories, the few that changed nothing)."""
        if before is None:
            return MarkedStories(ids, self.docnums_of(ids))
        added, removed = ids - before.ids, before.ids - ids
        docnums = before.docnums
        if removed:
            docnums = np.setdiff1d(docnums, self.docnums_of(removed), assume_unique=True)
        if added:
            docnums = np.union1d(docnums, self.docnums_of(added))
        return MarkedStories(ids, docnums)

    def ids_of(self, docnums: np.ndarray) -> frozenset[str]:
        ids = self._ids
        return frozenset(filter(None, (ids[docnum] for docnum in docnums.tolist())))

    def present(self, ids: Collection[str]) -> frozenset[str]:
        return frozenset(story_id for story_id in ids if story_id in self.docnums)

    def ids_by_hash(self, hashes: Collection[str]) -> dict[str, str]:
        if self._id_of_hash is None:
            self._id_of_hash = {}
            for leaf, offset in self._searcher.leaf_searchers():
                for docnum, text_hash in _live_values(leaf.reader(), "text_hash"):
                    story_id = self._ids[offset + docnum]
                    if story_id is not None:
                        self._id_of_hash.setdefault(text_hash, story_id)
        found = self._id_of_hash
        return {text_hash: found[text_hash] for text_hash in hashes if text_hash in found}


def _live_values(reader: IndexReader, fieldname: str) -> Iterable[tuple[int, str]]:
    """(document number in the segment, value) of the field's column, live documents only."""
    if not reader.has_column(fieldname):  # an empty index
        return ()
    values = enumerate(reader.column_reader(fieldname))
    if not reader.has_deletions():
        return values
    return ((docnum, value) for docnum, value in values if not reader.is_deleted(docnum))
