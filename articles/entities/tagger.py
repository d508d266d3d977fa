"""A greedy left-to-right entity tagger: an averaged perceptron over word and tag features.

The model (`data/conll_tagger.json.gz`) is trained on the CoNLL-2003 train split by
`python -m benchmarks.train_entities`. Tags are IOB2 over PER, LOC, ORG and MISC.

Speed comes from doing per word type, per sentence or per shape what need not be done per
token. A weight vector (one whole number per tag) is packed into one Python int, a fixed width
field per tag, each field raised by `_FIELD_OFFSET` so it never goes negative: adding vectors is
then one int addition, and every field carries the same offset, so the largest field is still
the best tag. A word's weights at each offset are summed once per word type and cached; a
sentence's word and word-pair weights are summed in one pass before the tags are chosen; and
the weights of the tag history are kept per word shape as one vector per pair of previous tags,
so choosing a token's tag is one addition and one unpacking.
"""

from __future__ import annotations

import gzip
import json
import struct
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import repeat
from operator import mul

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
# The prefixes of pairs.pair_features, which split the word pairs into left and right ones.
_LEFT_PAIR, _RIGHT_PAIR = "L=", "R="

_FIELD_BITS = 32
_FIELD_OFFSET = 1 << 20  # above any stored weight's magnitude
# Enough word types for a large archive's working vocabulary (about 50 MB); a cache is cleared
# when full.
_MAX_CACHED = 100_000

# A word type's packed weights at each offset (far left to far right), its short shape and its
# lower-case form.
WordEntry = tuple[int, int, int, int, int, str, str]


@dataclass(frozen=True, slots=True)
class PackedModel:
    """The model's weights as packed vectors, ready for tagging; shared by every tagger."""

    tags: tuple[str, ...]
    by_offset: tuple[dict[str, int], ...]
    history: dict[str, int]
    left_pairs: dict[tuple[str, str], int]  # (before, word) of each word and the one before it
    right_pairs: dict[tuple[str, str], int]  # (word, after)
    places: PlaceWords
    vocabulary: tuple[str, ...]


def _packed_vectors(vectors: dict[str, list[int]], tag_count: int) -> dict[str, int]:
    if vectors and max(max(map(abs, vector)) for vector in vectors.values()) >= _FIELD_OFFSET:
        raise ValueError("a weight is too large for the packed fields")
    field_values = [1 << (slot * _FIELD_BITS) for slot in range(tag_count)]
    offsets = _FIELD_OFFSET * sum(field_values)
    return {name: sum(map(mul, vector, field_values)) + offsets for name, vector in vectors.items()}


def _by_word_pair(pairs: dict[str, int], prefix: str) -> dict[tuple[str, str], int]:
    """The vectors of the pair features with this prefix by their two words: a tuple of two
    words is cheaper to look up than the name joined from them. A name with more "|" in it is
    filed under each way of splitting it, as each joins to it."""
    by_word_pair = {}
    for name, vector in pairs.items():
        if name.startswith(prefix):
            joined = name[len(prefix) :]
            for split in range(len(joined)):
                if joined[split] == "|":
                    by_word_pair[joined[:split], joined[split + 1 :]] = vector
    return by_word_pair


@cache
def load_model() -> PackedModel:
    """The shipped model, read and packed once per process (the JSON it was read from is let go:
    it is twice the packed model's size)."""
    model = json.loads(
        gzip.decompress(files("articles.entities").joinpath("data", MODEL_FILE).read_bytes())
    )
    tags = tuple(model["tags"])
    groups = {name: _packed_vectors(group, len(tags)) for name, group in model["weights"].items()}
    pairs = groups[PAIRS]
    places = model["places"]
    return PackedModel(
        tags=tags,
        by_offset=tuple(groups[str(offset)] for offset in OFFSETS),
        history=groups[HISTORY],
        left_pairs=_by_word_pair(pairs, _LEFT_PAIR),
        right_pairs=_by_word_pair(pairs, _RIGHT_PAIR),
        places=PlaceWords(frozenset(places["names"]), frozenset(places["parts"])),
        vocabulary=tuple(model["vocabulary"]),
    )


class Tagger:
    def __init__(self, model: PackedModel) -> None:
        self.tags = model.tags
        self._model = model
        self._unpack = struct.Struct(f"<{len(self.tags)}I").unpack
        self._packed_size = len(self.tags) * _FIELD_BITS // 8
        self._places = model.places
        self.place_names = model.places.names
        self.known_words = frozenset(model.vocabulary)
        # Words seen in lower case in training: the language's common words.
        self.common_words = frozenset(w for w in model.vocabulary if w.isalpha() and w.islower())
        # A state is the previous two tags, as `previous * len(tags) + before_previous`.
        self._start_state = self.tags.index(OUTSIDE) * (len(self.tags) + 1)
        self._word_cache: dict[str, WordEntry] = {}
        self._history_cache: dict[str, list[int]] = {}
        self._history_for_unseen_shapes = self._history_by_state("")
        self._boundary = self._word(BOUNDARY)
        # Summing a word's weights is the slow part of tagging a word for the first time: do it
        # now for the words met most (about 0.1 s), so `tag` rarely has to.
        for word in model.vocabulary:
            self._word(word)

    def _word(self, word: str) -> WordEntry:
        if len(self._word_cache) >= _MAX_CACHED:
            self._word_cache.clear()
        by_offset = features_by_offset(word, self._places)
        far_left, near_left, own, near_right, far_right = (
            sum(map(weights.get, by_offset.get(offset, ()), repeat(0)))
            for offset, weights in zip(OFFSETS, self._model.by_offset, strict=True)
        )
        entry = self._word_cache[word] = (
            far_left,
            near_left,
            own,
            near_right,
            far_right,
            short_shape(word_shape(word)),
            word.lower(),
        )
        return entry

    def _history_by_state(self, shape: str) -> list[int]:
        """The history weights of a word of this shape, after each state."""
        weights, tags = self._model.history, self.tags
        return [
            sum(map(weights.get, history_features(previous, before_previous, shape), repeat(0)))
            for previous in tags
            for before_previous in tags
        ]

    def _history(self, shape: str) -> list[int]:
        if len(self._history_cache) >= _MAX_CACHED:
            self._history_cache.clear()
        by_state = self._history_by_state(shape)
        if by_state == self._history_for_unseen_shapes:
            by_state = self._history_for_unseen_shapes  # one list for the many shapes never met
        self._history_cache[shape] = by_state
        return by_state

    def tag(self, words: list[str]) -> list[str]:
        """One IOB2 tag per word of a sentence."""
        entries = list(map(self._word_cache.get, words))
        if None in entries:
            entries = [
                entry or self._word(word) for entry, word in zip(entries, words, strict=True)
            ]
        boundary = self._boundary
        far_left, near_left, own, near_right, far_right, shapes, lower = zip(
            boundary, boundary, *entries, boundary, boundary, strict=True
        )
        # The word pairs around each word: pair i is (word i - 1, word i), boundaries included.
        pairs = list(zip(lower[1:], lower[2:-1], strict=False))
        word_weights = map(
            sum,
            zip(
                far_left,
                near_left[1:],
                own[2:],
                near_right[3:],
                far_right[4:],
                map(self._model.left_pairs.get, pairs, repeat(0)),
                map(self._model.right_pairs.get, pairs[1:], repeat(0)),
                strict=False,  # most run on past the last word: zip stops there
            ),
        )
        cached_history, history = self._history_cache.get, self._history
        unpack, size, tag_count = self._unpack, self._packed_size, len(self.tags)
        state = self._start_state
        best_tags = []
        for weights, shape in zip(word_weights, shapes[2:], strict=False):
            scores = unpack(
                (weights + (cached_history(shape) or history(shape))[state]).to_bytes(
                    size, "little"
                )
            )
            best = scores.index(max(scores))
            best_tags.append(best)
            state = best * tag_count + state // tag_count
        return list(map(self.tags.__getitem__, best_tags))
