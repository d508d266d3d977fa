"""The words a fuzzy term stands for, found without Whoosh's automaton.

Whoosh runs a Levenshtein automaton over each segment's words (its spelling field's words where
the field has one): 100 ms for a word at 100,000 stories, over a second for two edits. A field's
words are listed once per searcher instead (a few hundred milliseconds). A word one edit away is
found by looking up each of the one-edit variants of the word; two edits make too many variants,
so the distances to the words of a near length are computed as arrays, all words at once.
"""

from __future__ import annotations

import time
from itertools import groupby

import numpy as np
from whoosh.reading import IndexReader

from index.fastpath import compat

# Listing a field's words holds the interpreter lock; a search in another thread (the reader
# suggests a spelling beside its searches) would wait a switch interval each time it takes the
# lock back. Letting go after this many words (about a millisecond) keeps it at its pace.
WORDS_BETWEEN_PAUSES = 1000


class Lexicon:
    """The words of a field in every segment, and the letters they are made of."""

    def __init__(self, words: set[str]) -> None:
        self._words = words
        self._letters = sorted(set().union(*words)) if words else []
        self._by_length: dict[int, np.ndarray] | None = None

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def within_edits(self, text: str, maxdist: int, prefixlength: int) -> list[str]:
        """The words at most `maxdist` edits from `text` (deletions, insertions and
        substitutions, as Whoosh's automaton) that keep its first `prefixlength` letters."""
        prefix, rest = text[:prefixlength], text[prefixlength:]
        if maxdist <= 1:
            variants = {rest} | (one_edit_variants(rest, self._letters) if maxdist else set())
            return sorted(prefix + v for v in variants if prefix + v in self._words)
        target = np.array([ord(char) for char in rest], dtype=np.uint32)
        found: list[str] = []
        for length in range(len(text) - maxdist, len(text) + maxdist + 1):
            words = self._words_of_length(length)
            start, end = np.searchsorted(words, [prefix, prefix + "\U0010ffff"])
            if end <= start:
                continue
            candidates = words[start:end]
            codes = candidates.view(np.uint32).reshape(len(candidates), length)[:, len(prefix) :]
            found.extend(candidates[_capped_distances(codes, target, maxdist) <= maxdist].tolist())
        return sorted(found)

    def _words_of_length(self, length: int) -> np.ndarray:
        """The words of `length` letters, sorted, as a numpy string array."""
        if self._by_length is None:
            self._by_length = {
                size: np.array(list(group), dtype=f"U{size}")
                for size, group in groupby(sorted(self._words, key=lambda w: (len(w), w)), len)
                if size
            }
        return self._by_length.get(length, np.array([], dtype="U1"))


def one_edit_variants(word: str, letters: list[str]) -> set[str]:
    """Every string one deletion, insertion or substitution away from `word`."""
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    variants = {head + tail[1:] for head, tail in splits if tail}
    variants.update(head + letter + tail[1:] for head, tail in splits if tail for letter in letters)
    variants.update(head + letter + tail for head, tail in splits for letter in letters)
    return variants


def _capped_distances(words: np.ndarray, target: np.ndarray, maxdist: int) -> np.ndarray:
    """The Levenshtein distance of each row of `words` (code points) to `target`, or
    `maxdist + 1` where it is more.

    The dynamic programme runs over the word's letters (rows) and the target's (columns) with
    every word at once. Only cells within `maxdist` of the diagonal can be that near; the rest
    hold the cap, which keeps the nearer cells exact (Ukkonen).
    """
    count, length = words.shape
    cap = maxdist + 1
    columns = len(target) + 1
    letters = np.ascontiguousarray(words.T)
    previous = np.minimum(np.arange(columns, dtype=np.int16), cap)[:, None].repeat(count, 1)
    for row in range(1, length + 1):
        current = np.full((columns, count), cap, dtype=np.int16)
        if row <= maxdist:
            current[0] = row
        differs = letters[row - 1] != target[:, None]
        for column in range(max(1, row - maxdist), min(columns - 1, row + maxdist) + 1):
            best = np.minimum(previous[column], current[column - 1]) + 1
            np.minimum(best, previous[column - 1] + differs[column - 1], out=best)
            np.minimum(best, cap, out=current[column])
        previous = current
    return previous[-1]


def segment_words(reader: IndexReader, fieldname: str) -> list[bytes]:
    """The encoded words of a field in one segment.

    Whoosh's `lexicon()` decodes each key of the terms table through several generators;
    the table's keys are sorted and each field's are together, so the field's part of the
    file is read in one go and walked here (a third of the time).
    """
    if fieldname not in reader.schema:
        return []
    keys = compat.term_keys(reader, fieldname)
    if keys is None:
        return list(reader.lexicon(fieldname))
    table, prefix, header = keys
    start = table.closest_key_pos(prefix)
    if start is None:
        return []
    following = int.from_bytes(prefix, "big") + 1  # the next field's keys start there
    end = (
        table.closest_key_pos(following.to_bytes(len(prefix), "big"))
        if following < 1 << 16
        else None
    )
    data = table.dbfile.get(start, (table.endofdata if end is None else end) - start)
    words = []
    position = 0
    while position < len(data):
        key_length, value_length = header.unpack_from(data, position)
        key = data[position + header.size : position + header.size + key_length]
        if not key.startswith(prefix):
            break
        words.append(key[len(prefix) :])
        position += header.size + key_length + value_length
        if len(words) % WORDS_BETWEEN_PAUSES == 0:
            time.sleep(0)  # lets a search in another thread take the interpreter lock
    return words
