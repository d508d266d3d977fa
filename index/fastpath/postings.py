"""Hit sets and BM25F scores of a query, read from Whoosh's posting blocks as numpy arrays.

Whoosh walks its matchers one document at a time in Python: about 30 µs per hit and term, so a
word found in 80,000 stories takes seconds, and an exact hit count (`len(results)`) runs the query
a second time. Here a term's postings are read a block at a time (`index.fastpath.blocks`) and
combined as arrays over every document of the index (one boolean or float per document):

- `docset(query)`: the sorted document numbers of every live document that matches. Terms, OR,
  AND, NOT, ranges, prefixes, fuzzy terms and phrases are read from the blocks, the user's marks
  (`index.fastpath.docsets.DocnumSet`) are an array of their own; anything else
  asks Whoosh for that part alone, and the whole query if the blocks can't be read.
- `scores(query)`: the hits and their scores for the queries people type (words in fields,
  AND/OR/NOT, date ranges, fuzzy and prefix terms, phrases), the same BM25F scores Whoosh
  computes (`Unsupported` otherwise).

tests/index/test_postings.py and test_phrases.py check both against Whoosh's own search.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence

import numpy as np
from whoosh import query as whoosh_query
from whoosh.query.wrappers import ConstantScoreQuery
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from index.fastpath import compat
from index.fastpath.blocks import Postings, Unsupported, column_values, readable
from index.fastpath.docsets import DocnumSet
from index.fastpath.fuzzy import Lexicon, segment_words
from index.fastpath.phrases import readable_positions, segment_phrase
from index.fastpath.posting_arrays import segment_postings
from index.fastpath.ranking import Scored, constant_score

# Scores of the most recent terms are kept while they hold fewer postings than this (16 bytes
# each), and at most this many terms: typing `oil pr`, `oil pri`, `oil price` reads the
# postings of `oil` once. The words a prefix or fuzzy term stands for are not kept.
REMEMBERED_POSTINGS = 300_000
REMEMBERED_TERMS = 256
# Whoosh's OR of a multi-term's words scores each hit 1.0 in a segment this small (see
# `PostingReader._segment_expansion_scores`).
_ARRAY_UNION_MAX_DOCS = 5000
_LENGTHS = np.array([byte_to_length(byte) for byte in range(256)], dtype=np.float64)

# Matches (one boolean per document) and scores (one float per document, 0 where nothing
# matches; None when only the matches were asked for).
_Matches = tuple[np.ndarray, np.ndarray | None]


class PostingReader:
    """Reads one searcher's postings. Keeps what is per searcher (the live documents, the
    fields' length norms, the word lists of fuzzy terms) and the scores of recent terms; drop
    it with the searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._leaves: list[tuple[Searcher, int]] = list(searcher.leaf_searchers())
        self.size = max(
            (offset + leaf.reader().doc_count_all() for leaf, offset in self._leaves), default=0
        )
        live = np.zeros(self.size, dtype=bool)
        for leaf, offset in self._leaves:
            reader = leaf.reader()
            live[offset : offset + reader.doc_count_all()] = True
            # An empty index has one reader without segments (nor deletions).
            if reader.has_deletions():
                deleted = np.fromiter(compat.deleted_docs(reader), dtype=np.int64)
                live[offset + deleted] = False
        self.live = live
        self._readable = all(readable(leaf.reader()) for leaf, _ in self._leaves)
        self._length_norms_kept: dict[tuple[int, str], np.ndarray] = {}
        self._lexicons: dict[str, Lexicon] = {}
        self._term_scores_kept: OrderedDict[tuple[str, object], Scored] = OrderedDict()
        self._kept_postings = 0

    def forget_queries(self) -> None:
        """Drop the scores kept for recent terms (what is per searcher stays)."""
        self._term_scores_kept.clear()
        self._kept_postings = 0

    def docset(self, node: whoosh_query.Query) -> np.ndarray:
        """Sorted global document numbers of every live document that matches `node`."""
        try:
            return np.flatnonzero(self._match(node, scored=False)[0])
        except Unsupported:
            return np.unique(np.fromiter(self._searcher.docs_for_query(node), dtype=np.int64))

    def scores(self, node: whoosh_query.Query) -> Scored:
        """The hits of `node` and the scores Whoosh gives them; raises Unsupported."""
        if not isinstance(self._searcher.weighting, BM25F):
            raise Unsupported("not BM25F")
        mask, values = self._match(node, scored=True)
        assert values is not None
        docs = np.flatnonzero(mask)
        return Scored(docs, values[docs])

    def expanded(self, node: whoosh_query.MultiTerm) -> Sequence[object]:
        """The words a prefix, wildcard or fuzzy term stands for, in any segment."""
        if isinstance(node, whoosh_query.FuzzyTerm):
            return self._fuzzy_words(node)
        words: set[bytes] = set()
        for leaf, _ in self._leaves:
            words.update(word for word in compat.multiterm_words(node, leaf.reader()) if word)
        return sorted(words)

    # The query tree

    def _match(self, node: whoosh_query.Query, *, scored: bool) -> _Matches:
        """The matches of `node`, and its scores if `scored`: raises Unsupported for a part
        that Whoosh scores differently, or whose blocks can't be read."""
        score = constant_score(node)
        if scored and score is not None:
            mask = self._match(node, scored=False)[0]
            return mask, mask * score
        if isinstance(node, whoosh_query.Term):
            if scored:
                term = self._term_scores(node.fieldname, node.text)
                return self._dense(term.docs, term.scores * node.boost)
            return self._dense(self._term_docs(node.fieldname, node.text))
        if isinstance(node, whoosh_query.Phrase) and readable_positions(self._searcher, node):
            return self._phrase(node, scored=scored)
        if isinstance(node, whoosh_query.MultiTerm):
            return self._expanded_terms(node, scored=scored)
        if scored and node.boost != 1.0 and type(node) in (whoosh_query.Or, whoosh_query.And):
            unboosted = node.copy()
            unboosted.boost = 1.0
            mask, values = self._match(unboosted, scored=True)
            assert values is not None
            return mask, values * node.boost
        if type(node) is whoosh_query.Or and not node.scale and not node.minmatch:
            return self._any(node.subqueries, scored=scored)
        if type(node) is whoosh_query.And:
            positive = [c for c in node.subqueries if not isinstance(c, whoosh_query.Not)]
            negative = [c.query for c in node.subqueries if isinstance(c, whoosh_query.Not)]
            if positive:
                return self._all_but(positive, negative, scored=scored)
        if scored:
            raise Unsupported(type(node).__name__)
        return self._unscored_match(node), None

    def _unscored_match(self, node: whoosh_query.Query) -> np.ndarray:
        """The matches of the parts that are never scored here; Whoosh's for the rest."""
        if isinstance(node, whoosh_query.Every) and not node.fieldname:
            return self.live.copy()
        if isinstance(node, DocnumSet):
            return self._dense(node.docnums)[0] & self.live
        if isinstance(node, type(whoosh_query.NullQuery)):
            return np.zeros(self.size, dtype=bool)
        if isinstance(node, ConstantScoreQuery):
            return self._match(node.child, scored=False)[0]
        if isinstance(node, whoosh_query.NumericRange):
            return self._match(
                compat.numeric_range_terms(node, self._searcher.reader()), scored=False
            )[0]
        if isinstance(node, whoosh_query.Not):
            return self.live & ~self._match(node.query, scored=False)[0]
        docs = np.fromiter(self._searcher.docs_for_query(node), dtype=np.int64)
        return self._dense(docs)[0]

    def _any(self, children: list[whoosh_query.Query], *, scored: bool) -> _Matches:
        mask = np.zeros(self.size, dtype=bool)
        values = np.zeros(self.size, dtype=np.float64) if scored else None
        for child in children:
            if type(child) is whoosh_query.Term:
                # Added where the word is: a word's own arrays over every document would be
                # two more of the index's size per word (`title`, `body`, `author` per word
                # typed), and most words are in few of them.
                if values is None:
                    mask[self._term_docs(child.fieldname, child.text)] = True
                else:
                    term = self._term_scores(child.fieldname, child.text)
                    mask[term.docs] = True
                    values[term.docs] += term.scores * child.boost
                continue
            child_mask, child_values = self._match(child, scored=scored)
            mask |= child_mask
            if values is not None:
                values += child_values
        return mask, values

    def _all_but(
        self,
        positive: list[whoosh_query.Query],
        negative: list[whoosh_query.Query],
        *,
        scored: bool,
    ) -> _Matches:
        mask, values = self._match(positive[0], scored=scored)
        for child in positive[1:]:
            child_mask, child_values = self._match(child, scored=scored)
            mask &= child_mask
            if values is not None:
                values += child_values
        for child in negative:
            mask &= ~self._match(child, scored=False)[0]
        if values is not None:
            if negative:  # Whoosh scores a NOT part 1.0 in every document it lets through.
                values += len(negative)
            values[~mask] = 0.0
        return mask, values

    def _dense(self, docs: np.ndarray, scores: np.ndarray | None = None) -> _Matches:
        mask = np.zeros(self.size, dtype=bool)
        mask[docs] = True
        if scores is None:
            return mask, None
        values = np.zeros(self.size, dtype=np.float64)
        values[docs] = scores
        return mask, values

    # Terms

    def _term_docs(self, fieldname: str, text: object) -> np.ndarray:
        kept = self._term_scores_kept.get((fieldname, text))
        if kept is not None:
            return kept.docs
        return self._read_term(fieldname, text, scored=False)[0]

    def _term_scores(self, fieldname: str, text: object, *, keep: bool = True) -> Scored:
        key = (fieldname, text)
        kept = self._term_scores_kept
        scores = kept.get(key)
        if scores is not None:
            kept.move_to_end(key)
            return scores
        docs, values = self._read_term(fieldname, text, scored=True)
        assert values is not None
        scores = Scored(docs, values)
        if keep:
            kept[key] = scores
            self._kept_postings += len(docs)
            while len(kept) > 1 and (
                self._kept_postings > REMEMBERED_POSTINGS or len(kept) > REMEMBERED_TERMS
            ):
                self._kept_postings -= len(kept.popitem(last=False)[1].docs)
        return scores

    def _read_term(self, fieldname: str, text: object, *, scored: bool) -> _Matches:
        """The term's live documents (sorted global numbers), and their scores if `scored`."""
        docs: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        for index, postings in self._segment_postings(fieldname, text):
            docs.append(self._leaves[index][1] + postings.ids)
            if scored:
                scores.append(self._bm25(index, fieldname, text, postings.ids, postings.weights))
        if not docs:
            nowhere = np.zeros(0, dtype=np.int64)
            return nowhere, np.zeros(0, dtype=np.float64) if scored else None
        found = np.concatenate(docs)
        live = self.live[found]
        return found[live], np.concatenate(scores)[live] if scored else None

    def _segment_postings(self, fieldname: str, text: object) -> Iterator[tuple[int, Postings]]:
        """(leaf index, postings) of the term in each segment that has it."""
        if not self._readable:
            raise Unsupported("postings in another layout")
        for index, (leaf, _) in enumerate(self._leaves):
            postings = segment_postings(leaf.reader(), fieldname, text)
            if postings is not None:
                yield index, postings

    def _expanded_terms(self, node: whoosh_query.MultiTerm, *, scored: bool) -> _Matches:
        """A prefix, wildcard or fuzzy term: its words, scored in each segment as Whoosh does
        (`_segment_expansion_scores`), without an array per word."""
        words = self.expanded(node)
        if not scored:
            docs = [self._term_docs(node.fieldname, word) for word in words]
            return self._dense(np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64))
        found: list[list[tuple[object, Postings]]] = [[] for _ in self._leaves]
        for word in words:
            for index, postings in self._segment_postings(node.fieldname, word):
                found[index].append((word, postings))
        docs = [np.zeros(0, dtype=np.int64)]
        scores = [np.zeros(0, dtype=np.float64)]
        for index, segment_found in enumerate(found):
            if segment_found:
                ids, values = self._segment_expansion_scores(index, node, segment_found)
                docs.append(self._leaves[index][1] + ids)
                scores.append(values)
        all_docs = np.concatenate(docs)
        live = self.live[all_docs]
        all_docs = all_docs[live]
        # Summed per document in the words' order, as Whoosh's OR adds them.
        values = np.bincount(all_docs, weights=np.concatenate(scores)[live], minlength=self.size)
        return self._dense(all_docs)[0], values

    def _segment_expansion_scores(
        self, index: int, node: whoosh_query.MultiTerm, found: list[tuple[object, Postings]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(local ids, scores) of the words a multi-term stands for in one segment.

        Whoosh scores the words as a one-word term (boost dropped) or as an OR of them with
        weighting None: BM25F for a tree of unions, but 1.0 a hit from its array union, which
        it picks for 1,024 words or more, or for three or more in a segment of at most 5,000
        documents (`Or._matcher`, when the collector doesn't need the current match).
        """
        segment_size = self._leaves[index][0].doc_count_all()
        if len(found) >= whoosh_query.Or.TOO_MANY_CLAUSES or (
            len(found) > 2 and segment_size <= _ARRAY_UNION_MAX_DOCS
        ):
            ids = np.unique(np.concatenate([postings.ids for _, postings in found]))
            return ids, np.ones(len(ids), dtype=np.float64)
        ids = np.concatenate([postings.ids for _, postings in found])
        values = np.concatenate(
            [
                self._bm25(index, node.fieldname, word, postings.ids, postings.weights)
                for word, postings in found
            ]
        )
        if len(found) > 1:
            values *= node.boost
        return ids, values

    def _fuzzy_words(self, node: whoosh_query.FuzzyTerm) -> list[str]:
        """The words within `maxdist` edits that share the first `prefixlength` letters."""
        schema = self._searcher.schema
        if node.fieldname not in schema:
            return []
        fieldname = schema[node.fieldname].spelling_fieldname(node.fieldname)
        words = self.words_within(fieldname, node.text, node.maxdist, node.prefixlength)
        variants = getattr(node, "variant_terms", ())  # `StemmedFuzzyTerm`
        if not variants:
            return words
        lexicon = self._lexicon(fieldname)
        return sorted(set(words).union(term for term in variants if term in lexicon))

    def words_within(self, fieldname: str, text: str, maxdist: int, prefixlength: int) -> list[str]:
        """The field's words at most `maxdist` edits from `text` that keep its first
        `prefixlength` letters (`Lexicon.within_edits`)."""
        return self._lexicon(fieldname).within_edits(text, maxdist, prefixlength)

    def _lexicon(self, fieldname: str) -> Lexicon:
        """The words of a field in every segment."""
        lexicon = self._lexicons.get(fieldname)
        if lexicon is None:
            encoded: set[bytes] = set()
            for leaf, _ in self._leaves:
                encoded.update(segment_words(leaf.reader(), fieldname))
            from_bytes = self._searcher.schema[fieldname].from_bytes
            lexicon = self._lexicons[fieldname] = Lexicon(set(map(from_bytes, encoded)))
        return lexicon

    # Phrases

    def _phrase(self, node: whoosh_query.Phrase, *, scored: bool) -> _Matches:
        """Documents where the phrase occurs (`index.fastpath.phrases`); scored as the AND of its
        words in those documents, times the phrase's boost, as Whoosh scores it."""
        mask = np.zeros(self.size, dtype=bool)
        values = np.zeros(self.size, dtype=np.float64) if scored else None
        if not node.words:
            return mask, values
        field = self._searcher.schema[node.fieldname]
        try:
            texts = [field.to_bytes(word) for word in node.words]
        except ValueError:
            return mask, values
        if not self._readable:
            raise Unsupported("postings in another layout")
        for index, (leaf, offset) in enumerate(self._leaves):
            reader = leaf.reader()
            live = self.live[offset : offset + reader.doc_count_all()]
            found, postings = segment_phrase(reader, node.fieldname, texts, node.slop, live)
            mask[offset + found] = True
            if values is None or not len(found):
                continue
            for text, word in zip(texts, postings, strict=True):
                weights = word.weights[np.searchsorted(word.ids, found)]
                values[offset + found] += self._bm25(index, node.fieldname, text, found, weights)
        if values is not None and node.boost != 1.0:
            values *= node.boost
        return mask, values

    # BM25F

    def _bm25(
        self, index: int, fieldname: str, text: object, ids: np.ndarray, weights: np.ndarray
    ) -> np.ndarray:
        """Whoosh's bm25(): idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))."""
        if not self._searcher.schema[fieldname].scorable:
            raise Unsupported("unscorable field")
        leaf = self._leaves[index][0]
        scorer = self._searcher.weighting.scorer(leaf, fieldname, text)
        if type(scorer) is not BM25FScorer:
            raise Unsupported("scorer")
        norms = self._length_norms(index, leaf.reader(), fieldname, scorer)
        return scorer.idf * (weights * (scorer.K1 + 1)) / (weights + norms[ids])

    def _length_norms(
        self, index: int, reader: IndexReader, fieldname: str, scorer: BM25FScorer
    ) -> np.ndarray:
        """K1 * ((1 - B) + B * length / average length) of every document in the field."""
        key = (index, fieldname)
        norms = self._length_norms_kept.get(key)
        if norms is None:
            column = compat.length_column(reader, fieldname)
            count = reader.doc_count_all()
            # Whoosh's scorer takes a missing length column as length 1.
            if column is None:
                lengths = np.ones(count, dtype=np.float64)
            else:
                lengths = _LENGTHS[column_values(column, count, np.dtype(np.uint8))]
            k1, b, average = scorer.K1, scorer.B, scorer.avgfl
            norms = self._length_norms_kept[key] = k1 * ((1 - b) + b * lengths / average)
        return norms
