"""The words a fuzzy term one edit away stands for, found by lookup rather than by a scan.

Whoosh runs a Levenshtein automaton over each segment's words (its spelling field's words where
the field has one): 100 ms for a word at 100,000 stories. A field's words are listed once per
searcher instead (a few hundred milliseconds), and a word one edit away is found by looking up
each of the one-edit variants of the word. Two edits make too many variants to look up: those
terms keep Whoosh's automaton.
"""

from __future__ import annotations


class Lexicon:
    """The words of a field in every segment, and the letters they are made of."""

    def __init__(self, words: set[str]) -> None:
        self._words = words
        self._letters = sorted(set().union(*words)) if words else []

    def within_one_edit(self, text: str, maxdist: int, prefixlength: int) -> list[str]:
        """The words at most `maxdist` (0 or 1) edits from `text` (deletion, insertion or
        substitution, as Whoosh's automaton) that keep its first `prefixlength` letters."""
        prefix, rest = text[:prefixlength], text[prefixlength:]
        variants = {rest} | (_one_edit_variants(rest, self._letters) if maxdist else set())
        return sorted(prefix + variant for variant in variants if prefix + variant in self._words)


def _one_edit_variants(word: str, letters: list[str]) -> set[str]:
    """Every string one deletion, insertion or substitution away from `word`."""
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    variants = {head + tail[1:] for head, tail in splits if tail}
    variants.update(head + letter + tail[1:] for head, tail in splits if tail for letter in letters)
    variants.update(head + letter + tail for head, tail in splits for letter in letters)
    return variants
