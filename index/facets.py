"""Entity facets: how many of a query's hits mention each person, place and organisation."""

from __future__ import annotations

import time

import numpy as np
from whoosh.searching import Searcher

from articles.model import ENTITY_KINDS, EntityKind
from index.results import FacetCount

# Reading the table is Python work that holds the interpreter lock; the reader reads it in a
# thread beside its searches, whose numpy and file calls let go of the lock and would wait up to
# a switch interval (5 ms) each to get it back: a 20 ms search took 500 ms. Letting go this
# often (about a millisecond of work) keeps a search beside it within twice its time.
STORIES_BETWEEN_PAUSES = 250


class EntityTable:
    """Every story's entities as (document, name number) pairs per kind, read once per searcher
    from the `entity_lists` column, so a query's facets are a count over arrays."""

    def __init__(self, searcher: Searcher, size: int) -> None:
        column = searcher.reader().column_reader("entity_lists", translate=False)
        numbers: list[dict[str, int]] = [{} for _ in ENTITY_KINDS]
        pairs: list[tuple[list[int], list[int]]] = [([], []) for _ in ENTITY_KINDS]
        for docnum, lists in enumerate(column):
            if docnum >= size:
                break
            if docnum % STORIES_BETWEEN_PAUSES == 0:
                time.sleep(0)  # lets a search in another thread take the interpreter lock
            for kind_names, (docs, names), listed in zip(numbers, pairs, lists or (), strict=False):
                for name in listed:
                    docs.append(docnum)
                    names.append(kind_names.setdefault(name, len(kind_names)))
        self._names = {
            kind: np.array(list(kind_names), dtype=object)
            for kind, kind_names in zip(ENTITY_KINDS, numbers, strict=True)
        }
        self._pairs = {
            kind: (np.array(docs, dtype=np.int64), np.array(names, dtype=np.int64))
            for kind, (docs, names) in zip(ENTITY_KINDS, pairs, strict=True)
        }

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
