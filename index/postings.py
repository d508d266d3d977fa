"""Hit sets and BM25F scores read straight from Whoosh's posting blocks.

Whoosh walks its matchers one document at a time in Python: about 30 µs per hit and term, so a
word found in 80,000 stories takes seconds, and an exact hit count (`len(results)`) runs the query
a second time. Here a term's postings are read a block at a time (ids and term weights are arrays
in the block) and combined with C-level set and dict operations:

- `docset(query)`: the exact set of matching document numbers for any query. Terms, OR, AND,
  NOT, ranges, prefixes and fuzzy terms are read from the blocks; anything else (phrases) asks
  Whoosh for that part alone.
- `scores(query)`: document number -> score for the queries most people type (words in fields,
  AND/OR/NOT, date ranges), the same BM25F scores Whoosh computes (`Unsupported` otherwise).

It reads Whoosh 2.7.4's block layout (`W3LeafMatcher`): the version is pinned and it is Whoosh's
last release. tests/index/test_postings.py checks both against Whoosh's own search.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from whoosh import query as whoosh_query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.query.wrappers import ConstantScoreQuery
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

Scores = dict[int, float]
# Scores of the most recent terms are kept while they hold fewer postings than this (about 100
# bytes each): typing `oil pr`, `oil pri`, `oil price` reads the postings of `oil` once.
REMEMBERED_POSTINGS = 300_000
_LENGTHS = [byte_to_length(byte) for byte in range(256)]


class Unsupported(Exception):
    """The query has a part these fast paths don't score the way Whoosh does."""


class PostingReader:
    """Reads one searcher's postings. Caches per-segment lengths; drop it with the searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._leaves: list[tuple[Searcher, int]] = list(searcher.leaf_searchers())
        # An empty index has one reader without segments (nor deletions).
        self._deleted: list[frozenset[int]] = [
            frozenset(leaf.reader()._perdoc.deleted_docs())
            if leaf.reader().has_deletions()
            else frozenset()
            for leaf, _ in self._leaves
        ]
        self._lengths: dict[tuple[int, str], list[float]] = {}
        self._all: frozenset[int] | None = None
        self._term_scores_kept: OrderedDict[tuple[str, object], Scores] = OrderedDict()

    def forget_queries(self) -> None:
        """Drop the scores kept for recent terms (what is per searcher stays)."""
        self._term_scores_kept.clear()

    # Hit sets

    def docset(self, node: whoosh_query.Query) -> frozenset[int]:
        """Global document numbers of every live document that matches `node`."""
        return frozenset(self._docs(node))

    def all_docs(self) -> frozenset[int]:
        if self._all is None:
            docs: set[int] = set()
            for (leaf, offset), deleted in zip(self._leaves, self._deleted, strict=True):
                count = leaf.reader().doc_count_all()
                docs.update(offset + d for d in range(count) if d not in deleted)
            self._all = frozenset(docs)
        return self._all

    def _docs(self, node: whoosh_query.Query) -> set[int] | frozenset[int]:
        if isinstance(node, whoosh_query.Term):
            return self._term_docs(node.fieldname, node.text)
        if isinstance(node, whoosh_query.Every) and not node.fieldname:
            return self.all_docs()
        if isinstance(node, whoosh_query.NullQuery.__class__):
            return set()
        if isinstance(node, ConstantScoreQuery):
            return self._docs(node.child)
        if isinstance(node, whoosh_query.NumericRange):
            return self._docs(node._compile_query(self._searcher.reader()))
        if isinstance(node, whoosh_query.MultiTerm):
            return self._multiterm_docs(node)
        if type(node) is whoosh_query.Or and not node.scale and not node.minmatch:
            docs: set[int] = set()
            for child in node.subqueries:
                docs |= self._docs(child)
            return docs
        if type(node) is whoosh_query.And:
            positive = [c for c in node.subqueries if not isinstance(c, whoosh_query.Not)]
            negative = [c.query for c in node.subqueries if isinstance(c, whoosh_query.Not)]
            if positive:
                sets = sorted((self._docs(child) for child in positive), key=len)
                docs = set(sets[0]).intersection(*sets[1:])
                for child in negative:
                    docs -= self._docs(child)
                return docs
        if isinstance(node, whoosh_query.Not):
            return set(self.all_docs() - self._docs(node.query))
        return set(self._searcher.docs_for_query(node))

    def _term_docs(self, fieldname: str, text: object) -> set[int]:
        docs: set[int] = set()
        for (leaf, offset), deleted in zip(self._leaves, self._deleted, strict=True):
            for ids, _ in _blocks(leaf.reader(), fieldname, text, weights=False):
                _add_ids(docs, ids, offset, deleted)
        return docs

    def _multiterm_docs(self, node: whoosh_query.MultiTerm) -> set[int]:
        docs: set[int] = set()
        for (leaf, offset), deleted in zip(self._leaves, self._deleted, strict=True):
            reader = leaf.reader()
            for text in node._btexts(reader):
                for ids, _ in _blocks(reader, node.fieldname, text, weights=False):
                    _add_ids(docs, ids, offset, deleted)
        return docs

    # Scores

    def scores(self, node: whoosh_query.Query) -> Scores:
        """Document number -> the score Whoosh gives it; raises Unsupported."""
        if not isinstance(self._searcher.weighting, BM25F):
            raise Unsupported("not BM25F")
        return self._scores(node)

    def _scores(self, node: whoosh_query.Query) -> Scores:
        if isinstance(node, whoosh_query.Term):
            scores = self._term_scores(node.fieldname, node.text)
            if node.boost != 1.0:
                boost = node.boost
                scores = {doc: score * boost for doc, score in scores.items()}
            return scores
        if isinstance(node, ConstantScoreQuery):
            return dict.fromkeys(self._docs(node.child), node.score)
        if isinstance(node, whoosh_query.NumericRange) and node.constantscore:
            return dict.fromkeys(self._docs(node), node.boost)
        if node.boost != 1.0 and type(node) in (whoosh_query.Or, whoosh_query.And):
            boost = node.boost
            unboosted = node.copy()
            unboosted.boost = 1.0
            return {doc: score * boost for doc, score in self._scores(unboosted).items()}
        if type(node) is whoosh_query.Or and not node.scale and not node.minmatch:
            children = [self._scores(child) for child in node.subqueries]
            if not children:
                return {}
            children.sort(key=len, reverse=True)
            total = dict(children[0])
            for child in children[1:]:
                for doc, score in child.items():
                    total[doc] = total.get(doc, 0.0) + score
            return total
        if type(node) is whoosh_query.And:
            positive = [c for c in node.subqueries if not isinstance(c, whoosh_query.Not)]
            negative = [c.query for c in node.subqueries if isinstance(c, whoosh_query.Not)]
            if positive:
                children = sorted((self._scores(child) for child in positive), key=len)
                keep = set(children[0]).intersection(*children[1:])
                for child in negative:
                    keep -= self._docs(child)
                # Whoosh scores a NOT part 1.0 in every document it lets through.
                extra = float(len(negative))
                return {doc: sum(child[doc] for child in children) + extra for doc in keep}
        raise Unsupported(type(node).__name__)

    def _term_scores(self, fieldname: str, text: object) -> Scores:
        key = (fieldname, text)
        kept = self._term_scores_kept
        scores = kept.get(key)
        if scores is not None:
            kept.move_to_end(key)
            return scores
        scores = self._read_term_scores(fieldname, text)
        kept[key] = scores
        while sum(len(s) for s in kept.values()) > REMEMBERED_POSTINGS and len(kept) > 1:
            kept.popitem(last=False)
        return scores

    def _read_term_scores(self, fieldname: str, text: object) -> Scores:
        scores: Scores = {}
        schema = self._searcher.schema
        if fieldname not in schema:
            return scores
        if not schema[fieldname].scorable:
            raise Unsupported("unscorable field")
        for index, ((leaf, offset), deleted) in enumerate(
            zip(self._leaves, self._deleted, strict=True)
        ):
            reader = leaf.reader()
            if (fieldname, text) not in reader:
                continue
            scorer = self._searcher.weighting.scorer(leaf, fieldname, text)
            if type(scorer) is not BM25FScorer:
                raise Unsupported("scorer")
            # Whoosh's bm25(): idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)),
            # with K1 * ((1 - B) + B * fl / avgfl) worked out once per document and field.
            norms = self._length_norms(index, reader, fieldname, scorer)
            top = scorer.idf * (scorer.K1 + 1)
            for ids, weights in _blocks(reader, fieldname, text, weights=True):
                if deleted:
                    kept = [(d, tf) for d, tf in zip(ids, weights, strict=True) if d not in deleted]
                    ids, weights = [d for d, _ in kept], [tf for _, tf in kept]
                block = [top * tf / (tf + norms[d]) for d, tf in zip(ids, weights, strict=True)]
                scores.update(zip([offset + d for d in ids] if offset else ids, block, strict=True))
        return scores

    def _length_norms(
        self, index: int, reader: IndexReader, fieldname: str, scorer: BM25FScorer
    ) -> list[float]:
        """K1 * ((1 - B) + B * length / average length) of every document in the field."""
        key = (index, fieldname)
        norms = self._lengths.get(key)
        if norms is None:
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            count = reader.doc_count_all()
            # Whoosh's scorer takes a missing length column as length 1.
            lengths = [1.0] * count if column is None else [_LENGTHS[b] for b in column]
            k1, b, average = scorer.K1, scorer.B, scorer.avgfl
            norms = self._lengths[key] = [k1 * ((1 - b) + b * fl / average) for fl in lengths]
        return norms


def constant_score(node: whoosh_query.Query) -> float | None:
    """The score every hit of `node` gets, when Whoosh gives them all the same one."""
    if isinstance(node, ConstantScoreQuery):
        return node.score
    if isinstance(node, whoosh_query.NumericRange) and node.constantscore:
        return node.boost
    return None


def _add_ids(docs: set[int], ids: Any, offset: int, deleted: frozenset[int]) -> None:
    if deleted:
        docs.update(offset + d for d in ids if d not in deleted)
    elif offset:
        docs.update([offset + d for d in ids])
    else:
        docs.update(ids)


def _blocks(
    reader: IndexReader, fieldname: str, text: object, *, weights: bool
) -> Iterator[tuple[Any, Any]]:
    """(ids, weights) of each posting block of a term in one segment; deleted docs included."""
    if (fieldname, text) not in reader:
        return
    matcher = reader._terms.matcher(
        fieldname, reader._text_to_bytes(fieldname, text), reader.schema[fieldname].format
    )
    if not isinstance(matcher, W3LeafMatcher):
        if weights:
            raise Unsupported("postings that are not Whoosh 3 blocks")
        yield list(matcher.all_ids()), None
        return
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        ids = matcher._data[0]
        if not matcher._byteids:
            ids = list(accumulate(ids))  # Whoosh's delta_decode, in C
        if weights:
            matcher._read_weights()
            yield ids, matcher._weights
        else:
            yield ids, None
        matcher._next_block()


class DateOrder:
    """Documents newest first, as Whoosh sorts by the `date` column with `reverse=True`, but
    stories without a date last.

    Whoosh sorts (date, document number) pairs in reverse; so does this, once per searcher.
    """

    def __init__(self, searcher: Searcher, live: frozenset[int], fieldname: str = "date") -> None:
        keys: list[Any] = []
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            count = reader.doc_count_all()
            if len(keys) < offset:
                keys.extend([0] * (offset - len(keys)))
            if reader.has_column(fieldname):
                keys.extend(reader.column_reader(fieldname, translate=False))
            else:
                keys.extend([0] * count)
        # A story without a date holds the column's default, the largest number: it goes last.
        missing = searcher.schema[fieldname].column_type._default
        keys = [-1 if key == missing else key for key in keys]
        self._keys = keys
        self._order = sorted(live, key=lambda doc: (keys[doc], doc), reverse=True)

    def first(self, docs: frozenset[int], limit: int) -> list[int]:
        """The `limit` newest of `docs`."""
        if len(docs) * 8 >= len(self._order):
            found = []
            for doc in self._order:
                if doc in docs:
                    found.append(doc)
                    if len(found) == limit:
                        break
            return found
        keys = self._keys
        return heapq.nlargest(limit, docs, key=lambda doc: (keys[doc], doc))
