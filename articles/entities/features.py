"""Features of a word for the entity tagger, shared by training and tagging.

The tagger scores each token from features of the words around it (two either side). Every
feature belongs to one word at one offset, so a word's total contribution at an offset can be
summed once per word type and cached; only the previous tags are per-token.
"""

from __future__ import annotations

from dataclasses import dataclass

# Offsets from the tagged token whose words contribute features.
OFFSETS = (-2, -1, 0, 1, 2)
# Stands for the words before the start and after the end of a line.
BOUNDARY = "<s>"


def word_shape(word: str) -> str:
    """Letters as X/x, digits as d, other characters kept: "Gašić" -> "Xxxxx"."""
    return "".join(
        "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        for char in word
    )


def short_shape(shape: str) -> str:
    """A shape with repeats collapsed: "Xxxxx" -> "Xx", "dd-dd" -> "d-d"."""
    collapsed = []
    for char in shape:
        if not collapsed or collapsed[-1] != char:
            collapsed.append(char)
    return "".join(collapsed)


def _flags(word: str) -> list[str]:
    flags = []
    if word.isupper() and len(word) > 1:
        flags.append("upper")
    elif word[:1].isupper():
        flags.append("title")
    if any(char.isdigit() for char in word):
        flags.append("digit")
    if "-" in word:
        flags.append("hyphen")
    if "." in word:
        flags.append("period")
    if any(ord(char) > 127 for char in word):
        flags.append("accented")
    return flags


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """Words of a place gazetteer: whole one-word names, and words of longer names."""

    names: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()


def features_by_offset(word: str, places: PlaceWords) -> dict[int, list[str]]:
    """The feature names `word` contributes at each offset from the token being tagged."""
    if word == BOUNDARY:
        return {offset: ["w=" + BOUNDARY] for offset in OFFSETS if offset}
    lower = word.lower()
    shape = word_shape(word)
    short = short_shape(shape)
    flags = ["f=" + flag for flag in _flags(word)]
    if word in places.names:
        flags.append("g=place")
    elif word in places.parts:
        flags.append("g=part")
    own = [
        "bias",
        "W=" + word,
        "w=" + lower,
        "S=" + shape[:6],
        "s=" + short,
        *flags,
        *(f"p{n}={lower[:n]}" for n in (1, 2, 3, 4) if len(lower) > n),
        *(f"x{n}={lower[-n:]}" for n in (1, 2, 3, 4) if len(lower) > n),
        "len=" + str(min(len(word), 8)),
    ]
    near = ["W=" + word, "w=" + lower, "s=" + short, "x3=" + lower[-3:], *flags]
    far = ["w=" + lower, "s=" + short]
    return {-2: far, -1: near, 0: own, 1: near, 2: far}


def history_features(previous: str, before_previous: str, shape: str) -> list[str]:
    """Features of the two tags already given to the tokens before, and the word's shape."""
    return ["t1=" + previous, f"t2={before_previous}|{previous}", f"t1s={previous}|{shape}"]


def pair_features(before: str, word: str, after: str) -> tuple[str, str]:
    """Features of the lower-cased word with its neighbour on each side ("bank|of")."""
    return (f"L={before}|{word}", f"R={word}|{after}")
