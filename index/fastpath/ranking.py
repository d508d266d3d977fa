"""Hits in the order the reader shows them: best scores first, or newest first."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
from whoosh import query as whoosh_query
from whoosh.query.wrappers import ConstantScoreQuery
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from articles.model import ENTITY_KINDS
from index.fastpath.blocks import column_values
from index.fastpath.docsets import DocnumSet

# BM25F, with no length normalisation in the entity fields: a name is indexed as often as the
# story is about it (`index.whoosh.indexing.entity_weights`), and naming many others does not make a
# story less about it (six mentions among fifty names rank above one mention alone).
_MICROSECONDS_A_DAY = 86_400_000_000

WEIGHTING = BM25F(**{f"{kind}_B": 0.0 for kind in ENTITY_KINDS})


class Scored(NamedTuple):
    """Matching documents (sorted global numbers) and their scores, index for index."""

    docs: np.ndarray
    scores: np.ndarray


def constant_score(node: whoosh_query.Query) -> float | None:
    """The score every hit of `node` gets, when Whoosh gives them all the same one."""
    if isinstance(node, ConstantScoreQuery):
        return node.score
    if isinstance(node, whoosh_query.NumericRange) and node.constantscore:
        return node.boost
    if isinstance(node, DocnumSet):
        return node.boost
    if isinstance(node, whoosh_query.Not):  # Whoosh's `InverseMatcher`, whatever the boost
        return 1.0
    return None


def best(scored: Scored, limit: int) -> list[tuple[int, float]]:
    """The `limit` best (document, score) pairs: highest score first, ties in index order."""
    if limit <= 0:
        return []
    docs, scores = scored
    if len(docs) > limit:
        cut = len(scores) - limit
        threshold = np.partition(scores, cut)[cut]
        keep = scores >= threshold
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))


class DateOrder:
    """Documents newest first, as Whoosh sorts by the `date` column with `reverse=True`, but
    stories without a date last.

    Whoosh sorts (date, document number) pairs in reverse; so does this, once per searcher.
    """

    def __init__(self, searcher: Searcher, live: np.ndarray, fieldname: str = "date") -> None:
        # A story without a date holds the column's default, the largest number: it goes last.
        field = searcher.schema[fieldname]
        missing = field.default
        dates = np.zeros(len(live), dtype=np.dtype(field.sortable_typecode))
        dated = np.ones(len(live), dtype=bool)
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            if reader.has_column(fieldname):
                column = reader.column_reader(fieldname, translate=False)
                values = column_values(column, reader.doc_count_all(), dates.dtype)
                values = values[: len(live) - offset]
                dates[offset : offset + len(values)] = values
                dated[offset : offset + len(values)] = values != missing
        self._dates, self._dated = dates, dated
        docs = np.flatnonzero(live)
        order = docs[np.lexsort((docs, dates[docs], dated[docs]))[::-1]]
        # rank[doc]: where the document comes in the order (dead documents last).
        self._rank = np.full(len(live), len(order), dtype=np.int64)
        self._rank[order] = np.arange(len(order))

    def day_counts(self, docs: np.ndarray) -> dict[date, int]:
        """How many of `docs` are dated each day (undated ones are left out)."""
        dated = docs[self._dated[docs]]
        # The column holds microseconds since `datetime.min` (whoosh.util.times).
        days, counts = np.unique(self._dates[dated] // _MICROSECONDS_A_DAY, return_counts=True)
        return {
            date.min + timedelta(days=int(day)): int(count)
            for day, count in zip(days.tolist(), counts.tolist(), strict=True)
        }

    def first(self, docs: np.ndarray, limit: int) -> list[int]:
        """The `limit` newest of `docs`."""
        if limit <= 0:
            return []
        ranks = self._rank[docs]
        if len(docs) > limit:
            nearest = np.argpartition(ranks, limit)[:limit]
            docs, ranks = docs[nearest], ranks[nearest]
        return docs[np.argsort(ranks, kind="stable")].tolist()
