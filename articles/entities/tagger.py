"""A greedy left-to-right entity tagger: an averaged perceptron over word and tag features.

The model (`data/conll_tagger.json.gz`) is trained on the CoNLL-2003 train split by
`python -m benchmarks.train_entities`. Tags are IOB2 over PER, LOC, ORG and MISC.

Speed comes from two things. A word's weights at each offset are summed once per word type and
cached. And a weight vector (one whole number per tag) is packed into one Python int, a fixed
width field per tag, each field raised by `_FIELD_OFFSET` so it never goes negative: adding
vectors is then one int addition, and every field carries the same offset, so the largest field
is still the best tag.
"""

from __future__ import annotations

import gzip
import json
import struct
from functools import cache
from importlib.resources import files
from itertools import repeat

from articles.entities.features import (
    BOUNDARY,
    OFFSETS,
    PlaceWords,
    features_by_offset,
    history_features,
    short_shape,
    word_shape,
)

MODEL_FILE = "conll_tagger.json.gz"
OUTSIDE = "O"
HISTORY = "history"
PAIRS = "pairs"
# The model's weights: one group per word offset, and the tag-history group.
WEIGHT_GROUPS = (*(str(offset) for offset in OFFSETS), HISTORY, PAIRS)

_FIELD_BITS = 32
_FIELD_OFFSET = 1 << 20  # above any stored weight's magnitude
# Enough word types for a large archive's working vocabulary (about 50 MB); a cache is cleared
# when full.
_MAX_CACHED = 100_000


@cache
def load_model() -> dict:
    """The shipped model: {"tags", "weights": {group: {feature: weights}}, "vocabulary"}."""
    data = files("articles.entities").joinpath("data", MODEL_FILE).read_bytes()
    return json.loads(gzip.decompress(data))


class Tagger:
    def __init__(self, model: dict) -> None:
        self.tags: tuple[str, ...] = tuple(model["tags"])
        self._unpack = struct.Struct(f"<{len(self.tags)}I").unpack
        self._packed_size = len(self.tags) * _FIELD_BITS // 8
        groups = model["weights"]
        self._by_offset = [
            {name: self._pack(vector) for name, vector in groups[str(offset)].items()}
            for offset in OFFSETS
        ]
        self._history = {name: self._pack(vector) for name, vector in groups[HISTORY].items()}
        self._pairs = {name: self._pack(vector) for name, vector in groups[PAIRS].items()}
        places = model["places"]
        self._places = PlaceWords(frozenset(places["names"]), frozenset(places["parts"]))
        self.place_names = self._places.names
        vocabulary = model["vocabulary"]
        self.known_words = frozenset(vocabulary)
        # Words seen in lower case in training: the language's common words.
        self.common_words = frozenset(w for w in vocabulary if w.isalpha() and w.islower())
        self._word_cache: dict[str, tuple[int | str, ...]] = {}
        self._history_cache: dict[tuple[str, str, str], int] = {}
        # Summing a word's weights is the slow part of tagging a word for the first time: do it
        # now for the words met most (about 0.2 s), so `tag` rarely has to.
        for word in vocabulary:
            self._word(word)

    def _pack(self, vector: list[int]) -> int:
        packed = 0
        for slot, weight in enumerate(vector):
            if not -_FIELD_OFFSET < weight < _FIELD_OFFSET:
                raise ValueError(f"weight {weight} too large for the packed fields")
            packed |= (weight + _FIELD_OFFSET) << (slot * _FIELD_BITS)
        return packed

    def _word(self, word: str) -> tuple[int | str, ...]:
        """The word's packed weights at each offset, far left to far right, then its shape."""
        if len(self._word_cache) >= _MAX_CACHED:
            self._word_cache.clear()
        by_offset = features_by_offset(word, self._places)
        vectors = [
            sum(map(weights.get, by_offset.get(offset, ()), repeat(0)))
            for offset, weights in zip(OFFSETS, self._by_offset, strict=True)
        ]
        entry = self._word_cache[word] = (*vectors, short_shape(word_shape(word)))
        return entry

    def _history_vector(self, key: tuple[str, str, str]) -> int:
        if len(self._history_cache) >= _MAX_CACHED:
            self._history_cache.clear()
        previous, before_previous, shape = key
        names = history_features(previous, before_previous, shape)
        vector = self._history_cache[key] = sum(map(self._history.get, names, repeat(0)))
        return vector

    def tag(self, words: list[str]) -> list[str]:
        """One IOB2 tag per word of a sentence."""
        cached_word, word_entry = self._word_cache.get, self._word
        entries = [
            cached_word(word) or word_entry(word)
            for word in (BOUNDARY, BOUNDARY, *words, BOUNDARY, BOUNDARY)
        ]
        far_left, near_left, own, near_right, far_right, shapes = zip(*entries, strict=True)
        lower = [BOUNDARY, *(word.lower() for word in words), BOUNDARY]
        pair = self._pairs.get
        cached_history, history_entry = self._history_cache.get, self._history_vector
        unpack, size, tags = self._unpack, self._packed_size, self.tags
        before_previous = previous = OUTSIDE
        result = []
        for index in range(len(words)):
            key = (previous, before_previous, shapes[index + 2])
            total = (
                far_left[index]
                + near_left[index + 1]
                + own[index + 2]
                + near_right[index + 3]
                + far_right[index + 4]
                + (cached_history(key) or history_entry(key))
                # features.pair_features, written out here because this loop is the hot path
                + pair(f"L={lower[index]}|{lower[index + 1]}", 0)
                + pair(f"R={lower[index + 1]}|{lower[index + 2]}", 0)
            )
            scores = unpack(total.to_bytes(size, "little"))
            best = tags[scores.index(max(scores))]
            result.append(best)
            before_previous, previous = previous, best
        return result
