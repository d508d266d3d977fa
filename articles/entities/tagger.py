"""A greedy left-to-right entity tagger: an averaged perceptron over word and tag features.

The model (`data/conll_tagger.json.gz`) is trained on the CoNLL-2003 train split by
`python -m benchmarks.train_entities`. Tags are IOB2 over PER, LOC, ORG and MISC.

Speed comes from doing per word type, per sentence or per shape what need not be done per
token, and from choosing most tokens' tag without looking at every tag's score.

A weight vector (one whole number per tag) is packed into one Python int, a fixed width field
per tag, each field raised by `_FIELD_OFFSET` so it never goes negative: adding vectors is then
one int addition, and every field carries the same offset, so the largest field is still the
best tag. Above the tag fields, a packed vector carries its *margin*: how far its weight for O
is ahead of its weight for any other tag (negative when behind). The margins add up with the
vectors, and a sum of margins is never more than the margin of the sum; so a token whose total
is not negative (its margins' sum is not) is O, without unpacking its scores. That is most
tokens (O is the first tag, so it also wins a tie).

A word's weights at each offset are summed once per word type and cached (the model keeps a
feature's vectors for every offset side by side in one int, so one sum gives all five); a
sentence's word and word-pair weights are summed in one pass before the tags are chosen; and
the weights of the tag history are kept per word shape, one vector per pair of previous tags.
"""

from __future__ import annotations

import gzip
import json
import struct
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import chain, compress, count, repeat
from operator import add, lt
from typing import Any, cast

from articles.entities.features import (
    BOUNDARY,
    OFFSETS,
    PlaceWords,
    history_features,
    tagging_features,
)

MODEL_FILE = "conll_tagger.json.gz"
COUNTRIES_FILE = "countries_and_states.txt"
REGIONS_FILE = "regions.txt"
OUTSIDE = "O"
HISTORY = "history"
PAIRS = "pairs"
# The model's weights: one group per word offset, and the tag-history group.
WEIGHT_GROUPS = (*(str(offset) for offset in OFFSETS), HISTORY, PAIRS)
# The prefixes of features.pair_features, which split the word pairs into left and right ones.
_LEFT_PAIR, _RIGHT_PAIR = "L=", "R="

_FIELD_BITS = 32
_FIELD_OFFSET = 1 << 20  # above any stored weight's magnitude
_NO_PAIRS: dict[str, int] = {}  # the pair weights of the many words in no pair: never written
# Enough word types for a large archive's working vocabulary (about 50 MB); a cache is cleared
# when full.
_MAX_CACHED = 100_000

# A word type's packed weights at each offset (far left to far right), its word-pair weights by
# the (lower-case) word before it and by the word after it, its short shape and its lower-case
# form.
WordEntry = tuple[int, int, int, int, int, dict[str, int], dict[str, int], str, str]
# The history weights of a word of one shape after each state (the previous two tags, as
# `previous * len(tags) + before_previous`), less the lowest of their margins, which is added to
# the word's own weights instead.
History = tuple[list[int], int]


class Packing:
    """How weight vectors over `tag_count` tags are packed into ints (see the module's doc)."""

    def __init__(self, tag_count: int) -> None:
        self._tag_count = tag_count
        self._margin_shift = tag_count * _FIELD_BITS
        self.fields_mask = (1 << self._margin_shift) - 1
        self.fields_size = self._margin_shift // 8
        self.unpack_fields = struct.Struct(f"<{tag_count}I").unpack

    def side_by_side(self, vector: int, slot: int) -> int:
        """A packed vector (margin 0) moved to the `slot`th place of an int holding vectors
        side by side, the first lowest: a sum of such ints holds the sum of each place's."""
        return vector << (slot * self._margin_shift)

    def split(self, packed: int, count: int) -> list[int]:
        """The first `count` vectors of an int holding them side by side, each with its own
        margin."""
        size, shift, mask = self.fields_size, self._margin_shift, self.fields_mask
        scores = struct.unpack(
            f"<{count * self._tag_count}I", packed.to_bytes(count * size, "little")
        )
        tag_count = self._tag_count
        return [
            ((packed >> (slot * shift)) & mask)
            + ((scores[first] - max(scores[first + 1 : first + tag_count])) << shift)
            for slot, first in enumerate(range(0, count * tag_count, tag_count))
        ]

    def pack(self, vectors: dict[str, list[int]]) -> dict[str, int]:
        """The vectors packed, their margins left at 0 (see `with_own_margin`)."""
        weights = list(chain.from_iterable(vectors.values()))
        if len(weights) != len(vectors) * self._tag_count:
            raise ValueError(f"weight vectors of other lengths than {self._tag_count}")
        if weights and max(map(abs, weights)) >= _FIELD_OFFSET:
            raise ValueError("a weight too large for the packed fields")
        raised = struct.pack(f"<{len(weights)}I", *map(add, weights, repeat(_FIELD_OFFSET)))
        size = self.fields_size
        return {
            name: int.from_bytes(raised[start : start + size], "little")
            for name, start in zip(vectors, range(0, len(raised), size), strict=True)
        }

    def scores(self, packed: int) -> tuple[int, ...]:
        """Each tag's score, all raised by the same amount."""
        return self.unpack_fields((packed & self.fields_mask).to_bytes(self.fields_size, "little"))

    def lowest_margin(self, vectors: list[int]) -> int:
        """A packed vector of no scores whose margin is the lowest margin of `vectors`."""
        return min(vector >> self._margin_shift for vector in vectors) << self._margin_shift

    def with_own_margin(self, packed: int) -> int:
        """A sum of packed vectors with the margin of the sum, not the (lower) sum of margins."""
        fields = packed & self.fields_mask
        scores: tuple[int, ...] = self.unpack_fields(fields.to_bytes(self.fields_size, "little"))
        return fields + ((scores[0] - max(scores[1:])) << self._margin_shift)


@dataclass(frozen=True, slots=True)
class PackedModel:
    """The model's weights as packed vectors, ready for tagging; shared by every tagger."""

    tags: tuple[str, ...]
    packing: Packing
    # A feature's vectors at each offset (far left first), `side_by_side`.
    by_feature: dict[str, int]
    history: dict[str, int]
    # The pair vectors of a lower-case word with the word before it, by that word; and with the
    # word after it.
    pairs_before: dict[str, dict[str, int]]
    pairs_after: dict[str, dict[str, int]]
    places: PlaceWords
    vocabulary: tuple[str, ...]


def _pairs_by_word(
    pairs: dict[str, int], prefix: str, word_first: bool
) -> dict[str, dict[str, int]]:
    """The vectors of the pair features with this prefix by the word they are for, then by its
    neighbour (first in the name or second): two strings, whose hashes are kept, are cheaper to
    look up than a tuple of them or the name joined from them. A name with more "|" in it is
    filed under each way of splitting it, as each joins to it."""
    by_word: dict[str, dict[str, int]] = {}
    for name, vector in pairs.items():
        if name.startswith(prefix):
            words = name[len(prefix) :].split("|")
            for split in range(1, len(words)):
                first, second = "|".join(words[:split]), "|".join(words[split:])
                word, neighbour = (first, second) if word_first else (second, first)
                by_word.setdefault(word, {})[neighbour] = vector
    return by_word


@cache
def load_model() -> PackedModel:
    """The shipped model, read and packed once per process (the JSON it was read from is let go:
    it is twice the packed model's size)."""
    return pack_model(
        json.loads(
            gzip.decompress(files("articles.entities").joinpath("data", MODEL_FILE).read_bytes())
        )
    )


def load_countries_and_states() -> frozenset[str]:
    """The names of countries, of nations with national teams and of US states."""
    return _names_in(COUNTRIES_FILE)


def load_regions() -> frozenset[str]:
    """The names of the states and provinces of countries whose news is written in English
    (`benchmarks.regions`)."""
    return _names_in(REGIONS_FILE)


def _names_in(data_file: str) -> frozenset[str]:
    lines = files("articles.entities").joinpath("data", data_file).read_text("utf-8")
    return frozenset(line for line in lines.splitlines() if line and not line.startswith("#"))


def pack_model(model: dict[str, Any]) -> PackedModel:
    """A model as the model file holds it (`benchmarks.train_entities` writes it), packed."""
    tags = tuple(model["tags"])
    if tags[0] != OUTSIDE:
        raise ValueError(f"the model's first tag is {tags[0]}, not {OUTSIDE}")
    packing = Packing(len(tags))
    groups = {name: packing.pack(group) for name, group in model["weights"].items()}
    # Pair vectors are added to a token's total one by one: each needs its margin. The others
    # are summed first (per word, per shape) and given the margin of their sum.
    pairs = {name: packing.with_own_margin(vector) for name, vector in groups[PAIRS].items()}
    by_feature: dict[str, int] = {}
    for slot, offset in enumerate(OFFSETS):
        for name, vector in groups[str(offset)].items():
            by_feature[name] = by_feature.get(name, 0) + packing.side_by_side(vector, slot)
    places = model["places"]
    return PackedModel(
        tags=tags,
        packing=packing,
        by_feature=by_feature,
        history=groups[HISTORY],
        pairs_before=_pairs_by_word(pairs, _LEFT_PAIR, word_first=False),
        pairs_after=_pairs_by_word(pairs, _RIGHT_PAIR, word_first=True),
        places=PlaceWords(frozenset(places["names"]), frozenset(places["parts"])),
        vocabulary=tuple(model["vocabulary"]),
    )


class Tagger:
    def __init__(self, model: PackedModel) -> None:
        self.tags = model.tags
        self._model = model
        self._packing = model.packing
        self._places = model.places
        self._by_feature = model.by_feature
        own_slot = OFFSETS.index(0)
        self._not_own = sum(
            model.packing.side_by_side(model.packing.fields_mask, slot)
            for slot in range(len(OFFSETS))
            if slot != own_slot
        )
        self.place_names = model.places.names
        self.known_words = frozenset(model.vocabulary)
        # Words seen in lower case in training: the language's common words.
        self.common_words = frozenset(w for w in model.vocabulary if w.isalpha() and w.islower())
        self._word_cache: dict[str, WordEntry] = {}
        self._history_cache: dict[str, History] = {}
        self._history_sums_for_unseen_shapes = self._history_sums("")
        self._history_for_unseen_shapes = self._history_from_sums(
            self._history_sums_for_unseen_shapes
        )
        self._boundary = self.word_entry(BOUNDARY)
        # Summing a word's weights is the slow part of tagging a word for the first time: do it
        # now for the words met most (about 0.1 s), so `tag` rarely has to.
        for word in model.vocabulary:
            self.word_entry(word)

    def word_entry(self, word: str) -> WordEntry:
        """The packed weights `word` gives each offset (its own with the lowest history margin
        of its shape), its pair weights, its short shape and its lower-case form, kept where
        `tag` looks first."""
        if len(self._word_cache) >= _MAX_CACHED:
            self._word_cache.clear()
        features, not_own_features, shape = tagging_features(word, self._places)
        by_feature = self._by_feature
        summed = sum(map(by_feature.get, features, repeat(0)))
        if not_own_features:
            summed += sum(map(by_feature.get, not_own_features, repeat(0))) & self._not_own
        far_left, near_left, own, near_right, far_right = self._packing.split(summed, len(OFFSETS))
        _, lowest_history_margin = self._history_cache.get(shape) or self._history(shape)
        lower = word.lower()
        entry = self._word_cache[word] = (
            far_left,
            near_left,
            own + lowest_history_margin,
            near_right,
            far_right,
            self._model.pairs_before.get(lower, _NO_PAIRS),
            self._model.pairs_after.get(lower, _NO_PAIRS),
            shape,
            lower,
        )
        return entry

    def _history_sums(self, shape: str) -> list[int]:
        """The history weights of a word of this shape after each state, margins not own."""
        weights, tags = self._model.history, self.tags
        return [
            sum(map(weights.get, history_features(previous, before, shape), repeat(0)))
            for previous in tags
            for before in tags
        ]

    def _history_from_sums(self, sums: list[int]) -> History:
        by_state = list(map(self._packing.with_own_margin, sums))
        lowest = self._packing.lowest_margin(by_state)
        return [vector - lowest for vector in by_state], lowest

    def _history(self, shape: str) -> History:
        if len(self._history_cache) >= _MAX_CACHED:
            self._history_cache.clear()
        sums = self._history_sums(shape)
        if sums == self._history_sums_for_unseen_shapes:
            history = self._history_for_unseen_shapes  # one for the many shapes never met
        else:
            history = self._history_from_sums(sums)
        self._history_cache[shape] = history
        return history

    def tag(self, words: list[str]) -> list[str]:
        """One IOB2 tag per word of a sentence."""
        entries = list(map(self._word_cache.get, words))
        if None in entries:
            entries = [
                entry or self.word_entry(word) for entry, word in zip(entries, words, strict=True)
            ]
        boundary = self._boundary
        # Every entry is found by now (mypy does not narrow on `None in entries`).
        known = cast("list[WordEntry]", entries)
        far_left, near_left, own, near_right, far_right, before, after, shapes, lower = zip(
            boundary, boundary, *known, boundary, boundary, strict=True
        )
        # Word i is at i + 2, after two boundaries. (Chained two at a time, the additions run
        # faster than `sum` over a zip.)
        word_weights = list(
            map(
                add,
                map(
                    add,
                    map(add, map(add, far_left, near_left[1:]), map(add, own[2:], near_right[3:])),
                    map(add, far_right[4:], map(dict.get, before[2:], lower[1:], repeat(0))),
                ),
                map(dict.get, after[2:], lower[3:], repeat(0)),
            )
        )
        # Each word's tag, after two O for the tags before the sentence.
        best_tags = [0] * (len(words) + 2)
        cached_history, history = self._history_cache.get, self._history
        scores, tag_count = self._packing.scores, len(self.tags)
        # A token whose weights, with the lowest history margin of its shape, are not negative
        # is O whatever the tags before it: only the others need their history.
        for index in compress(count(), map(lt, word_weights, repeat(0))):
            by_state, _ = cached_history(shapes[index + 2]) or history(shapes[index + 2])
            state = best_tags[index + 1] * tag_count + best_tags[index]
            total = word_weights[index] + by_state[state]
            if total < 0:  # else O's margin over every other tag is not negative: O
                tag_scores = scores(total)
                best_tags[index + 2] = tag_scores.index(max(tag_scores))
        return list(map(self.tags.__getitem__, best_tags[2:]))
