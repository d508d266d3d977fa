"""Hit sets and BM25F scores read straight from Whoosh's posting blocks, as numpy arrays.

Whoosh walks its matchers one document at a time in Python: about 30 µs per hit and term, so a
word found in 80,000 stories takes seconds, and an exact hit count (`len(results)`) runs the query
a second time. Here a term's postings are read a block at a time and combined as arrays over
every document of the index (one boolean or float per document):

- `docset(query)`: the sorted document numbers of every live document that matches. Terms, OR,
  AND, NOT, ranges, prefixes, fuzzy terms and phrases are read from the blocks; anything else
  asks Whoosh for that part alone.
- `scores(query)`: the hits and their scores for the queries people type (words in fields,
  AND/OR/NOT, date ranges, fuzzy and prefix terms), the same BM25F scores Whoosh computes, and
  phrases, scored as the AND of their words where the phrase occurs (`Unsupported` otherwise).

It reads Whoosh 2.7.4's block layout (`W3PostingsWriter`: a pickled tuple of ids, weights and
values per block, zlib-compressed): the version is pinned and it is Whoosh's last release.
tests/index/test_postings.py and test_phrases.py check both against Whoosh's own search.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np
from whoosh import query as whoosh_query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.query.wrappers import ConstantScoreQuery
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

# Scores of the most recent terms are kept while they hold fewer postings than this (16 bytes
# each): typing `oil pr`, `oil pri`, `oil price` reads the postings of `oil` once.
REMEMBERED_POSTINGS = 300_000
_LENGTHS = np.array([byte_to_length(byte) for byte in range(256)], dtype=np.float64)
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
_ARRAY_DECODING_POSTINGS = 4096
# The pickled bytes of a usual block before its values: per posting a one-byte id delta and
# its opcode, a weight and its opcode; then protocol, marks, tuples, memo and the first id.
_USUAL_BYTES_PER_POSTING = 11
_USUAL_EXTRA_BYTES = 32
_BLOCK_LENGTH = struct.Struct("!i")
_BLOCK_INFO_END = b"tq\x00."  # TUPLE, BINPUT 0, STOP
# Positions of a document in the keys of a phrase check: document number << 32 | position.
_POSITION_BITS = 32
# A posting's positions: a 4-byte count, PROTO 2, then the pickled list; and what makes many
# such lists one pickle (PROTO 2, MARK ... LIST, STOP).
_POSITIONS_BODY = 6
_LIST_START = b"\x80\x02("
_LIST_END = b"l."


class Unsupported(Exception):
    """The query has a part these fast paths don't score the way Whoosh does."""


class Scored(NamedTuple):
    """Matching documents (sorted global numbers) and their scores, index for index."""

    docs: np.ndarray
    scores: np.ndarray


class _Postings(NamedTuple):
    """A term's postings in one segment: local document numbers, weights, and the encoded
    values (positions), each as Latin-1 text in the `start` of a slice (see `_VALUES_AS_SLICES`)."""

    ids: np.ndarray
    weights: np.ndarray
    values: list[slice] | None


class PostingReader:
    """Reads one searcher's postings. Caches per-segment lengths; drop it with the searcher."""

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
                deleted = np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)
                live[offset + deleted] = False
        self.live = live
        self._lengths: dict[tuple[int, str], np.ndarray] = {}
        self._lexicons: dict[str, _Lexicon] = {}
        self._term_scores_kept: OrderedDict[tuple[str, object], Scored] = OrderedDict()

    def forget_queries(self) -> None:
        """Drop the scores kept for recent terms (what is per searcher stays)."""
        self._term_scores_kept.clear()

    # Hit sets

    def docset(self, node: whoosh_query.Query) -> np.ndarray:
        """Sorted global document numbers of every live document that matches `node`."""
        return np.flatnonzero(self.mask(node))

    def mask(self, node: whoosh_query.Query) -> np.ndarray:
        """One boolean per document of the index: True where a live document matches `node`."""
        if isinstance(node, whoosh_query.Term):
            return self._docs_mask(self._term_docs(node.fieldname, node.text))
        if isinstance(node, whoosh_query.Every) and not node.fieldname:
            return self.live.copy()
        if isinstance(node, whoosh_query.NullQuery.__class__):
            return np.zeros(self.size, dtype=bool)
        if isinstance(node, ConstantScoreQuery):
            return self.mask(node.child)
        if isinstance(node, whoosh_query.NumericRange):
            return self.mask(node._compile_query(self._searcher.reader()))
        if isinstance(node, whoosh_query.MultiTerm):
            mask = np.zeros(self.size, dtype=bool)
            for word in self.expanded(node):
                mask[self._term_docs(node.fieldname, word)] = True
            return mask
        if isinstance(node, whoosh_query.Phrase) and _has_positions(self._searcher, node):
            return self._phrase(node, scored=False)[0]
        if type(node) is whoosh_query.Or and not node.scale and not node.minmatch:
            mask = np.zeros(self.size, dtype=bool)
            for child in node.subqueries:
                mask |= self.mask(child)
            return mask
        if type(node) is whoosh_query.And:
            positive = [c for c in node.subqueries if not isinstance(c, whoosh_query.Not)]
            negative = [c.query for c in node.subqueries if isinstance(c, whoosh_query.Not)]
            if positive:
                mask = self.mask(positive[0])
                for child in positive[1:]:
                    mask &= self.mask(child)
                for child in negative:
                    mask &= ~self.mask(child)
                return mask
        if isinstance(node, whoosh_query.Not):
            return self.live & ~self.mask(node.query)
        docs = np.fromiter(self._searcher.docs_for_query(node), dtype=np.int64)
        return self._docs_mask(docs)

    def _docs_mask(self, docs: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[docs] = True
        return mask

    def _term_docs(self, fieldname: str, text: object) -> np.ndarray:
        kept = self._term_scores_kept.get((fieldname, text))
        if kept is not None:
            return kept.docs
        found = [
            offset + postings.ids
            for leaf, offset in self._leaves
            if (postings := _segment_postings(leaf.reader(), fieldname, text)) is not None
        ]
        if not found:
            return np.zeros(0, dtype=np.int64)
        docs = np.concatenate(found)
        return docs[self.live[docs]]

    def expanded(self, node: whoosh_query.MultiTerm) -> list[object]:
        """The words a prefix, wildcard or fuzzy term stands for, in any segment."""
        if isinstance(node, whoosh_query.FuzzyTerm):
            return self._fuzzy_words(node)
        words: set[object] = set()
        for leaf, _ in self._leaves:
            words.update(word for word in node._btexts(leaf.reader()) if word)
        return sorted(words)

    def _fuzzy_words(self, node: whoosh_query.FuzzyTerm) -> list[str]:
        """The words within `maxdist` edits that share the first `prefixlength` letters.

        Whoosh runs a Levenshtein automaton over each segment's words (its spelling field's
        words where the field has one): 100 ms for a word at 100,000 stories. Here the words of
        every segment are listed once per searcher (a few hundred milliseconds); a word
        one edit away is found by looking up each of its one-edit variants, farther ones by
        checking the words of the prefix and a near length.
        """
        schema = self._searcher.schema
        if node.fieldname not in schema:
            return []
        field = schema[node.fieldname]
        lexicon = self._lexicon(field.spelling_fieldname(node.fieldname))
        text, maxdist, length = node.text, node.maxdist, node.prefixlength
        prefix, rest = text[:length], text[length:]
        if maxdist <= 1:
            variants = {rest} | (_one_edit_variants(rest, lexicon.letters) if maxdist else set())
            return sorted(prefix + variant for variant in variants if prefix + variant in lexicon)
        words = lexicon.sorted_words
        found = []
        for word in words[bisect_left(words, prefix) :]:
            if not word.startswith(prefix):
                break
            if abs(len(word) - len(text)) <= maxdist and within_edits(word[length:], rest, maxdist):
                found.append(word)
        return found

    def _lexicon(self, fieldname: str) -> _Lexicon:
        """The words of a field in every segment."""
        lexicon = self._lexicons.get(fieldname)
        if lexicon is None:
            encoded: set[bytes] = set()
            for leaf, _ in self._leaves:
                reader = leaf.reader()
                if fieldname in reader.schema:
                    encoded.update(reader.lexicon(fieldname))
            from_bytes = self._searcher.schema[fieldname].from_bytes
            lexicon = self._lexicons[fieldname] = _Lexicon(set(map(from_bytes, encoded)))
        return lexicon

    # Scores

    def scores(self, node: whoosh_query.Query) -> Scored:
        """The hits of `node` and the scores Whoosh gives them; raises Unsupported."""
        if not isinstance(self._searcher.weighting, BM25F):
            raise Unsupported("not BM25F")
        mask, values = self._scores(node)
        docs = np.flatnonzero(mask)
        return Scored(docs, values[docs])

    def _scores(self, node: whoosh_query.Query) -> tuple[np.ndarray, np.ndarray]:
        """(matches, scores) with one entry per document; scores are 0 where nothing matches."""
        if isinstance(node, whoosh_query.Term):
            term = self._term_scores(node.fieldname, node.text)
            return self._dense(term.docs, term.scores * node.boost)
        if isinstance(node, ConstantScoreQuery):
            mask = self.mask(node.child)
            return mask, mask * node.score
        if isinstance(node, whoosh_query.NumericRange) and node.constantscore:
            mask = self.mask(node)
            return mask, mask * node.boost
        if isinstance(node, whoosh_query.Phrase) and _has_positions(self._searcher, node):
            return self._phrase(node, scored=True)
        if isinstance(node, whoosh_query.MultiTerm):
            # Whoosh scores the words as an OR (its `constantscore` falls back to BM25F), but
            # drops the boost when there is a single word.
            if node.boost != 1.0:
                raise Unsupported("boosted multi-term")
            words = [whoosh_query.Term(node.fieldname, word) for word in self.expanded(node)]
            return self._scores(whoosh_query.Or(words))
        if node.boost != 1.0 and type(node) in (whoosh_query.Or, whoosh_query.And):
            unboosted = node.copy()
            unboosted.boost = 1.0
            mask, values = self._scores(unboosted)
            return mask, values * node.boost
        if type(node) is whoosh_query.Or and not node.scale and not node.minmatch:
            mask = np.zeros(self.size, dtype=bool)
            values = np.zeros(self.size, dtype=np.float64)
            for child in node.subqueries:
                child_mask, child_values = self._scores(child)
                mask |= child_mask
                values += child_values
            return mask, values
        if type(node) is whoosh_query.And:
            positive = [c for c in node.subqueries if not isinstance(c, whoosh_query.Not)]
            negative = [c.query for c in node.subqueries if isinstance(c, whoosh_query.Not)]
            if positive:
                mask, values = self._scores(positive[0])
                for child in positive[1:]:
                    child_mask, child_values = self._scores(child)
                    mask &= child_mask
                    values += child_values
                for child in negative:
                    mask &= ~self.mask(child)
                # Whoosh scores a NOT part 1.0 in every document it lets through.
                values += len(negative)
                values[~mask] = 0.0
                return mask, values
        raise Unsupported(type(node).__name__)

    def _dense(self, docs: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mask = np.zeros(self.size, dtype=bool)
        mask[docs] = True
        values = np.zeros(self.size, dtype=np.float64)
        values[docs] = scores
        return mask, values

    def _term_scores(self, fieldname: str, text: object) -> Scored:
        key = (fieldname, text)
        kept = self._term_scores_kept
        scores = kept.get(key)
        if scores is not None:
            kept.move_to_end(key)
            return scores
        scores = self._read_term_scores(fieldname, text)
        kept[key] = scores
        while sum(len(s.docs) for s in kept.values()) > REMEMBERED_POSTINGS and len(kept) > 1:
            kept.popitem(last=False)
        return scores

    def _read_term_scores(self, fieldname: str, text: object) -> Scored:
        if fieldname not in self._searcher.schema:
            return _no_scores()
        found = []
        for index, (leaf, offset) in enumerate(self._leaves):
            postings = _segment_postings(leaf.reader(), fieldname, text)
            if postings is not None:
                scores = self._bm25(index, fieldname, text, postings.ids, postings.weights)
                found.append((offset + postings.ids, scores))
        if not found:
            return _no_scores()
        docs = np.concatenate([docs for docs, _ in found])
        scores = np.concatenate([scores for _, scores in found])
        live = self.live[docs]
        return Scored(docs[live], scores[live])

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
        norms = self._lengths.get(key)
        if norms is None:
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            count = reader.doc_count_all()
            # Whoosh's scorer takes a missing length column as length 1.
            if column is None:
                lengths = np.ones(count, dtype=np.float64)
            else:
                lengths = _LENGTHS[np.fromiter(column, dtype=np.uint8, count=count)]
            k1, b, average = scorer.K1, scorer.B, scorer.avgfl
            norms = self._lengths[key] = k1 * ((1 - b) + b * lengths / average)
        return norms

    # Phrases

    def _phrase(self, node: whoosh_query.Phrase, *, scored: bool) -> tuple[np.ndarray, np.ndarray]:
        """Documents where the words follow each other (within `slop`), as Whoosh's SpanNear2:
        each next word 1 to `slop` positions after the previous one. Scored as the AND of the
        words in those documents, times the phrase's boost."""
        mask = np.zeros(self.size, dtype=bool)
        values = np.zeros(self.size, dtype=np.float64)
        if not node.words:
            return mask, values
        field = self._searcher.schema[node.fieldname]
        try:
            texts = [field.to_bytes(word) for word in node.words]
        except ValueError:
            return mask, values
        for index, (leaf, offset) in enumerate(self._leaves):
            reader = leaf.reader()
            postings = [_segment_postings(reader, node.fieldname, t, values=True) for t in texts]
            if any(p is None for p in postings):
                continue
            candidates = postings[0].ids
            for word in postings[1:]:
                candidates = candidates[_in_sorted(candidates, word.ids)]
            candidates = candidates[self.live[offset + candidates]]
            if not len(candidates):
                continue
            ends = _position_keys(postings[0], candidates)
            for word in postings[1:]:
                following = _position_keys(word, candidates)
                near = np.zeros(len(following), dtype=bool)
                for distance in range(1, node.slop + 1):
                    near |= _in_sorted(following - distance, ends)
                ends = following[near]
            documents = ends >> _POSITION_BITS  # sorted
            found = documents[np.diff(documents, prepend=-1) != 0]
            mask[offset + found] = True
            if scored:
                for text, word in zip(texts, postings, strict=True):
                    at = np.searchsorted(word.ids, found)
                    values[offset + found] += self._bm25(
                        index, node.fieldname, text, found, word.weights[at]
                    )
        if node.boost != 1.0:
            values *= node.boost
        return mask, values


def _has_positions(searcher: Searcher, node: whoosh_query.Phrase) -> bool:
    """Whether the phrase's field keeps positions (Whoosh reports the error otherwise)."""
    if node.fieldname not in searcher.schema:
        return False
    field = searcher.schema[node.fieldname]
    return bool(field.format) and field.format.supports("positions")


def _in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Whether each of `values` is in `sorted_values` (sorted): a binary search, no sort."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def _no_scores() -> Scored:
    return Scored(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def _position_keys(postings: _Postings, docs: np.ndarray) -> np.ndarray:
    """Sorted `document << 32 | position` of every position of the term in `docs`."""
    assert postings.values is not None
    values = postings.values
    encoded = [values[at].start for at in np.searchsorted(postings.ids, docs).tolist()]
    deltas, counts = _position_deltas(encoded)
    totals = np.cumsum(deltas)
    firsts = np.cumsum(counts) - counts  # where each document's deltas start
    before = totals[firsts] - deltas[firsts]  # the running total before each document
    positions = totals - np.repeat(before, counts)
    return (np.repeat(docs, counts) << _POSITION_BITS) | positions


def _position_deltas(encoded: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The position deltas of each encoded value, one after the other, and how many each has.

    Whoosh's Positions format: a 4-byte count, then a pickle (protocol 2) of the list of deltas:
    PROTO, EMPTY_LIST, BINPUT, then BININT1 and APPEND for one delta, or MARK, a BININT1 each
    and APPENDS; STOP. Lists of deltas below 256 are read as arrays; the others, cut of their
    protocol and stop opcodes, are joined into one list of lists and unpickled in one call.
    """
    if not encoded:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    data = np.frombuffer("".join(encoded).encode("latin-1") + bytes(16), dtype=np.uint8)
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
        joined = "".join([encoded[at][_POSITIONS_BODY:-1] for at in unusual]).encode("latin-1")
        delta_lists = pickle.loads(_LIST_START + joined + _LIST_END)
        for at, delta_list in zip(unusual, delta_lists, strict=True):
            deltas[firsts[at] : firsts[at] + counts[at]] = delta_list
    return deltas, counts


class _Lexicon:
    """The words of a field in every segment, and the letters they are made of."""

    def __init__(self, words: set[str]) -> None:
        self._words = words
        self.sorted_words = sorted(words)
        self.letters = sorted(set().union(*words)) if words else []

    def __contains__(self, word: str) -> bool:
        return word in self._words


def _one_edit_variants(word: str, letters: list[str]) -> set[str]:
    """Every string one deletion, insertion or substitution away from `word`."""
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    variants = {head + tail[1:] for head, tail in splits if tail}
    variants.update(head + letter + tail[1:] for head, tail in splits if tail for letter in letters)
    variants.update(head + letter + tail for head, tail in splits for letter in letters)
    return variants


def within_edits(word: str, other: str, maxdist: int) -> bool:
    """Whether the Levenshtein distance (no transpositions, as Whoosh's automaton) is at most
    `maxdist`."""
    start = 0
    shortest = min(len(word), len(other))
    while start < shortest and word[start] == other[start]:
        start += 1
    word, other = word[start:], other[start:]
    while word and other and word[-1] == other[-1]:
        word, other = word[:-1], other[:-1]
    if len(word) <= maxdist and len(other) <= maxdist:
        return True
    if abs(len(word) - len(other)) > maxdist:
        return False
    previous = list(range(len(other) + 1))
    for row, char in enumerate(word, start=1):
        current = [row]
        for column, other_char in enumerate(other, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (char != other_char),
                )
            )
        if min(current) > maxdist:
            return False
        previous = current
    return previous[-1] <= maxdist


def constant_score(node: whoosh_query.Query) -> float | None:
    """The score every hit of `node` gets, when Whoosh gives them all the same one."""
    if isinstance(node, ConstantScoreQuery):
        return node.score
    if isinstance(node, whoosh_query.NumericRange) and node.constantscore:
        return node.boost
    return None


def best(scored: Scored, limit: int) -> list[tuple[int, float]]:
    """The `limit` best (document, score) pairs: highest score first, ties in index order."""
    docs, scores = scored
    if len(docs) > limit:
        cut = len(scores) - limit
        threshold = np.partition(scores, cut)[cut]
        keep = scores >= threshold
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return list(zip(docs[order].tolist(), scores[order].tolist(), strict=True))


def _segment_postings(
    reader: IndexReader, fieldname: str, text: object, *, values: bool = False
) -> _Postings | None:
    """The postings of a term in one segment, deleted documents included; None if absent."""
    if (fieldname, text) not in reader:
        return None
    btext = reader._text_to_bytes(fieldname, text)
    matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    ids: list[int] = []
    weights: list[float] = []
    encoded: list[slice] = []
    counts: list[int] = []
    heads: list[bytes] = []
    if not isinstance(matcher, W3LeafMatcher):  # a rare term's postings kept in its term info
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                encoded.append(slice(matcher.value().decode("latin-1"), None))
            matcher.next()
    elif matcher._byteids:
        raise Unsupported("postings of a term vector")
    for count, compressed, raw in _raw_blocks(matcher):
        counts.append(count)
        if not values:
            heads.append(_ids_and_weights_pickle(raw, compressed, count))
            continue
        data = zlib.decompress(raw) if compressed else raw
        heads.append(_ids_and_weights_pickle(data, False, count))
        # Each value is pickled as `_codecs.encode(text, "latin-1")`: calling `slice` instead
        # keeps the text, without making a bytes object of every value.
        encoded.extend(pickle.loads(data.replace(_VALUES_START, _VALUES_AS_SLICES, 1))[2])
    if sum(counts) >= _ARRAY_DECODING_POSTINGS:
        return _Postings(*_decode_ids_and_weights(counts, heads), encoded if values else None)
    for count, head in zip(counts, heads, strict=True):
        deltas, block_weights = pickle.loads(head)[:2]
        ids.extend(accumulate(deltas))  # Whoosh's delta_decode, in C
        weights.extend(_block_weights(block_weights, count))
    return _Postings(
        np.array(ids, dtype=np.int64),
        np.array(weights, dtype=np.float64),
        encoded if values else None,
    )


def _raw_blocks(matcher: Any) -> Iterator[tuple[int, bool, bytes]]:
    """(postings, compressed, data) of each block of a term's Whoosh 3 postings.

    A block is its length (negative for the last), the pickled tuple (postings, last id, most
    weight, compression, shortest and longest length), then the data. Read here without
    Whoosh's matcher, which seeks and unpickles through several layers per block.
    """
    if not isinstance(matcher, W3LeafMatcher):
        return
    postfile = matcher._postfile
    position = matcher._baseoffset
    while True:
        length = _BLOCK_LENGTH.unpack(postfile.get(position, 4))[0]
        block = postfile.get(position + 4, abs(length))
        count, _, _, compression = pickle.loads(block)[:4]  # stops at the info's end
        yield count, bool(compression), block[block.index(_BLOCK_INFO_END) + len(_BLOCK_INFO_END) :]
        if length < 0:
            return
        position += 4 + length


def _block_weights(weights: Any, count: int) -> Any:
    """A block's weights as Whoosh minifies them: None for all 1.0, one float for all, or each."""
    if weights is None:
        return [1.0] * count
    if isinstance(weights, float):
        return [weights] * count
    return weights


def _ids_and_weights_pickle(raw: bytes, compressed: bool, count: int) -> bytes:
    """A block's pickle cut to a tuple of (id deltas, weights): its values are neither
    decompressed nor unpickled."""
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
    if data[start - 1] == _PICKLE_MARK:  # more than three values open with a MARK
        start -= 1
    return data[:start] + _PAIR_AND_STOP


def _decode_ids_and_weights(counts: list[int], pickles: list[bytes]) -> tuple[np.ndarray, ...]:
    """Document numbers and weights of consecutive blocks, from their cut pickles.

    Unpickling makes a Python int and float per posting; a word in most stories has 80,000.
    The usual layout is cut into byte strings that numpy reads at once instead: PROTO 2, MARK,
    the first id (BININT1, BININT2 or BININT), the other id deltas as BININT1 (opcode, byte),
    TUPLE, BINPUT; then the weights as None, one BINFLOAT for all, or MARK and a BINFLOAT
    (opcode, 8 bytes) each. Blocks laid out otherwise (a delta of 256 or more, three postings
    or fewer) are unpickled.
    """
    first_ids: list[int] = []
    delta_bytes: list[bytes] = []
    weight_records: list[bytes] = []
    unusual: list[int] = []
    for block, (count, data) in enumerate(zip(counts, pickles, strict=True)):
        width = _ID_WIDTHS.get(data[3], 0) if len(data) > 3 else 0
        ids_end = 3 + width + 2 * (count - 1)  # TUPLE after the ids
        weights_at = ids_end + 3  # after TUPLE, BINPUT 0
        usual = (
            count > 3
            and width
            and data[2] == _PICKLE_MARK
            and data[ids_end : ids_end + 2] == _TUPLE_BINPUT
            and data[3 + width : ids_end : 2] == _BININT1_OPCODES[: count - 1]
        )
        tag = data[weights_at] if usual and len(data) > weights_at else None
        if tag == _PICKLE_MARK:
            records = data[weights_at + 1 : weights_at + 1 + 9 * count]
            usual = records[::9] == _BINFLOAT_OPCODES[:count]
        elif tag == _BINFLOAT:
            records = data[weights_at : weights_at + 9] * count
        elif tag == _NONE:
            records = _ONE_WEIGHT * count
        else:
            usual = False
        if not usual:
            unusual.append(block)
            first_ids.append(0)
            delta_bytes.append(bytes(count - 1))
            weight_records.append(_ONE_WEIGHT * count)
            continue
        first_ids.append(int.from_bytes(data[4 : 3 + width], "little"))
        delta_bytes.append(data[4 + width : ids_end : 2])
        weight_records.append(records)
    sizes = np.array(counts, dtype=np.int64)
    firsts = np.cumsum(sizes) - sizes  # each block's first posting
    deltas = np.empty(int(sizes.sum()), dtype=np.int64)
    later = np.ones(len(deltas), dtype=bool)
    later[firsts] = False
    deltas[firsts] = first_ids
    deltas[later] = np.frombuffer(b"".join(delta_bytes), dtype=np.uint8)
    weights = np.frombuffer(b"".join(weight_records), dtype=_WEIGHT_RECORD)["weight"].astype(
        np.float64
    )
    for block in unusual:
        block_deltas, block_weights = pickle.loads(pickles[block])[:2]
        span = slice(firsts[block], firsts[block] + sizes[block])
        deltas[span] = block_deltas
        weights[span] = 1.0 if block_weights is None else block_weights
    totals = np.cumsum(deltas)
    ids = totals - np.repeat(totals[firsts] - deltas[firsts], sizes)
    return ids, weights


class DateOrder:
    """Documents newest first, as Whoosh sorts by the `date` column with `reverse=True`, but
    stories without a date last.

    Whoosh sorts (date, document number) pairs in reverse; so does this, once per searcher.
    """

    def __init__(self, searcher: Searcher, live: np.ndarray, fieldname: str = "date") -> None:
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
        docs = np.flatnonzero(live)
        order = sorted(docs.tolist(), key=lambda doc: (keys[doc], doc), reverse=True)
        # rank[doc]: where the document comes in the order (dead documents last).
        self._rank = np.full(len(live), len(order), dtype=np.int64)
        self._rank[np.array(order, dtype=np.int64)] = np.arange(len(order))

    def first(self, docs: np.ndarray, limit: int) -> list[int]:
        """The `limit` newest of `docs`."""
        ranks = self._rank[docs]
        if len(docs) > limit:
            nearest = np.argpartition(ranks, limit)[:limit]
            docs, ranks = docs[nearest], ranks[nearest]
        return docs[np.argsort(ranks, kind="stable")].tolist()
