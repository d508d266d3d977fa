"""Entity facets: how many of a query's hits mention each person, place and organisation."""

from __future__ import annotations

import time
from array import array
from collections.abc import Mapping

import numpy as np
from whoosh.reading import IndexReader, SegmentReader
from whoosh.searching import Searcher

from articles.model import ENTITY_KINDS, EntityKind
from index.api import FacetCount

# Reading the table is Python work that holds the interpreter lock; the reader reads it in a
# thread beside its searches, whose numpy and file calls let go of the lock and would wait up to
# a switch interval (5 ms) each to get it back: a 20 ms search took 500 ms. Letting go this
# often (a millisecond or two of work; each pause costs about 0.1 ms) keeps a search beside it
# within about twice its time.
STORIES_BETWEEN_PAUSES = 500


class SegmentEntities:
    """One segment's entities, read from its `entity_lists` column: per kind, the names and the
    (document, name number) pairs, documents numbered within the segment.

    A segment's stories never change once written (a deletion only hides a story, and the hit
    masks leave hidden stories out), so this is read once per segment, not per searcher.
    """

    def __init__(self, reader: IndexReader) -> None:
        numbers: list[dict[str, int]] = [{} for _ in ENTITY_KINDS]
        # Arrays of C ints, not lists: a list holds an object per entry, ~30 MB at 100,000
        # stories, which the process keeps after the table is built.
        pairs = [(array("i"), array("i")) for _ in ENTITY_KINDS]
        if reader.has_column("entity_lists"):
            column = reader.column_reader("entity_lists", translate=False)
            for docnum, lists in enumerate(column):
                if docnum % STORIES_BETWEEN_PAUSES == 0:
                    time.sleep(0)  # lets a search in another thread take the interpreter lock
                for kind_names, (docs, names), listed in zip(
                    numbers, pairs, lists or (), strict=False
                ):
                    for name in listed:
                        docs.append(docnum)
                        names.append(kind_names.setdefault(name, len(kind_names)))
        self.names = [list(kind_names) for kind_names in numbers]
        self.pairs = [
            (
                np.frombuffer(docs, dtype=np.intc).astype(np.int32),
                np.frombuffer(names, dtype=np.intc).astype(np.int32),
            )
            for docs, names in pairs
        ]


class EntityTable:
    """Every story's entities as (document, name number) pairs per kind over a searcher's
    segments, so a query's facets are a count over arrays.

    `known` are segments read for an earlier searcher, by segment id: only the others are read
    (after an update, the new segments). `segments` are this searcher's, for the next one.
    """

    def __init__(self, searcher: Searcher, known: Mapping[str, SegmentEntities]) -> None:
        self.segments: dict[str, SegmentEntities] = {}
        placed: list[tuple[int, SegmentEntities]] = []
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            if not isinstance(reader, SegmentReader):  # an index without segments
                continue
            segment_id = reader.segment().segment_id()
            entities = known.get(segment_id) or SegmentEntities(reader)
            self.segments[segment_id] = entities
            placed.append((offset, entities))
        self._names: dict[EntityKind, np.ndarray] = {}
        self._pairs: dict[EntityKind, tuple[np.ndarray, np.ndarray]] = {}
        for position, kind in enumerate(ENTITY_KINDS):
            numbers: dict[str, int] = {}
            docs_parts = [np.zeros(0, dtype=np.int32)]
            names_parts = [np.zeros(0, dtype=np.int32)]
            for offset, entities in placed:
                segment_names = entities.names[position]
                renumbered = np.fromiter(
                    (numbers.setdefault(name, len(numbers)) for name in segment_names),
                    dtype=np.int32,
                    count=len(segment_names),
                )
                docs, names = entities.pairs[position]
                docs_parts.append(docs + np.int32(offset))
                names_parts.append(renumbered[names])
                time.sleep(0)
            self._names[kind] = np.array(list(numbers), dtype=object)
            self._pairs[kind] = (np.concatenate(docs_parts), np.concatenate(names_parts))

    def top(self, kind: EntityKind, hits: np.ndarray, top: int) -> tuple[FacetCount, ...]:
        """The `top` names of `kind` in most stories of `hits` (a mask), ties in name order."""
        if top <= 0:
            return ()
        docs, names = self._pairs[kind]
        counts = np.bincount(names[hits[docs]], minlength=len(self._names[kind]))
        present = np.flatnonzero(counts)
        if len(present) > top:
            cut = len(present) - top
            threshold = np.partition(counts[present], cut)[cut]
            present = present[counts[present] >= threshold]
        found = zip(self._names[kind][present].tolist(), counts[present].tolist(), strict=True)
        ranked = sorted(found, key=lambda item: (-item[1], item[0]))
        return tuple(FacetCount(name, count) for name, count in ranked[:top])
